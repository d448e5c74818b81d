import pytest
from django.db import connection
from django.urls import reverse

from topics.models import Origin, Quote, Topic
from topics.search import clean_query, search, variants

pytestmark = pytest.mark.django_db


def titles(groups, label):
    return [hit.title for group in groups if group.label == label for hit in group.hits]


def test_people_are_found_by_any_of_their_names():
    assert "Leon Trotsky" in titles(search("Bronstein"), "People")
    assert "Leon Trotsky" in titles(search("trotsky"), "People")


def test_terms_events_and_points_of_the_notes_are_found():
    groups = search("kolkhoz")
    assert any("kolkhoz" in t.lower() for t in titles(groups, "Key terms"))
    assert any("Shakhty" in title for title in titles(search("Shakhty"), "Events"))
    assert titles(search("Dnieprostroi"), "Notes")


def test_american_spellings_and_other_transliterations_find_the_courses_own():
    british = search("collectivisation")
    assert titles(search("collectivization"), "Topics") == titles(british, "Topics") != []
    assert titles(search("Collectivization"), "Notes") == titles(british, "Notes")
    assert "Grigory Zinoviev" in titles(search("zinovyev"), "People")
    assert titles(search("Tukhachevskii"), "People") == titles(search("Tukhachevsky"), "People")


def test_variants_keep_the_word_as_typed_first():
    assert variants("industrialization") == ["industrialization", "industrialisation"]
    assert variants("Kirov") == ["Kirov"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_on_postgresql_other_forms_of_a_word_match():
    assert titles(search("purging"), "Notes") or titles(search("purging"), "Topics")


@pytest.mark.parametrize("text", ["", " ", "a", "\x00", "\x00a"])
def test_too_little_to_search_finds_nothing(text):
    assert search(text) == []


def test_long_queries_are_cut_and_nul_bytes_dropped():
    assert clean_query("kulak\x00s " + "x" * 500) == ("kulaks " + "x" * 500)[:100]


def test_the_page_lists_hits_by_kind_and_escapes_them(client, student):
    topic = Topic.objects.get(slug="lenins-testament")
    Quote.objects.create(
        slug="x", text="<script>alert(1)</script> testament", topic=topic, origin=Origin.ADMIN
    )
    client.force_login(student)

    page = client.get(reverse("topics:search"), {"q": "testament"}).content.decode()

    assert "Quotes" in page and "Topics" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_nothing_found_says_so(client, student):
    client.force_login(student)
    page = client.get(reverse("topics:search"), {"q": "Napoleonic"}).content.decode()
    assert "Nothing found for “Napoleonic”" in page


@pytest.mark.parametrize("q", ["Stalin", "collectivisation kulaks"])
def test_the_page_runs_a_fixed_number_of_queries(client, student, django_assert_num_queries, q):
    client.force_login(student)
    # user and roles, then one query per kind of thing: six
    with django_assert_num_queries(7):
        assert client.get(reverse("topics:search"), {"q": q}).status_code == 200


def test_the_search_box_is_in_the_navbar(client, student):
    client.force_login(student)
    page = client.get(reverse("topics:overview")).content.decode()
    assert f'action="{reverse("topics:search")}"' in page
