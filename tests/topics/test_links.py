"""Links between claims: the shipped file, loading it, the export and the admin."""

import json
import shutil

import pytest
from django.urls import reverse

from topics.export import content_document
from topics.links import link_problems
from topics.loading import COURSE_FILE, LINKS_FILE_NAME, ContentError, load_course
from topics.models import Claim, ClaimLink, Origin

pytestmark = pytest.mark.django_db

LINKS_FILE = COURSE_FILE.parent / LINKS_FILE_NAME


def shipped_links():
    return json.loads(LINKS_FILE.read_text(encoding="utf-8"))


def course_copy(tmp_path, links):
    """The shipped course in tmp_path, with this links document instead of the shipped one."""
    shutil.copytree(COURSE_FILE.parent, tmp_path / "content")
    (tmp_path / "content" / LINKS_FILE_NAME).write_text(json.dumps(links), encoding="utf-8")
    return tmp_path / "content" / COURSE_FILE.name


def section_of(claim):
    return claim.topic.parent or claim.topic


# The shipped file ------------------------------------------------------------------------------


def test_every_shipped_link_is_loaded_with_its_claims_and_words():
    entries = shipped_links()["links"]
    links = {link.slug: link for link in ClaimLink.objects.select_related("from_claim", "to_claim")}

    assert len(entries) >= 55
    for entry in entries:
        link = links[entry["slug"]]
        assert (link.from_claim.slug, link.to_claim.slug) == (entry["from"], entry["to"])
        assert (link.from_text, link.to_text) == (entry["from_text"], entry["to_text"])
        assert link.origin == Origin.COURSE


def test_every_shipped_link_keeps_the_rules_and_joins_claims_of_one_part_of_the_course():
    links = ClaimLink.objects.select_related("from_claim__topic__parent", "to_claim__topic__parent")
    for link in links:
        problems = link_problems(
            slug=link.slug, relation=link.relation, from_text=link.from_text, to_text=link.to_text
        )
        assert problems == [], link.slug
        assert section_of(link.from_claim) == section_of(link.to_claim), link.slug


def test_both_relations_are_shipped_for_every_part_of_the_course_after_1924():
    sections = {}
    for link in ClaimLink.objects.select_related("to_claim__topic__parent"):
        sections.setdefault(section_of(link.to_claim).slug, set()).add(link.relation)
    for slug in [
        "stalins-rise-to-power",
        "industrialisation-1928-1941",
        "collectivisation-1928-1941",
        "the-terror-state",
        "stalins-russia-by-1941",
    ]:
        assert sections[slug] == {"cause", "aim"}, slug


def test_pairs_never_asked_together_are_loaded_as_listed():
    halt = ClaimLink.objects.get(slug="halt-emptied-the-farms")
    assert list(halt.not_with.values_list("slug", flat=True)) == ["resistance-forced-the-halt"]


# Loading ---------------------------------------------------------------------------------------


def test_loading_the_course_again_changes_no_link():
    before = list(ClaimLink.objects.order_by("pk").values())
    tally = load_course()
    assert tally.counts["links"] == len(shipped_links()["links"])
    assert list(ClaimLink.objects.order_by("pk").values()) == before
    assert tally.created == tally.updated == 0


def test_loading_keeps_a_link_an_admin_edited_and_one_an_admin_made():
    edited = ClaimLink.objects.get(slug="halt-of-1930-aim")
    edited.to_text = "Save the harvest"
    edited.edited = True
    edited.save()
    edited.not_with.set([ClaimLink.objects.get(slug="ukraine-sealed-aim")])
    claim = Claim.objects.get(slug="kolyma-dalstroi-gold")
    made = ClaimLink.objects.create(
        slug="admins-own", relation="aim", from_claim=claim, to_claim=claim,
        from_text="The Kolyma camps", to_text="Gold for the state",
    )  # fmt: skip

    load_course()

    edited.refresh_from_db()
    assert edited.to_text == "Save the harvest"
    assert list(edited.not_with.values_list("slug", flat=True)) == ["ukraine-sealed-aim"]
    made.refresh_from_db()
    assert (made.origin, made.to_text) == (Origin.ADMIN, "Gold for the state")


def test_loading_restores_a_shipped_link_an_admin_deleted():
    ClaimLink.objects.filter(slug="kolyma-aim").delete()
    tally = load_course()
    assert ClaimLink.objects.filter(slug="kolyma-aim", origin=Origin.COURSE).exists()
    assert tally.created == 1


def test_loading_changes_a_shipped_link_whose_file_entry_changed(tmp_path):
    document = shipped_links()
    entry = next(e for e in document["links"] if e["slug"] == "kolyma-aim")
    entry["to_text"] = "Prisoners to mine gold in the far north-east"
    entry["not_with"] = ["short-course-aim"]

    load_course(course_copy(tmp_path, document))

    link = ClaimLink.objects.get(slug="kolyma-aim")
    assert link.to_text == "Prisoners to mine gold in the far north-east"
    assert list(link.not_with.values_list("slug", flat=True)) == ["short-course-aim"]


def _change(slug, **fields):
    def change(document):
        entry = next(e for e in document["links"] if e["slug"] == slug)
        entry.update(fields)
        return document

    return change


@pytest.mark.parametrize(
    "change, message",
    [
        (_change("kolyma-aim", to="nothing"), "link 'kolyma-aim': unknown slug 'nothing'"),
        (_change("kolyma-aim", relation="effect"), "relation 'effect' is not one of"),
        (_change("kolyma-aim", to_text="Prisoners' labour to mine gold in the far north-east " * 2),
         "to_text is 106 characters (at most 60)"),
        (_change("kolyma-aim", from_text="The Kolyma camps."), "from_text ends with punctuation"),
        (_change("kolyma-aim", from_text="Camps - Kolyma"), "from_text holds a dash"),
        (_change("kolyma-aim", not_with=["kolyma-aim"]), "not_with must list the slugs of other"),
        (_change("kolyma-aim", not_with=["no-such-link"]), "unknown slug 'no-such-link'"),
        (_change("kolyma-aim", because="x"), "has unknown fields ['because']"),
        (lambda d: {**d, "links": [*d["links"], d["links"][0]]}, "slug listed twice"),
        (lambda d: {**d, "schema": "other"}, "is not a links file"),
    ],
)  # fmt: skip
def test_a_bad_link_fails_with_one_line_and_changes_nothing(tmp_path, change, message):
    before = list(ClaimLink.objects.order_by("pk").values())
    with pytest.raises(ContentError) as error:
        load_course(course_copy(tmp_path, change(shipped_links())))
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert list(ClaimLink.objects.order_by("pk").values()) == before


def test_a_course_without_a_links_file_loads_without_links(tmp_path):
    path = course_copy(tmp_path, {})
    (path.parent / LINKS_FILE_NAME).unlink()
    load_course(path)  # the shipped links stay: a loader never deletes rows
    assert ClaimLink.objects.count() == len(shipped_links()["links"])


# The export and the admin ----------------------------------------------------------------------


def test_the_export_carries_every_link_by_slug_with_its_pairs_never_asked_together():
    exported = {link["slug"]: link for link in content_document()["links"]}

    assert list(exported) == sorted(exported)
    assert len(exported) == ClaimLink.objects.count()
    assert exported["halt-emptied-the-farms"] == {
        "slug": "halt-emptied-the-farms",
        "relation": "cause",
        "from": "dizzy-with-success-halt-1930",
        "to": "households-left-farms-1930",
        "from_text": "'Dizzy with Success', March 1930",
        "to_text": "Many households left the collective farms",
        "not_with": ["resistance-forced-the-halt"],
    }


def test_an_admin_lists_filters_and_edits_links(admin_client):
    url = reverse("admin:topics_claimlink_changelist")
    assert "Save the spring sowing" in admin_client.get(url).content.decode()
    assert admin_client.get(url, {"relation__exact": "cause"}).status_code == 200
    link = ClaimLink.objects.get(slug="halt-of-1930-aim")
    change = reverse("admin:topics_claimlink_change", args=[link.pk])
    response = admin_client.post(
        change,
        {
            "slug": link.slug, "relation": "aim", "from_claim": link.from_claim_id,
            "from_text": link.from_text, "to_claim": link.to_claim_id,
            "to_text": "Save the spring sowing of 1930",
        },
    )  # fmt: skip
    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.to_text, link.edited) == ("Save the spring sowing of 1930", True)


def test_the_admin_refuses_a_side_that_holds_a_dash(admin_client):
    link = ClaimLink.objects.get(slug="halt-of-1930-aim")
    response = admin_client.post(
        reverse("admin:topics_claimlink_change", args=[link.pk]),
        {
            "slug": link.slug, "relation": "aim", "from_claim": link.from_claim_id,
            "from_text": "The halt - March 1930", "to_claim": link.to_claim_id,
            "to_text": link.to_text,
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "holds a dash" in response.content.decode()
    link.refresh_from_db()
    assert link.from_text == "The halt of March 1930"


def test_the_snapshot_carries_links_at_the_same_cost_with_more_of_them(
    django_assert_num_queries,
):
    from topics.snapshot import load_knowledge_base

    with django_assert_num_queries(15):
        kb = load_knowledge_base()
    halt = next(link for link in kb.links if link.slug == "halt-emptied-the-farms")
    assert kb.claim(halt.to_claim).slug == "households-left-farms-1930"
    assert [other.slug for other in kb.links if other.id in halt.not_with] == [
        "resistance-forced-the-halt"
    ]
    claim = Claim.objects.get(slug="kolyma-dalstroi-gold")
    for n in range(5):
        extra = ClaimLink.objects.create(
            slug=f"extra-{n}", relation="aim", from_claim=claim, to_claim=claim,
            from_text=f"Camp {n}", to_text="Gold",
        )  # fmt: skip
        extra.not_with.add(ClaimLink.objects.get(slug="kolyma-aim"))
    with django_assert_num_queries(15):
        assert len(load_knowledge_base().links) == len(kb.links) + 5
