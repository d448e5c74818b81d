"""Question generation: unit tests on a hand-made knowledge base, then sweeps over whole banks.

The sweeps (`*_problems` functions) run over the sample bank, over the sample bank at many seeds
(hypothesis), and over the bank built from the shipped course, which tests/conftest.py loads into
the test database once per session.
"""

import dataclasses
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes.generation import (
    BLANK,
    KINDS,
    Course,
    QuestionSpec,
    details,
    event_dates,
    event_years,
    fold,
    generate_bank,
    is_testable,
    number_accepts,
    number_options,
    person_forms,
    similar,
    term_forms,
)
from quizzes.kinds import mark
from quizzes.marking import MAX_TEXT_LENGTH, QuestionKey
from tests.quizzes.kb_sample import sample_kb
from topics.knowledge import EventItem, FactItem, KnowledgeBase, PersonItem

KB = sample_kb()
BANK = generate_bank(KB)
BY_KEY = {question.key: question for question in BANK}


def q(key, bank=BY_KEY):
    return bank[key]


def made_by(template, bank=BANK):
    return [question for question in bank if question.template == template]


def wrong_options(question):
    return [option for option in question.options if option != question.answer]


def statement_of(question):
    """The claim of a true/false question, without its instruction and heading."""
    return re.fullmatch(r"True or false(?: \(.*?\))?: (.*)", question.prompt).group(1)


def with_facts(*texts, **links):
    """The sample knowledge base plus facts with the given texts (ids 901...) in topic 11."""
    facts = tuple(
        FactItem(901 + n, 11, text, text, "bullet", "card 1 of 30", **links)
        for n, text in enumerate(texts)
    )
    return dataclasses.replace(KB, facts=KB.facts + facts)


def found(text):
    kb = with_facts(text)
    return [(d.kind, d.surface) for d in details(Course(kb, 0), kb.facts[-1])]


# Events --------------------------------------------------------------------------------------


def test_event_year_typed_asks_for_the_year_and_lowercases_the_title_article():
    question = q("event_year_typed:e6")
    assert question.kind == "typed"
    assert question.prompt == "In which year did the Shakhty trial take place?"
    assert question.answer["text"] == "1928"
    assert question.answer["kind"] == "year"
    assert "1928" not in question.answer["reject"]
    assert question.difficulty == 3
    assert question.topic_id == 22
    assert question.sources["events"] == [6]


def test_an_event_with_a_span_is_asked_when_it_began():
    question = q("event_year_typed:e7")
    assert question.prompt == "In which year did the First Five-Year Plan begin?"
    assert question.answer["text"] == "1928"
    assert {"1929", "1932"} <= set(question.answer["reject"])
    assert "began in 1928 and ended in 1932" in question.explanation


def test_event_year_choices_are_near_years_the_event_does_not_span():
    question = q("event_year_mcq:e7")
    assert question.kind == "multiple_choice"
    assert question.answer == "1928"
    assert len(set(question.options)) == 4
    for option in wrong_options(question):
        assert int(option) not in range(1928, 1933)
        assert abs(int(option) - 1928) <= 5


def test_year_to_event_never_offers_another_event_of_that_year():
    question = q("year_event_mcq:e6")
    assert question.prompt == "Which of these events took place in 1928?"
    assert question.answer == "The Shakhty trial"
    events_of_1928 = {e.title for e in KB.events if 1928 in event_years(e)}
    assert not set(wrong_options(question)) & events_of_1928


def test_event_true_false_comes_in_a_true_and_a_false_version():
    true, false = q("event_year_true:e13"), q("event_year_false:e13")
    assert true.prompt == "True or false: The Kirov murder took place in 1934."
    assert true.answer is True and false.answer is False
    wrong_year = int(re.search(r"(\d{4})\.$", false.prompt).group(1))
    assert wrong_year != 1934
    assert false.explanation.startswith("False. The Kirov murder took place in 1934.")


def test_false_year_for_an_event_with_a_span_falls_outside_the_span():
    false = q("event_year_false:e18")  # the Great Terror, 1936-1938
    wrong_year = int(re.search(r"(\d{4})\.$", false.prompt).group(1))
    assert wrong_year not in {1936, 1937, 1938}


def test_explanations_quote_the_notes():
    assert q("event_year_mcq:e6").explanation == (
        "The Shakhty trial took place in 1928. The notes say: Shakhty trial 1928 - managers of "
        "the Shakhty coal mine, some executed."
    )
    assert q("event_year_mcq:e6").sources["facts"] == [224]


# People --------------------------------------------------------------------------------------


def test_who_was_asks_by_role_in_plain_english():
    question = q("person_from_role_mcq:p10")
    assert question.prompt == "Who was the Commissar for Heavy Industry and opposed the Terror?"
    assert question.answer == "Ordzhonikidze"
    assert question.explanation == (
        "Sergo Ordzhonikidze was the Commissar for Heavy Industry and opposed the Terror."
    )


def test_who_was_never_offers_someone_the_role_also_fits():
    # Yezhov and Beria both ran the NKVD; Lakoba was offered it.
    assert not {"Beria", "Lakoba"} & set(q("person_from_role_mcq:p11").options)
    assert not {"Yezhov", "Lakoba"} & set(q("person_from_role_mcq:p12").options)
    # Rykov's role names Bukharin and Tomsky, who were on the Right with him.
    assert not {"Bukharin", "Tomsky"} & set(q("person_from_role_mcq:p6").options)


def test_typed_who_was_accepts_every_name_and_rejects_other_people():
    answer = q("person_from_role_typed:p6").answer
    assert answer["text"] == "Rykov"
    assert set(answer["accept"]) == {"Alexei Rykov", "Kykov"}
    assert {"Bukharin", "Tomsky"} <= set(answer["reject"])
    assert not {fold(r) for r in answer["reject"]} & {fold(a) for a in person_forms(KB.person(6))}
    assert answer["kind"] == "name"


def test_role_of_a_person_offers_other_peoples_roles_that_do_not_fit_too():
    question = q("person_role_mcq:p11")
    assert question.prompt == "Which of these best describes Yezhov?"
    assert question.answer == "Head of the NKVD during the Great Terror"
    for option in wrong_options(question):
        assert "NKVD" not in option


def test_roles_keep_the_capitals_the_course_uses_and_lose_the_others():
    course = Course(KB, 0)
    assert course.role_phrase("Head of the NKVD") == "the head of the NKVD"
    assert course.role_phrase("Georgian party boss") == "the Georgian party boss"
    assert course.role_phrase("Commissar for Heavy Industry; opposed the Terror") == (
        "the Commissar for Heavy Industry and opposed the Terror"
    )
    assert course.role_phrase("Kirov's assassin") == "Kirov's assassin"
    assert course.role_phrase("A worker") == "a worker"


def test_roles_offered_together_are_not_versions_of_each_other():
    for question in made_by("person_role_mcq"):
        wrong = wrong_options(question)
        assert not any(similar(a, b) for a in wrong for b in wrong if a != b), question.key


def test_a_role_that_names_its_own_person_is_never_asked():
    kb = dataclasses.replace(
        KB,
        people=(
            *KB.people,
            PersonItem(
                90, "kalinin", "Kalinin", "Mikhail Kalinin", (), "Kalinin, Soviet president"
            ),
        ),
    )
    keys = {question.key for question in generate_bank(kb)}
    assert "person_from_role_mcq:p90" not in keys
    assert "person_role_mcq:p90" not in keys


# Terms ---------------------------------------------------------------------------------------


def test_term_to_definition_hides_the_term_inside_its_own_definition():
    question = q("term_definition_mcq:t1")
    assert question.prompt == "What does 'NEP' mean?"
    assert "New Economic Policy" not in question.answer
    assert "…" in question.answer


def test_definition_to_term_reads_as_a_question_and_never_shows_the_term():
    question = q("definition_term_mcq:t2")
    assert question.prompt == (
        "Which term means: the state planning commission that set targets for industry?"
    )
    assert question.answer == "Gosplan"
    for question in made_by("definition_term_mcq") + made_by("definition_term_typed"):
        term = KB.term(question.sources["terms"][0])
        for form in term_forms(term):
            assert fold(form) not in fold(question.prompt), question.key


def test_a_definition_that_starts_with_the_terms_full_name_drops_it():
    assert q("definition_term_mcq:t8").prompt == (
        "Which term means: a depot that hired out machinery to collective farms?"
    )


def test_typed_definition_to_term_accepts_aliases():
    answer = q("definition_term_typed:t6").answer
    assert answer == {
        "text": "Kolkhoz",
        "accept": ["kolkhozy", "Kolhoz"],
        "reject": answer["reject"],
        "kind": "term",
    }
    assert len(answer["reject"]) == 3
    assert "Kolkhoz" not in answer["reject"]


def test_term_choices_come_from_the_same_topic_first():
    question = q("definition_term_mcq:t5")  # kulak: collectivisation terms are all near
    collectivisation = {t.term for t in KB.terms if t.topic_id == 31}
    assert set(wrong_options(question)) <= collectivisation


# Quotes --------------------------------------------------------------------------------------


def test_who_said_a_quote_names_who_it_was_about_and_never_offers_them():
    question = q("quote_speaker_mcq:q1")
    assert question.prompt == "Who said this about Stalin: 'arch mediocrity'?"
    assert question.answer == "Trotsky"
    assert "Stalin" not in question.options
    assert question.sources["quotes"] == [1]


def test_written_words_are_asked_as_written():
    assert q("quote_speaker_mcq:q2").prompt.startswith("Who wrote this about Stalin:")


def test_a_quote_with_no_known_speaker_is_not_asked_who_said_it():
    assert "quote_speaker_mcq:q4" not in BY_KEY
    assert "quote_speaker_mcq:q5" not in BY_KEY
    assert q("quote_about_mcq:q5").prompt == "Who were these words about: 'grey blur'?"


def test_a_quote_that_names_its_subject_is_not_asked_who_it_is_about():
    assert "quote_about_mcq:q6" not in BY_KEY  # 'the snake Beria has killed me'


# Details of facts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "First Five-Year Plan 1928-32: heavy industry (80% of investments), 1500 opened",
            [("year", "1928"), ("number", "80%"), ("number", "1500")],
        ),
        ("1936-1938 - 7 million arrested", [("year", "1936"), ("year", "1938"),
                                            ("number", "7 million")]),
        ("Stalin sent 25,000 workers", [("name", "Stalin"), ("number", "25,000")]),
        ("grain export was 1/4 of the 1913 levels", [("number", "1/4"), ("year", "1913")]),
        ("in one shift dug 14x the coal", [("number", "14x")]),
        ("growth of 5-6% a year", [("number", "5-6%")]),
        ("M. Malia - not true socialism", [("name", "M. Malia")]),
        ("the 1920s and the 1920's", []),
        ("dominated in the west since WW2; a 2 week course; 10/15 million died", []),
        ("Stalinist agents and Trotskyite ideas", []),
        ("the purges and the kulaks", [("term", "purges"), ("term", "kulaks")]),
    ],
)  # fmt: skip
def test_details_finds_years_numbers_names_and_terms(text, expected):
    assert found(text) == expected


def test_a_cloze_blanks_every_mention_of_its_detail():
    kb = with_facts("Joseph Stalin won, and Stalin stayed", people=(1,))
    bank = generate_bank(kb)
    question = q("fact_cloze:f901:p1", {x.key: x for x in bank})
    assert question.prompt == f"Fill in the blank: {BLANK} won, and {BLANK} stayed"
    assert question.kind == "cloze"
    assert question.options == []


def test_cloze_answers_have_the_kind_and_difficulty_of_their_detail():
    assert q("fact_cloze:f131:y1924").answer["kind"] == "year"
    assert q("fact_cloze:f131:y1924").difficulty == 3
    assert q("fact_cloze:f131:p3").answer["kind"] == "name"
    assert q("fact_cloze:f131:p3").difficulty == 2
    assert q("fact_cloze:f312:t5").answer["kind"] == "term"
    assert q("fact_cloze:f312:t5").difficulty == 2
    assert q("fact_cloze:f424:n23-000").answer["kind"] == "number"
    assert q("fact_cloze:f424:n23-000").difficulty == 3


def test_a_name_cloze_rejects_the_other_people_in_the_sentence():
    question = q("fact_cloze:f131:p3")
    assert question.prompt == (
        f"Fill in the blank (The defeat of the Left): 1924 - Stalin allied himself with {BLANK} "
        "and Kamenev against Trotsky"
    )
    assert question.answer["text"] == "Zinoviev"
    assert {"Stalin", "Kamenev", "Trotsky"} <= set(question.answer["reject"])


def test_a_term_cloze_accepts_the_term_as_defined():
    answer = q("fact_cloze:f312:t5").answer
    assert answer["text"] == "kulaks"
    assert "Kulak" in answer["accept"]


@pytest.mark.parametrize(
    ("surface", "pattern"),
    [
        ("80%", r"\d+%"),
        ("10 million", r"\d+(\.\d)? million"),
        ("25,000", r"\d{1,3},\d{3}"),
        ("1500", r"\d+"),
        ("14x", r"\d+x"),
        ("1/4", r"\d/\d+"),
    ],
)
def test_wrong_numbers_are_the_same_kind_and_size_written_the_same_way(surface, pattern):
    options = number_options(surface)
    assert len(options) >= 3
    assert surface not in options
    for option in options:
        assert re.fullmatch(pattern, option), option
    value = float(re.sub(r"[^\d.]", "", surface.split("/")[0]) or 0)
    if "/" not in surface:
        for option in options:
            assert value / 5 <= float(re.sub(r"[^\d.]", "", option)) <= value * 5
    if surface.endswith("%"):
        assert all(float(option[:-1]) < 100 for option in options)


def test_a_range_of_numbers_has_no_wrong_version():
    assert number_options("5-6%") == []


def test_numbers_accept_their_other_spellings():
    assert set(number_accepts("80%")) >= {"80", "80 per cent"}
    assert set(number_accepts("25,000")) >= {"25000"}
    assert set(number_accepts("10 million")) >= {"10,000,000", "10000000"}
    assert set(number_accepts("1/4")) >= {"a quarter"}


def test_year_choices_avoid_the_span_of_the_facts_event():
    question = q("fact_detail_mcq:f211:y1928")  # linked to the First Five-Year Plan
    for option in wrong_options(question):
        assert int(option) not in range(1928, 1933)


def test_year_choices_keep_a_range_in_order():
    for option in wrong_options(q("fact_detail_mcq:f422:y1936")):  # _____-1939
        assert int(option) < 1939
    for option in wrong_options(q("fact_detail_mcq:f422:y1939")):  # 1936-_____
        assert int(option) > 1936


def test_name_choices_are_people_not_linked_to_the_fact_or_named_in_it():
    question = q("fact_detail_mcq:f131:p3")
    assert question.answer == "Zinoviev"
    for option in wrong_options(question):
        assert option not in {"Stalin", "Kamenev", "Trotsky"}
        assert option in {p.name for p in KB.people}


def test_options_write_the_answer_like_the_wrong_ones():
    assert q("fact_detail_mcq:f312:t5").answer == "Kulak"  # the notes say "kulaks"
    assert q("fact_detail_mcq:f225:p17").answer == "Malia"  # the notes say "M. Malia"


# True or false from facts ----------------------------------------------------------------------


def test_a_true_statement_is_the_fact_as_written():
    question = q("fact_true:f134")
    assert question.prompt == (
        "True or false (The defeat of the Left): Trotsky was sent into exile before being forced "
        "to leave the USSR for good in 1929."
    )
    assert question.answer is True
    assert question.options == ["True", "False"]


def test_a_false_year_is_one_no_linked_event_spans():
    question = q("fact_false:f312:year")  # two linked 1930 events
    assert question.answer is False
    year = int(re.search(r"(19\d\d)", question.prompt).group(1))
    assert year != 1930


def test_a_false_person_swaps_the_first_person_named_for_one_not_linked():
    question = q("fact_false:f412:name")  # Nikolayev shot Kirov and then fainted
    assert question.prompt.endswith(" shot Kirov and then fainted.")
    swapped = statement_of(question).split(" shot")[0]
    assert swapped in {p.name for p in KB.people} - {"Nikolayev", "Kirov"}


def test_a_false_number_changes_the_number():
    question = q("fact_false:f424:number")
    assert "23,000" not in question.prompt
    assert re.search(r"\d", question.prompt)


@pytest.mark.parametrize(
    "text",
    [
        "By 1937 the USSR was self-sufficient in machine making",
        "Had been a Menshevik until 1917",
        "1934 onwards - gradual recovery of agriculture",
        "Sheep were killed between 1929 and 1933",
    ],
)
def test_a_year_that_bounds_a_claim_is_never_swapped(text):
    # Moving 'by 1937' to 'by 1938', or one end of a range, can leave the sentence true.
    bank = {x.key: x for x in generate_bank(with_facts(text))}
    assert "fact_false:f901:year" not in bank
    assert "fact_true:f901" in bank


@pytest.mark.parametrize("text", ["Less than 10% had joined before 1920", "Up to 74 were shot"])
def test_a_number_that_bounds_a_claim_is_never_swapped(text):
    bank = {x.key: x for x in generate_bank(with_facts(text))}
    assert "fact_false:f901:number" not in bank


def test_a_note_that_claims_nothing_is_not_true_or_false():
    assert "fact_true:f135" not in BY_KEY  # "Permanent Revolution (1924) vs ..."


def test_prompts_on_notes_carry_the_notes_heading():
    # 'Had been a Menshevik until 1917' means nothing without knowing it is about Trotsky.
    assert q("fact_cloze:f213:y1937").prompt.startswith("Fill in the blank (The Five-Year Plans): ")
    assert q("fact_true:f421").prompt.startswith("True or false (The impact of the Terror): ")


def test_a_heading_that_would_give_the_answer_away_is_left_out():
    question = q("fact_cloze:f412:p8")  # heading "The Kirov murder", blank "Kirov"
    assert question.prompt == f"Fill in the blank: Nikolayev shot {BLANK} and then fainted"


def test_a_heading_loses_its_years_when_the_question_is_about_a_year():
    question = q("fact_cloze:f321:n10-million")
    assert question.prompt.startswith("Fill in the blank (The famine of 1932-1934): ")
    kb = with_facts("Mass arrests began in 1934")
    kb = dataclasses.replace(kb, facts=(*KB.facts, dataclasses.replace(kb.facts[-1], topic_id=32)))
    bank = {x.key: x for x in generate_bank(kb)}
    assert bank["fact_cloze:f901:y1934"].prompt == (
        f"Fill in the blank (The famine): Mass arrests began in {BLANK}"
    )


def test_a_blank_with_too_little_around_it_is_not_asked():
    bank = {x.key: x for x in generate_bank(with_facts("Part of the NKVD", "Kolkhoz"))}
    assert not [key for key in bank if key.startswith(("fact_cloze:f901", "fact_detail_mcq:f901"))]
    assert not [key for key in bank if ":f902" in key]  # one word: nothing to test
    assert "fact_true:f901" in bank


def test_a_filler_another_note_gives_for_the_same_words_is_never_wrong():
    kb = with_facts(
        "Stalin was part of the NKVD leadership",
        "Stalin was part of the Purge leadership",
        "Stalin was part of the MTS leadership",
    )
    bank = {x.key: x for x in generate_bank(kb)}
    question = bank["fact_detail_mcq:f901:t13"]
    assert not {"Purge", "MTS"} & set(question.options)
    assert not {"purge", "mts"} & {r.lower() for r in bank["fact_cloze:f901:t13"].answer["reject"]}


def test_which_event_never_offers_an_event_about_someone_the_note_names():
    kb = with_facts("Lenin and Kirov died at the right time for Stalin", events=(13,))
    lenin = EventItem(91, "lenin-dies-again", "The death of Lenin", 1931, None, None, 41)
    kb = dataclasses.replace(kb, events=(*KB.events, lenin))
    question = {x.key: x for x in generate_bank(kb)}["fact_event_mcq:f901"]
    assert question.answer == "The Kirov murder"
    assert "The death of Lenin" not in question.options


def test_no_option_is_longer_than_the_marker_accepts():
    long_term = dataclasses.replace(KB.term(2), definition="The state planning commission " * 9)
    kb = dataclasses.replace(KB, terms=tuple(long_term if t.id == 2 else t for t in KB.terms))
    bank = generate_bank(kb)
    assert "term_definition_mcq:t2" not in {x.key for x in bank}
    for x in bank:
        items = x.options if x.kind != "matching" else x.options["left"] + x.options["right"]
        assert all(len(item) <= MAX_TEXT_LENGTH for item in items), x.key


def test_who_is_this_note_about_only_for_notes_that_name_nobody():
    question = q("fact_person_mcq:f104")
    assert (
        question.prompt == 'Who is this note about: "Ruthless, paranoid, thorough and determined"?'
    )
    assert question.answer == "Stalin"
    assert "fact_person_mcq:f122" not in BY_KEY  # "The testament said Stalin..."


def test_which_event_never_offers_another_event_linked_to_the_note():
    question = q("fact_event_mcq:f312")  # linked to two 1930 events
    titles = {KB.event(10).title, KB.event(17).title}
    assert len(titles & set(question.options)) == 1


def test_which_term_asks_for_a_term_the_note_describes_without_naming():
    question = q("fact_term_mcq:f316")
    assert question.answer == "MTS"


def test_every_testable_fact_gets_a_question_and_untestable_ones_only_a_heading_question():
    course = Course(KB, 0)
    for fact in KB.facts:
        templates = {q.template for q in BANK if fact.id in q.sources["facts"]}
        if is_testable(course, fact):
            assert templates - {"fact_heading"}, fact.text
        else:
            assert templates <= {"fact_heading"}, fact.text


def test_heading_questions_offer_points_from_other_headings():
    questions = made_by("fact_heading")
    assert questions
    for question in questions:
        fact = KB.fact(question.sources["facts"][0])
        assert question.answer == fact.text
        others = [f for f in KB.facts if f.text in question.options and f.id != fact.id]
        assert len(others) == 3
        assert all(other.topic_id != fact.topic_id for other in others)
        assert KB.topic(fact.topic_id).title in question.prompt


# Sets ------------------------------------------------------------------------------------------


def test_which_came_first_offers_four_events_of_different_years():
    questions = made_by("which_first")
    assert questions
    for question in questions:
        events = [KB.event(i) for i in question.sources["events"]]
        assert question.prompt == "Which of these happened first?"
        assert question.answer == min(events, key=lambda e: e.start_year).title
        assert sorted(question.options) == sorted(e.title for e in events)


def test_ordering_is_shuffled_and_its_answer_is_chronological():
    questions = made_by("ordering")
    assert questions
    for question in questions:
        events = sorted(
            (KB.event(i) for i in question.sources["events"]), key=lambda e: e.start_year
        )
        assert question.prompt == "Put these events in chronological order, earliest first."
        assert question.answer == [e.title for e in events]
        assert question.options != question.answer
        assert sorted(question.options) == sorted(question.answer)
        assert question.difficulty == (3 if len(events) == 5 else 2)


def test_events_in_one_set_never_share_a_year():
    for template in ("which_first", "ordering", "match_event_years"):
        for question in made_by(template):
            events = [KB.event(i) for i in question.sources["events"]]
            years = [year for event in events for year in event_years(event)]
            assert len(years) == len(set(years)), question.key


def test_matching_people_pairs_each_person_with_their_own_role():
    questions = made_by("match_people")
    assert questions
    for question in questions:
        people = [KB.person(i) for i in question.sources["people"]]
        assert 4 <= len(people) <= 5
        assert question.answer == {p.name: p.role for p in people}
        assert sorted(question.options["right"]) == sorted(question.answer.values())
        assert question.options["left"] == list(question.answer)


def test_matching_terms_hides_each_term_in_its_meaning():
    for question in made_by("match_terms"):
        for term_id in question.sources["terms"]:
            term = KB.term(term_id)
            meaning = question.answer[term.term]
            assert not any(fold(form) in fold(meaning) for form in term_forms(term))


def test_matching_events_pairs_each_event_with_its_dates():
    for question in made_by("match_event_years"):
        events = [KB.event(i) for i in question.sources["events"]]
        assert question.answer == {e.title: event_dates(e) for e in events}


# Determinism and stability ---------------------------------------------------------------------


def test_the_same_seed_gives_the_same_bank():
    assert generate_bank(sample_kb(), seed=7) == generate_bank(sample_kb(), seed=7)


def test_a_different_seed_gives_different_distractors():
    other = {question.key: question for question in generate_bank(KB, seed=1)}
    changed = [
        key
        for key, question in BY_KEY.items()
        if question.kind == "multiple_choice"
        and key in other
        and set(other[key].options) != set(question.options)
    ]
    assert len(changed) > 20


def test_generation_uses_no_global_random_state():
    import random

    random.seed(1)
    first = generate_bank(KB)
    random.seed(2)
    assert generate_bank(KB) == first


UNRELATED_TO_PEOPLE = {
    "event_year_typed",
    "event_year_mcq",
    "year_event_mcq",
    "event_year_true",
    "event_year_false",
    "term_definition_mcq",
    "definition_term_mcq",
    "definition_term_typed",
    "which_first",
    "ordering",
    "match_event_years",
    "match_terms",
    "fact_event_mcq",
    "fact_term_mcq",
    "fact_true",
}


def test_adding_a_person_leaves_questions_about_other_things_unchanged():
    kalinin = PersonItem(90, "kalinin", "Kalinin", "Mikhail Kalinin", (), "Soviet head of state")
    after = {x.key: x for x in generate_bank(dataclasses.replace(KB, people=(*KB.people, kalinin)))}
    for key, question in BY_KEY.items():
        unrelated = question.template in UNRELATED_TO_PEOPLE or (
            question.template in ("fact_cloze", "fact_detail_mcq") and ":p" not in key
        )
        if unrelated:
            assert after[key] == question, key


def test_adding_an_event_leaves_questions_about_people_unchanged():
    event = EventItem(90, "new", "The Stalin Constitution", 1936, None, None, 21)
    after = {x.key: x for x in generate_bank(dataclasses.replace(KB, events=(*KB.events, event)))}
    for key, question in BY_KEY.items():
        if question.template.startswith(("person_", "quote_", "match_people")):
            assert after[key] == question, key


def test_an_empty_knowledge_base_gives_an_empty_bank():
    assert generate_bank(KnowledgeBase()) == []


# Sweeps: rules every question in a bank must keep ------------------------------------------------


def shape_problems(kb, bank):
    topic_ids = {topic.id for topic in kb.topics}
    problems = []
    keys = Counter(question.key for question in bank)
    problems += [f"duplicate key {key}" for key, n in keys.items() if n > 1]
    for x in bank:
        if not isinstance(x, QuestionSpec) or x.kind not in KINDS or x.difficulty not in (1, 2, 3):
            problems.append(f"{x.key}: bad kind or difficulty")
        if not x.key.startswith(x.template + ":") or x.topic_id not in topic_ids:
            problems.append(f"{x.key}: key, template or topic")
        if sorted(x.sources) != ["events", "facts", "people", "quotes", "terms"]:
            problems.append(f"{x.key}: sources keys {sorted(x.sources)}")
        elif any(ids != sorted(set(ids)) for ids in x.sources.values()):
            problems.append(f"{x.key}: unsorted sources")
        if not x.prompt.strip() or not x.explanation.strip():
            problems.append(f"{x.key}: empty prompt or explanation")
        problems += [f"{x.key}: {p}" for p in _kind_shape(x)]
    return problems


def _kind_shape(x):
    if x.kind == "multiple_choice":
        if len(x.options) != 4 or len({fold(o) for o in x.options}) != 4:
            yield f"options not 4 distinct: {x.options}"
        if x.answer not in x.options:
            yield "answer not among the options"
    elif x.kind == "true_false":
        if x.options != ["True", "False"] or not isinstance(x.answer, bool):
            yield "true/false shape"
    elif x.kind in ("typed", "cloze"):
        if x.options != [] or set(x.answer) != {"text", "accept", "reject", "kind"}:
            yield "typed shape"
        elif x.answer["kind"] not in ("name", "year", "term", "number", "text"):
            yield "typed answer kind"
        if x.kind == "cloze" and BLANK not in x.prompt:
            yield "cloze without a blank"
    elif x.kind == "matching":
        left, right = x.options["left"], x.options["right"]
        if not 4 <= len(left) <= 5 or sorted(right) != sorted(x.answer.values()):
            yield "matching shape"
        if len(set(right)) != len(right) or list(x.answer) != left:
            yield "matching items not distinct"
    elif x.kind == "ordering":
        if not 4 <= len(x.options) <= 5 or sorted(x.options) != sorted(x.answer):
            yield "ordering shape"
        if x.options == x.answer:
            yield "ordering already in order"


def coverage_problems(kb, bank):
    course = Course(kb, 0)
    problems = []
    kinds = {question.kind for question in bank}
    problems += [f"no {kind} question" for kind in KINDS if kind not in kinds]
    asked_facts = {i for question in bank for i in question.sources["facts"]}
    testable = [fact for fact in kb.facts if is_testable(course, fact)]
    problems += [f"fact {f.id} never asked: {f.text}" for f in testable if f.id not in asked_facts]
    topics = {question.topic_id for question in bank}
    problems += [f"topic {t} never asked" for t in {f.topic_id for f in testable} - topics]
    return problems


def _answer_forms(kb, x):
    """Every way of writing the answer, for give-away and alias checks."""
    if x.kind in ("typed", "cloze"):
        return [x.answer["text"], *x.answer["accept"]]
    if x.kind != "multiple_choice":
        return []
    forms = [x.answer]
    for person in kb.people:
        if x.answer in person_forms(person):
            forms += person_forms(person)
    for term in kb.terms:
        if x.answer in term_forms(term):
            forms += term_forms(term)
    return forms


def _contains(text, form):
    return re.search(rf"(?<!\w){re.escape(fold(form))}(?!\w)", fold(text)) is not None


def give_away_problems(kb, bank):
    problems = []
    for x in bank:
        forms = [f for f in _answer_forms(kb, x) if fold(f)]
        shown = [form for form in forms if _contains(x.prompt, form)]
        if shown:
            problems.append(f"{x.key}: prompt shows its answer {shown}: {x.prompt}")
        if x.kind == "multiple_choice":
            taken = {fold(f) for f in forms}
            aliases = [o for o in wrong_options(x) if fold(o) in taken]
            if aliases:
                problems.append(
                    f"{x.key}: a wrong option is the answer written otherwise {aliases}"
                )
        if x.kind in ("typed", "cloze"):
            clash = {fold(r) for r in x.answer["reject"]} & {fold(f) for f in forms}
            if clash:
                problems.append(f"{x.key}: rejects an accepted form {clash}")
    return problems


def _event_of(kb, x):
    return kb.event(x.sources["events"][0])


def _linked_years(kb, fact):
    return {year for event_id in fact.events for year in event_years(kb.event(event_id))}


def chronology_problems(kb, bank):
    """Year choices and statements agree with the knowledge base; sets have clear orders."""
    problems = []
    for x in bank:
        if x.template == "event_year_mcq":
            event = _event_of(kb, x)
            if x.answer != str(event.start_year):
                problems.append(f"{x.key}: answer is not the start year")
            if any(int(option) in event_years(event) for option in wrong_options(x)):
                problems.append(f"{x.key}: a wrong year is one the event spans")
            if any(abs(int(option) - event.start_year) > 5 for option in wrong_options(x)):
                problems.append(f"{x.key}: a wrong year is not near")
        if x.template == "year_event_mcq":
            year = int(re.search(r"(\d{4})\?$", x.prompt).group(1))
            fitting = [e.title for e in kb.events if year in event_years(e)]
            if [o for o in x.options if o in fitting] != [x.answer]:
                problems.append(f"{x.key}: not exactly one option fits {year}")
        if x.template in ("which_first", "ordering", "match_event_years"):
            events = [kb.event(i) for i in x.sources["events"]]
            years = [y for e in events for y in event_years(e)]
            if len(years) != len(set(years)):
                problems.append(f"{x.key}: two events share a year")
            in_order = [e.title for e in sorted(events, key=lambda e: e.start_year)]
            if x.template == "ordering" and x.answer != in_order:
                problems.append(f"{x.key}: answer is not chronological")
            if x.template == "which_first" and x.answer != in_order[0]:
                problems.append(f"{x.key}: answer is not the earliest")
        if x.template == "fact_detail_mcq" and ":y" in x.key:
            fact = kb.fact(x.sources["facts"][0])
            spanned = _linked_years(kb, fact)
            if any(int(option) in spanned for option in wrong_options(x)):
                problems.append(f"{x.key}: a wrong year is one the fact's event spans")
    return problems


def truth_problems(kb, bank):
    """True statements are true and false ones really false, by the knowledge base."""
    problems = []
    for x in bank:
        if x.kind != "true_false":
            continue
        statement = statement_of(x)
        if x.template in ("event_year_true", "event_year_false"):
            event = _event_of(kb, x)
            year = int(re.search(r"(\d{4})\.$", statement).group(1))
            truth = year == event.start_year
            if x.answer != truth or (not truth and year in event_years(event)):
                problems.append(f"{x.key}: {statement} is not {x.answer}")
        elif x.template == "fact_true":
            fact = kb.fact(x.sources["facts"][0])
            if not x.answer or fold(statement) != fold(fact.text):
                problems.append(f"{x.key}: true statement is not the fact as written")
        elif x.template == "fact_false":
            fact = kb.fact(x.sources["facts"][0])
            problems += [f"{x.key}: {p}" for p in _false_statement_problems(kb, fact, statement)]
            if x.answer is not False:
                problems.append(f"{x.key}: a false statement marked true")
        else:
            problems.append(f"{x.key}: unknown true/false template")
    return problems


def _false_statement_problems(kb, fact, statement):
    if fold(statement) == fold(fact.text):
        yield "the false statement is the fact as written"
    new_years = set(map(int, re.findall(r"\b19\d\d\b", statement))) - set(
        map(int, re.findall(r"\b19\d\d\b", fact.text))
    )
    if new_years & (_linked_years(kb, fact) | {int(y) for y in re.findall(r"19\d\d", fact.text)}):
        yield f"swapped in a year the fact's events span: {new_years}"
    for person in kb.people:
        named_now = any(_contains(statement, form) for form in person_forms(person))
        named_before = any(_contains(fact.text, form) for form in person_forms(person))
        if named_now and not named_before and person.id in fact.people:
            yield f"swapped in {person.name}, who is linked to the fact"


def marking_problems(kb, bank):
    """The key marks 1.0, every accepted form marks 1.0 and every wrong answer marks 0."""
    problems = []
    for x in bank:
        key = QuestionKey(x.kind, x.options, x.answer)
        right, wrong = _responses(x)
        for response in right:
            if mark(key, response).score != 1.0:
                problems.append(f"{x.key}: {response!r} is right but marks below 1")
        for response in wrong:
            if mark(key, response).score != 0.0:
                problems.append(f"{x.key}: {response!r} is wrong but scores")
    return problems


def _responses(x):
    if x.kind == "multiple_choice":
        return [x.answer], wrong_options(x)
    if x.kind == "true_false":
        return [x.answer], [not x.answer]
    if x.kind in ("typed", "cloze"):
        return [x.answer["text"], *x.answer["accept"]], x.answer["reject"]
    if x.kind == "matching":
        return [x.answer], []
    return [x.answer], [list(reversed(x.answer))]


ALL_CHECKS = [
    shape_problems,
    coverage_problems,
    give_away_problems,
    chronology_problems,
    truth_problems,
    marking_problems,
]


def all_problems(kb, bank):
    return [problem for check in ALL_CHECKS for problem in check(kb, bank)]


# The course needs the test database: the mark tells pytest-django to set one up, even when
# these are the only tests run (otherwise the real database would be read).
@pytest.fixture(
    scope="module", params=["sample", pytest.param("course", marks=pytest.mark.django_db)]
)
def built(request):
    """(knowledge base, bank at seed 0) for the sample, and for the shipped course if loadable."""
    if request.param == "sample":
        return KB, BANK
    from topics.loading import COURSE_FILE

    if not COURSE_FILE.exists():
        pytest.skip("the shipped course data (topics/content/course.json) is not there yet")
    request.getfixturevalue("django_db_setup")  # loads the shipped course, once per session
    from topics.snapshot import load_knowledge_base

    with request.getfixturevalue("django_db_blocker").unblock():
        kb = load_knowledge_base()
    return kb, generate_bank(kb)


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda check: check.__name__)
def test_every_question_in_the_bank_keeps_the_rules(built, check):
    kb, bank = built
    assert check(kb, bank) == []


def test_the_bank_is_big_enough_and_has_every_kind(built):
    kb, bank = built
    kinds = Counter(question.kind for question in bank)
    assert set(kinds) == set(KINDS)
    assert len(bank) >= (600 if len(kb.facts) > 100 else 400)


def test_the_bank_is_the_same_every_time(built):
    kb, bank = built
    assert generate_bank(kb) == bank


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_every_seed_gives_a_bank_that_keeps_the_rules(seed):
    bank = generate_bank(KB, seed=seed)
    assert all_problems(KB, bank) == []
    assert generate_bank(KB, seed=seed) == bank
