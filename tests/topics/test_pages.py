import pytest
from django.urls import reverse

from tests import factories
from topics.models import Event, Fact, Person, Term, Topic

pytestmark = pytest.mark.django_db


def page_urls():
    return [
        reverse("topics:overview"),
        reverse("topics:topic", kwargs={"slug": "stalins-rise-to-power"}),
        reverse("topics:topic", kwargs={"slug": "lenins-testament"}),
        reverse("topics:people"),
        reverse("topics:person", kwargs={"slug": "trotsky"}),
        reverse("topics:timeline"),
        reverse("topics:glossary"),
    ]


def test_course_pages_ask_anonymous_visitors_to_sign_in(client):
    for url in page_urls():
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_course_pages_open_for_students_and_teachers(student_client, teacher):
    for url in page_urls():
        assert student_client.get(url).status_code == 200
    student_client.force_login(teacher)
    for url in page_urls():
        assert student_client.get(url).status_code == 200


def test_unknown_topic_and_person_are_404(student_client):
    assert student_client.get("/course/topics/no-such-topic/").status_code == 404
    assert student_client.get("/course/people/no-such-person/").status_code == 404


def test_overview_lists_every_section_in_course_order(student_client):
    response = student_client.get(reverse("topics:overview"))

    sections = list(response.context["sections"])
    assert [s.slug for s in sections] == list(
        Topic.objects.filter(parent=None).order_by("order").values_list("slug", flat=True)
    )
    assert "Lenin&#x27;s testament" in response.content.decode()


def test_topic_page_shows_facts_with_corrected_spelling_and_links(student_client):
    response = student_client.get(
        reverse("topics:topic", kwargs={"slug": "the-defeat-of-the-left"})
    )

    html = response.content.decode()
    assert "bureaucracy" in html
    assert "beurocracy" not in html
    assert reverse("topics:person", kwargs={"slug": "trotsky"}) in html


def test_section_page_shows_its_subtopics_facts(student_client):
    response = student_client.get(reverse("topics:topic", kwargs={"slug": "stalins-rise-to-power"}))

    html = response.content.decode()
    assert "Lenin&#x27;s testament" in html
    assert "Outstanding ability" in html or "outstanding ability" in html


def test_person_page_shows_role_and_the_facts_that_mention_them(student_client):
    person = Person.objects.get(slug="kirov")

    response = student_client.get(person.get_absolute_url())

    html = response.content.decode()
    assert person.role in html
    assert person.facts.exists()
    for fact in person.facts.all():
        assert fact.get_absolute_url().split("#")[1] in html


def test_timeline_lists_events_in_chronological_order(student_client):
    response = student_client.get(reverse("topics:timeline"))

    years = [event.start_year for event in response.context["events"]]
    assert years == sorted(years)
    assert len(years) == Event.objects.count()


def test_glossary_lists_terms_alphabetically(student_client):
    response = student_client.get(reverse("topics:glossary"))

    sections = response.context["sections"]
    terms = [term.term.lower() for _, group in sections for term in group]
    assert terms == sorted(terms)
    assert "Gosplan" in response.content.decode()


def test_user_content_is_escaped(student_client):
    topic = Topic.objects.get(slug="lenins-testament")
    factories.make_fact(topic=topic, text="<script>alert('x')</script>", order=99)

    html = student_client.get(topic.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def add_content(size):
    """More of everything, linked as the loader links it, to show pages do not grow in queries."""
    topic = Topic.objects.get(slug="lenins-testament")
    section = topic.parent
    for _ in range(size):
        sub = factories.make_topic(parent=section)
        person = factories.make_person()
        event = factories.make_event(topic=sub, start_year=1930)
        term = factories.make_term(topic=sub)
        for target in (topic, sub):
            fact = factories.make_fact(topic=target)
            fact.people.add(person, Person.objects.get(slug="trotsky"))
            fact.events.add(event)
            fact.terms.add(term)
        event.people.add(person)


# The user, with their roles for the navigation, comes first on every signed-in page; the
# session comes from the cache. The first visit to a page draws it; later ones find it cached
# (tests/test_page_queries.py).
PAGE_QUERIES = {
    ("topics:overview", None): 1 + 2,
    ("topics:topic", "stalins-rise-to-power"): 1 + 6,
    ("topics:topic", "lenins-testament"): 1 + 6,
    ("topics:people", None): 1 + 1,
    ("topics:person", "trotsky"): 1 + 4,
    ("topics:timeline", None): 1 + 2,
    ("topics:glossary", None): 1 + 1,
}


@pytest.mark.parametrize(("name", "slug"), PAGE_QUERIES)
@pytest.mark.parametrize("extra", [0, 25])
def test_course_pages_run_a_fixed_number_of_queries(
    student_client, django_assert_num_queries, name, slug, extra
):
    add_content(extra)
    url = reverse(name, kwargs={"slug": slug} if slug else None)

    with django_assert_num_queries(PAGE_QUERIES[(name, slug)]):
        response = student_client.get(url)

    assert response.status_code == 200


def test_counts_cover_all_kinds_of_content():
    # The query-count test above is only meaningful if the course has content of every kind.
    assert Fact.objects.count() > 200
    assert Person.objects.count() > 15
    assert Event.objects.count() > 30
    assert Term.objects.count() > 20


def test_a_topic_page_starts_practice_on_that_topic(student_client, student):
    from quizzes.models import Attempt

    topic = Topic.objects.get(slug="lenins-testament")
    page = student_client.get(topic.get_absolute_url()).content.decode()
    assert "Practise this topic" in page

    student_client.post(reverse("quizzes:practice"), {"topics": [topic.pk], "count": 10})

    attempt = Attempt.objects.get(user=student)
    assert {q.topic for q in attempt.quiz.ordered_questions()} == {topic}
