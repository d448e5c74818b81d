"""Practice and Revise now never give away the answers of homework a student is still doing."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from classrooms import assignments
from classrooms.assignments import questions_hidden_from_practice
from classrooms.models import AnswersShown, Assignment
from quizzes.models import Attempt, Question
from tests import factories


def another_version(homework):
    """A bank question on the same idea as one of the homework's, but not in the homework."""
    in_homework = homework.quiz.questions.exclude(idea="")
    for question in in_homework:
        twin = (
            Question.objects.in_bank()
            .filter(idea=question.idea)
            .exclude(pk__in=homework.quiz.questions.values("pk"))
            .first()
        )
        if twin:
            return twin
    raise AssertionError("the homework has no idea asked two ways")


def test_other_versions_of_a_homework_question_are_hidden_too(student, homework):
    twin = another_version(homework)

    assert twin.pk in questions_hidden_from_practice(student, timezone.now())


def test_practice_on_the_homework_topics_asks_no_other_version_of_its_ideas(
    student_client, student, homework
):
    ideas = set(homework.quiz.questions.exclude(idea="").values_list("idea", flat=True))
    topics = sorted({q.topic_id for q in homework.quiz.questions.all()})

    student_client.post(reverse("quizzes:practice"), {"topics": topics, "count": 30})

    practice = Attempt.objects.get(user=student, quiz__is_practice=True).quiz
    assert not ideas & set(practice.questions.values_list("idea", flat=True))


def test_answers_kept_back_until_the_due_date_stay_hidden_after_handing_in(student, homework):
    Assignment.objects.filter(pk=homework.pk).update(answers_shown=AnswersShown.AFTER_DUE)
    homework.refresh_from_db()
    attempt = assignments.start_or_resume(assignment=homework, student=student)
    assignments.submit(assignment=homework, attempt=attempt)
    in_homework = set(homework.quiz.questions.values_list("pk", flat=True))

    assert in_homework <= questions_hidden_from_practice(student, timezone.now())
    after_due = homework.due_at + timedelta(minutes=1)
    assert not in_homework & questions_hidden_from_practice(student, after_due)


def test_straight_after_submitting_means_practice_may_show_them_once_handed_in(student, homework):
    attempt = assignments.start_or_resume(assignment=homework, student=student)
    assignments.submit(assignment=homework, attempt=attempt)

    assert questions_hidden_from_practice(student, timezone.now()) == set()


def test_homework_of_another_class_hides_nothing(student, homework):
    stranger = factories.make_student()

    assert questions_hidden_from_practice(stranger, timezone.now()) == set()
