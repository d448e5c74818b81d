"""Question generation: unit tests on a hand-made knowledge base, then sweeps over whole banks.

The sweeps (`*_problems` functions) run over the sample bank, over the sample bank at many seeds
(hypothesis), and over the bank built from the shipped course, which tests/conftest.py loads into
the test database once per session.
"""

import dataclasses
import random
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes.builder import Candidate, choose_questions
from quizzes.generation import (
    BLANK,
    KINDS,
    Course,
    QuestionSpec,
    event_dates,
    event_years,
    fold,
    generate_bank,
    number_accepts,
    number_options,
    person_forms,
    role_group,
    similar,
    term_forms,
)
from quizzes.generation.wording import (
    clipped,
    event_question,
    event_statement,
    full_stop,
    short_role,
)
from quizzes.kinds import mark
from quizzes.marking import MAX_TEXT_LENGTH, QuestionKey
from tests.quizzes.kb_sample import sample_kb
from topics.knowledge import (
    ClaimDetailItem,
    ClaimItem,
    EventItem,
    FactItem,
    KnowledgeBase,
    PersonItem,
)

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


def with_claims(*claims):
    """The sample knowledge base plus claims (ids 901...): (slug, topic, facts, type, text,
    [(detail, kind)], extra fields)."""
    made = tuple(
        ClaimItem(
            id=901 + n,
            slug=slug,
            text=text,
            type=type_,
            topic_id=topic_id,
            facts=facts,
            details=tuple(ClaimDetailItem(*detail) for detail in details_),
            **extra,
        )
        for n, (slug, topic_id, facts, type_, text, details_, extra) in enumerate(claims)
    )
    return dataclasses.replace(KB, claims=KB.claims + made)


def bank_of(kb):
    return {question.key: question for question in generate_bank(kb)}


def claim(slug):
    return next(c for c in KB.claims if c.slug == slug)


# Events --------------------------------------------------------------------------------------


def test_event_year_typed_asks_for_the_year_and_lowercases_the_title_article():
    question = q("event_year_typed:e6")
    assert question.kind == "typed"
    assert question.prompt == "In which year was the Shakhty trial held?"
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
    assert question.prompt == "Which of these happened in 1928?"
    assert question.answer == "The Shakhty trial"
    events_of_1928 = {e.title for e in KB.events if 1928 in event_years(e)}
    assert not set(wrong_options(question)) & events_of_1928


def test_event_true_false_comes_in_a_true_and_a_false_version():
    true, false = q("event_year_true:e13"), q("event_year_false:e13")
    assert true.prompt == "True or false: The Kirov murder was in 1934."
    assert true.answer is True and false.answer is False
    wrong_year = int(re.search(r"(\d{4})\.$", false.prompt).group(1))
    assert wrong_year != 1934
    assert false.explanation.startswith("False. The Kirov murder was in 1934.")


def _wrong_year(question):
    return int(re.search(r"(\d{4})\.$", question.prompt).group(1))


def test_a_false_year_is_offered_only_for_an_event_that_happens_at_a_point():
    # The Great Terror (1936-38) and the introduction of passports (no month, a process) have
    # no one year to deny; a murder, a trial and a decree do.
    assert "event_year_false:e18" not in BY_KEY
    assert "event_year_false:e11" not in BY_KEY
    assert "event_year_false:e19" not in BY_KEY  # the start of mass collectivisation
    assert {"event_year_false:e6", "event_year_false:e13", "event_year_false:e17"} <= set(BY_KEY)
    assert "event_year_true:e18" in BY_KEY  # the true version still asks when it began


def test_a_false_year_never_precedes_the_drive_it_belongs_to():
    # The kulak decree (1930) belongs to mass collectivisation (1929): no false 1928 or 1929.
    assert _wrong_year(q("event_year_false:e17")) > 1930


def test_a_false_year_is_never_the_january_after_a_december_event():
    # Kirov was shot on 1 December 1934; the purges that followed fill 1935.
    assert _wrong_year(q("event_year_false:e13")) not in {1934, 1935}


def test_a_false_year_falls_outside_every_span_of_the_same_part_of_the_course():
    # Trotsky's murder (1940, show trials) and a span of another topic of the Terror section.
    kb = dataclasses.replace(
        KB,
        events=(
            *KB.events,
            EventItem(20, "terror-wave", "The wave of arrests", 1939, 1941, None, 42, ()),
        ),
    )
    wrong = _wrong_year(q("event_year_false:e15", {x.key: x for x in generate_bank(kb)}))
    assert wrong not in {1939, 1940, 1941}


def test_no_true_or_false_or_which_event_on_a_title_that_names_its_year():
    kb = dataclasses.replace(
        KB,
        events=(
            *KB.events,
            EventItem(20, "revolution-1905", "The 1905 Revolution", 1905, None, None, 11, (),
                      verb="broke out"),
        ),
    )  # fmt: skip
    keys = {x.key for x in generate_bank(kb)}
    assert not {"event_year_true:e20", "event_year_false:e20", "year_event_mcq:e20"} & keys


def test_event_prompts_use_the_events_own_verb_or_a_plain_was():
    assert q("event_year_mcq:e17").prompt == (
        "In which year was the decree on the liquidation of the kulaks issued?"
    )
    assert q("event_year_true:e17").prompt == (
        "True or false: The decree on the liquidation of the kulaks was issued in 1930."
    )
    assert q("event_year_typed:e1").prompt == "In which year was Lenin's death?"
    assert q("event_year_true:e16").prompt == "True or false: Ordzhonikidze's suicide was in 1937."
    assert q("event_year_mcq:e1").explanation.startswith("Lenin's death was in 1924.")


def test_an_event_that_breaks_out_is_asked_when_it_broke_out():
    war = EventItem(30, "civil-war", "The Russian Civil War", 1918, 1921, None, 11, (),
                    verb="broke out")  # fmt: skip
    assert event_question(war) == "In which year did the Russian Civil War break out?"
    assert event_statement(war, 1918) == "The Russian Civil War broke out in 1918"


def test_an_event_with_a_subject_is_asked_and_stated_of_it():
    lenin = EventItem(31, "death-of-lenin", "The death of Lenin", 1924, None, 1, 11, (),
                      verb="died", subject="Lenin")  # fmt: skip
    assert event_question(lenin) == "In which year did Lenin die?"
    assert event_statement(lenin, 1924) == "Lenin died in 1924"
    passports = EventItem(32, "internal-passports", "The introduction of internal passports",
                          1932, None, 12, 11, (), verb="were introduced",
                          subject="internal passports")  # fmt: skip
    assert event_question(passports) == "In which year were internal passports introduced?"
    assert event_statement(passports, 1932) == "Internal passports were introduced in 1932"
    stakhanov = EventItem(33, "stakhanov-record", "Stakhanov's record coal-mining shift", 1935,
                          None, 8, 11, (), verb="mined a record 102 tonnes of coal in one shift",
                          subject="Stakhanov")  # fmt: skip
    assert event_question(stakhanov) == (
        "In which year did Stakhanov mine a record 102 tonnes of coal in one shift?"
    )


def test_explanations_give_the_checked_claim_of_the_notes_point():
    # The point itself reads "Shakhty trial 1928 - managers of the Shakhty coal mine, some
    # executed": a fragment, and wrong about who was tried.
    assert q("event_year_mcq:e6").explanation == (
        "The Shakhty trial was held in 1928. At the Shakhty trial of 1928, engineers were "
        "accused of sabotaging coal mines."
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
    assert set(answer["accept"]) == {"Alexei Rykov", "Aleksei Rykov"}
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


def _with_roles_dated(*added):
    """The sample's roles with the years and posts the course's own roles give."""
    roles = {
        2: "Leader of the Red Army in the Civil War, deported from the USSR in 1929",
        10: "Commissar for Heavy Industry who opposed the Terror and killed himself in 1937",
        13: "Leader of Abkhazia who refused to lead the NKVD and died in 1936",
    }
    people = tuple(dataclasses.replace(p, role=roles.get(p.id, p.role)) for p in KB.people)
    return {x.key: x for x in generate_bank(dataclasses.replace(KB, people=people + added))}


def test_who_was_offers_people_of_the_same_group_and_years_never_the_leader():
    # Ordzhonikidze (1937): party leaders, never Stalin, nor Trotsky (deported in 1929), nor
    # Lenin (dead in 1924), nor Kirov (murdered in 1934), nor a minor figure such as Lakoba.
    question = q("person_from_role_mcq:p10", _with_roles_dated())
    wrong = set(wrong_options(question))
    assert len(wrong) == 3
    assert wrong <= {"Zinoviev", "Kamenev", "Bukharin", "Rykov", "Tomsky"}


def test_who_was_never_asks_for_the_courses_own_subject():
    # "Who was the General Secretary ... from 1922?" blanks Stalin: it tests nothing.
    assert "person_from_role_mcq:p1" not in BY_KEY
    assert "person_from_role_typed:p1" not in BY_KEY
    assert "person_role_mcq:p1" in BY_KEY


def test_who_was_asks_no_choice_when_the_group_has_too_few_people():
    # Two historians cannot make three wrong answers; party leaders never stand in for them.
    assert "person_from_role_mcq:p16" not in BY_KEY
    assert "person_from_role_mcq:p17" not in BY_KEY
    assert q("person_from_role_typed:p16").answer["text"] == "Nove"


def test_a_minor_figure_is_offered_among_minor_figures_never_beside_a_miner():
    # Nikolayev, who shot Kirov: Lakoba and Pyatnitsky are two minor figures, too few, and
    # Stakhanov, a miner, would stand out beside them; so no question, until a third comes.
    assert "person_from_role_mcq:p9" not in _with_roles_dated()
    borisov = PersonItem(90, "borisov", "Borisov", "Mikhail Borisov", (),
                         "Kirov's bodyguard at the party headquarters in Leningrad")  # fmt: skip
    question = q("person_from_role_mcq:p9", _with_roles_dated(borisov))
    assert set(wrong_options(question)) == {
        "Lakoba", "Pyatnitsky", "Borisov"
    }  # fmt: skip


# Terms ---------------------------------------------------------------------------------------


def test_term_to_definition_hides_the_term_inside_its_own_definition():
    question = q("term_definition_mcq:t1")
    assert question.prompt == "What does 'NEP' mean?"
    assert "New Economic Policy" not in question.answer
    assert "…" in question.answer


def test_definition_to_term_reads_as_a_question_and_never_shows_the_term():
    question = q("definition_term_mcq:t3")
    assert question.prompt == (
        "Which term means: a worker who beat production targets, held up as a model in propaganda?"
    )
    assert question.answer == "Stakhanovite"
    # "The state planning commission" spells Gosplan out ('plan'), and "a public trial" is a
    # show trial: neither term is asked by, or matched to, its meaning.
    for template in ("definition_term_mcq", "definition_term_typed", "term_definition_mcq"):
        assert f"{template}:t2" not in BY_KEY and f"{template}:t9" not in BY_KEY
    for question in made_by("match_terms"):
        assert not {"Gosplan", "Show trial"} & set(question.answer)
    for question in made_by("definition_term_mcq") + made_by("definition_term_typed"):
        term = KB.term(question.sources["terms"][0])
        for form in term_forms(term):
            assert fold(form) not in fold(question.prompt), question.key


def test_a_definition_that_starts_with_the_terms_full_name_drops_it():
    assert q("definition_term_mcq:t8").prompt == (
        "Which term means: a state depot that lent equipment and drivers to collective farms?"
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


def test_term_choices_are_of_the_same_class_and_from_the_same_topic_first():
    # Kulak, "a richer peasant": one person each (never the Twenty-Five Thousanders, a group),
    # collectivisation's first.
    question = q("definition_term_mcq:t5")
    assert set(wrong_options(question)) == {"Batrak", "Nepman", "Stakhanovite"}


def test_a_typed_definition_gives_one_clue_and_never_spells_out_an_acronym():
    kb = dataclasses.replace(
        KB,
        terms=(
            *KB.terms,
            dataclasses.replace(
                KB.terms[0],
                id=90,
                term="NKVD",
                aliases=(),
                definition="The Soviet secret police from 1934 (the People's Commissariat for "
                "Internal Affairs), which carried out the arrests of the terror and ran the "
                "labour camps; its chiefs were Yagoda, Yezhov and then Beria from 1938 onwards.",
            ),
        ),
    )
    bank = {x.key: x for x in generate_bank(kb)}
    typed_prompt = q("definition_term_typed:t90", bank).prompt
    assert typed_prompt == (
        "Which term means: the Soviet secret police from 1934, which carried out the arrests of "
        "the terror and ran the labour camps?"
    )
    assert not any("Commissariat" in x.prompt for x in bank.values() if x.key.endswith(":t90"))


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


def test_a_doubtful_attribution_is_asked_as_reported_and_explained_as_doubtful():
    kb = dataclasses.replace(
        KB,
        quotes=tuple(
            dataclasses.replace(x, context="Words Lakoba is reported to have said as he died")
            if x.id == 6
            else x
            for x in KB.quotes
        ),
    )
    question = q("quote_speaker_mcq:q6", {x.key: x for x in generate_bank(kb)})
    # Nor "this about Beria": the words name him already.
    assert question.prompt == "Who is reported to have said: 'the snake Beria has killed me'?"
    assert question.answer == "Lakoba"
    assert "attribution is doubtful" in question.explanation


def test_a_speech_reported_in_pravda_was_said_not_written():
    kb = dataclasses.replace(
        KB,
        quotes=tuple(
            dataclasses.replace(x, context="Stalin's speech to managers, reported in Pravda")
            if x.id == 3
            else x
            for x in KB.quotes
        ),
    )
    question = q("quote_speaker_mcq:q3", {x.key: x for x in generate_bank(kb)})
    assert question.prompt.startswith("Who said: 'We are fifty")
    assert "reported to" not in question.prompt


# Claims: blanks -------------------------------------------------------------------------------


def test_a_cloze_blanks_one_key_detail_of_the_claim_sentence():
    question = q("claim_cloze:stalin-allied-zinoviev-kamenev:zinoviev")
    assert question.kind == "cloze"
    assert question.prompt == (
        f"Fill in the blank: In 1924 Stalin allied with {BLANK} and Kamenev against Trotsky."
    )
    assert question.answer["text"] == "Zinoviev"
    assert question.answer["kind"] == "name"
    assert "Grigory Zinoviev" in question.answer["accept"]
    # The others in the sentence are wrong answers, never accepted ones.
    assert {"Kamenev", "Trotsky", "Stalin"} <= set(question.answer["reject"])
    assert question.difficulty == 2
    assert question.sources["facts"] == [131]
    assert question.topic_id == 13


def test_cloze_answers_have_the_kind_and_difficulty_of_their_detail():
    assert q("claim_cloze:trotsky-expelled:1929").answer["kind"] == "year"
    assert q("claim_cloze:trotsky-expelled:1929").difficulty == 3
    assert q("claim_cloze:second-plan-enterprises:4-500").answer["kind"] == "number"
    assert "4500" in q("claim_cloze:second-plan-enterprises:4-500").answer["accept"]
    assert q("claim_cloze:socialism-in-one-country-adopted:1925").answer["kind"] == "year"
    assert q("claim_cloze:gosplan-targets:gosplan").answer["kind"] == "term"
    # "rescue the economy" would give away the New Economic Policy: no blank there.
    assert "claim_cloze:nep-introduced:nep" not in BY_KEY


def test_no_prompt_on_a_claim_carries_a_heading():
    titles = [fold(topic.title) for topic in KB.topics]
    for question in BANK:
        if question.template.startswith("claim_"):
            assert "(" not in question.prompt, question.prompt
            assert not any(title in fold(question.prompt) for title in titles), question.prompt


def test_a_phrase_is_typed_only_when_the_past_fixed_its_words():
    # "More than doubled" has many fair wordings ("doubled", "rose twofold"); a title has one.
    # A quoted phrase is typed only with its other wordings listed ('silent war' or 'quiet
    # war'): a pupil who half remembers a quotation is asked it with options.
    claims = (
        ClaimItem(
            991, "towns-grew", "The urban population more than doubled between 1926 and 1939.",
            "statistic", 35, facts=(351,),
            details=(ClaimDetailItem("more than doubled", "phrase"),), year=1939,
        ),
        ClaimItem(
            992, "second-serfdom", "Many peasants called collectivisation a 'second serfdom'.",
            "fact", 35, facts=(352,), details=(ClaimDetailItem("second serfdom", "phrase"),),
            year=1930,
        ),
        ClaimItem(
            993, "silent-war", "In 1933 Stalin said the peasants waged a 'silent war'.",
            "fact", 35, facts=(352,),
            details=(ClaimDetailItem("silent war", "phrase", accept=("quiet war",)),), year=1933,
        ),
        ClaimItem(
            994, "dizzy", "Stalin's article 'Dizzy with Success' paused collectivisation.",
            "fact", 35, facts=(352,), details=(ClaimDetailItem("Dizzy with Success", "phrase"),),
            year=1930,
        ),
    )  # fmt: skip
    bank = {x.key: x for x in generate_bank(dataclasses.replace(KB, claims=KB.claims + claims))}
    assert "claim_cloze:towns-grew:more-than-doubled" not in bank
    assert "claim_cloze:second-serfdom:second-serfdom" not in bank
    assert bank["claim_cloze:silent-war:silent-war"].answer["accept"] == ["quiet war"]
    assert bank["claim_cloze:dizzy:dizzy-with-success"].answer["text"] == "Dizzy with Success"


def test_an_ordinary_word_is_typed_only_with_its_other_answers():
    # "The party chose its chairman": its chair and its leader are as right, so the word is
    # typed only when the data lists them; a plural alone ('wrecker') is no other answer.
    def chairman(*accept):
        detail = ClaimDetailItem("chairman", "term", accept=accept)
        text = "In practice the party chose each collective farm's chairman in the 1930s."
        claim = ClaimItem(995, "kolkhoz-chairman", text, "fact", 35, facts=(352,),
                          details=(detail,), year=1933)  # fmt: skip
        kb = dataclasses.replace(KB, claims=(*KB.claims, claim))
        return {x.key: x for x in generate_bank(kb)}

    key = "claim_cloze:kolkhoz-chairman:chairman"
    assert key not in chairman()
    assert key not in chairman("chairmen")
    assert chairman("chair", "leader")[key].answer["accept"] == ["chair", "leader"]


def test_trivial_details_are_never_blanked():
    kb = with_claims(
        ("famine-range", 32, (321,), "statistic",
         "Between 1932 and 1933 Stalin's officials seized 4.7 million tonnes of grain.",
         [("1932", "year"), ("Stalin", "person"), ("4.7 million", "number")], {}),
        ("plan-range", 21, (211,), "fact",
         "The First Five-Year Plan ran from 1928 to 1932 under Gosplan.",
         [("1932", "year"), ("Gosplan", "term")], {}),
        ("left-heading", 13, (133,), "fact",
         "The Left failed to win the party over in 1926.", [("Left", "group")], {}),
        ("october-rising", 13, (133,), "fact",
         "In October 1917 Zinoviev and Kamenev opposed Lenin's plan to seize power.",
         [("1917", "year"), ("Kamenev", "person")], {}),
        ("purge-example", 13, (133,), "fact",
         "Party purges in the 1920s, such as that of 1921, rarely led to arrest.",
         [("1921", "year")], {}),
        ("power-taken", 13, (133,), "fact",
         "Soon after taking power in 1917, the Bolsheviks decreed an eight-hour working day.",
         [("1917", "year")], {}),
    )  # fmt: skip
    keys = set(bank_of(kb))
    assert "claim_cloze:october-rising:1917" not in keys  # the year of the October revolution
    assert "claim_detail_mcq:october-rising:1917" not in keys
    assert "claim_cloze:october-rising:kamenev" in keys
    assert "claim_cloze:power-taken:1917" not in keys  # the year the Bolsheviks took power
    assert "claim_cloze:purge-example:1921" not in keys  # one example: 1929 is right too
    assert "claim_cloze:famine-range:1932" not in keys  # the year of a statistic
    assert "claim_cloze:famine-range:stalin" not in keys
    assert "claim_cloze:famine-range:4-7-million" in keys
    assert "claim_cloze:plan-range:1932" not in keys  # the end of a range
    assert "claim_cloze:plan-range:gosplan" in keys
    assert "claim_cloze:left-heading:left" not in keys  # the topic's own word
    # The topic's own word: 'Lenin' under "Lenin's testament".
    assert "claim_cloze:testament-unlimited-authority:lenin" not in BY_KEY


def test_interpretations_are_never_blanks_or_true_or_false():
    for question in BANK:
        slug = question.key.split(":")[1]
        ours = question.template.startswith("claim_") and slug in {c.slug for c in KB.claims}
        if ours and claim(slug).type == "interpretation":
            assert question.template in ("claim_historian_mcq", "claim_view_mcq")


def test_a_blank_with_options_says_to_choose_and_a_cloze_to_fill_in():
    # The page labels them "Multiple choice" and "Fill in the blank": the prompts agree.
    choice = q("claim_detail_mcq:stalin-allied-zinoviev-kamenev:zinoviev")
    cloze = q("claim_cloze:stalin-allied-zinoviev-kamenev:zinoviev")
    assert choice.prompt.startswith("Choose what fills the blank: ")
    assert not choice.prompt.startswith("Fill in the blank")
    assert cloze.prompt.startswith("Fill in the blank: ")


def test_a_blanked_person_is_offered_among_party_leaders_alive_at_the_time():
    question = q("claim_detail_mcq:stalin-allied-zinoviev-kamenev:zinoviev")
    assert question.answer == "Zinoviev"
    leaders = {p.name for p in KB.people if role_group(p) == "leader"}
    for option in wrong_options(question):
        assert option in leaders
        assert option not in {"Stalin", "Kamenev", "Trotsky", "Lenin"}  # Lenin died in 1924


def test_a_blanked_part_is_never_offered_larger_than_its_whole():
    kb = with_claims(
        ("cc-shot", 42, (421,), "statistic",
         "Of the 139 members of the Central Committee elected in 1934, 98 were shot.",
         [("98", "number")], {}),
    )  # fmt: skip
    question = bank_of(kb)["claim_detail_mcq:cc-shot:98"]
    assert len(question.options) == 4
    assert all(int(option) < 139 for option in question.options)


def test_a_blanked_year_is_offered_among_near_years_not_true_of_the_claim():
    question = q("claim_detail_mcq:twenty-five-thousanders-sent:1929")
    assert question.answer == "1929"
    for option in wrong_options(question):
        assert re.fullmatch(r"19\d\d", option) and abs(int(option) - 1929) <= 5


def test_a_blanked_term_is_offered_among_terms_of_its_class():
    question = q("claim_detail_mcq:kolkhoz-pooled:kolkhoz")
    assert set(wrong_options(question)) <= {"Sovkhoz", "TOZ", "MTS"}  # farms, not policies
    policies = q("claim_detail_mcq:socialism-in-one-country-adopted:socialism-in-one-country")
    assert set(wrong_options(policies)) <= {"NEP", "War communism", "Five-Year Plan", "Purge"}


def test_a_range_is_offered_among_ranges():
    question = q("claim_detail_mcq:famine-deaths:5-5-8-5-million")
    for option in question.options:
        assert re.fullmatch(r"[\d.]+-[\d.]+ million", option), option


def test_a_filler_another_claim_gives_for_the_same_words_is_never_wrong():
    kb = with_claims(
        ("part-a", 11, (101,), "fact", "Stalin sat on the Politburo from 1919.",
         [("Politburo", "term")], {}),
        ("part-b", 11, (101,), "fact", "Stalin sat on the Komsomol from 1919.",
         [("Komsomol", "term")], {}),
    )  # fmt: skip
    rejects = bank_of(kb)["claim_cloze:part-a:politburo"].answer["reject"]
    assert "Komsomol" not in rejects
    assert "Gosplan" in rejects  # another body, as a wrong answer


def test_a_bound_is_never_blanked():
    kb = with_claims(
        ("by-1937", 21, (213,), "fact", "By 1937 the USSR made most of its own machine tools.",
         [("1937", "year")], {}),
        ("more-than", 11, (102,), "statistic",
         "The Lenin enrolment brought more than 200,000 workers into the party.",
         [("200,000", "number")], {}),
        ("about", 21, (211,), "statistic", "About 80% of the investment went into heavy industry.",
         [("80%", "number")], {}),
    )  # fmt: skip
    keys = set(bank_of(kb))
    assert "claim_cloze:by-1937:1937" not in keys  # 1938 is true too
    assert "claim_cloze:more-than:200-000" not in keys  # so is 100,000
    assert "claim_detail_mcq:about:80" in keys  # "about" is not a bound, but typing it
    assert "claim_cloze:about:80" not in keys  # would mark 79% or 81% wrong
    assert "claim_false:about" not in keys  # but 75% could be "about 80%" too


def test_wrong_groups_are_groups_of_the_same_sort():
    kb = with_claims(
        ("sec", 11, (101,), "fact", "Stalin ran the Secretariat from 1922.",
         [("Secretariat", "group")], {}),
        ("org", 11, (101,), "fact", "Stalin sat on the Orgburo from 1919.", [("Orgburo", "group")],
         {}),
        ("cc", 11, (101,), "fact", "Stalin was elected to the Central Committee in 1912.",
         [("Central Committee", "group")], {}),
        ("class", 11, (101,), "fact", "Stalin claimed to rule for the working class.",
         [("working class", "group")], {}),
        ("world", 11, (101,), "fact", "Stalin feared the capitalist world.",
         [("capitalist world", "group")], {}),
    )  # fmt: skip
    question = bank_of(kb)["claim_cloze:sec:secretariat"]
    assert set(question.answer["reject"]) <= {"Orgburo", "Central Committee", "Politburo",
                                              "Komsomol", "Gosplan", "NKVD"}  # fmt: skip


def test_a_long_role_or_definition_is_cut_at_a_clause_break_to_fit_a_phone():
    role = (
        "Leningrad party boss and head of the Comintern who sided with Stalin against Trotsky "
        "in 1924, then joined the United Opposition"
    )
    assert clipped(role) == (
        "Leningrad party boss and head of the Comintern who sided with Stalin against Trotsky "
        "in 1924"
    )
    assert clipped("Short role") == "Short role"
    assert clipped("x" * 130) is None  # no break to cut at


# Claims: true or false ------------------------------------------------------------------------


def test_a_true_statement_is_the_claim_as_written():
    question = q("claim_true:trotsky-expelled")
    assert question.prompt == "True or false: Trotsky was expelled from the USSR in 1929."
    assert question.answer is True


def test_a_false_statement_is_the_claims_misconception_when_it_has_one():
    question = q("claim_false:kulak-grain-strike")
    assert question.prompt == (
        "True or false: Bukharin called the grain crisis of 1928 a 'kulak grain strike' and "
        "brought back requisitioning."
    )
    assert question.answer is False
    assert question.explanation.startswith("False. Stalin called the grain crisis")


def test_a_false_statement_swaps_the_subject_for_another_leader_of_the_time():
    statement = statement_of(q("claim_false:trotsky-expelled"))
    assert statement.endswith(" was expelled from the USSR in 1929.")
    swapped = statement.split(" was")[0]
    leaders = {p.name for p in KB.people if role_group(p) == "leader"} - {"Trotsky", "Lenin"}
    assert swapped in leaders


def test_a_false_year_is_near_and_not_true_of_the_claim():
    statement = statement_of(q("claim_false:stakhanov-record"))
    year = int(re.match(r"In (\d{4}) ", statement).group(1))
    assert year != 1935 and abs(year - 1935) <= 5


def test_bounds_and_judgements_are_never_true_or_false():
    assert "claim_false:internal-passports" not in BY_KEY  # "From 1932": 1933 is true too
    assert "claim_false:first-plan-heavy-industry" not in BY_KEY  # "about 80%"
    assert "claim_true:stalin-character" not in BY_KEY  # a judgement
    assert "claim_true:conquest-terror-planned" not in BY_KEY  # an interpretation


def test_a_soft_claim_about_what_many_felt_is_never_true_or_false():
    kb = with_claims(
        ("soft-fear", 21, (213,), "fact",
         "Many communists feared that the growing gap between rich and poor would split them.",
         [("communists", "group")], {"misconception": "Few communists cared about the gap."}),
        ("soft-appeal", 21, (213,), "fact",
         "Collectivisation appealed to the party's left, which distrusted the richer peasants.",
         [("left", "group")], {}),
        ("soft-seen", 21, (213,), "fact", "The NEP was seen as a retreat from socialism in 1921.",
         [("1921", "year")], {}),
        ("checkable", 21, (213,), "fact", "Gosplan was set up in 1921 to plan the economy.",
         [("1921", "year")], {}),
    )  # fmt: skip
    bank = bank_of(kb)
    for slug in ("soft-fear", "soft-appeal", "soft-seen"):
        assert f"claim_true:{slug}" not in bank and f"claim_false:{slug}" not in bank
    assert "claim_true:checkable" in bank and "claim_false:checkable" in bank
    assert "claim_detail_mcq:soft-seen:1921" in bank  # still asked as a blank


def test_a_place_is_typed_only_when_the_data_lists_its_other_names():
    kb = with_claims(
        ("deported", 13, (131,), "fact", "Trotsky was deported from the USSR to Turkey in 1929.",
         [("Turkey", "place", ("Constantinople", "Istanbul", "Prinkipo"))], {}),
        ("born", 11, (101,), "fact", "Stalin was born in 1878 in Gori, the son of a cobbler.",
         [("Gori", "place")], {}),
    )  # fmt: skip
    bank = bank_of(kb)
    deported = bank["claim_cloze:deported:turkey"]
    for answer in ("Constantinople", "istanbul", "Prinkipo", "Turkey"):
        assert mark(deported, answer).correct, answer
    assert "claim_cloze:born:gori" not in bank  # a town with one name the data gives: options


def test_a_hedged_number_is_never_typed_and_a_fraction_takes_its_common_forms():
    kb = with_claims(
        ("hedged", 21, (213,), "statistic",
         "By the late 1920s grain exports were at most about a quarter of their 1913 level.",
         [("a quarter", "number")], {}),
        ("exact", 21, (213,), "statistic",
         "In 1932 the state took a quarter of the harvest from the farms of the region.",
         [("a quarter", "number")], {}),
    )  # fmt: skip
    bank = bank_of(kb)
    assert "claim_cloze:hedged:a-quarter" not in bank
    exact = bank["claim_cloze:exact:a-quarter"]
    for answer in ("a quarter", "quarter", "one quarter", "one fourth", "1/4", "25%"):
        assert mark(exact, answer).correct, answer
    assert not mark(exact, "a third").correct


def test_the_word_after_the_blank_may_be_typed_with_the_answer():
    kb = with_claims(
        ("famine-1921", 21, (213,), "statistic",
         "The famine of 1921, worst in the Volga region, killed millions of peasants.",
         [("Volga", "place", ("Volga basin",))], {}),
    )  # fmt: skip
    question = bank_of(kb)["claim_cloze:famine-1921:volga"]
    assert question.prompt.endswith("worst in the _____ region, killed millions of peasants.")
    assert mark(question, "Volga region").correct
    assert mark(question, "Volga").correct
    assert not mark(question, "Kuban region").correct


def test_a_year_in_an_aside_gives_way_to_the_claims_telling_detail():
    kb = with_claims(
        ("conquest", 41, (411,), "fact",
         "Robert Conquest's The Great Terror, published in 1968, relied mainly on "
         "émigré memoirs and defectors' accounts.",
         [("Robert Conquest", "person", ("Conquest",)), ("1968", "year")], {}),
        ("godless", 41, (411,), "fact",
         "The League of the Godless, founded in 1925, spread atheist propaganda.",
         [("1925", "year")], {}),
    )  # fmt: skip
    bank = bank_of(kb)
    assert "claim_cloze:conquest:robert-conquest" in bank
    assert "claim_cloze:conquest:1968" not in bank
    assert "claim_detail_mcq:conquest:1968" not in bank
    assert "claim_cloze:godless:1925" in bank  # no other detail: the year it is


def test_a_wrong_year_never_falls_before_a_year_the_claim_dates_as_earlier():
    kb = with_claims(
        ("denial", 13, (131,), "fact",
         "In 1925 Trotsky, under pressure, publicly denied that the party had hidden "
         "Lenin's testament of 1922-23.",
         [("1925", "year")], {}),
        ("turn", 14, (143,), "fact",
         "Stalin defended the NEP against the Left until 1927, then turned against it in 1928.",
         [("1928", "year")], {}),
    )  # fmt: skip
    bank = bank_of(kb)
    denial = bank["claim_detail_mcq:denial:1925"]
    assert all(int(option) >= 1922 for option in denial.options)
    assert not {"1922", "1923"} & set(denial.options)
    turn = bank["claim_detail_mcq:turn:1928"]
    assert len(turn.options) == 4 and all(int(option) > 1927 for option in turn.options)


def test_by_a_year_every_wrong_year_is_earlier_since_any_later_one_is_also_true():
    kb = with_claims(
        ("whites", 13, (131,), "fact",
         "By the end of 1920 the Red Army had defeated the main White armies.",
         [("1920", "year")], {}),
    )  # fmt: skip
    bank = bank_of(kb)
    wrong = set(bank["claim_detail_mcq:whites:1920"].options) - {"1920"}
    assert wrong and all(int(option) < 1920 for option in wrong)
    false = [x for key, x in bank.items() if key.startswith("claim_false:whites")]
    assert all(int(re.search(r"\b(19\d\d)\b", x.prompt).group(1)) < 1920 for x in false)


def test_questions_on_two_claims_of_one_point_share_that_point_so_no_quiz_holds_both():
    kb = with_claims(
        ("point-a", 21, (213,), "fact", "Gosplan was set up in 1921 to plan the economy.",
         [("1921", "year")], {}),
        ("point-b", 21, (213,), "fact", "Magnitogorsk was built in the Urals from 1929.",
         [("Magnitogorsk", "place")], {}),
    )  # fmt: skip
    on_the_point = [x for x in generate_bank(kb) if ":point-" in x.key]
    assert {x.key.split(":")[1] for x in on_the_point} == {"point-a", "point-b"}
    assert all(213 in x.sources["facts"] for x in on_the_point)
    candidates = [
        Candidate(n, 1, x.kind, 1, frozenset(("fact", f) for f in x.sources["facts"]))
        for n, x in enumerate(on_the_point)
    ]
    assert len(choose_questions(candidates, groups=[1], count=10, rng=random.Random(0))) == 1


def test_a_correction_shows_in_the_explanation():
    question = q("claim_false:famine-deaths")
    assert question.explanation == (
        "False. Most historians estimate that 5.5-8.5 million people died in the famine of "
        "1932-33. The notes say 10 million; most historians estimate 5.5-8.5 million deaths "
        "for 1932-33."
    )


def test_a_point_marked_not_for_questions_gives_no_question():
    if "not_for_questions" not in {f.name for f in dataclasses.fields(FactItem)}:
        pytest.skip("the knowledge base has no not-for-questions mark yet")
    kb = with_claims(
        ("coarse", 11, (354,), "judgement", "Stalin came from Georgia.", [("Georgia", "place")],
         {}),
    )  # fmt: skip
    assert not [key for key in bank_of(kb) if ":coarse" in key]


# Claims: interpretations, which event, which term ----------------------------------------------


def test_which_historian_argued_a_view_offers_other_historians():
    question = q("claim_historian_mcq:conquest-terror-planned")
    assert question.prompt == "Who argued that Stalin planned the Terror from the start?"
    assert question.answer == "Robert Conquest"
    historians = {"Martin Malia", "Tony Cliff", "Alec Nove", "J. Arch Getty"}
    assert set(wrong_options(question)) <= historians


def test_a_school_of_thought_is_offered_among_schools():
    question = q("claim_historian_mcq:revisionists-pressure-below")
    assert question.prompt == "Who argued that pressure from below drove the purges in the regions?"
    assert set(wrong_options(question)) <= {
        "Totalitarian historians", "Soviet historians", "Trotskyists"
    }  # fmt: skip


def test_which_view_offers_other_peoples_views():
    question = q("claim_view_mcq:conquest-terror-planned")
    assert question.prompt == "Which of these did Robert Conquest argue?"
    assert question.answer == "Stalin planned the Terror from the start."
    own = {fold(c.view) for c in KB.claims if c.held_by == "Robert Conquest"}
    assert not {fold(o.rstrip(".")) for o in wrong_options(question)} & own


def test_which_view_is_not_asked_without_rival_views_on_its_part_of_the_course():
    # Malia's is one of two views on the economy: beside views on the Terror it would stand out.
    assert "claim_view_mcq:malia-not-socialism" not in {x.key for x in BANK}


def _with_a_claim_on_the_kirov_murder():
    fact = FactItem(
        990, 41, "Nikolayev shot him at the Smolny", "", "bullet", "card 1", (9,), (13,), ()
    )
    claim_ = ClaimItem(
        990,
        "nikolayev-at-the-smolny",
        "In December 1934 Nikolayev shot the Leningrad party boss in the Smolny building.",
        "fact",
        41,
        facts=(990,),
        year=1934,
    )
    # A third death of those years beside Lenin's and Ordzhonikidze's ("Trotsky's murder"
    # shares the answer's word, so it is never offered).
    execution = EventItem(
        990, "executions-1936", "The execution of Kamenev and Zinoviev", 1936, None, 8, 43, (3, 4)
    )
    return dataclasses.replace(
        KB,
        facts=(*KB.facts, fact),
        claims=(*KB.claims, claim_),
        events=(*KB.events, execution),
    )


def test_which_event_offers_only_events_of_the_answers_kind_and_period():
    bank = {x.key: x for x in generate_bank(_with_a_claim_on_the_kirov_murder())}
    question = q("claim_event_mcq:nikolayev-at-the-smolny", bank)
    assert question.answer == "The Kirov murder"
    # Deaths within ten years of 1934, not the Great Terror or the Ryutin affair.
    assert set(wrong_options(question)) == {
        "Lenin's death",
        "Ordzhonikidze's suicide",
        "The execution of Kamenev and Zinoviev",
    }


def test_which_event_is_not_asked_when_no_other_event_is_of_its_kind():
    # The great famine is the only famine: beside a murder and a decree it would stand out.
    assert "claim_event_mcq:grain-theft-shot" not in BY_KEY
    assert "claim_event_mcq:trotsky-expelled" not in BY_KEY  # "Trotsky ... expelled"
    assert "claim_event_mcq:shakhty-engineers" not in BY_KEY  # "the Shakhty trial"


# Choose two ----------------------------------------------------------------------------------


def test_choose_two_never_offers_results_as_wrong_reasons():
    # The sample's reasons for collectivisation have no misconceptions, and its results (1930
    # onwards) would be ruled out as reasons for a 1929 policy by their dates alone.
    assert not [x for x in made_by("choose_two") if "reasons" in x.prompt]


def test_choose_two_never_takes_wrong_reasons_from_arguments_about_a_policy():
    # "The NEP divided the party" is arguably a reason too: with no list of results to lend
    # wrong options, the reasons make no question.
    topics = tuple(
        dataclasses.replace(t, title="The state of the NEP in 1928: arguments against the NEP")
        if t.id == 35
        else t
        for t in KB.topics
    )
    bank = generate_bank(dataclasses.replace(KB, topics=topics))
    assert not [x for x in made_by("choose_two", bank) if "reasons" in x.prompt]


def test_a_wrong_result_is_a_cause_from_before_never_an_aim_that_came_true():
    # "Collective farms would give the party control" was an aim, and it came true.
    by_text = {full_stop(c.text): c for c in KB.claims}
    questions = [x for x in made_by("choose_two") if "results" in x.prompt]
    assert questions
    for question in questions:
        right = [by_text[a] for a in question.answer]
        for option in set(question.options) - set(question.answer):
            assert "would" not in option, question.key
            assert by_text[option].year < min(c.year for c in right), question.key


def test_choose_two_keys_name_both_claims():
    for question in made_by("choose_two"):
        slugs = question.key.split(":")[-1].split("+")
        assert len(slugs) == 2
        facts = {f for s in slugs for f in claim(s).facts}
        assert facts <= set(question.sources["facts"])


def test_wrong_numbers_are_never_within_a_quarter_of_the_answer():
    # "About 5 million" beside "6 million" is arguable; "3.0 million" is not how anyone writes.
    for surface in ("5 million", "14", "4,500", "1.5 million"):
        value = float(re.sub(r"[^\d.]", "", surface))
        for option in number_options(surface):
            other = float(re.sub(r"[^\d.]", "", option))
            assert abs(other - value) / value >= 0.3, (surface, option)
            assert ".0 " not in option, option


@pytest.mark.parametrize("surface", ["33%", "93%", "40%", "17%"])
def test_wrong_percentages_are_never_multiples_or_fractions_of_the_answer(surface):
    # 33%, 66%, 99% (or 93%, 46%, 23%) leave the answer standing out as the one the others
    # are made from.
    value = int(surface[:-1])
    options = [int(o[:-1]) for o in number_options(surface)]
    assert len(options) >= 3
    for option in options:
        assert option % value and value % option, option
        assert option < 100


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


def test_no_option_is_longer_than_the_marker_accepts():
    long_term = dataclasses.replace(KB.term(2), definition="The state planning commission " * 9)
    kb = dataclasses.replace(KB, terms=tuple(long_term if t.id == 2 else t for t in KB.terms))
    bank = generate_bank(kb)
    assert "term_definition_mcq:t2" not in {x.key for x in bank}
    for x in bank:
        items = x.options if x.kind != "matching" else x.options["left"] + x.options["right"]
        assert all(len(item) <= MAX_TEXT_LENGTH for item in items), x.key


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


@pytest.mark.parametrize(
    ("role", "short"),
    [
        ("Head of the Moscow Soviet who sided with Stalin against Trotsky in 1924, then joined "
         "the United Opposition", "Head of the Moscow Soviet"),
        ("Party boss in Georgia at whose apartment Lakoba died in 1936; head of the NKVD from "
         "1938", "Party boss in Georgia"),
        ("Head of the Soviet government (chairman of Sovnarkom) after Lenin and a leader of the "
         "Right", "Head of the Soviet government after Lenin"),
        ("Kirov's bodyguard, who died in an NKVD truck", "Kirov's bodyguard"),
        ("Resentful party member who shot Kirov at party headquarters in Leningrad", None),
        ("Central Committee member who in 1937 spoke out against the elimination of Bukharin",
         None),
        ("Stalin's closest ally: a party secretary from 1921", None),
    ],
)  # fmt: skip
def test_a_matched_role_is_its_first_clause_or_nothing_when_that_is_vague(role, short):
    assert short_role(role) == short


def test_matching_people_pairs_each_person_with_their_own_role():
    questions = made_by("match_people")
    assert questions
    for question in questions:
        people = [KB.person(i) for i in question.sources["people"]]
        assert 4 <= len(people) <= 5
        assert question.answer == {p.name: short_role(p.role) for p in people}
        assert all(len(role) <= 60 for role in question.answer.values())
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
    "claim_true",
}


def test_adding_a_person_leaves_questions_about_other_things_unchanged():
    kalinin = PersonItem(90, "kalinin", "Kalinin", "Mikhail Kalinin", (), "Soviet head of state")
    after = {x.key: x for x in generate_bank(dataclasses.replace(KB, people=(*KB.people, kalinin)))}
    for key, question in BY_KEY.items():
        person_detail = any(
            d.kind == "person" and key.endswith(":" + re.sub(r"\W+", "-", d.text.lower()))
            for c in KB.claims
            for d in c.details
        )
        unrelated = question.template in UNRELATED_TO_PEOPLE or (
            question.template in ("claim_cloze", "claim_detail_mcq") and not person_detail
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
    elif x.kind == "multiple_select":
        if not 4 <= len(x.options) <= 5 or len({fold(o) for o in x.options}) != len(x.options):
            yield f"options not 4 or 5 distinct: {x.options}"
        if len(x.answer) != 2 or not set(x.answer) <= set(x.options):
            yield "not two right options among the options"
        if "two" not in x.prompt:
            yield "the prompt does not say how many to choose"
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


def coverage_problems(kb, bank, kinds=KINDS):
    """Every kind is asked, every claim of fact or statistic is asked, and so every topic with
    one; no point marked not for questions is the only source of a question on the notes."""
    problems = []
    made = {question.kind for question in bank}
    problems += [f"no {kind} question" for kind in kinds if kind not in made]
    asked = {
        question.key.split(":")[1] for question in bank if question.template.startswith("claim_")
    }
    checkable = [c for c in kb.claims if c.type in ("fact", "statistic")]
    problems += [f"claim {c.slug} never asked" for c in checkable if c.slug not in asked]
    topics = {question.topic_id for question in bank}
    problems += [f"topic {t} never asked" for t in {c.topic_id for c in checkable} - topics]
    barred = {f.id for f in kb.facts if getattr(f, "not_for_questions", "")}
    for question in bank:
        if question.template.startswith("claim_") and set(question.sources["facts"]) <= barred:
            problems.append(f"{question.key}: only from points not for questions")
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
        if x.template == "claim_detail_mcq" and re.fullmatch(r"19\d\d", x.answer):
            claim_ = _claim_of(kb, x)
            spanned = {y for i in claim_.facts for y in _linked_years(kb, kb.fact(i))}
            if any(int(option) in spanned for option in wrong_options(x)):
                problems.append(f"{x.key}: a wrong year is one the claim's events span")
            if x.answer not in claim_.text:
                problems.append(f"{x.key}: the key is not the claim's year")
    return problems


def _claim_of(kb, x):
    slug = x.key.split(":")[1]
    return next(c for c in kb.claims if c.slug == slug)


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
        elif x.template == "claim_true":
            claim_ = _claim_of(kb, x)
            if not x.answer or statement != claim_.text or claim_.type not in ("fact", "statistic"):
                problems.append(f"{x.key}: true statement is not a fact or statistic claim")
        elif x.template == "claim_false":
            claim_ = _claim_of(kb, x)
            problems += [f"{x.key}: {p}" for p in _false_statement_problems(kb, claim_, statement)]
            if x.answer is not False:
                problems.append(f"{x.key}: a false statement marked true")
        else:
            problems.append(f"{x.key}: unknown true/false template")
    return problems


def _false_statement_problems(kb, claim_, statement):
    """A false statement is the misconception, or the claim with one detail swapped for a
    value that is not also true: a year none of its events spans, a person not linked to it."""
    if claim_.type not in ("fact", "statistic"):
        yield f"a {claim_.type} made true or false"
    if statement == claim_.misconception:
        return
    if fold(statement) == fold(claim_.text):
        yield "the false statement is the claim as written"
    swapped = [
        d
        for d in claim_.details
        if statement.startswith(claim_.text[: claim_.text.find(d.text)])
        and statement.endswith(claim_.text[claim_.text.find(d.text) + len(d.text) :])
    ]
    if not swapped:
        yield "neither the misconception nor one detail swapped"
    facts = [kb.fact(i) for i in claim_.facts]
    spanned = {y for f in facts for y in _linked_years(kb, f)} | set(
        map(int, re.findall(r"\b19\d\d\b", claim_.text))
    )
    new_years = set(map(int, re.findall(r"\b19\d\d\b", statement))) - set(
        map(int, re.findall(r"\b19\d\d\b", claim_.text))
    )
    if new_years & spanned:
        yield f"swapped in a year the claim's events span: {new_years}"
    linked = {p for f in facts for p in f.people}
    for person in kb.people:
        named_now = any(_contains(statement, form) for form in person_forms(person))
        named_before = any(_contains(claim_.text, form) for form in person_forms(person))
        if named_now and not named_before and person.id in linked:
            yield f"swapped in {person.name}, who is linked to the claim's points"


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
    if x.kind == "multiple_select":
        return [x.answer], [[o for o in x.options if o not in x.answer][:2]]
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
    assert len(bank) >= (1000 if len(kb.facts) > 100 else 280)


def test_the_bank_is_the_same_every_time(built):
    kb, bank = built
    assert generate_bank(kb) == bank


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_every_seed_gives_a_bank_that_keeps_the_rules(seed):
    bank = generate_bank(KB, seed=seed)
    assert all_problems(KB, bank) == []
    assert generate_bank(KB, seed=seed) == bank
