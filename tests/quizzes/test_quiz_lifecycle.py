"""A quiz's life on the teacher's side: a build that matched nothing, trying it as a student,
deleting it (never from under homework)."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from classrooms import assignments
from classrooms.models import AssignmentAttempt
from quizzes.builder import NothingMatched, build_quiz
from quizzes.models import Attempt, Quiz
from tests import factories

pytestmark = pytest.mark.django_db


def url(name, quiz):
    return reverse(f"quizzes:{name}", kwargs={"pk": quiz.pk})


# A build that matched nothing


def test_a_build_that_matches_nothing_is_not_saved_and_says_why(teacher_client, teacher):
    empty_topic = factories.make_topic(title="Nothing written yet")

    response = teacher_client.post(
        reverse("quizzes:new"),
        {"title": "Empty", "topics": [empty_topic.pk], "count": 5, "difficulty": ""},
    )

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == [
        "No questions match those topics, kinds and difficulty together, so no quiz was made. "
        "Choose more topics or kinds, or any difficulty."
    ]
    assert "so no quiz was made" in response.content.decode()
    assert not Quiz.objects.filter(owner=teacher).exists()


def test_the_builder_refuses_to_save_an_empty_quiz(teacher):
    with pytest.raises(NothingMatched):
        build_quiz(owner=teacher, title="Empty", topics=[factories.make_topic()], count=5)
    assert not Quiz.objects.exists()


def test_practice_on_topics_without_questions_saves_no_quiz(student_client, student):
    empty_topic = factories.make_topic()

    response = student_client.post(
        reverse("quizzes:practice"), {"topics": [empty_topic.pk], "count": 5}, follow=True
    )

    assert "There are no questions on those topics yet." in response.content.decode()
    assert not Quiz.objects.filter(owner=student).exists()


# Trying it as a student


def test_a_teacher_tries_the_quiz_as_a_student(teacher_client, teacher, quiz):
    response = teacher_client.post(url("preview", quiz))

    attempt = Attempt.objects.get(user=teacher)
    assert response["Location"] == reverse("quizzes:attempt", kwargs={"pk": attempt.pk})
    copy = attempt.quiz
    assert copy.preview_of == quiz and copy.is_practice
    assert list(copy.items.values_list("question_id", flat=True)) == list(
        quiz.items.values_list("question_id", flat=True)
    )
    page = teacher_client.get(response["Location"]).content.decode()
    assert "Nothing you answer here counts in any class's results" in page
    for question in quiz.ordered_questions():
        assert escape(question.prompt) in page


def test_trying_it_records_nothing_in_a_class_and_keeps_the_quiz_open(
    teacher_client, teacher, quiz
):
    classroom = factories.make_classroom(teacher=teacher)
    homework = factories.make_assignment(classroom=classroom, quiz=quiz)

    attempt_url = teacher_client.post(url("preview", quiz))["Location"]
    teacher_client.post(attempt_url, {"submit": "1"})

    assert not AssignmentAttempt.objects.filter(assignment=homework).exists()
    assert not quiz.attempts.exists()  # the real quiz is not started, so still editable
    detail = teacher_client.get(quiz.get_absolute_url())
    assert not detail.context["locked"]
    results = teacher_client.get(reverse("classrooms:results", args=[homework.pk]))
    assert results.context["grid"].spread.count == 0
    practice = teacher_client.get(reverse("quizzes:practice")).context["history"]
    assert list(practice) == []  # previews stay out of the practice history


def test_trying_again_replaces_the_earlier_try(teacher_client, teacher, quiz):
    teacher_client.post(url("preview", quiz))
    teacher_client.post(url("preview", quiz))

    assert Quiz.objects.filter(preview_of=quiz).count() == 1
    assert Attempt.objects.filter(user=teacher).count() == 1


def test_students_cannot_reach_a_teachers_try(client, teacher_client, quiz):
    attempt_url = teacher_client.post(url("preview", quiz))["Location"]
    attempt = Attempt.objects.get(quiz__preview_of=quiz)
    teacher_client.post(attempt_url, {"submit": "1"})
    student = factories.make_student()
    client.force_login(student)

    assert client.get(attempt_url).status_code == 404
    assert client.get(reverse("quizzes:result", kwargs={"pk": attempt.pk})).status_code == 404
    assert client.post(url("preview", quiz)).status_code == 404


def test_a_quiz_without_questions_has_nothing_to_try(teacher_client, teacher):
    empty = Quiz.objects.create(owner=teacher, title="Empty")

    response = teacher_client.post(url("preview", empty), follow=True)

    assert "This quiz has no questions to try yet." in response.content.decode()
    assert not Quiz.objects.filter(preview_of=empty).exists()


# Deleting


def test_deleting_a_quiz_asks_first_and_says_what_goes(teacher_client, quiz):
    page = teacher_client.get(url("delete", quiz)).content.decode()

    assert "Delete Rise to power?" in page
    assert "list of 6 questions goes with it" in page
    assert Quiz.objects.filter(pk=quiz.pk).exists()

    response = teacher_client.post(url("delete", quiz))

    assert response["Location"] == reverse("quizzes:list")
    assert not Quiz.objects.filter(pk=quiz.pk).exists()


def test_a_quiz_set_as_homework_is_not_deleted(teacher_client, teacher, quiz):
    classroom = factories.make_classroom(teacher=teacher, name="10B")
    homework = factories.make_assignment(classroom=classroom, quiz=quiz)
    assignments.start_or_resume(assignment=homework, student=factories.make_student())
    homework.archive()

    page = teacher_client.get(url("delete", quiz)).content.decode()
    response = teacher_client.post(url("delete", quiz))

    assert "Rise to power can't be deleted" in page and "10B" in page and "(archived)" in page
    assert response.status_code == 409
    assert Quiz.objects.filter(pk=quiz.pk).exists()


def test_a_deleted_quiz_takes_its_tries_with_it(teacher_client, quiz):
    teacher_client.post(url("preview", quiz))

    teacher_client.post(url("delete", quiz))

    assert not Quiz.objects.exists()


def test_another_teacher_cannot_delete_or_try_the_quiz(client, quiz):
    client.force_login(factories.make_teacher())

    assert client.post(url("delete", quiz)).status_code == 404
    assert client.post(url("preview", quiz)).status_code == 404
    assert Quiz.objects.filter(pk=quiz.pk).exists()
