"""The student's open attempt kept in the cache (classrooms/open_attempts.py): question pages and
autosaves start from it, anything that could make it wrong is seen at once, and a student who is
no longer in the class can't save through it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from classrooms import assignments, open_attempts
from classrooms.models import AssignmentAttempt, Enrolment, LatePolicy, Layout
from quizzes import taking
from quizzes.models import Attempt, Kind, Response
from tests import factories

pytestmark = pytest.mark.django_db


def url(name, homework, **kwargs):
    return reverse(f"classrooms:{name}", kwargs={"pk": homework.pk, **kwargs})


@pytest.fixture
def working(student_client, homework):
    """The student has started the homework and seen its first question: the open attempt is in
    the cache. Returns (homework, attempt, a typed question of it)."""
    student_client.post(url("start", homework))
    attempt = AssignmentAttempt.objects.get(assignment=homework).attempt
    assert student_client.get(url("question", homework, number=1)).status_code == 200
    typed = next(q for q in taking.attempt_questions(attempt) if q.kind == Kind.TYPED)
    return homework, attempt, typed


def autosave(client, homework, question, text, **extra):
    data = {"question": question.pk, taking.field_name(question): text, **extra}
    return client.post(url("answer", homework), data)


def read_again(student, homework_pk, django_assert_num_queries):
    """open_work after a change: one query, as the cached copy no longer counts."""
    with django_assert_num_queries(1):
        return open_attempts.open_work(homework_pk, student)


def test_a_warm_question_page_and_autosave_read_no_attempt_from_the_database(
    student, working, django_assert_num_queries
):
    homework, attempt, _ = working
    with django_assert_num_queries(0):
        assignment, cached = open_attempts.open_work(homework.pk, student)
    assert (assignment.pk, assignment.quiz.title) == (homework.pk, homework.quiz.title)
    assert (cached.pk, cached.question_order) == (attempt.pk, attempt.question_order)
    assert not cached.is_submitted and assignment.accepts_answers(timezone.now())


def test_the_copy_is_of_this_student_only(student, working, django_assert_num_queries):
    homework, _, _ = working
    other = factories.make_student()
    factories.enrol(homework.classroom, other)
    with django_assert_num_queries(1):
        assert open_attempts.open_work(homework.pk, other) is None


def hand_in(homework, attempt):
    assignments.submit(assignment=homework, attempt=attempt)


def leave_the_class(homework, attempt):
    Enrolment.objects.filter(classroom=homework.classroom, student=attempt.user).delete()


def archive_the_homework(homework, attempt):
    homework.archive()


def archive_the_class(homework, attempt):
    homework.classroom.archive()


def delete_the_homework(homework, attempt):
    homework.delete()


def set_it_for_someone_else(homework, attempt):
    other = factories.make_student()
    factories.enrol(homework.classroom, other)
    assignments.choose_students(homework, [other])


@pytest.mark.parametrize(
    "change",
    [
        hand_in,
        leave_the_class,
        archive_the_homework,
        archive_the_class,
        delete_the_homework,
        set_it_for_someone_else,
    ],
)
def test_what_ends_the_open_attempt_is_seen_at_once(
    student, working, change, django_assert_num_queries
):
    homework, attempt, _ = working
    pk = homework.pk  # a deleted homework has none
    change(homework, attempt)
    assert read_again(student, pk, django_assert_num_queries) is None


def test_a_new_due_date_layout_and_title_are_seen_at_once(
    student, student_client, working, django_assert_num_queries
):
    homework, _, typed = working
    due = timezone.now() - timedelta(hours=1)
    homework.due_at, homework.late_policy = due, LatePolicy.CLOSE
    homework.opens_at = due - timedelta(days=1)
    homework.save()
    assignment, _ = read_again(student, homework.pk, django_assert_num_queries)
    assert assignment.due_at == due and not assignment.accepts_answers(timezone.now())
    assert autosave(student_client, homework, typed, "Trotsky").status_code == 403

    homework.due_at, homework.layout = timezone.now() + timedelta(days=1), Layout.ALL_ON_ONE_PAGE
    homework.save()
    homework.quiz.title = "The power struggle"
    homework.quiz.save()
    page = student_client.get(url("question", homework, number=1)).content.decode()
    assert "The power struggle" in page
    assert page.count("data-question=") == len(homework.quiz.items.all())


def test_a_new_attempt_is_seen_at_once(student, student_client, working, django_assert_num_queries):
    homework, first, typed = working
    homework.attempts_allowed = 2
    homework.save()
    hand_in(homework, first)
    second = assignments.start_or_resume(assignment=homework, student=student)
    _, attempt = read_again(student, homework.pk, django_assert_num_queries)
    assert attempt.pk == second.pk != first.pk
    assert autosave(student_client, homework, typed, "Trotsky").status_code == 200
    assert second.responses.get().answer == "Trotsky"
    assert not first.responses.filter(answer__isnull=False).exists()


def test_a_re_mark_is_seen_at_once(student, working, django_assert_num_queries):
    from quizzes.overrides import accept

    homework, first, typed = working
    homework.attempts_allowed = 2
    homework.save()
    taking.save_answer(first, typed, "Bronstein")
    hand_in(homework, first)
    assignments.start_or_resume(assignment=homework, student=student)
    open_attempts.open_work(homework.pk, student)  # the second attempt, kept
    teacher = homework.classroom.teacher
    response = first.responses.get(question=typed)
    accept(quiz=homework.quiz, question=typed, response=response, teacher=teacher, everyone=False)
    read_again(student, homework.pk, django_assert_num_queries)


def test_a_student_removed_from_the_class_can_no_longer_answer(student, student_client, working):
    homework, attempt, typed = working
    teacher = Client()
    teacher.force_login(homework.classroom.teacher)
    removed = teacher.post(
        reverse("classrooms:remove_student", args=[homework.classroom.pk, student.pk])
    )
    assert removed.status_code == 302

    assert autosave(student_client, homework, typed, "Trotsky").status_code == 404
    flag = {"question": typed.pk, "flagged": "1"}
    assert student_client.post(url("flag", homework), flag).status_code == 404
    assert student_client.get(url("question", homework, number=1)).status_code == 404
    assert not attempt.responses.exists()


def test_a_copy_the_cache_still_counts_does_not_let_a_removed_student_save(
    student, student_client, working
):
    """Removed by a write that sends no signal (raw SQL): the cached attempt still counts for up
    to ENTRY_TIMEOUT, but every save checks the class in the database."""
    homework, attempt, typed = working
    Enrolment.objects.filter(classroom=homework.classroom, student=student)._raw_delete("default")
    assert open_attempts.open_work(homework.pk, student) is not None  # the stale copy

    assert autosave(student_client, homework, typed, "Trotsky").status_code == 403
    version = {f"{taking.field_name(typed)}-version": "0"}
    assert autosave(student_client, homework, typed, "Trotsky", **version).status_code == 403
    flag = {"question": typed.pk, "flagged": "1"}
    assert student_client.post(url("flag", homework), flag).status_code == 403
    number = attempt.question_order.index(typed.pk) + 1
    form = {taking.field_name(typed): "Trotsky", "next": ""}
    student_client.post(url("question", homework, number=number), form)
    assert not attempt.responses.exists()
    # Nor hand in: the submit reads the class from the database too.
    student_client.post(url("submit", homework))
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_a_copy_the_cache_still_counts_saves_nothing_into_handed_in_work(
    student, student_client, working
):
    homework, attempt, typed = working
    Attempt.objects.filter(pk=attempt.pk).update(submitted_at=timezone.now())  # no signal
    assert autosave(student_client, homework, typed, "Trotsky").status_code == 403
    assert not attempt.responses.exists()


def test_handed_in_on_another_device_the_first_device_saves_nothing(
    student, student_client, working
):
    homework, attempt, typed = working
    other_device = Client()
    other_device.force_login(student)
    other_device.post(url("submit", homework))
    assert Attempt.objects.get(pk=attempt.pk).is_submitted

    response = autosave(student_client, homework, typed, "Trotsky")
    assert response.status_code == 409 and "handed in" in response.json()["error"]
    assert not Response.objects.filter(attempt=attempt, answer__isnull=False).exists()


def test_autosave_in_one_statement_counts_what_is_answered(student_client, working):
    homework, attempt, typed = working
    others = [pk for pk in attempt.question_order if pk != typed.pk]
    true_false = next(q for q in taking.attempt_questions(attempt) if q.kind == Kind.TRUE_FALSE)
    taking.save_answer(attempt, true_false, True)
    taking.set_flag(attempt, taking.questions_by_id([others[-1]])[0], True)  # no answer
    name = taking.field_name(typed)

    first = autosave(student_client, homework, typed, "Trotsky", **{f"{name}-version": "0"})
    assert first.json() == {
        "saved": True, "version": 1, "has_answer": True, "answered": 2,
        "total": len(attempt.question_order),
    }  # fmt: skip
    again = autosave(student_client, homework, typed, "Stalin", **{f"{name}-version": "1"})
    assert (again.json()["version"], again.json()["answered"]) == (2, 2)
    cleared = autosave(student_client, homework, typed, "", **{f"{name}-version": "2"})
    assert (cleared.json()["version"], cleared.json()["answered"]) == (3, 1)
    without_version = autosave(student_client, homework, typed, "Lenin")
    assert (without_version.json()["version"], without_version.json()["answered"]) == (4, 2)
    saved = attempt.responses.get(question=typed)
    assert (saved.answer, saved.version, saved.flagged) == ("Lenin", 4, False)


def test_a_question_edited_in_the_admin_shows_at_once(student_client, working):
    """Questions shown to answer come from the cache too, kept under the content version."""
    homework, attempt, _ = working
    first = taking.questions_by_id(attempt.question_order[:1])[0]
    page = student_client.get(url("question", homework, number=1)).content.decode()
    assert escape(first.prompt) in page
    first.prompt = "Which of these did Lenin's Testament say of Stalin?"
    first.save()
    page = student_client.get(url("question", homework, number=1)).content.decode()
    assert escape(first.prompt) in page
