"""What a fifth read of the bank as a teacher found, as examples of what good looks like.

Each test builds a small knowledge base from the sample one, with the claims, people or quotes
the rule is about, and checks the questions the generator makes from it.
"""

import dataclasses
import re

from quizzes.generation import generate_bank
from quizzes.generation.claims import (
    detail_class,
    named_then,
    town_fits,
    trivial,
    wrong_values,
)
from quizzes.generation.course import Course
from quizzes.generation.distractors import number_options, role_group
from quizzes.generation.quotes import alive
from tests.quizzes.kb_sample import sample_kb
from topics.knowledge import (
    ClaimDetailItem,
    ClaimItem,
    EventItem,
    PersonItem,
    QuoteItem,
    TermItem,
)

FACT = sample_kb().facts[0]  # a claim is asked only when it is written from a point of the notes


def _claim(id, text, *details, year=None, topic=FACT.topic_id, misconception=""):
    return ClaimItem(
        id=id,
        slug=f"claim-{id}",
        text=text,
        type="fact",
        topic_id=topic,
        details=tuple(ClaimDetailItem(text=t, kind=k) for t, k in details),
        year=year,
        misconception=misconception,
        facts=(FACT.id,),
    )


def _kb(**extra):
    kb = sample_kb()
    return dataclasses.replace(
        kb, **{name: getattr(kb, name) + items for name, items in extra.items()}
    )


def why_trivial(claim):
    """Why the claim's first detail is never blanked ('' if it may be), in the sample course."""
    course = Course(_kb(claims=(claim,)), seed=1)
    added = course.claims[-1]
    return trivial(course, added, added.details[0])


def _bank(**extra):
    return {x.key: x for x in generate_bank(_kb(**extra))}


BORN_IN_GORI = _claim(
    900, "Stalin was born in 1878 in Gori, Georgia, the son of a poor cobbler.",
    ("Gori", "place"), year=1878,
)  # fmt: skip
LAKOBA_IN_TBILISI = _claim(
    901, "Lakoba died suddenly in Tbilisi in December 1936, after a dinner with the party boss "
    "of Georgia.", ("Tbilisi", "place"), year=1936,
)  # fmt: skip
MAGNITOGORSK = _claim(
    902, "Young volunteers flocked to great building projects such as Magnitogorsk.",
    ("Magnitogorsk", "place"), year=1931,
)  # fmt: skip
PETROGRAD_RENAMED = _claim(
    903, "In 1924 the city of Petrograd was renamed Leningrad.",
    ("Leningrad", "place"), year=1924,
)  # fmt: skip


def test_a_town_in_georgia_is_offered_beside_towns_of_georgia():
    bank = _bank(claims=(BORN_IN_GORI, LAKOBA_IN_TBILISI))
    born = bank["claim_detail_mcq:claim-900:gori"]
    # Named as they were in 1878: Tiflis and Batum, not Tbilisi and Batumi (renamed in 1936).
    assert set(born.options) == {"Gori", "Tiflis", "Batum", "Kutaisi"}
    assert len(born.options) == 4


def test_a_town_is_never_offered_before_it_bore_its_name():
    course = Course(_kb(claims=(PETROGRAD_RENAMED,)), seed=1)
    claim = course.claims[-1]
    assert not town_fits(claim, "Leningrad", "Magnitogorsk")  # founded in 1929
    assert not town_fits(claim, "Leningrad", "Stalingrad")  # Tsaritsyn until 1925
    assert town_fits(claim, "Leningrad", "Moscow")
    question = _bank(claims=(PETROGRAD_RENAMED,))["claim_detail_mcq:claim-903:leningrad"]
    assert "Magnitogorsk" not in question.options


def test_one_example_of_an_open_list_is_never_blanked():
    assert why_trivial(MAGNITOGORSK) == "one example among others"
    assert not [k for k in _bank(claims=(MAGNITOGORSK,)) if "claim-902" in k and "cloze" in k]


def test_a_party_is_offered_only_beside_parties():
    course = Course(sample_kb(), seed=1)
    assert detail_class(course, "Mensheviks", "group") == "group:party"
    assert detail_class(course, "Socialist Revolutionaries", "group") == "group:party"
    assert detail_class(course, "Whites", "group") == "group:people"
    assert detail_class(course, "political commissars", "group") != "group:party"


def test_a_miner_is_a_worker_and_never_stands_among_the_figures_of_kirovs_murder():
    bodyguard = PersonItem(91, "borisov", "Borisov", "Mikhail Borisov", (),
                           "Kirov's bodyguard, who died in 1934 in an NKVD truck")  # fmt: skip
    assert role_group(next(p for p in sample_kb().people if p.name == "Stakhanov")) == "worker"
    assert role_group(bodyguard) == "minor"
    bank = _bank(people=(bodyguard,))
    # The other minor figures are the wrong answers a marker names; Stakhanov, a miner, is not.
    assert set(bank["person_from_role_typed:p91"].answer["reject"]) == {
        "Nikolayev", "Pyatnitsky", "Kirov"
    }  # fmt: skip
    assert "person_from_role_mcq:p91" not in bank  # two minor figures: too few to choose from


def test_wrong_numbers_are_of_the_answers_size_first():
    census = _claim(
        904, "The census of 1937 counted about 162 million people, far fewer than Stalin had "
        "claimed.", ("162 million", "number"), year=1937,
    )  # fmt: skip
    assert "490 million" in number_options("162 million")  # there are far ones to avoid
    question = _bank(claims=(census,))["claim_detail_mcq:claim-904:162-million"]
    for option in question.options:
        value = float(option.split()[0])
        assert 81 <= value <= 324, question.options


def test_a_book_title_is_asked_as_a_book_and_an_unsourced_saying_not_at_all():
    book = QuoteItem(80, "The Revolution Betrayed", 2, None, 1936, 11,
                     "The title of the book Trotsky wrote in exile")  # fmt: skip
    legend = QuoteItem(81, "one who doubts the rightness of the party line", 1, None, None, 11,
                       "Attributed to him by some; no reliable source is known")  # fmt: skip
    bank = _bank(quotes=(book, legend))
    assert bank["quote_speaker_mcq:q80"].prompt == "Who wrote the book 'The Revolution Betrayed'?"
    assert "quote_speaker_mcq:q81" not in bank


def test_a_person_the_notes_never_name_belongs_where_the_claims_speak_of_them():
    zhdanov = PersonItem(92, "zhdanov", "Zhdanov", "Andrei Zhdanov", (),
                         "Party boss of Leningrad after 1934", in_notes=False)  # fmt: skip
    succeeded = _claim(905, "After Kirov's murder in December 1934, Andrei Zhdanov took over "
                       "in Leningrad.", ("Andrei Zhdanov", "person"), topic=12)  # fmt: skip
    course = Course(_kb(people=(zhdanov,), claims=(succeeded,)), seed=1)
    assert course.person_topic(course.person[92]) == 12


def test_a_place_in_the_glossary_is_not_asked_as_a_term():
    city = TermItem(
        70, "magnitogorsk", "Magnitogorsk", "A huge new steel city built in the Urals", (), 21
    )
    system = TermItem(71, "gulag", "Gulag", "The system of prison camps of the NKVD", (), 21)
    keys = set(_bank(terms=(city, system)))
    assert not [key for key in keys if "t70" in re.split(r"[:-]", key)]
    assert "definition_term_typed:t71" in keys


def _view(id, holder, view, *also, topic=41):
    return dataclasses.replace(
        _claim(id, f"{holder} argued that {view}.", (holder, "person"), topic=topic),
        type="interpretation",
        held_by=holder,
        view=view,
        also_held_by=also,
    )


KIROV_DEBATE = (
    _view(910, "Amy Knight", "Stalin probably organised Kirov's murder", "Robert Conquest"),
    _view(911, "Matthew Lenoe", "Nikolayev acted alone", "Oleg Khlevniuk", "Alla Kirilina"),
    _view(912, "Oleg Khlevniuk", "Kirov was a loyal Stalinist, not a rival"),
    _view(913, "Stephen Cohen", "Bukharin offered another path", topic=14),
    _view(914, "Lynne Viola", "peasants resisted collectivisation", topic=31),
)


def test_who_argued_offers_only_the_other_side_of_a_debate():
    bank = _bank(claims=KIROV_DEBATE)
    knight = bank["claim_historian_mcq:claim-910"]
    # Cohen and Viola never wrote on Kirov: either may have agreed with Knight, unrecorded.
    assert set(knight.options) == {"Amy Knight", "Matthew Lenoe", "Oleg Khlevniuk", "Alla Kirilina"}
    # Lenoe's other side holds only Knight and Conquest: too few, no question.
    assert "claim_historian_mcq:claim-911" not in bank


def test_a_view_most_historians_share_is_not_asked_as_who_argued_it():
    shared = _view(915, "Oleg Khlevniuk", "Stalin directed the Terror", "most historians")
    bank = _bank(claims=(*KIROV_DEBATE, shared))
    assert "claim_historian_mcq:claim-915" not in bank
    assert not any("most historians" in str(x.options) for x in bank.values())


def test_which_came_first_never_asks_for_the_revolution_itself():
    revolution = EventItem(40, "october-revolution", "The October Revolution", 1918, None, 10, 11,
                           (), verb="took place")  # fmt: skip
    bank = _bank(events=(revolution,))
    firsts = [x for x in bank.values() if x.template == "which_first"]
    assert firsts and not any("Revolution" in " ".join(x.options) for x in firsts)
    assert any(
        "The October Revolution" in x.options for x in bank.values() if x.template == "ordering"
    )


def test_an_event_is_explained_by_its_checked_claim_not_the_raw_note():
    kb = sample_kb()
    shakhty = next(e for e in kb.events if e.slug == "shakhty-trial")
    checked = next(c for c in kb.claims if set(c.facts) & set(shakhty.facts) and c.type == "fact")
    explanation = _bank()[f"event_year_mcq:e{shakhty.id}"].explanation
    assert explanation == "The Shakhty trial was held in 1928. " + checked.text
    assert "The notes say" not in explanation


def test_a_blank_whose_opposite_the_sentence_names_is_not_asked():
    trotsky = _claim(
        920, "Trotsky sided with the Mensheviks until he joined the Bolsheviks in 1917.",
        ("Mensheviks", "group"), year=1917,
    )  # fmt: skip
    assert why_trivial(trotsky) == "its opposite is in the sentence"


def test_the_year_in_a_revolutions_name_is_not_blanked():
    theory = _claim(
        921, "Trotsky first set out Permanent Revolution after the revolution of 1905.",
        ("1905", "year"), year=1905,
    )  # fmt: skip
    assert why_trivial(theory) == "the year in a revolution's name"


def test_a_country_is_offered_only_under_the_name_it_had_then():
    deported = _claim(922, "Trotsky was deported from the USSR to Turkey in February 1929.",
                      ("Turkey", "place"), year=1929)  # fmt: skip
    killed = _claim(923, "Trotsky was killed in Mexico in August 1940.", ("Mexico", "place"),
                    year=1940)  # fmt: skip
    fled = _claim(924, "Many Jews fled Nazi Germany for Britain in 1938.",
                  ("Nazi Germany", "place"), year=1938)  # fmt: skip
    course = Course(_kb(claims=(deported, killed, fled)), seed=1)
    turkey = next(c for c in course.claims if c.id == 922)
    assert not named_then(turkey, "Nazi Germany")
    assert named_then(next(c for c in course.claims if c.id == 924), "Nazi Germany")
    assert wrong_values(course, "k", turkey, turkey.details[0]) == ["Mexico"]


def test_a_definition_asked_for_its_term_leaves_its_asides_out():
    cult = TermItem(72, "cult-of-lenin", "cult of Lenin",
                    "The worship of the dead founder of the Soviet state as a hero (his "
                    "embalmed body, Petrograd renamed after him), which Stalin built up", (),
                    11)  # fmt: skip
    question = _bank(terms=(cult,))["definition_term_typed:t72"]
    assert "embalmed" not in question.prompt and "embalmed" in question.explanation


def test_a_leader_blanked_beside_his_group_is_not_asked():
    right = _claim(
        925, "Bukharin and the Right of the party wanted to keep the NEP.", ("Bukharin", "person"),
        year=1928,
    )  # fmt: skip
    assert why_trivial(right) == "one of a group the sentence names"


def test_words_of_a_year_are_never_said_to_be_about_someone_dead_by_then():
    dead = PersonItem(93, "sverdlov", "Sverdlov", "Yakov Sverdlov", (),
                      "Chief party organiser, whose early death in 1919 helped Stalin")  # fmt: skip
    testament = QuoteItem(82, "unlimited authority concentrated in his hands", 14, 1, 1922, 12,
                          "Lenin's testament, warning the party about Stalin")  # fmt: skip
    question = _bank(people=(dead,), quotes=(testament,))["quote_about_mcq:q82"]
    assert "Sverdlov" not in question.options
    assert alive(dead, 1919) and not alive(dead, 1922)
