"""Course pages drawn once per content version: every way the course changes shows at once."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from quizzes.models import Question
from tests import factories
from topics import content_version
from topics.models import Event, Fact, Term

pytestmark = pytest.mark.django_db

NOTES = Path(__file__).parent / "data" / "tudors-1485-1603.txt"
SECTION = reverse("topics:topic", kwargs={"slug": "stalins-rise-to-power"})


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_admin_fix_to_a_fact_shows_on_the_cached_topic_page(student_client):
    fact = Fact.objects.filter(topic__parent__slug="stalins-rise-to-power").first()
    assert "Corrected in the admin" not in page(student_client, SECTION)
    fact.text = "Corrected in the admin."
    fact.save()
    assert "Corrected in the admin." in page(student_client, SECTION)
    fact.delete()
    assert "Corrected in the admin." not in page(student_client, SECTION)


def test_a_new_link_between_a_fact_and_a_person_shows_on_the_topic_page(student_client):
    fact = Fact.objects.filter(topic__parent__slug="stalins-rise-to-power").first()
    page(student_client, SECTION)
    fact.people.add(factories.make_person(name="Somebody New"))
    assert "Somebody New" in page(student_client, SECTION)


def test_glossary_and_timeline_follow_admin_saves(student_client):
    glossary, timeline = reverse("topics:glossary"), reverse("topics:timeline")
    page(student_client, glossary), page(student_client, timeline)
    term, event = Term.objects.first(), Event.objects.first()
    term.definition, event.title = "A fresh definition.", "A renamed event"
    term.save()
    event.save()
    assert "A fresh definition." in page(student_client, glossary)
    assert "A renamed event" in page(student_client, timeline)


def test_the_practice_form_offers_a_topic_added_in_the_admin(student_client):
    practice = reverse("quizzes:practice")
    assert "Brand new topic" not in page(student_client, practice)
    factories.make_topic(title="Brand new topic")
    assert "Brand new topic" in page(student_client, practice)


@pytest.mark.parametrize(
    "change",
    [
        lambda: call_command("load_content", stdout=StringIO()),
        lambda: call_command("import_notes", str(NOTES), stdout=StringIO()),
        lambda: call_command("build_question_bank", stdout=StringIO()),
        lambda: Question.objects.in_bank().first().retire("admin"),
    ],
    ids=["load_content", "import_notes", "build_question_bank", "a retired question"],
)
def test_the_commands_and_admin_saves_bump_the_content_version(change):
    before = content_version.current()
    change()
    assert content_version.current() != before


def test_a_missing_topic_is_not_kept(student_client):
    assert student_client.get("/course/topics/coming-soon/").status_code == 404
    factories.make_topic(slug="coming-soon", title="Coming soon")
    assert student_client.get("/course/topics/coming-soon/").status_code == 200
