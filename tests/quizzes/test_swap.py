"""Swapping a quiz question: the teacher picks one of three candidates of the same topic and kind,
none on an idea the rest of the quiz asks about, and lands back at the item."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from classrooms.assignments import start_or_resume
from quizzes import builder
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(quiz):
    """An item with at least three candidates to swap in."""
    for item in quiz.items.select_related("question"):
        if len(builder.replacements_for(quiz, item, count=None)) >= 3:
            return item
    pytest.fail("no item of the sample quiz has three candidates")


def swap_url(quiz, item):
    return reverse("quizzes:replace", kwargs={"pk": quiz.pk, "item_pk": item.pk})


def offered(html):
    return [int(pk) for pk in re.findall(r'name="question" value="(\d+)"', html)]


def test_the_swap_page_offers_three_candidates_of_the_same_topic_and_kind(
    teacher_client, quiz, item
):
    html = teacher_client.get(swap_url(quiz, item)).content.decode()
    candidates = offered(html)
    assert len(candidates) == 3 == len(set(candidates))
    allowed = builder.replacements_for(quiz, item, count=None)
    assert set(candidates) <= set(allowed)
    assert item.question.pk not in candidates
    assert escape(item.question.prompt) in html


def test_the_quiz_page_links_to_the_choice(teacher_client, quiz, item):
    html = teacher_client.get(quiz.get_absolute_url()).content.decode()
    assert f'href="{swap_url(quiz, item)}"' in html


def test_candidates_never_repeat_an_idea_of_the_questions_that_stay(quiz, item):
    staying = quiz.items.exclude(pk=item.pk).values_list("question_id", flat=True)
    taken = frozenset().union(*builder.ideas_of(quiz.questions.filter(pk__in=staying)).values())
    for pk in builder.replacements_for(quiz, item, count=None):
        assert not builder.ideas_of(quiz.questions.model.objects.filter(pk=pk))[pk] & taken


def test_choosing_a_candidate_swaps_it_in_and_returns_to_the_item(teacher_client, quiz, item):
    chosen = offered(teacher_client.get(swap_url(quiz, item)).content.decode())[-1]
    response = teacher_client.post(swap_url(quiz, item), {"question": chosen})
    assert response.status_code == 302
    assert response["Location"] == f"{quiz.get_absolute_url()}#item-{item.pk}"
    position = item.position
    item.refresh_from_db()
    assert item.question_id == chosen and item.position == position


def test_a_question_not_offered_is_refused(teacher_client, quiz, item):
    other = quiz.items.exclude(pk=item.pk).first().question_id  # already in the quiz
    before = item.question_id
    response = teacher_client.post(swap_url(quiz, item), {"question": other})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.question_id == before
    assert teacher_client.post(swap_url(quiz, item), {"question": "x"}).status_code == 400


def test_another_teacher_gets_a_404(client, quiz, item):
    client.force_login(factories.make_teacher())
    assert client.get(swap_url(quiz, item)).status_code == 404


def test_a_started_quiz_offers_no_swap(teacher_client, teacher, quiz, item):
    classroom = factories.make_classroom(teacher=teacher)
    student = factories.make_student()
    factories.enrol(classroom, student)
    assignment = factories.make_assignment(classroom=classroom, quiz=quiz)
    start_or_resume(assignment=assignment, student=student)
    response = teacher_client.get(swap_url(quiz, item))
    assert response.status_code == 302
    assert offered(teacher_client.get(response["Location"]).content.decode()) == []
