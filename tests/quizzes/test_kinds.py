"""Each kind's behaviour in quizzes/kinds.py: check, read, mark and describe, and the round trip."""

import pytest
from django.template.loader import get_template
from django.utils.datastructures import MultiValueDict
from hypothesis import given
from hypothesis import strategies as st

from quizzes import kinds
from quizzes.kinds import AnswerError, kind_of
from quizzes.marking import QuestionKey
from quizzes.models import Kind

REASONS = [
    "To end the grain shortages",
    "To destroy the kulaks as a class",
    "To give every peasant a private farm",
    "To bring back the NEP",
]
CHOOSE_TWO = QuestionKey("multiple_select", REASONS[::-1], REASONS[:2])
PROMPT = "Which two of these were reasons Stalin launched collectivisation?"
EVENTS = ["Lenin dies", "Trotsky exiled", "First Five-Year Plan", "Kirov murdered"]
PAIRS = {"Yagoda": "1934", "Yezhov": "1936", "Beria": "1938", "Kirov": "1934 (killed)"}
TYPED_KEY = {"text": "Trotsky", "accept": ["Leon Trotsky"], "reject": [], "kind": "name"}

# (question, prompt, the POST data of the right answer, the answer in words)
EXAMPLES = {
    "multiple_choice": (
        QuestionKey("multiple_choice", ["Trotsky", "Stalin", "Kamenev", "Bukharin"], "Stalin"),
        "Who became General Secretary in 1922?",
        {"q1": ["Stalin"]},
        "Stalin",
    ),
    "true_false": (
        QuestionKey("true_false", ["True", "False"], False),
        "Trotsky was General Secretary.",
        {"q1": ["false"]},
        "False",
    ),
    "typed": (
        QuestionKey("typed", [], TYPED_KEY),
        "Who led the Red Army?",
        {"q1": ["  Trotsky "]},
        "Trotsky",
    ),
    "cloze": (
        QuestionKey("cloze", [], TYPED_KEY),
        f"The Red Army was led by {kinds.BLANK}.",
        {"q1": ["Leon Trotsky"]},
        "Trotsky",
    ),
    "matching": (
        QuestionKey("matching", {"left": list(PAIRS), "right": sorted(PAIRS.values())}, PAIRS),
        "Match each man to the year he became head of the NKVD.",
        {f"q1-{n}": [PAIRS[left]] for n, left in enumerate(PAIRS, start=1)},
        "Yagoda → 1934; Yezhov → 1936; Beria → 1938; Kirov → 1934 (killed)",
    ),
    "ordering": (
        QuestionKey("ordering", EVENTS[::-1], EVENTS),
        "Put these in order.",
        {f"q1-{n}": [event] for n, event in enumerate(EVENTS, start=1)},
        "Lenin dies, then Trotsky exiled, then First Five-Year Plan, then Kirov murdered",
    ),
    "multiple_select": (
        CHOOSE_TWO,
        PROMPT,
        {"q1": REASONS[:2]},
        "To destroy the kulaks as a class; To end the grain shortages",
    ),
}


def read(question, data):
    return kind_of(question.kind).read(
        MultiValueDict(data), "q1", question.options, question.answer
    )


def test_every_kind_in_the_database_has_its_behaviour_and_partials():
    assert set(kinds.KINDS) == set(Kind.values) == set(EXAMPLES)
    for behaviour in kinds.KINDS.values():
        for name in ("input", "preview", "sheet", "key", "feedback"):
            get_template(getattr(behaviour, f"{name}_template"))  # raises if it is missing


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_a_right_answer_read_from_the_form_scores_one_and_reads_as_the_key(kind):
    question, prompt, data, words = EXAMPLES[kind]
    assert kinds.question_data_errors(kind, prompt, question.options, question.answer) == []

    given = read(question, data)
    result = kinds.mark(question, given)

    assert (result.score, result.correct, result.valid) == (1, True, True)
    assert kinds.expected(question) == result.expected == words
    if not kind_of(kind).takes_text:  # typed words are the student's own, the key's spelling
        assert kinds.describe(question, given) == words


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_an_empty_form_is_no_answer(kind):
    question = EXAMPLES[kind][0]
    assert read(question, {}) is None
    assert kinds.describe(question, None) == ""
    assert kinds.mark(question, None).feedback == "No answer given."


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("multiple_choice", {"q1": ["Lenin"]}),
        ("true_false", {"q1": ["maybe"]}),
        ("typed", {"q1": ["x" * 201]}),
        ("typed", {"q1": ["Trotsky\x00"]}),
        ("matching", {"q1-1": ["1941"]}),
        ("ordering", {"q1-1": ["Stalin dies"]}),
        ("multiple_select", {"q1": ["To win the Civil War"]}),
        ("multiple_select", {"q1": REASONS[:3]}),  # more than two
        ("multiple_select", {"q1": [REASONS[0], REASONS[0]]}),
    ],
)
def test_a_tampered_form_is_an_answer_error(kind, data):
    with pytest.raises(AnswerError):
        read(EXAMPLES[kind][0], data)


def test_choices_are_kept_in_the_order_shown_whatever_order_they_came_in():
    assert read(CHOOSE_TWO, {"q1": [REASONS[0], REASONS[1]]}) == [REASONS[1], REASONS[0]]
    assert read(CHOOSE_TWO, {"q1": ["", REASONS[2]]}) == [REASONS[2]]


@pytest.mark.parametrize(
    ("options", "answer", "prompt", "error"),
    [
        (REASONS[:3], REASONS[:2], PROMPT, "needs 4 or 5 different options"),
        ([*REASONS[:3], REASONS[0]], REASONS[:2], PROMPT, "needs 4 or 5 different options"),
        (REASONS, REASONS[:1], PROMPT, "two or three different options"),
        (REASONS, [REASONS[0], REASONS[0]], PROMPT, "two or three different options"),
        (REASONS, "To end the grain shortages", PROMPT, "two or three different options"),
        (REASONS, [REASONS[0], "To win the war"], PROMPT, "must be one of the options"),
        (
            REASONS,
            REASONS[:3],
            "Which three of these?",
            "At least two of the options must be wrong",
        ),
        (REASONS, REASONS[:2], "Which of these were reasons?", "must say how many to choose (two)"),
        (REASONS, REASONS[:2], "Which three of these were reasons?", "how many to choose (two)"),
    ],
)
def test_a_choose_two_question_must_be_well_formed(options, answer, prompt, error):
    errors = kinds.question_data_errors("multiple_select", prompt, options, answer)
    assert len(errors) == 1
    assert error in errors[0]


def test_a_choose_three_needs_five_options_and_says_three():
    options = [*REASONS, "To feed the towns"]
    assert kinds.question_data_errors("multiple_select", "Pick 3.", options, options[:3]) == []
    assert kinds.question_data_errors("multiple_select", "Which THREE?", options, options[:3]) == []


def test_a_shape_the_kind_cannot_read_is_an_error_not_a_crash():
    errors = kinds.question_data_errors("matching", "Match.", ["a", "b"], {"a": "b"})
    assert errors == ["The options and answer do not have the shape a matching question needs."]
    assert kinds.question_data_errors("essay", "Discuss.", [], "") == ["Unknown kind 'essay'."]


def test_the_page_may_show_how_many_to_choose_but_not_which():
    item = kind_of("multiple_select").form_item(REASONS, REASONS[:2], [REASONS[3]])
    assert (item["picks"], item["picks_word"]) == (2, "two")
    assert item["choices"] == [(r, r, r == REASONS[3]) for r in REASONS]


def test_only_the_kinds_with_choices_are_shuffled():
    shuffled = {kind: bool(kind_of(kind).shuffled(q.options)) for kind, (q, *_) in EXAMPLES.items()}
    assert shuffled == {
        "multiple_choice": True,
        "true_false": False,
        "typed": False,
        "cloze": False,
        "matching": True,
        "ordering": True,
        "multiple_select": True,
    }
    assert kind_of("multiple_select").display(REASONS, [3, 2, 1, 0]) == REASONS[::-1]
    assert kind_of("multiple_select").display(REASONS, [0, 1]) == REASONS  # a stale order


@pytest.mark.parametrize(
    ("kind", "given", "words"),
    [
        ("multiple_choice", " Kamenev ", "Kamenev"),
        ("true_false", "true", "True"),
        ("typed", "  Leon   Trotsky ", "Leon Trotsky"),
        ("ordering", ["Trotsky exiled", "", "Lenin dies"], "Trotsky exiled, then Lenin dies"),
        (
            "matching",
            {"Yezhov": "1934", "Yagoda": "", "Beria": "1938"},
            "Yezhov → 1934; Beria → 1938",
        ),
        ("multiple_select", [REASONS[3]], "To bring back the NEP"),
        ("multiple_select", [], ""),
        ("ordering", "not a list", "not a list"),  # a stored answer of another shape still reads
    ],
)
def test_an_answer_is_described_the_same_way_everywhere(kind, given, words):
    assert kinds.describe(EXAMPLES[kind][0], given) == words


def test_a_question_model_knows_its_kind():
    from quizzes.models import Question

    question = Question(kind=Kind.MULTIPLE_SELECT, options=REASONS, answer=REASONS[:2])
    assert question.behaviour is kinds.KINDS["multiple_select"]
    assert (
        question.expected_answer == "To end the grain shortages; To destroy the kulaks as a class"
    )


# Robustness: whatever a form sends, reading it gives an answer the marker takes, or AnswerError.

ALL_TEXTS = sorted({*REASONS, *EVENTS, *PAIRS, *PAIRS.values(), "Stalin", "true", "false"})
junk_values = st.lists(st.sampled_from(ALL_TEXTS) | st.text(max_size=30), max_size=6)
junk_names = st.sampled_from(["q1", "q1-1", "q1-2", "q1-3", "q1-4", "q1-5", "q2"]) | st.text()
junk_forms = st.dictionaries(junk_names, junk_values, max_size=8)


@given(st.sampled_from(list(EXAMPLES)), junk_forms)
def test_reading_any_form_gives_a_markable_answer_or_an_answer_error(kind, data):
    question = EXAMPLES[kind][0]
    try:
        given = read(question, data)
    except AnswerError:
        return
    result = kinds.mark(question, given)
    assert result.valid, result.error
    assert 0 <= result.score <= 1


def test_choose_two_answers_read_as_a_list_without_doubled_full_stops():
    options = ["He controlled appointments.", "He allied with the Right.", "He led the army."]
    question = QuestionKey("multiple_select", options, options[:2])
    words = kinds.describe(question, options[:2])
    assert words == "He controlled appointments; He allied with the Right"


def test_long_matching_answers_are_listed_in_full_and_lettered_in_the_choices():
    long_right = ["The secret police from 1934 to 1946", "A peasant said to be rich", "1928", "32"]
    options = {"left": ["NKVD", "Kulak", "First Plan", "Famine"], "right": long_right}
    item = kind_of("matching").form_item(options, None, None) | {"name": "q1"}

    html = get_template(kind_of("matching").input_template).render({"item": item})

    assert '<ol class="matching-answers' in html
    assert '<li value="1">The secret police from 1934 to 1946</li>' in html
    choice = '<option value="A peasant said to be rich" >B. A peasant said to be rich</option>'
    assert choice in html


def test_short_matching_answers_need_no_list():
    options = {"left": ["a", "b", "c", "d"], "right": ["1928", "1932", "1934", "1936"]}
    item = kind_of("matching").form_item(options, None, None) | {"name": "q1"}

    html = get_template(kind_of("matching").input_template).render({"item": item})

    assert "matching-answers" not in html and '<option value="1932" >1932</option>' in html
