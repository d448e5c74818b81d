"""Races between requests for the same attempt, on PostgreSQL where they really run in parallel."""

import csv
import io
import threading
from functools import partial

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classrooms import assignments
from classrooms.models import AssignmentAttempt
from quizzes import taking
from quizzes.models import Question, Response
from tests import factories
from tests.conftest import load_course_and_bank

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's row locks and real threads"
    ),
]


def run_together(jobs):
    """Start every job at the same moment, each in its own thread and database connection."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def worker(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # collected, and asserted on below
            results[index] = error
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.fixture
def homework_and_student():
    if not Question.objects.exists():  # transactional tests empty the database after them
        load_course_and_bank()
    student = factories.make_student()
    classroom = factories.enrol(factories.make_classroom(), student)
    return factories.make_assignment(classroom=classroom), student


def test_starting_from_many_tabs_at_once_makes_one_attempt(homework_and_student):
    assignment, student = homework_and_student

    results, errors = run_together(
        [lambda: assignments.start_or_resume(assignment=assignment, student=student)] * 8
    )

    assert errors == []
    assert len({attempt.pk for attempt in results}) == 1
    assert AssignmentAttempt.objects.filter(assignment=assignment, student=student).count() == 1


def test_answers_and_submissions_racing_lose_nothing_and_submit_once(homework_and_student):
    assignment, student = homework_and_student
    attempt = assignments.start_or_resume(assignment=assignment, student=student)
    questions = taking.attempt_questions(attempt)

    def save(question):
        def job():
            answer = question.options[0] if question.kind == "multiple_choice" else "x"
            if question.kind == "true_false":
                answer = True
            assignments.save_answer(
                assignment=assignment, attempt=attempt, question=question, answer=answer
            )
            return question.pk

        return job

    def submit():
        return assignments.submit(assignment=assignment, attempt=attempt)

    jobs = [save(q) for q in questions if q.kind != "ordering" and q.kind != "matching"]
    jobs += [submit] * 4
    results, errors = run_together(jobs)

    # Every error is a refused late answer; nothing else went wrong.
    assert all(isinstance(error, assignments.AssignmentClosed) for error in errors)
    submissions = [result for result in results if result is True]
    assert len(submissions) == 1
    saved = [r for r in results if isinstance(r, int) and not isinstance(r, bool)]
    responses = {r.question_id: r for r in Response.objects.filter(attempt=attempt)}
    # An answer the server accepted was marked with the submission: none was lost.
    for question_id in saved:
        assert responses[question_id].score is not None
    assert len(responses) == len(questions)
    link = AssignmentAttempt.objects.get(attempt=attempt)
    assert link.is_open is False


def test_two_devices_saving_from_the_same_page_version_one_wins_the_other_is_told(
    homework_and_student,
):
    assignment, student = homework_and_student
    attempt = assignments.start_or_resume(assignment=assignment, student=student)
    typed = next(q for q in taking.attempt_questions(attempt) if q.kind == "typed")

    def device(answer, seen):
        def job():
            return assignments.save_answer(
                assignment=assignment,
                attempt=attempt,
                question=typed,
                answer=answer,
                seen_version=seen,
            )

        return job

    for seen in (0, 1):  # the first answer (an INSERT race), then a change (an UPDATE race)
        if seen:
            Response.objects.filter(attempt=attempt, question=typed).update(version=1)
        answers = [f"answer {seen}-{n}" for n in range(6)]
        results, errors = run_together([device(answer, seen) for answer in answers])

        assert all(isinstance(error, taking.AnswerConflict) for error in errors)
        winners = [answers[i] for i, result in enumerate(results) if result == seen + 1]
        assert len(winners) == 1
        stored = Response.objects.get(attempt=attempt, question=typed)
        assert (stored.answer, stored.version) == (winners[0], seen + 1)
        # Each device that lost was shown the winner's answer.
        assert {error.answer for error in errors} == {winners[0]}
        assert len(errors) == len(answers) - 1


# A teacher changing what students are about to start. Whoever takes the row lock first wins:
# either the student starts the new quiz, or the teacher is told it can't change.

TRIALS = 10
STARTERS = 4


def racing_class(trial):
    teacher = factories.make_teacher()
    students = [factories.make_student() for _ in range(STARTERS)]
    classroom = factories.enrol(factories.make_classroom(teacher=teacher), *students)
    old_quiz = factories.make_quiz(teacher, count=4, title=f"Old {trial}")
    assignment = factories.make_assignment(classroom=classroom, quiz=old_quiz)
    return teacher, students, assignment


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def post_status(client, url, data=None):
    return client.post(url, data or {}).status_code


def start_job(student, assignment):
    client = signed_in(student)
    url = reverse("classrooms:start", kwargs={"pk": assignment.pk})
    return partial(post_status, client, url)


def hand_in_everything(assignment, students):
    """Each student who started answers every question of their attempt, then submits."""
    for link in AssignmentAttempt.objects.filter(assignment=assignment).select_related("attempt"):
        for question in taking.attempt_questions(link.attempt):
            assignments.save_answer(
                assignment=assignment,
                attempt=link.attempt,
                question=question,
                answer=any_answer(question),
            )
        assignments.submit(assignment=assignment, attempt=link.attempt)


def any_answer(question):
    if question.kind == "true_false":
        return True
    if question.kind == "matching":
        return dict(zip(question.options["left"], question.options["right"], strict=True))
    if question.kind in {"multiple_choice", "ordering"}:
        return question.options[0] if question.kind == "multiple_choice" else question.options
    return "Stalin"


def attempts_on_another_quiz(assignment):
    """Attempts whose questions are not the homework's quiz as it is now (in its order)."""
    assignment.refresh_from_db()
    current = [item.question_id for item in assignment.quiz.items.order_by("position")]
    return [
        link.attempt
        for link in AssignmentAttempt.objects.filter(assignment=assignment).select_related(
            "attempt"
        )
        if link.attempt.quiz_id != assignment.quiz_id or link.attempt.question_order != current
    ]


def submitted_without_answers(teacher, assignment):
    client = signed_in(teacher)
    response = client.get(reverse("classrooms:results_csv", kwargs={"pk": assignment.pk}))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    return [row for row in rows if row["Status"] == "Submitted" and not row["Answer given"]]


def test_changing_a_homeworks_quiz_while_students_start_it_never_splits_the_class(
    homework_and_student,
):
    problems = []
    for trial in range(TRIALS):
        teacher, students, assignment = racing_class(trial)
        new_quiz = factories.make_quiz(teacher, count=3, title=f"New {trial}")
        teacher_client = signed_in(teacher)
        edit = reverse("classrooms:edit_homework", kwargs={"pk": assignment.pk})
        form = {
            "quiz": new_quiz.pk,
            "opens_at": f"{timezone.localtime(assignment.opens_at):%Y-%m-%dT%H:%M}",
            "due_at": f"{timezone.localtime(assignment.due_at):%Y-%m-%dT%H:%M}",
            "attempts_allowed": 1,
            "answers_shown": "after_submit",
            "late_policy": "accept_late",
            "layout": "one",
        }
        jobs = [start_job(student, assignment) for student in students]
        jobs.append(partial(post_status, teacher_client, edit, form))

        results, errors = run_together(jobs)

        assert errors == []
        assert set(results) <= {200, 302}
        hand_in_everything(assignment, students)
        problems += attempts_on_another_quiz(assignment)
        problems += submitted_without_answers(teacher, assignment)
    assert problems == []


def change_job(teacher, quiz, trial):
    """One of the ways a teacher changes a quiz's questions, in turn."""
    client = signed_in(teacher)
    item = quiz.items.order_by("position").first()
    item_url = {"pk": quiz.pk, "item_pk": item.pk}
    change = trial % 4
    if change == 0:
        url, data = reverse("quizzes:replace", kwargs=item_url), {}
    elif change == 1:
        url, data = reverse("quizzes:remove", kwargs=item_url), {}
    elif change == 2:
        url, data = reverse("quizzes:down", kwargs=item_url), {}
    else:
        url = reverse("quizzes:write", kwargs={"pk": quiz.pk})
        data = {
            "kind": "true_false",
            "topic": Question.objects.first().topic_id,
            "prompt": f"Stalin was General Secretary in 1922 ({trial}).",
            "answer": "True",
        }
    return partial(post_status, client, url, data)


def test_changing_a_quizs_questions_while_students_start_it_never_splits_the_class(
    homework_and_student,
):
    problems = []
    for trial in range(TRIALS):
        teacher, students, assignment = racing_class(trial)
        jobs = [start_job(student, assignment) for student in students]
        jobs.append(change_job(teacher, assignment.quiz, trial))

        results, errors = run_together(jobs)

        assert errors == []
        assert set(results) <= {200, 302}
        hand_in_everything(assignment, students)
        problems += attempts_on_another_quiz(assignment)
        problems += submitted_without_answers(teacher, assignment)
    assert problems == []
