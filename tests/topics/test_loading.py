import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from topics.export import export_content
from topics.loading import COURSE_FILE, ContentError, load_course
from topics.models import Event, Fact, Origin, Person, Quote, Term, Topic
from topics.notes import parse_notes

pytestmark = pytest.mark.django_db

NOTES_FILE = COURSE_FILE.parent / "aqa-stalin-ussr-1924-1941.txt"


def test_every_point_of_the_notes_is_a_fact():
    points = parse_notes(NOTES_FILE.read_bytes()).points
    stored = set(Fact.objects.filter(origin=Origin.COURSE).values_list("original_text", flat=True))

    missing = [point.text for point in points if point.text not in stored]

    assert missing == []
    assert Fact.objects.filter(origin=Origin.COURSE).count() == len(points) == 259


def test_every_bullet_line_of_the_file_is_in_some_fact():
    # Independent of the parser: scan the raw lines for bullets.
    lines = NOTES_FILE.read_text(encoding="utf-8").splitlines()
    bullets = [
        " ".join(line.strip().lstrip("•").split())
        for line in lines
        if line.strip().startswith("•") and "Created" not in line
    ]
    originals = "\n".join(Fact.objects.values_list("original_text", flat=True))

    assert len(bullets) > 220
    assert [bullet for bullet in bullets if bullet and bullet not in originals] == []


def test_facts_keep_their_source_card_and_order():
    fact = Fact.objects.get(original_text="1932 - internal passports in countryside")
    assert fact.source == "card 18 of 30"
    assert fact.kind == "timeline"
    testament = Topic.objects.get(slug="lenins-testament")
    assert testament.parent.slug == "stalins-rise-to-power"
    assert testament.facts.first().original_text == "danger of split warned,"


MISSPELLINGS = [
    "beurocracy",
    "beuracracy",
    "excecuted",
    "excecutions",
    "Kykov",
    "arguement",
    "Arguements",
    "neccessity",
    "neccessary",
    "untill",
    "dependance",
    "independance",
    "Commisar",
    "outmaneovered",
    "transfered",
    "devestation",
    "possesions",
    "drunkeness",
    "propoganda",
    "interogated",
    "assasination",
    "dissappeared",
    "feedom",
    "mudered",
    "convienient",
]


def test_display_texts_correct_the_notes_spelling():
    texts = list(Fact.objects.values_list("text", flat=True))
    texts += list(Topic.objects.values_list("title", flat=True))
    found = {word for word in MISSPELLINGS for text in texts if re.search(rf"\b{word}\b", text)}
    assert found == set()
    assert Fact.objects.filter(original_text__contains="Kykov", text__contains="Rykov").exists()


def test_display_texts_start_with_a_capital_letter():
    assert [t for t in Fact.objects.values_list("text", flat=True) if t[0].islower()] == []


@pytest.mark.parametrize(
    "slug",
    [
        "stalin",
        "trotsky",
        "lenin",
        "zinoviev",
        "kamenev",
        "bukharin",
        "rykov",
        "tomsky",
        "kirov",
        "nikolayev",
        "yezhov",
        "beria",
        "ordzhonikidze",
    ],
)
def test_the_people_of_the_course_are_known_with_a_role_and_facts(slug):
    person = Person.objects.get(slug=slug)
    assert person.role
    assert person.facts.exists()


def test_historians_are_people_too():
    names = " ".join(Person.objects.values_list("full_name", flat=True))
    assert "Malia" in names
    assert "Nove" in names


def test_misspelt_names_in_the_notes_link_to_the_right_person():
    fact = Fact.objects.get(original_text__contains="Bukharin, Kykov, Tomsky")
    assert {"bukharin", "rykov", "tomsky", "stalin"} <= set(
        fact.people.values_list("slug", flat=True)
    )


@pytest.mark.parametrize(
    ("words", "start", "end", "month"),
    [
        ("Shakhty", 1928, None, None),
        ("Dizzy", 1930, None, 3),
        ("passports", 1932, None, None),
        ("Kirov", 1934, None, None),
        ("First Five-Year Plan", 1928, 1932, None),
        ("Second Five-Year Plan", 1933, 1937, None),
        ("Third Five-Year Plan", 1938, 1941, None),
        ("Civil War", 1918, 1921, None),
    ],
)
def test_dated_events_have_their_years(words, start, end, month):
    event = Event.objects.get(title__icontains=words, start_year=start)
    assert event.end_year == end
    if month:
        assert event.month == month


@pytest.mark.parametrize(
    "term",
    [
        "NEP",
        "Gosplan",
        "Gigantomania",
        "Kulak",
        "Kolkhoz",
        "Sovkhoz",
        "TOZ",
        "MTS",
        "Stakhanovite",
        "Socialism in One Country",
        "Permanent Revolution",
        "Show trial",
    ],
)
def test_key_terms_have_definitions(term):
    found = Term.objects.get(term__iexact=term)
    assert len(found.definition) > 20
    assert term.lower() not in found.definition.lower()


def test_quotes_know_who_said_them_and_about_whom():
    # The notes' "arch mediocrity" is stored as Trotsky's usual words.
    mediocrity = Quote.objects.get(text__icontains="outstanding mediocrity")
    assert (mediocrity.speaker.slug, mediocrity.about.slug) == ("trotsky", "stalin")
    # The omelette proverb is not Nove's words: it has no speaker, so no question asks for one.
    omelette = Quote.objects.get(text__icontains="omelette")
    assert omelette.speaker is None and omelette.about is None


def run_load(*args):
    out = StringIO()
    call_command("load_content", *args, stdout=out)
    return out.getvalue()


def test_loading_the_course_again_changes_nothing():
    before = export_content()

    output = run_load()

    assert "0 created, 0 updated" in output
    assert export_content() == before


def test_loading_never_touches_what_admins_made_or_fixed():
    fact = Fact.objects.get(original_text="1932 - internal passports in countryside")
    fact.text = "1932: internal passports were introduced in the countryside."
    fact.edited = True
    fact.save()
    own = Person.objects.create(slug="lavrentiy", name="Own person", role="Added by an admin")

    run_load()

    fact.refresh_from_db()
    own.refresh_from_db()
    assert fact.text == "1932: internal passports were introduced in the countryside."
    assert own.name == "Own person"
    assert own.origin == Origin.ADMIN


def test_loading_restores_deleted_course_content():
    Person.objects.filter(slug="tomsky").delete()

    output = run_load()

    assert Person.objects.filter(slug="tomsky").exists()
    assert "1 created" in output


def test_dry_run_writes_nothing():
    Person.objects.filter(slug="tomsky").delete()

    output = run_load("--dry-run")

    assert output.startswith("Would load")
    assert not Person.objects.filter(slug="tomsky").exists()


def broken_course(tmp_path, change):
    course = json.loads(COURSE_FILE.read_text(encoding="utf-8"))
    change(course)
    path = tmp_path / "course.json"
    path.write_text(json.dumps(course), encoding="utf-8")
    (tmp_path / course["notes"]).write_bytes(NOTES_FILE.read_bytes())
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: c["events"][0].update(topic="no-such-topic"), "unknown slug 'no-such-topic'"),
        (lambda c: c["people"][0].update(facts=["words not in the notes"]), "no fact of the notes"),
        (lambda c: c["quotes"][0].update(speaker="nobody"), "unknown slug 'nobody'"),
        (lambda c: c.update(schema="something-else"), "is not course data"),
        (lambda c: c["terms"][0].pop("definition"), "lacks the field 'definition'"),
        (lambda c: c["events"][0].update(verb="happens"), "verb 'happens' begins with neither"),
        (lambda c: c["events"][0].update(verb="was " + "held " * 30), "longer than 120"),
        (
            lambda c: next(p for p in c["people"] if p["slug"] == "rykov")["aliases"].append(
                "Kykov"
            ),
            "aliases ['Kykov'] are misspellings",
        ),
    ],
)
def test_bad_course_data_fails_with_one_line_and_changes_nothing(tmp_path, change, message):
    path = broken_course(tmp_path, change)
    Person.objects.filter(slug="tomsky").delete()
    before = export_content()

    with pytest.raises(CommandError) as error:
        run_load("--file", str(path))

    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert export_content() == before


def test_load_course_refuses_unreadable_data(tmp_path):
    path = tmp_path / "course.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ContentError, match="cannot read"):
        load_course(path)


def test_a_misspelling_in_the_notes_is_never_an_accepted_name():
    rykov = Person.objects.get(slug="rykov")
    assert "Kykov" not in rykov.alias_list
    assert Fact.objects.filter(original_text__contains="Kykov", people=rykov).exists()


def test_an_events_verb_and_subject_are_loaded():
    assert Event.objects.get(slug="shakhty-trial").verb == "was held"
    assert Event.objects.get(slug="shakhty-trial").subject == ""
    lenin = Event.objects.get(slug="death-of-lenin")
    assert (lenin.subject, lenin.verb) == ("Lenin", "died")
    assert Event.objects.get(slug="great-purges").verb == ""


def test_shipped_notes_are_a_copy_of_the_course_notes():
    assert Path(NOTES_FILE).read_bytes().startswith(b"AQA History Stalin and the USSR 1924-1941")


def test_course_data_that_is_not_an_object_is_refused(tmp_path):
    path = tmp_path / "course.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(CommandError, match="is not course data"):
        run_load("--file", str(path))
