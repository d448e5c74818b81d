"""Checked claims: the rules, the shipped files, loading, the snapshot, the export and the admin."""

import json
import shutil
from io import StringIO

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from topics.claims import claim_problems
from topics.export import export_content
from topics.knowledge import ClaimDetailItem
from topics.loading import CLAIMS_SCHEMA, COURSE_FILE, FactLinker
from topics.models import Claim, Fact, Origin, Person, Topic
from topics.notes import parse_notes
from topics.snapshot import load_knowledge_base

CLAIMS_DIR = COURSE_FILE.parent / "claims"
NOTES_FILE = COURSE_FILE.parent / "aqa-stalin-ussr-1924-1941.txt"
ALL_FILES = ["cards-01-10.json", "cards-11-20.json", "cards-21-30.json"]


def shipped():
    """[(file name, document)] of the claims files that exist so far."""
    return [
        (path.name, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(CLAIMS_DIR.glob("*.json"))
    ]


def shipped_claims():
    return [(name, claim) for name, document in shipped() for claim in document["claims"]]


def card_of(fact):
    return int(fact.source.split()[1])


# ---------------------------------------------------------------------------------------------
# The rules, on their own.

GOOD = {
    "slug": "stalin-general-secretary",
    "text": "Stalin became General Secretary of the Communist Party in April 1922.",
    "type": "fact",
    "details": [{"text": "General Secretary", "kind": "term"}, {"text": "1922", "kind": "year"}],
    "heading": "Stalin's power bases",
}


def problems_with(**changes):
    return [message for _, message in claim_problems(**{**GOOD, **changes})]


def test_a_good_claim_has_no_problems():
    assert claim_problems(**GOOD) == []


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"slug": "Not Kebab"}, "not kebab-case"),
        ({"text": "Stalin became General Secretary in 1922"}, "full stop"),
        ({"text": "stalin became General Secretary in 1922."}, "capital letter"),
        ({"text": "Stalin became General Secretary. This was in 1922."}, "more than one sentence"),
        ({"text": "1922 - Stalin became General Secretary."}, "a dash"),
        ({"text": "Stalin became General Secretary/leader in 1922."}, "a slash"),
        ({"text": "Stalin became General Secretary (1922)."}, "brackets"),
        ({"text": "1. Stalin became General Secretary in 1922."}, "numbering"),
        ({"text": "K and Z backed Stalin as General Secretary in 1922."}, "initials"),
        ({"text": "Stalin became General Secretary in 1922, " + "a" * 200 + "."}, "characters"),
        ({"type": "opinion"}, "is not one of"),
        ({"details": [{"text": "Politburo", "kind": "term"}]}, "appears 0 times"),
        ({"details": [{"text": "1922", "kind": "date"}]}, "has kind 'date'"),
        ({"details": [{"text": "Stalin", "kind": "person"}]}, "Stalin is never"),
        (
            {"details": [{"text": "General Secretary", "kind": "term", "accept": "Gen Sec"}]},
            "accept",
        ),
        ({"heading": "The General Secretary"}, "a word of the topic's heading"),
        ({"type": "interpretation"}, "names who holds it"),
        ({"held_by": "Robert Service"}, "only an interpretation"),
        (
            {"type": "judgement", "misconception": "Trotsky became General Secretary."},
            "only a fact",
        ),
        ({"misconception": "Trotsky became General Secretary in 1922"}, "full stop"),
        ({"year": 2050}, "not a year"),
    ],
)
def test_each_rule_names_what_is_wrong(changes, problem):
    assert any(problem in message for message in problems_with(**changes))


def test_details_that_are_trivial_are_refused():
    statistic = {
        "slug": "grain",
        "type": "statistic",
        "text": "In 1926 grain exports were about a quarter of their 1913 level.",
        "year": 1926,
        "details": [{"text": "1926", "kind": "year"}],
    }
    assert "is the year of the statistic" in str(claim_problems(**statistic))
    ranged = {
        "slug": "nep",
        "type": "fact",
        "text": "The NEP lasted from 1921 to 1928.",
        "details": [{"text": "1928", "kind": "year"}],
    }
    assert "the end of a date range" in str(claim_problems(**ranged))
    assert claim_problems(**{**ranged, "details": [{"text": "1921", "kind": "year"}]}) == []


def test_an_initial_is_not_the_end_of_a_sentence():
    text = "Robert V. Daniels called this the circular flow of power."
    assert problems_with(text=text, details=[]) == []


@pytest.mark.django_db
def test_the_model_refuses_a_claim_that_breaks_the_rules():
    topic = Topic.objects.get(slug="stalins-powerbases")
    claim = Claim(
        slug="bad-claim",
        text="1922 - Stalin became Gen Sec",
        type="interpretation",
        topic=topic,
        details=[{"text": "Orgburo", "kind": "term"}],
    )
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert {"text", "held_by", "view", "details"} <= set(error.value.message_dict)


# ---------------------------------------------------------------------------------------------
# The shipped files.


def test_the_shipped_files_have_the_schema_and_their_cards():
    files = shipped()
    assert "cards-01-10.json" in [name for name, _ in files]
    for name, document in files:
        assert document["schema"] == CLAIMS_SCHEMA, name
        first, last = document["cards"]
        assert name == f"cards-{first:02d}-{last:02d}.json"


def test_slugs_are_unique_across_the_files():
    slugs = [claim["slug"] for _, claim in shipped_claims()]
    assert sorted({s for s in slugs if slugs.count(s) > 1}) == []


@pytest.fixture
def linker(db):
    return FactLinker(Fact.objects.filter(origin=Origin.COURSE).select_related("topic"))


def test_every_shipped_claim_keeps_every_rule(linker):
    broken = []
    for name, claim in shipped_claims():
        facts = linker.matching(claim["facts"], claim["slug"])
        topic = Topic.objects.get(slug=claim["topic"]) if "topic" in claim else facts[0].topic
        fields = {k: v for k, v in claim.items() if k not in ("facts", "topic", "list_item")}
        problems = claim_problems(heading=topic.title, **fields)
        broken += [f"{name} {claim['slug']}: {field} {message}" for field, message in problems]
    assert broken == []


def test_every_claim_names_points_of_the_notes_of_its_own_cards(linker):
    strays = []
    for _, document in shipped():
        first, last = document["cards"]
        for claim in document["claims"]:
            cards = {card_of(fact) for fact in linker.matching(claim["facts"], claim["slug"])}
            strays += [claim["slug"] for card in cards if not first <= card <= last]
    assert strays == []


def covered_points(linker):
    covered = set()
    for _, document in shipped():
        for claim in document["claims"]:
            covered |= {fact.pk for fact in linker.matching(claim["facts"], claim["slug"])}
        for entry in document.get("not_for_questions", []):
            assert entry["reason"].strip() and "\n" not in entry["reason"]
            covered |= {fact.pk for fact in linker.matching([entry["fact"]], entry["fact"])}
    return covered


def test_every_point_of_the_cards_with_a_file_has_a_claim_or_a_reason(linker):
    cards = set()
    for _, document in shipped():
        first, last = document["cards"]
        cards |= set(range(first, last + 1))
    covered = covered_points(linker)

    missing = [
        f"card {card_of(f)}: {f.original_text}"
        for f in linker.facts
        if card_of(f) in cards and f.pk not in covered
    ]

    assert missing == []


@pytest.mark.skipif(
    not all((CLAIMS_DIR / name).exists() for name in ALL_FILES),
    reason="waits for the claims of all 30 cards",
)
def test_all_259_points_of_the_notes_are_covered(linker):
    points = parse_notes(NOTES_FILE.read_bytes()).points
    covered = covered_points(linker)
    assert len(points) == 259
    assert [f.original_text for f in linker.facts if f.pk not in covered] == []


def test_cards_one_to_ten_have_a_teachers_share_of_each_kind():
    claims = dict(shipped())["cards-01-10.json"]["claims"]
    types = [claim["type"] for claim in claims]
    checkable = [c for c in claims if c["type"] in ("fact", "statistic")]
    assert 90 <= len(claims) <= 140
    assert {"fact", "statistic", "interpretation", "judgement"} <= set(types)
    assert sum(1 for c in checkable if c.get("misconception")) >= len(checkable) // 2


# ---------------------------------------------------------------------------------------------
# What the loader made of them.


@pytest.mark.django_db
def test_every_shipped_claim_is_loaded_with_its_facts_and_topic():
    claims = shipped_claims()
    assert Claim.objects.filter(origin=Origin.COURSE).count() == len(claims)
    claim = Claim.objects.get(slug="lenin-enrolment")
    fact = Fact.objects.get(original_text="1923 - was managing 'lenin enrolment'")
    assert list(claim.facts.all()) == [fact]
    assert claim.topic == fact.topic
    assert claim.details[0] == {
        "text": "Lenin Enrolment",
        "kind": "term",
        "accept": ["Lenin Levy", "Lenin Enrollment"],
    }
    assert "1924" in claim.text and "1923" in claim.correction


@pytest.mark.django_db
def test_a_whole_points_wording_names_that_point_alone():
    claim = Claim.objects.get(slug="trotsky-in-the-politburo")
    assert [f.original_text for f in claim.facts.all()] == ["Politburo and Orgburo"]


@pytest.mark.django_db
def test_the_corrections_of_the_notes_are_in_the_data():
    corrections = {
        "civil-war-foreign-intervention": "17",
        "trotsky-1905-soviet": "St Petersburg Soviet",
        "lessons-of-october": "Zinoviev",
        "the-new-course": "1923",
        "permanent-revolution-1905": "1905-06",
        "socialism-in-one-country-dates": "December 1924",
        "continuity-thesis": "continuity thesis",
    }
    for slug, words in corrections.items():
        assert words in Claim.objects.get(slug=slug).correction, slug


def run_load(*args):
    out = StringIO()
    call_command("load_content", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_loading_claims_again_changes_nothing():
    before = export_content()

    output = run_load()

    assert "0 created, 0 updated" in output
    assert f"{Claim.objects.count()} claims" in output
    assert export_content() == before


@pytest.mark.django_db
def test_loading_keeps_claims_that_admins_made_or_fixed():
    fixed = Claim.objects.get(slug="lenin-enrolment")
    fixed.text = "The Lenin Enrolment of 1924 recruited workers into the party."
    fixed.edited = True
    fixed.save()
    fixed.facts.clear()
    own = Claim.objects.create(
        slug="admins-own-claim",
        text="Stalin was born in Gori.",
        type="fact",
        topic=fixed.topic,
    )

    run_load()

    fixed.refresh_from_db()
    own.refresh_from_db()
    assert fixed.text == "The Lenin Enrolment of 1924 recruited workers into the party."
    assert not fixed.facts.exists()
    assert (own.origin, own.text) == (Origin.ADMIN, "Stalin was born in Gori.")


@pytest.mark.django_db
def test_loading_restores_a_deleted_claim_and_a_dry_run_does_not():
    Claim.objects.filter(slug="trotsky-1905-soviet").delete()

    assert run_load("--dry-run").startswith("Would load")
    assert not Claim.objects.filter(slug="trotsky-1905-soviet").exists()

    assert "1 created" in run_load()
    assert Claim.objects.get(slug="trotsky-1905-soviet").facts.count() == 1


def course_copy(tmp_path, files):
    """A course folder in tmp_path: the shipped course and notes, and these claims files."""
    shutil.copy(COURSE_FILE, tmp_path / "course.json")
    shutil.copy(NOTES_FILE, tmp_path / NOTES_FILE.name)
    (tmp_path / "claims").mkdir()
    for name, document in files.items():
        text = document if isinstance(document, str) else json.dumps(document)
        (tmp_path / "claims" / name).write_text(text, encoding="utf-8")
    return tmp_path / "course.json"


def shipped_file(name="cards-01-10.json"):
    return json.loads((CLAIMS_DIR / name).read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_points_marked_not_for_questions_are_marked_and_unmarked(tmp_path):
    document = shipped_file()
    document["not_for_questions"] = [
        {"fact": "Georgian background", "reason": "A slur on his manners, not a checkable claim."}
    ]
    path = course_copy(tmp_path, {"cards-01-10.json": document})

    output = run_load("--file", str(path))

    fact = Fact.objects.get(original_text__startswith="Georgian background")
    assert fact.not_for_questions == "A slur on his manners, not a checkable claim."
    marked = Fact.objects.exclude(not_for_questions="").count()
    assert f"{marked} points not for questions" in output
    kb = load_knowledge_base()
    assert kb.fact(fact.pk).not_for_questions == fact.not_for_questions

    run_load()  # the shipped files mark nothing on this card
    fact.refresh_from_db()
    assert fact.not_for_questions == ""


@pytest.mark.django_db
def test_a_claim_is_filed_under_the_topic_it_names_else_its_first_points(tmp_path, linker):
    document = shipped_file()
    first, second = document["claims"][:2]
    first["topic"] = "the-kirov-murder-1934"
    second["list_item"] = False
    path = course_copy(tmp_path, {"cards-01-10.json": document})

    run_load("--file", str(path))

    assert Claim.objects.get(slug=first["slug"]).topic.slug == "the-kirov-murder-1934"
    claim = Claim.objects.get(slug=second["slug"])
    assert claim.topic == linker.matching(second["facts"], second["slug"])[0].topic
    assert not claim.list_item
    assert not next(c for c in load_knowledge_base().claims if c.slug == second["slug"]).list_item


def change_first_claim(change):
    def apply(document):
        change(document["claims"][0])
        return document

    return apply


BAD_CASES = [
    (
        change_first_claim(lambda c: c.update(facts=["words not in the notes"])),
        "no fact of the notes",
    ),
    (change_first_claim(lambda c: c.update(text="Fourteen nations - sent troops.")), "a dash"),
    (change_first_claim(lambda c: c.update(text=c["text"][:-1])), "full stop"),
    (change_first_claim(lambda c: c.update(type="opinion")), "type 'opinion' is not one of"),
    (change_first_claim(lambda c: c.pop("type")), "lacks the field 'type'"),
    (change_first_claim(lambda c: c.update(colour="red")), "unknown fields ['colour']"),
    (
        change_first_claim(lambda c: c["details"].append({"text": "Mars", "kind": "place"})),
        "0 times",
    ),
    (change_first_claim(lambda c: c.update(type="interpretation")), "names who holds it"),
    (change_first_claim(lambda c: c.update(type="judgement", misconception="No.")), "only a fact"),
    (change_first_claim(lambda c: c.update(facts=[])), "'facts' must list"),
    (lambda d: {**d, "schema": "something-else"}, "is not a claims file"),
    (lambda d: {**d, "claims": {}}, "'claims' must be a list"),
    (lambda d: {**d, "not_for_questions": [{"fact": "Georgian background"}]}, "one-line reason"),
    (lambda d: "{not json", "cannot read the claims file"),
    (change_first_claim(lambda c: c.update(topic="no-such-topic")), "no topic 'no-such-topic'"),
    (change_first_claim(lambda c: c.update(list_item="no")), "'list_item' must be true or"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "message"), BAD_CASES)
def test_bad_claims_fail_with_one_line_and_change_nothing(tmp_path, change, message):
    path = course_copy(tmp_path, {"cards-01-10.json": change(shipped_file())})
    Person.objects.filter(slug="tomsky").delete()
    before = export_content()

    with pytest.raises(CommandError) as error:
        run_load("--file", str(path))

    assert message in str(error.value)
    assert "cards-01-10.json" in str(error.value)
    assert "\n" not in str(error.value)
    assert export_content() == before


@pytest.mark.django_db
def test_a_bad_claim_is_named_by_its_file_and_slug(tmp_path):
    document = shipped_file()
    document["claims"][3]["text"] = "Trotsky (Commissar for War) built the Red Army."
    path = course_copy(tmp_path, {"cards-01-10.json": document})

    with pytest.raises(CommandError) as error:
        run_load("--file", str(path))

    slug = document["claims"][3]["slug"]
    assert f"cards-01-10.json: claim '{slug}': text holds brackets" in str(error.value)


@pytest.mark.django_db
def test_a_slug_used_in_two_files_is_refused(tmp_path):
    first = shipped_file()
    second = {"schema": CLAIMS_SCHEMA, "cards": [11, 20], "claims": [first["claims"][0]]}
    path = course_copy(tmp_path, {"cards-01-10.json": first, "cards-11-20.json": second})

    with pytest.raises(CommandError, match=r"slug already used in cards-01-10\.json"):
        run_load("--file", str(path))


@pytest.mark.django_db
def test_the_files_of_other_cards_are_loaded_beside_ours(tmp_path):
    other = {
        "schema": CLAIMS_SCHEMA,
        "cards": [11, 20],
        "claims": [
            {
                "slug": "test-internal-passports",
                "facts": ["1932 - internal passports in countryside"],
                "text": "In 1932 the Soviet state introduced internal passports for town dwellers.",
                "type": "fact",
                "details": [{"text": "internal passports", "kind": "term"}],
                "year": 1932,
            }
        ],
        "not_for_questions": [],
    }
    path = course_copy(tmp_path, {"cards-01-10.json": shipped_file(), "cards-11-20.json": other})

    run_load("--file", str(path))

    claim = Claim.objects.get(slug="test-internal-passports")
    assert claim.topic.slug == "timeline-of-collectivisation"
    assert claim.origin == Origin.COURSE


# ---------------------------------------------------------------------------------------------
# The snapshot and the export.


@pytest.mark.django_db
def test_the_snapshot_carries_claims_in_a_fixed_number_of_queries(django_assert_num_queries):
    with django_assert_num_queries(15):
        kb = load_knowledge_base()

    assert len(kb.claims) == Claim.objects.count()
    claim = next(c for c in kb.claims if c.slug == "trotsky-1905-soviet")
    assert claim.type == "fact"
    assert ClaimDetailItem("1905", "year") in claim.details
    assert claim.misconception and claim.correction and claim.year == 1905
    assert kb.fact(claim.facts[0]).original_text.startswith("Red Army leadership")
    interpretation = next(c for c in kb.claims if c.slug == "continuity-thesis")
    assert interpretation.held_by and interpretation.view


@pytest.mark.django_db
def test_the_snapshot_costs_the_same_with_more_claims(django_assert_num_queries):
    topic = Topic.objects.first()
    fact = Fact.objects.first()
    for n in range(5):
        extra = Claim.objects.create(slug=f"extra-{n}", text="A claim.", type="fact", topic=topic)
        extra.facts.add(fact)
    with django_assert_num_queries(15):
        load_knowledge_base()


@pytest.mark.django_db
def test_people_added_to_the_course_are_marked_and_have_their_roles():
    added = Person.objects.filter(in_notes=False)

    assert set(added.values_list("slug", flat=True)) == {
        "molotov", "kaganovich", "kuibyshev", "yagoda", "zhdanov", "voroshilov",
        "blyukher", "yegorov",  # marshals beside Tukhachevsky, so a soldier is asked among soldiers
    }  # fmt: skip
    assert all(any(char.isdigit() for char in person.role) for person in added)
    assert Person.objects.get(slug="trotsky").in_notes
    kb = load_knowledge_base()
    assert not next(p for p in kb.people if p.slug == "molotov").in_notes


@pytest.mark.django_db
def test_the_export_includes_claims_and_the_reasons():
    document = json.loads(export_content())

    assert len(document["claims"]) == Claim.objects.count()
    claim = next(c for c in document["claims"] if c["slug"] == "lenin-enrolment")
    assert set(claim) == {
        "slug", "text", "type", "topic", "facts", "details", "held_by", "view", "also_held_by",
        "misconception", "correction", "year", "list_item",
    }  # fmt: skip
    assert claim["topic"] == "stalins-powerbases"
    lenin_enrolment = Fact.objects.get(original_text="1923 - was managing 'lenin enrolment'")
    assert claim["facts"] == [lenin_enrolment.pk]
    assert [c["slug"] for c in document["claims"]] == sorted(c["slug"] for c in document["claims"])
    assert all("not_for_questions" in fact for fact in document["facts"])
    molotov = next(p for p in document["people"] if p["slug"] == "molotov")
    assert molotov["in_notes"] is False
    assert export_content() == export_content()


# ---------------------------------------------------------------------------------------------
# The admin.


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"type__exact": "fact"},
        {"type__exact": "interpretation"},
        {"has_correction": "yes"},
        {"has_correction": "no"},
        {"topic__id__exact": "1"},
        {"q": "Trotsky"},
    ],
)
def test_the_claim_list_filters_open(admin_client, query):
    response = admin_client.get(reverse("admin:topics_claim_changelist"), query)

    assert response.status_code == 200
    shown = response.context["cl"].result_count
    expected = Claim.objects.all()
    if query.get("type__exact"):
        expected = expected.filter(type=query["type__exact"])
    if query.get("has_correction") == "yes":
        expected = expected.exclude(correction="")
    if query.get("has_correction") == "no":
        expected = expected.filter(correction="")
    if query.get("topic__id__exact"):
        expected = expected.filter(topic_id=1)
    if query.get("q"):
        expected = None
    if expected is not None:
        assert shown == expected.count()
    else:
        assert shown > 0


@pytest.mark.django_db
def test_the_fact_list_filters_points_not_for_questions(admin_client):
    Fact.objects.filter(original_text__startswith="Georgian background").update(
        not_for_questions="A slur, not a claim."
    )
    url = reverse("admin:topics_fact_changelist")

    marked = admin_client.get(url, {"not_for_questions": "yes"})
    usable = admin_client.get(url, {"not_for_questions": "no"})

    assert marked.status_code == usable.status_code == 200
    marked_count = Fact.objects.exclude(not_for_questions="").count()
    assert marked_count >= 1  # this point, and those the shipped claims files mark
    assert marked.context["cl"].result_count == marked_count
    assert usable.context["cl"].result_count == Fact.objects.count() - marked_count


@pytest.mark.django_db
def test_a_facts_page_shows_its_claims(admin_client):
    fact = Fact.objects.get(original_text__startswith="Red Army leadership")

    response = admin_client.get(reverse("admin:topics_fact_change", args=[fact.pk]))

    assert response.status_code == 200
    assert "claims written from this point" in response.content.decode().lower()
    assert "In 1905 Trotsky was chairman of the St Petersburg Soviet." in response.content.decode()


@pytest.mark.django_db
def test_a_claims_page_opens(admin_client):
    claim = Claim.objects.get(slug="continuity-thesis")
    response = admin_client.get(reverse("admin:topics_claim_change", args=[claim.pk]))
    assert response.status_code == 200
    assert "Richard Pipes" in response.content.decode()


def test_the_claim_admin_is_registered_with_the_filters():
    model_admin = site._registry[Claim]
    assert "type" in model_admin.list_filter
    assert "text" in model_admin.search_fields


def form_values(form):
    """What a browser would send back for an unchanged Django form."""
    values = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        values[form.add_prefix(name)] = "on" if value is True else value
    return values


def change_form_data(response):
    """The POST data of an admin change page sent back as it is, inlines included."""
    data = form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_values(formset.management_form))
        for form in formset.forms:
            data.update(form_values(form))
    return data


@pytest.mark.django_db
def test_unlinking_a_claim_on_a_facts_page_keeps_the_change_on_reload(admin_client):
    fact = Fact.objects.get(original_text__startswith="Red Army leadership")
    url = reverse("admin:topics_fact_change", args=[fact.pk])
    page = admin_client.get(url)
    data = change_form_data(page)
    claim = Claim.objects.get(slug="trotsky-1905-soviet")
    inline = next(
        i.formset for i in page.context["inline_admin_formsets"]
        if i.formset.model is Claim.facts.through
    )  # fmt: skip
    form = next(f for f in inline.forms if f.instance.claim_id == claim.pk)
    data[form.add_prefix("DELETE")] = "on"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.edited and not claim.facts.filter(pk=fact.pk).exists()
    fact.refresh_from_db()
    assert not fact.edited  # the link was the claim's, not the fact's
    run_load()
    assert not claim.facts.filter(pk=fact.pk).exists()
