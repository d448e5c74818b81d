"""Races between requests for the same attempt, on PostgreSQL where they really run in parallel."""

import threading

import pytest
from django.db import connection, connections

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
def homework():
    if not Question.objects.exists():  # transactional tests empty the database after them
        load_course_and_bank()
    student = factories.make_student()
    classroom = factories.enrol(factories.make_classroom(), student)
    return factories.make_assignment(classroom=classroom), student


def test_starting_from_many_tabs_at_once_makes_one_attempt(homework):
    assignment, student = homework

    results, errors = run_together(
        [lambda: assignments.start_or_resume(assignment=assignment, student=student)] * 8
    )

    assert errors == []
    assert len({attempt.pk for attempt in results}) == 1
    assert AssignmentAttempt.objects.filter(assignment=assignment, student=student).count() == 1


def test_answers_and_submissions_racing_lose_nothing_and_submit_once(homework):
    assignment, student = homework
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


def test_two_devices_saving_from_the_same_page_version_one_wins_the_other_is_told(homework):
    assignment, student = homework
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
