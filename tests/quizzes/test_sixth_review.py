"""What a sixth read of the bank as a teacher found, as examples of what good looks like.

Each test builds a small knowledge base from the sample one (see `test_fifth_review`) and checks
the questions the generator makes from it.
"""

import dataclasses
from dataclasses import replace

from quizzes.generation import generate_bank
from quizzes.generation.claims import class_noun, other_view, wrong_values
from quizzes.generation.course import Course
from quizzes.generation.wording import clipped
from tests.quizzes.kb_sample import sample_kb
from tests.quizzes.test_fifth_review import KIROV_DEBATE, _bank, _claim, _kb, _view, why_trivial
from topics.knowledge import QuoteItem, TermItem

FAMINE = 12  # the sample's event "The great famine", under "The famine of 1932-1934"


def _retitled(kb, topic_id, title):
    topics = tuple(
        dataclasses.replace(t, title=title) if t.id == topic_id else t for t in kb.topics
    )
    return dataclasses.replace(kb, topics=topics)


def _event_year_keys(bank, event_id):
    return {key for key in bank if key.startswith("event_year_") and key.endswith(f":e{event_id}")}


def test_a_question_is_never_filed_under_a_topic_whose_title_answers_it():
    kb = sample_kb()
    titled = {x.key: x for x in generate_bank(kb)}
    # Practising "The famine of 1932-1934", "In which year did the great famine begin?" is
    # answered by the page's own heading: the question is filed under the part of the course.
    asked = _event_year_keys(titled, FAMINE)
    assert {"event_year_mcq:e12", "event_year_typed:e12"} <= asked
    assert {titled[key].topic_id for key in asked} == {30}  # "Collectivisation 1928-1941"
    untitled = {x.key: x for x in generate_bank(_retitled(kb, 32, "The great famine"))}
    assert {untitled[key].topic_id for key in _event_year_keys(untitled, FAMINE)} == {32}


def test_a_question_whose_answer_both_titles_show_is_not_asked():
    kb = _retitled(_retitled(sample_kb(), 32, "The famine of 1932"), 30, "Collectivisation 1932")
    assert not _event_year_keys({x.key: x for x in generate_bank(kb)}, FAMINE)


def test_an_event_with_no_checked_claim_is_explained_without_a_pasted_note():
    kb = dataclasses.replace(sample_kb(), claims=())
    bank = {x.key: x for x in generate_bank(kb)}
    explained = [x for key, x in bank.items() if key.startswith("event_year_mcq:")]
    assert explained
    facts = [f.text for f in kb.facts]
    for question in explained:
        assert "The notes say" not in question.explanation
        assert not any(fact in question.explanation for fact in facts)


def test_a_class_named_beside_the_blank_or_in_apposition_limits_its_fillers():
    okhrana = _claim(
        930, "Yezhov accused him of having been an agent of the Okhrana, the tsar's secret police.",
        ("Okhrana", "term"), year=1937,
    )  # fmt: skip
    tambov = _claim(
        931, "In 1920 and 1921 the Red Army crushed peasant risings, above all in Tambov province.",
        ("Tambov", "place"), year=1921,
    )  # fmt: skip
    moscow = _claim(932, "In 1918 the capital moved to Moscow.", ("Moscow", "place"), year=1918)
    course = Course(_kb(claims=(okhrana, tambov, moscow)), seed=1)
    added = {c.id: c for c in course.claims}
    assert class_noun(added[930], added[930].details[0]) == "secret police"
    assert class_noun(added[931], added[931].details[0]) == "province"
    # Moscow is a city, never a province the sentence could mean: no town is offered.
    assert wrong_values(course, "k", added[931], added[931].details[0]) == []


def test_a_view_is_asked_beside_rival_views_on_the_same_part_of_the_course():
    lonely = _view(940, "Alec Nove", "the Soviet economy was ready for war by 1941", topic=50)
    bank = _bank(claims=(*KIROV_DEBATE, lonely))
    # No other view on Stalin's Russia by 1941: beside views on the Terror, it would stand out.
    assert "claim_view_mcq:claim-940" not in bank
    nove = next(c for c in sample_kb().claims if c.held_by == "Alec Nove")
    asked = bank[f"claim_view_mcq:{nove.slug}"]
    rivals = {
        "The Soviet Union was a form of state capitalism.",
        "The Soviet system never put socialist values into practice.",
    }
    assert rivals < set(asked.options)


def test_a_school_of_thought_is_named_in_lower_case_inside_a_question():
    views = (
        *KIROV_DEBATE,
        _view(941, "Revisionist historians", "the Terror grew from regional conflicts", topic=42),
        _view(942, "Stalinist histories", "Kirov was killed by a Trotskyist plot", topic=41),
    )
    asked = _bank(claims=views)["claim_view_mcq:claim-941"]
    assert asked.prompt == "Which of these did revisionist historians argue?"


def test_a_school_is_offered_only_other_schools_views():
    # Lenoe's "Nikolayev acted alone" may well be a revisionist's view too.
    revisionists = _view(941, "Revisionist historians", "the Terror grew from regional conflicts",
                         topic=42)  # fmt: skip
    stalinist = _view(942, "Stalinist histories", "Kirov was killed by a Trotskyist plot", topic=41)
    lenoe = KIROV_DEBATE[1]
    course = Course(_kb(claims=(*KIROV_DEBATE, revisionists, stalinist)), seed=1)
    added = {c.id: c for c in course.claims}
    assert not other_view(course, added[941], added[lenoe.id])
    assert other_view(course, added[941], added[942])
    assert other_view(course, added[lenoe.id], added[941])  # a person's, beside a school's


def test_words_with_no_known_source_are_not_asked_as_a_quote_about_anyone():
    unsourced = "The notes' phrase for what he disliked; no source is given for the words"
    phrase = QuoteItem(82, "drudgery of politics", None, 2, None, 11, unsourced)
    said = QuoteItem(83, "the most outstanding mediocrity in our party", 2, 1, None, 11,
                     "Said of Stalin in the 1920s")  # fmt: skip
    bank = _bank(quotes=(phrase, said))
    assert "quote_about_mcq:q82" not in bank
    assert "quote_about_mcq:q83" in bank


def test_a_place_whose_definition_takes_many_words_is_still_not_asked_as_a_term():
    definition = "A huge new iron and steel city built from scratch in the Urals"
    city = TermItem(72, "magnitogorsk", "Magnitogorsk", definition, (), 21)
    keys = set(_bank(terms=(city,)))
    assert not [key for key in keys if key.endswith(":t72")]


def test_a_region_is_never_offered_beside_a_region_it_lies_in():
    shakhty = _claim(
        933, "In the Shakhty trial of 1928, engineers from the Donbass coal mines were accused.",
        ("Donbass", "place"), year=1928,
    )  # fmt: skip
    famine = _claim(
        934, "The famine of 1932-33 struck hardest in Ukraine and Kazakhstan.",
        ("Ukraine", "place"), year=1932,
    )  # fmt: skip
    regions = [
        _claim(935 + i, f"In 1930 kulaks were deported to {place}.", (name, "place"), year=1930)
        for i, (place, name) in enumerate(
            (("the Urals", "Urals"), ("the Volga", "Volga"), ("Siberia", "Siberia"),
             ("Kazakhstan", "Kazakhstan"))
        )
    ]  # fmt: skip
    course = Course(_kb(claims=(shakhty, famine, *regions)), seed=1)
    added = {c.id: c for c in course.claims}
    offered = wrong_values(course, "k", added[933], added[933].details[0], n=6)
    assert offered and "Ukraine" not in offered
    offered = wrong_values(course, "k", added[934], added[934].details[0], n=6)
    assert offered and "Donbass" not in offered
    # "from the _____ coal mines" takes a region spoken of with "the", "in _____" one without.
    assert {"Urals", "Volga"} >= set(wrong_values(course, "k", added[933], added[933].details[0]))
    assert not {"Urals", "Volga"} & set(offered)


def test_a_role_cut_to_fit_is_cut_before_its_and():
    role = (
        "Stalin's closest ally: a party secretary from 1921, head of the Soviet government "
        "1930-41 and, from 1939, Commissar for Foreign Affairs who signed the Nazi-Soviet Pact"
    )
    assert clipped(role, 100) == (
        "Stalin's closest ally: a party secretary from 1921, head of the Soviet government 1930-41"
    )


def test_a_link_side_with_a_pronoun_is_refused():
    from topics.links import link_problems

    problems = link_problems(
        slug="latecomer", relation="cause", from_text="Trotsky joining the party in 1917",
        to_text="Many saw him as a latecomer",
    )  # fmt: skip
    assert problems == [("to_text", "holds a pronoun (name who is meant, or leave them out)")]


def test_choose_two_offers_false_items_of_the_list_and_never_its_context():
    reasons = [
        _claim(950, "Stalin wanted collective farms to grow more grain for export.", year=1929,
               topic=33, misconception="Stalin wanted collective farms to grow less grain."),
        _claim(951, "Stalin wanted big farms to free peasants to work in industry.", year=1929,
               topic=33, misconception="Stalin wanted big farms to keep peasants on the land."),
        _claim(952, "The party hoped working together would make peasants socialists.",
               year=1929, topic=33,
               misconception="The party hoped working together would make peasants capitalists."),
        _claim(953, "Stalin wanted the state to control the grain supply.", year=1929,
               topic=33, misconception="Stalin wanted private traders to control the grain."),
    ]  # fmt: skip
    context = dataclasses.replace(
        _claim(
            954,
            "In January 1928 Stalin toured Siberia to force grain out of the peasants.",
            year=1928,
            topic=33,
        ),
        list_item=False,
    )
    bank = _bank(claims=(*reasons, context))
    asked = [x for x in bank.values() if x.template == "choose_two" and "reasons" in x.prompt]
    false = {c.misconception for c in reasons}
    assert asked
    assert not [x for x in asked if context.text in x.options]
    with_false = [x for x in asked if set(x.options) - set(x.answer) <= false]
    assert with_false
    for question in with_false:
        # A false item is never the misconception of a right one, which would point at it.
        right = [c for c in reasons if c.text in question.answer]
        assert not {c.misconception for c in right} & set(question.options)


def test_a_place_named_after_someone_the_sentence_names_is_not_blanked():
    renamed = _claim(
        960, "After Lenin's death in 1924 Petrograd was renamed Leningrad.", ("Leningrad", "place"),
        year=1924,
    )  # fmt: skip
    assert why_trivial(renamed) == "named after someone the sentence names"
    plain = _claim(
        961, "In 1924 the city of Petrograd was renamed Leningrad.", ("Leningrad", "place")
    )
    assert why_trivial(plain) == ""


def test_choose_two_never_offers_a_true_reason_with_its_date_moved():
    reasons = [
        _claim(970, "Sverdlov died in 1919, leaving the party open to Stalin.", year=1919,
               topic=33, misconception="Sverdlov died in 1924, leaving the party open to Stalin."),
        _claim(971, "Stalin wanted big farms to free peasants to work in industry.", year=1929,
               topic=33, misconception="Stalin wanted big farms to keep peasants on the land."),
        _claim(972, "The party hoped working together would make peasants socialists.",
               year=1929, topic=33,
               misconception="The party hoped working together would make peasants capitalists."),
        _claim(973, "Stalin wanted the state to control the grain supply.", year=1929,
               topic=33, misconception="Stalin wanted private traders to control the grain."),
    ]  # fmt: skip
    bank = _bank(claims=tuple(reasons))
    asked = [x for x in bank.values() if x.template == "choose_two"]
    assert asked
    assert not [x for x in asked if reasons[0].misconception in x.options]


def test_a_right_option_that_alone_echoes_the_topic_title_is_filed_under_the_section():
    from quizzes.generation.questions import QuestionSpec, filed_where_fair

    course = Course(sample_kb(), seed=1)
    murder = next(t for t in course.topics.values() if t.title == "The Kirov murder")
    question = QuestionSpec(
        key="person_role_mcq:p1", template="person_role_mcq", kind="multiple_choice",
        prompt="Which of these best describes Nikolayev?",
        options=["Party member who shot Kirov in 1934", "Head of the NKVD 1936-38",
                 "Head of the trade unions", "Commissar for Heavy Industry"],
        answer="Party member who shot Kirov in 1934", explanation="", difficulty=1,
        topic_id=murder.id, sources={},
    )  # fmt: skip
    assert filed_where_fair(course, question).topic_id == murder.parent_id
    echoed_by_all = replace(question, options=[f"{o} (Kirov)" for o in question.options],
                            answer="Party member who shot Kirov in 1934 (Kirov)")  # fmt: skip
    assert filed_where_fair(course, echoed_by_all).topic_id == murder.id


def test_no_body_the_course_first_names_years_later_is_offered():
    soviet = _claim(980, "In 1905 Trotsky was chairman of the St Petersburg Soviet.",
                    ("St Petersburg Soviet", "group"), year=1905)  # fmt: skip
    komsomol = _claim(981, "In 1930 the Komsomol sent brigades to the villages.",
                      ("Komsomol", "group"), year=1930)  # fmt: skip
    later = _claim(982, "In 1931 the Orgburo appointed the new secretaries.", ("Orgburo", "group"),
                   year=1931)  # fmt: skip
    course = Course(_kb(claims=(soviet, komsomol, later)), seed=1)
    added = {c.id: c for c in course.claims}
    assert "Komsomol" not in wrong_values(course, "k", added[980], added[980].details[0], n=6)
    assert "Komsomol" in wrong_values(course, "k", added[982], added[982].details[0], n=6)


def test_a_name_inside_a_list_of_names_is_not_blanked():
    shot = _claim(990, "At the third trial in 1938, Bukharin, Rykov and Yagoda were shot.",
                  ("Rykov", "person"), year=1938)  # fmt: skip
    assert why_trivial(shot) == "one of a list of people"
    last = _claim(991, "By 1923 Stalin, Zinoviev and Kamenev were working as a triumvirate.",
                  ("Kamenev", "person"), year=1923)  # fmt: skip
    assert why_trivial(last) == ""


def test_a_false_item_differing_only_in_its_date_or_figure_reads_as_the_true_one():
    from quizzes.generation.lists import undated

    assert undated("From June 1940 workers could be jailed.") == undated(
        "From 1928 workers could be jailed."
    )
    assert undated("About 680,000 were shot.") == undated("About 68,000 were shot.")
    assert undated("Stalin was Commissar for War.") != undated(
        "Stalin was Commissar for Nationalities."
    )
