import enum
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzes.kinds import mark
from quizzes.marking import Mark, QuestionKey, normalise, parse_number


def typed(text, *, accept=(), reject=(), kind="name"):
    answer = {"text": text, "accept": list(accept), "reject": list(reject), "kind": kind}
    return QuestionKey("typed", [], answer)


ZINOVIEV = typed("Zinoviev", accept=["Grigory Zinoviev"], reject=["Kamenev"])
STALIN = typed("Joseph Stalin", accept=["Stalin"])
COLLECTIVISATION = typed("Collectivisation", kind="term")
YEAR_1928 = typed("1928", kind="year")

MULTIPLE_CHOICE = QuestionKey(
    "multiple_choice",
    ["Trotsky", "Stalin", "Kamenev", "Bukharin"],
    "Stalin",
)
TRUE_FALSE = QuestionKey("true_false", ["True", "False"], True)
EVENTS = [
    "Lenin dies",
    "Trotsky expelled from the Party",
    "First Five-Year Plan begins",
    "Kirov is murdered",
    "Great Terror begins",
]
ORDERING = QuestionKey("ordering", [EVENTS[i] for i in (3, 0, 4, 1, 2)], EVENTS)
PAIRS = {
    "Trotsky": "Permanent revolution",
    "Stalin": "Socialism in one country",
    "Bukharin": "Continue the NEP",
    "Yezhov": "Head of the NKVD",
    "Stakhanov": "Record coal output",
}
MATCHING = QuestionKey(
    "matching",
    {"left": list(PAIRS), "right": sorted(PAIRS.values())},
    PAIRS,
)
ALL_QUESTIONS = [
    ZINOVIEV,
    STALIN,
    YEAR_1928,
    typed("10 million", kind="number"),
    QuestionKey("cloze", [], ZINOVIEV.answer),
    MULTIPLE_CHOICE,
    TRUE_FALSE,
    ORDERING,
    MATCHING,
    QuestionKey("multiple_select", EVENTS[:4], EVENTS[:2]),
]


def matched(answers):
    return dict(zip(PAIRS, answers, strict=True))


# normalise and parse_number ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("  Zinoviev ", "zinoviev"),
        ("ZINOVIEV", "zinoviev"),
        ("Zinóviev", "zinoviev"),
        ("The  Five-Year   Plan!", "five year plan"),
        ("Stalin's 'Great Turn'", "stalins great turn"),
        ("the", "the"),
        ("?!", ""),
    ],
)
def test_normalise_ignores_case_spacing_punctuation_accents_and_a_leading_the(text, form):
    assert normalise(text) == form


@given(st.text(max_size=50))
def test_normalising_twice_changes_nothing(text):
    assert normalise(normalise(text)) == normalise(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10", 10),
        ("ten", 10),
        ("Twenty-five thousand", 25_000),
        ("25,000", 25_000),
        ("25 thousand", 25_000),
        ("10 million", 10_000_000),
        ("ten million", 10_000_000),
        ("10,000,000", 10_000_000),
        ("2.5 million", 2_500_000),
        ("a million", 1_000_000),
        ("two hundred and fifty", 250),
        ("nineteen hundred", 1900),
        ("36%", 36),
        ("36 percent", 36),
        ("36 per cent", 36),
        ("1/4", 0.25),
        ("a quarter", 0.25),
        ("quarter", 0.25),
        ("one fourth", 0.25),
        ("three fourths", 0.75),
        ("1928.", 1928),
    ],
)
def test_parse_number_reads_digits_and_words(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    ["", "Stalin", "ten ten", "twenty twelve", "nineteen twenty-eight", "a", "1/0", "1928 or 1929"],
)
def test_parse_number_refuses_to_guess(text):
    assert parse_number(text) is None


def test_parse_number_gives_whole_numbers_as_ints():
    assert isinstance(parse_number("2.5 million"), int)


# Typed and cloze ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "response"),
    [
        (ZINOVIEV, "Zinoviev"),
        (ZINOVIEV, "  zinoviev  "),
        (ZINOVIEV, "ZINOVIEV."),
        (ZINOVIEV, "Zinóviev"),
        (ZINOVIEV, "the Zinoviev"),
        (ZINOVIEV, "Grigory Zinoviev"),
        (ZINOVIEV, "Zinovyev"),
        (ZINOVIEV, "Zinoveiv"),
        (STALIN, "Joseph Stalin"),
        (STALIN, "stalin"),
        (typed("Bukharin"), "Bukarin"),
        (COLLECTIVISATION, "collectivization"),
        (COLLECTIVISATION, "the collectivisation"),
        (typed("Five-Year Plan", kind="term"), "five year plan"),
        (typed("Five-Year Plan", kind="term"), "fiveyear plan"),
        (typed("Great Terror", kind="term"), "The Great Teror"),
    ],
)
def test_typed_answers_within_tolerance_are_correct(question, response):
    result = mark(question, response)
    assert result == Mark(1.0, True, result.feedback, question.answer["text"])


@pytest.mark.parametrize(
    ("question", "response"),
    [
        (ZINOVIEV, "Kamenev"),
        (ZINOVIEV, "Kamanev"),
        (ZINOVIEV, "Zinoviev and Kamenev"),
        (ZINOVIEV, "Zin"),
        (ZINOVIEV, "Trotsky"),
        (typed("Zinoviev"), "Kamenev"),
        (typed("Tomsky"), "Rykov"),
        (typed("Rykov"), "Tomsky"),
        (typed("Tomsky"), "Trotsky"),
        (typed("Trotsky"), "Tomsky"),
        (typed("NEP", kind="term"), "NKP"),
        (typed("Article 58", kind="term"), "Article 59"),
        (typed("Kirov"), "Kirov 1934"),
    ],
)
def test_typed_answers_outside_tolerance_are_wrong(question, response):
    result = mark(question, response)
    assert result.score == 0
    assert not result.correct
    assert result.valid
    assert result.feedback == f"Not quite: the answer is {question.answer['text']}."


def test_a_small_misspelling_is_accepted_with_the_spelling_shown():
    assert mark(ZINOVIEV, "Zinovyev").feedback == "Correct — note the spelling: Zinoviev."


def test_a_misspelt_alias_shows_the_alias_spelling():
    result = mark(ZINOVIEV, "Grigori Zinovyev")
    assert result.feedback == "Correct — note the spelling: Grigory Zinoviev."


def test_an_exact_answer_gets_plain_correct():
    assert mark(ZINOVIEV, "zinoviev").feedback == "Correct."


def test_cloze_is_marked_like_typed():
    cloze = QuestionKey("cloze", [], ZINOVIEV.answer)
    assert mark(cloze, "Zinovyev") == mark(ZINOVIEV, "Zinovyev")
    assert not mark(cloze, "Kamenev").correct


def test_a_response_equal_to_a_reject_entry_is_wrong_even_if_near_the_answer():
    strict = typed("Zinoviev", reject=["Zinovyev"])
    assert not mark(strict, "Zinovyev").correct


def test_a_response_as_near_a_reject_entry_as_the_answer_is_wrong():
    # "Totsky" is one edit from Tomsky and one from Trotsky.
    assert mark(typed("Tomsky"), "Totsky").correct
    assert not mark(typed("Tomsky", reject=["Trotsky"]), "Totsky").correct


@pytest.mark.parametrize("response", ["1928", "in 1928", "In 1928.", " 1928 ", "1928 AD"])
def test_a_year_is_accepted_with_or_without_in(response):
    assert mark(YEAR_1928, response).correct


@pytest.mark.parametrize(
    "response", ["1929", "1927", "192", "19288", "1928 or 1929", "in the 1920s", "nineteen"]
)
def test_a_year_must_be_exact(response):
    assert mark(YEAR_1928, response).score == 0


@pytest.mark.parametrize(
    ("answer", "response"),
    [
        ("10 million", "10 million"),
        ("10 million", "ten million"),
        ("10 million", "10,000,000"),
        ("10 million", "10000000"),
        ("10 million", "10 million peasants"),
        ("25,000", "25000"),
        ("25,000", "twenty-five thousand"),
        ("25,000", "25 thousand"),
        ("10", "ten"),
        ("36%", "36"),
        ("36%", "36 percent"),
        ("36%", "36 per cent"),
        ("36%", "thirty-six per cent"),
        ("1/4", "a quarter"),
        ("1/4", "0.25"),
    ],
)
def test_a_number_may_be_typed_in_digits_or_words(answer, response):
    assert mark(typed(answer, kind="number"), response).correct


@pytest.mark.parametrize(
    ("answer", "response"),
    [
        ("10 million", "11 million"),
        ("10 million", "1 million"),
        ("10 million", "10"),
        ("10 million", "10 or 11 million"),
        ("25,000", "2500"),
        ("25,000", "25,001"),
        ("36%", "37%"),
        ("36%", "0.36"),
        ("10", "one"),
    ],
)
def test_a_number_must_be_exact(answer, response):
    assert mark(typed(answer, kind="number"), response).score == 0


def test_a_number_alias_that_is_not_a_number_is_accepted_as_typed():
    assert mark(typed("10 million", accept=["10m"], kind="number"), "10M").correct


def test_a_number_equal_to_a_reject_entry_is_wrong():
    assert not mark(typed("1928", accept=["1929"], reject=["1929"], kind="year"), "1929").correct


@pytest.mark.parametrize("question", ALL_QUESTIONS)
@pytest.mark.parametrize("response", [None, "", "   "])
def test_an_empty_answer_scores_zero_and_says_so(question, response):
    result = mark(question, response)
    assert (result.score, result.feedback, result.valid) == (0, "No answer given.", True)


@pytest.mark.parametrize(
    ("question", "response"), [(ZINOVIEV, "?!"), (ORDERING, []), (MATCHING, {})]
)
def test_a_response_with_nothing_in_it_counts_as_no_answer(question, response):
    assert mark(question, response).feedback == "No answer given."


def test_unmatched_pairs_alone_count_as_no_answer():
    assert mark(MATCHING, dict.fromkeys(PAIRS, "")).feedback == "No answer given."


# Multiple choice and true/false -----------------------------------------------------------------


def test_the_right_option_is_correct_after_trimming():
    assert mark(MULTIPLE_CHOICE, " Stalin ") == Mark(1.0, True, "Correct.", "Stalin")


def test_a_wrong_option_scores_zero_and_shows_the_answer():
    assert mark(MULTIPLE_CHOICE, "Trotsky") == Mark(
        0.0, False, "Not quite: the answer is Stalin.", "Stalin"
    )


@pytest.mark.parametrize("response", [True, "true", "TRUE", " True "])
def test_true_false_accepts_a_bool_or_its_name_in_any_case(response):
    assert mark(TRUE_FALSE, response) == Mark(1.0, True, "Correct.", "True")


@pytest.mark.parametrize("response", [False, "false", "False"])
def test_true_false_marks_the_wrong_choice_wrong(response):
    assert mark(TRUE_FALSE, response).score == 0


def test_a_false_answer_is_shown_as_false():
    assert mark(QuestionKey("true_false", ["True", "False"], False), "false").expected == "False"


# Ordering ---------------------------------------------------------------------------------------


def test_the_right_order_scores_one():
    assert mark(ORDERING, EVENTS) == Mark(
        1.0, True, "Correct: all in the right order.", ", then ".join(EVENTS)
    )


@pytest.mark.parametrize(
    ("order", "score", "feedback"),
    [
        (
            (1, 0, 2, 3, 4),
            9 / 10,
            "3 of 5 in the right place, and 9 of 10 pairs in the right order.",
        ),
        (
            (4, 0, 1, 2, 3),
            6 / 10,
            "0 of 5 in the right place, and 6 of 10 pairs in the right order.",
        ),
        (
            (0, 4, 2, 3, 1),
            5 / 10,
            "3 of 5 in the right place, and 5 of 10 pairs in the right order.",
        ),
        ((4, 3, 2, 1, 0), 0.0, "1 of 5 in the right place, and 0 of 10 pairs in the right order."),
    ],
)
def test_ordering_gives_credit_for_each_pair_in_the_right_relative_order(order, score, feedback):
    result = mark(ORDERING, [EVENTS[i] for i in order])
    assert (result.score, result.correct, result.feedback) == (score, False, feedback)


def test_ordering_shows_the_right_order():
    assert mark(ORDERING, EVENTS[::-1]).expected == (
        "Lenin dies, then Trotsky expelled from the Party, then First Five-Year Plan begins, "
        "then Kirov is murdered, then Great Terror begins"
    )


# Matching ---------------------------------------------------------------------------------------


def test_all_pairs_matched_scores_one():
    result = mark(MATCHING, PAIRS)
    assert (result.score, result.correct, result.feedback) == (
        1.0,
        True,
        "Correct: all 5 pairs matched.",
    )


def test_matching_gives_credit_for_each_pair():
    values = list(PAIRS.values())
    swapped = matched([values[1], values[0], *values[2:]])
    result = mark(MATCHING, swapped)
    assert (result.score, result.correct, result.feedback) == (
        3 / 5,
        False,
        "3 of 5 pairs matched.",
    )


def test_left_items_may_be_left_unmatched():
    partial = dict(list(PAIRS.items())[:2])
    assert mark(MATCHING, partial).score == 2 / 5
    assert mark(MATCHING, {**partial, "Yezhov": "", "Stakhanov": None}).score == 2 / 5


def test_matching_shows_every_pair():
    assert mark(MATCHING, {}).expected == (
        "Trotsky → Permanent revolution; Stalin → Socialism in one country; "
        "Bukharin → Continue the NEP; Yezhov → Head of the NKVD; Stakhanov → Record coal output"
    )


# Choose two -------------------------------------------------------------------------------------

REASONS = ["Grain shortages", "Destroy the kulaks", "Private farms for all", "Bring back the NEP"]
CHOOSE_TWO = QuestionKey("multiple_select", REASONS[::-1], REASONS[:2])
CHOOSE_THREE = QuestionKey(
    "multiple_select", [*REASONS, "Feed the towns"], [*REASONS[:2], "Feed the towns"]
)


@pytest.mark.parametrize(
    ("question", "response", "score", "feedback"),
    [
        (CHOOSE_TWO, REASONS[:2], 1, "Correct: both right."),
        (CHOOSE_TWO, REASONS[1::-1], 1, "Correct: both right."),
        (CHOOSE_TWO, [REASONS[0]], 1 / 2, "1 of 2 right."),
        (CHOOSE_TWO, [REASONS[0], REASONS[2]], 0, "1 of 2 right, and 1 wrong"),
        (CHOOSE_TWO, [REASONS[2]], 0, "0 of 2 right, and 1 wrong"),  # floored at 0, not -1/2
        (CHOOSE_TWO, REASONS[2:], 0, "0 of 2 right, and 2 wrong"),
        (CHOOSE_THREE, CHOOSE_THREE.answer, 1, "Correct: all 3 right."),
        (CHOOSE_THREE, REASONS[:2], 2 / 3, "2 of 3 right."),
        (CHOOSE_THREE, REASONS[:3], 1 / 3, "2 of 3 right, and 1 wrong"),
        (CHOOSE_THREE, [REASONS[0]], 1 / 3, "1 of 3 right."),
    ],
)
def test_choose_two_gives_a_share_for_each_right_choice_and_takes_one_for_each_wrong(
    question, response, score, feedback
):
    result = mark(question, response)
    assert result.score == pytest.approx(score)
    assert result.correct == (score == 1)
    assert result.feedback.startswith(feedback)


def test_choose_two_shows_the_right_choices_in_the_questions_order():
    assert mark(CHOOSE_TWO, None).expected == "Destroy the kulaks; Grain shortages"


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (REASONS[:3], "Choose at most 2: this answer has 3 choices."),
        (REASONS, "Choose at most 2: this answer has 4 choices."),
        (["Win the Civil War"], "A choice is not one of the options."),
        ([REASONS[0], REASONS[0]], "An option is chosen more than once."),
        ("Grain shortages", "This answer should be a list of the options chosen."),
        ([1, 2], "Every choice should be the text of an option."),
    ],
)
def test_choosing_too_many_or_what_is_not_there_scores_zero_with_the_reason(response, error):
    result = mark(CHOOSE_TWO, response)
    assert (result.score, result.valid, result.error) == (0, False, error)


def test_choosing_nothing_is_no_answer():
    assert mark(CHOOSE_TWO, []).feedback == "No answer given."
    assert mark(CHOOSE_TWO, [""]).feedback == "No answer given."


# Malformed responses ----------------------------------------------------------------------------

LONG = "Zinoviev " * 30
TWENTY_ONE = [f"item {n}" for n in range(21)]


@pytest.mark.parametrize(
    ("question", "response", "error"),
    [
        (ZINOVIEV, ["Zinoviev"], "This answer should be text."),
        (ZINOVIEV, {"text": "Zinoviev"}, "This answer should be text."),
        (ZINOVIEV, 1928, "This answer should be text."),
        (YEAR_1928, 1928, "This answer should be text."),
        (ZINOVIEV, LONG, "This answer is too long (over 200 characters)."),
        (MULTIPLE_CHOICE, "Lenin", "That choice is not one of the options."),
        (MULTIPLE_CHOICE, "stalin", "That choice is not one of the options."),
        (MULTIPLE_CHOICE, 1, "This answer should be the text of one option."),
        (TRUE_FALSE, "maybe", "This answer should be True or False."),
        (TRUE_FALSE, 1, "This answer should be True or False."),
        (ORDERING, "Lenin dies", "This answer should be a list of the items in order."),
        (ORDERING, [*EVENTS, EVENTS[0]], "The order has more places than there are items."),
        (
            ORDERING,
            [*EVENTS[:4], "Stalin dies"],
            "The order includes an item that is not one of the options.",
        ),
        (ORDERING, [*EVENTS[:4], 5], "Every item in the order should be text."),
        (ORDERING, [*EVENTS[:4], LONG], "This answer is too long (over 200 characters)."),
        (ORDERING, TWENTY_ONE, "This answer has too many items (more than 20)."),
        (MATCHING, list(PAIRS), "This answer should pair left-hand items with right-hand items."),
        (MATCHING, {"Lenin": "Continue the NEP"}, "A left-hand item is not one of the options."),
        (
            MATCHING,
            {"Stalin": "Dizzy with success"},
            "A right-hand item is not one of the options.",
        ),
        (
            MATCHING,
            {"Stalin": "Continue the NEP", " Stalin ": "Head of the NKVD"},
            "Each left-hand item can be matched only once.",
        ),
        (MATCHING, {"Stalin": 1}, "Every pair should be two pieces of text."),
        (MATCHING, {"Stalin": ["Continue the NEP"]}, "Every pair should be two pieces of text."),
        (MATCHING, {1: "Continue the NEP"}, "Every pair should be two pieces of text."),
        (MATCHING, {LONG: "Continue the NEP"}, "This answer is too long (over 200 characters)."),
        (MATCHING, dict.fromkeys(TWENTY_ONE, ""), "This answer has too many items (more than 20)."),
    ],
)
def test_a_malformed_response_scores_zero_with_a_clear_error(question, response, error):
    result = mark(question, response)
    assert (result.score, result.correct, result.error, result.valid) == (0, False, error, False)
    assert result.expected == mark(question, None).expected


def test_a_question_of_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="essay"):
        mark(QuestionKey("essay", [], "Stalin"), "Stalin")


def test_a_typed_answer_of_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="date"):
        mark(typed("1928", kind="date"), "1928")


def test_a_kind_given_as_a_string_enum_member_is_understood():
    # Shaped like Django's TextChoices, whose members hash by name, not by value.
    class Kind(str, enum.Enum):  # noqa: UP042
        TYPED = "typed"

    assert mark(QuestionKey(Kind.TYPED, [], ZINOVIEV.answer), "Zinoviev").correct


# Properties -------------------------------------------------------------------------------------

texts = st.text(max_size=250)
scalars = st.none() | st.booleans() | st.integers() | st.floats() | texts
option_texts = st.sampled_from([*EVENTS, *PAIRS, *PAIRS.values(), "Stalin", "True"])
responses = st.recursive(
    scalars | option_texts,
    lambda children: (
        st.lists(children, max_size=25)
        | st.dictionaries(texts | option_texts | st.integers(), children, max_size=25)
    ),
    max_leaves=30,
)


@given(st.sampled_from(ALL_QUESTIONS), responses)
def test_marking_any_response_never_raises_and_stays_in_range(question, response):
    result = mark(question, response)
    assert 0 <= result.score <= 1
    assert result.correct == (result.score == 1)
    assert result.feedback
    assert result.valid or result.score == 0


@given(st.sampled_from(ALL_QUESTIONS), st.lists(option_texts, max_size=6))
def test_marking_lists_of_real_options_never_raises(question, response):
    assert 0 <= mark(question, response).score <= 1


@given(st.permutations(EVENTS))
def test_only_the_right_order_scores_one(order):
    assert mark(ORDERING, order).correct == (order == EVENTS)


@given(st.permutations(EVENTS))
def test_an_order_and_its_reverse_share_the_pairs_between_them(order):
    forwards, backwards = mark(ORDERING, order).score, mark(ORDERING, order[::-1]).score
    assert math.isclose(forwards + backwards, 1)


@st.composite
def near_misses(draw, word, edits):
    letters = st.sampled_from("abcdefghijklmnopqrstuvwxyz")
    for _ in range(draw(st.integers(1, edits))):
        at = draw(st.integers(0, len(word) - 1))
        change = draw(st.sampled_from(["insert", "delete", "replace"]))
        if change == "insert":
            word = word[:at] + draw(letters) + word[at:]
        elif change == "delete" and len(word) > 1:
            word = word[:at] + word[at + 1 :]
        else:
            word = word[:at] + draw(letters) + word[at + 1 :]
    return word


@given(near_misses("Kamenev", edits=2))
def test_kamenev_or_anything_near_it_is_never_accepted_for_zinoviev(response):
    assert not mark(typed("Zinoviev"), response).correct
    assert not mark(ZINOVIEV, response).correct


@given(near_misses("Rykov", edits=2))
def test_rykov_or_anything_near_it_is_never_accepted_for_tomsky(response):
    assert not mark(typed("Tomsky"), response).correct


@given(near_misses("Zinoviev", edits=1))
def test_one_slip_in_zinoviev_is_forgiven(response):
    assert mark(ZINOVIEV, response).correct


@given(st.sampled_from(["Zinoviev", "Grigory Zinoviev"]), st.data())
def test_case_and_spacing_never_matter(answer, data):
    shouting = "".join(data.draw(st.sampled_from([char.lower(), char.upper()])) for char in answer)
    padding = data.draw(st.sampled_from(["", " ", "  \t"]))
    assert mark(ZINOVIEV, padding + shouting + padding).feedback == "Correct."


def test_an_ordering_with_blank_places_scores_only_the_pairs_it_placed():
    # 4 of 5 placed in order: the 6 pairs among them are right, out of 10 pairs in all.
    result = mark(ORDERING, [*EVENTS[:4], ""])
    assert result.valid
    assert result.score == pytest.approx(6 / 10)
    assert "1 not placed" in result.feedback


def test_an_item_chosen_twice_in_an_ordering_counts_once():
    result = mark(ORDERING, [EVENTS[0], EVENTS[0], *EVENTS[2:]])
    assert result.valid
    assert result.score == pytest.approx(6 / 10)


def test_a_right_hand_item_used_twice_is_marked_pair_by_pair():
    pairs = dict(PAIRS)
    wrong_left = next(left for left in pairs if left != "Bukharin")
    pairs[wrong_left] = PAIRS["Bukharin"]
    result = mark(MATCHING, pairs)
    assert result.valid
    assert result.score == pytest.approx((len(PAIRS) - 1) / len(PAIRS))


@pytest.mark.parametrize(
    "response",
    ["People's Commissar for War", "Commissar for War", "party commissar for war"],
)
def test_words_that_only_qualify_a_term_do_not_make_it_wrong(response):
    key = typed("Commissar for War", kind="term")
    assert mark(key, response).correct


@pytest.mark.parametrize("response", ["party", "People's Commissar for Nationalities"])
def test_qualifying_words_alone_or_around_another_term_are_still_wrong(response):
    key = typed("Commissar for War", kind="term")
    assert not mark(key, response).correct


def test_a_rejected_answer_stays_wrong_with_qualifiers_around_it():
    key = typed("Party Congress", reject=["Congress"], kind="term")
    assert not mark(key, "People's Congress").correct
    assert mark(key, "Party Congress").correct


def test_the_last_word_of_a_term_is_never_set_aside():
    assert not mark(typed("Industrial Party", kind="term"), "Industrial").correct
