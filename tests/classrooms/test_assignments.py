from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from classrooms import assignments
from classrooms.models import CLOSING_GRACE, Assignment, AssignmentAttempt, LatePolicy
from quizzes import taking

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def test_starting_twice_resumes_the_same_attempt(homework, student):
    first = assignments.start_or_resume(assignment=homework, student=student, now=NOW)
    again = assignments.start_or_resume(assignment=homework, student=student, now=NOW)
    assert first == again
    assert AssignmentAttempt.objects.filter(assignment=homework).count() == 1


def test_no_more_attempts_than_allowed(homework, student):
    attempt = assignments.start_or_resume(assignment=homework, student=student, now=NOW)
    assignments.submit(assignment=homework, attempt=attempt, now=NOW)

    with pytest.raises(assignments.NoAttemptsLeft):
        assignments.start_or_resume(assignment=homework, student=student, now=NOW)


def test_a_second_attempt_when_two_are_allowed(homework, student):
    Assignment.objects.filter(pk=homework.pk).update(attempts_allowed=2)
    homework.refresh_from_db()
    first = assignments.start_or_resume(assignment=homework, student=student, now=NOW)
    assignments.submit(assignment=homework, attempt=first, now=NOW)

    second = assignments.start_or_resume(assignment=homework, student=student, now=NOW)

    assert second != first
    assert second.assignment_link.number == 2


def test_the_database_refuses_a_second_open_attempt(homework, student):
    assignments.start_or_resume(assignment=homework, student=student, now=NOW)
    other = taking.start_attempt(quiz=homework.quiz, user=student)

    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentAttempt.objects.create(
            assignment=homework, student=student, attempt=other, number=2, allowed=2
        )


def test_the_database_refuses_an_attempt_beyond_the_limit(homework, student):
    attempt = taking.start_attempt(quiz=homework.quiz, user=student)

    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentAttempt.objects.create(
            assignment=homework, student=student, attempt=attempt, number=2, allowed=1
        )


def test_the_database_refuses_a_due_date_before_the_opening(homework):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.filter(pk=homework.pk).update(due_at=homework.opens_at)


def test_an_assignment_not_yet_open_cannot_be_started(homework, student):
    with pytest.raises(assignments.AssignmentClosed):
        assignments.start_or_resume(
            assignment=homework, student=student, now=homework.opens_at - timedelta(minutes=1)
        )


def test_late_work_is_accepted_and_flagged(homework, student):
    late = homework.due_at + timedelta(hours=2)
    attempt = assignments.start_or_resume(assignment=homework, student=student, now=late)

    assignments.submit(assignment=homework, attempt=attempt, now=late)

    link = AssignmentAttempt.objects.get(attempt=attempt)
    assert (link.is_open, link.is_late) == (False, True)

    # Extending the deadline past the hand-in clears "late", for the student as for the teacher.
    Assignment.objects.filter(pk=homework.pk).update(due_at=late + timedelta(days=1))
    assert AssignmentAttempt.objects.get(attempt=attempt).is_late is False


def test_a_closed_assignment_refuses_answers_and_submissions_after_the_due_date(homework, student):
    Assignment.objects.filter(pk=homework.pk).update(late_policy=LatePolicy.CLOSE)
    homework.refresh_from_db()
    attempt = assignments.start_or_resume(assignment=homework, student=student, now=NOW)
    question = taking.attempt_questions(attempt)[0]
    after = homework.due_at + CLOSING_GRACE + timedelta(seconds=1)

    with pytest.raises(assignments.AssignmentClosed):
        assignments.save_answer(
            assignment=homework, attempt=attempt, question=question, answer="x", now=after
        )
    with pytest.raises(assignments.AssignmentClosed):
        assignments.submit(assignment=homework, attempt=attempt, now=after)


def test_submitting_twice_submits_once(homework, student):
    attempt = assignments.start_or_resume(assignment=homework, student=student, now=NOW)

    assert assignments.submit(assignment=homework, attempt=attempt, now=NOW) is True
    assert assignments.submit(assignment=homework, attempt=attempt, now=NOW) is False


def test_answers_cannot_change_after_submission(homework, student):
    attempt = assignments.start_or_resume(assignment=homework, student=student, now=NOW)
    question = taking.attempt_questions(attempt)[0]
    assignments.submit(assignment=homework, attempt=attempt, now=NOW)

    with pytest.raises(assignments.AssignmentClosed):
        assignments.save_answer(
            assignment=homework, attempt=attempt, question=question, answer="x", now=NOW
        )


def test_answers_shown_after_the_due_date_only_when_the_teacher_chose_so(homework):
    homework.answers_shown = "after_due"
    assert not homework.shows_answers(NOW)
    assert homework.shows_answers(homework.due_at + timedelta(minutes=1))
    homework.answers_shown = "after_submit"
    assert homework.shows_answers(NOW)


def test_a_closing_homework_still_takes_a_hand_in_a_moment_after_the_due_date(homework, student):
    Assignment.objects.filter(pk=homework.pk).update(late_policy=LatePolicy.CLOSE)
    homework.refresh_from_db()
    attempt = assignments.start_or_resume(assignment=homework, student=student, now=NOW)

    just_after = homework.due_at + timedelta(seconds=30)

    assert assignments.submit(assignment=homework, attempt=attempt, now=just_after) is True
