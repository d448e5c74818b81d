import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from classrooms import assignments
from classrooms.models import Assignment, AssignmentAttempt, LatePolicy, Layout
from quizzes import taking
from quizzes.models import Kind, Question
from tests import factories
from tests.quizzes.test_practice import change_every_answer_key, strip_csrf

pytestmark = pytest.mark.django_db


def url(name, homework, **kwargs):
    return reverse(f"classrooms:{name}", kwargs={"pk": homework.pk, **kwargs})


def start(client, homework):
    response = client.post(url("start", homework))
    attempt = AssignmentAttempt.objects.get(assignment=homework).attempt
    return response, attempt


def test_the_dashboard_lists_due_overdue_and_done_work(student_client, student, homework):
    classroom = homework.classroom
    now = timezone.now()
    overdue = factories.make_assignment(
        classroom=classroom, opens_at=now - timedelta(days=9), due_at=now - timedelta(days=1)
    )
    done = factories.make_assignment(classroom=classroom)
    attempt = assignments.start_or_resume(assignment=done, student=student)
    assignments.submit(assignment=done, attempt=attempt)

    response = student_client.get(reverse("classrooms:dashboard"))

    assert [i.assignment for i in response.context["due"]] == [homework]
    assert [i.assignment for i in response.context["overdue"]] == [overdue]
    assert [i.assignment for i in response.context["done"]] == [done]
    assert "0%" in response.content.decode()


def test_the_dashboard_does_not_show_other_classes_work(student_client):
    factories.make_assignment()  # a class the student is not in
    response = student_client.get(reverse("classrooms:dashboard"))
    assert response.context["due"] == []


@pytest.mark.parametrize("extra", [1, 10])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    student_client, student, homework, django_assert_num_queries, extra
):
    for _ in range(extra):
        other = factories.make_assignment(classroom=homework.classroom)
        attempt = assignments.start_or_resume(assignment=other, student=student)
        assignments.submit(assignment=other, attempt=attempt)

    # the user with their roles, assignments, attempts, practice (the session is cached),
    # memories, this week's revision sessions
    with django_assert_num_queries(6):
        assert student_client.get(reverse("classrooms:dashboard")).status_code == 200


def test_starting_opens_the_first_question(student_client, homework):
    response, _ = start(student_client, homework)
    assert response["Location"] == url("question", homework, number=1)


def test_the_question_page_never_holds_the_answer_key(student_client, homework):
    Assignment.objects.filter(pk=homework.pk).update(layout=Layout.ALL_ON_ONE_PAGE)
    start(student_client, homework)
    page = strip_csrf(student_client.get(url("question", homework, number=1)).content.decode())

    change_every_answer_key(homework.quiz)

    # The page is the same whatever the answers are: nothing in it can give them away.
    assert (
        strip_csrf(student_client.get(url("question", homework, number=1)).content.decode()) == page
    )
    assert "data-answer=" not in page
    assert not re.search(r"\bcorrect\b", page, re.IGNORECASE)


def test_one_question_at_a_time_with_next_and_back(student_client, homework):
    _, attempt = start(student_client, homework)
    first = taking.attempt_questions(attempt)[0]
    assert first.kind == Kind.MULTIPLE_CHOICE

    response = student_client.post(
        url("question", homework, number=1),
        {taking.field_name(first): first.options[0], "next": ""},
    )

    assert response["Location"] == url("question", homework, number=2)
    assert attempt.responses.get(question=first).answer == first.options[0]
    back = student_client.post(url("question", homework, number=2), {"back": ""})
    assert back["Location"] == url("question", homework, number=1)


def page_fields(response):
    """The hidden fields a question page sends back with its answers (versions, shown flags)."""
    html = response.content.decode()
    return dict(re.findall(r'name="(q\d+-(?:version|shown))" value="([^"]*)"', html))


def autosave(client, homework, question, data):
    return client.post(url("answer", homework), {"question": question.pk, **data})


def test_autosave_stores_each_answer_as_it_is_given(student_client, homework):
    _, attempt = start(student_client, homework)
    typed = next(q for q in taking.attempt_questions(attempt) if q.kind == Kind.TYPED)

    response = autosave(student_client, homework, typed, {taking.field_name(typed): "Trotsky"})

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "saved": True,
        "version": 1,
        "has_answer": True,
        "answered": 1,
        "total": 6,
    }
    assert attempt.responses.get(question=typed).answer == "Trotsky"
    # Opening the page again (another device, a lost tab) shows the answer.
    number = attempt.question_order.index(typed.pk) + 1
    page = student_client.get(url("question", homework, number=number)).content.decode()
    assert 'value="Trotsky"' in page


def test_autosave_for_a_question_not_in_the_attempt_is_a_400(student_client, homework):
    start(student_client, homework)
    stranger = Question.objects.in_bank().exclude(pk__in=homework.quiz.questions.all()).first()

    response = autosave(student_client, homework, stranger, {taking.field_name(stranger): "x"})

    assert response.status_code == 400
    assert "not in this homework" in json.loads(response.content)["error"]


def test_autosave_with_an_option_the_question_lacks_is_a_400(student_client, homework):
    _, attempt = start(student_client, homework)
    choice = next(q for q in taking.attempt_questions(attempt) if q.kind == Kind.MULTIPLE_CHOICE)

    response = autosave(student_client, homework, choice, {taking.field_name(choice): "Napoleon"})

    assert response.status_code == 400
    assert not attempt.responses.exists()


def test_autosave_after_the_homework_closed_is_a_403(student_client, homework):
    _, attempt = start(student_client, homework)
    Assignment.objects.filter(pk=homework.pk).update(
        late_policy=LatePolicy.CLOSE, due_at=timezone.now() - timedelta(minutes=3)
    )
    typed = next(q for q in taking.attempt_questions(attempt) if q.kind == Kind.TYPED)

    response = autosave(student_client, homework, typed, {taking.field_name(typed): "Trotsky"})

    assert response.status_code == 403
    assert not attempt.responses.exists()


def test_autosave_without_an_open_attempt_is_a_409(student_client, homework):
    question = homework.quiz.questions.first()
    response = autosave(student_client, homework, question, {})
    assert response.status_code == 409


def test_the_submit_page_lists_unanswered_questions_then_submits_once(student_client, homework):
    _, attempt = start(student_client, homework)
    first = taking.attempt_questions(attempt)[0]
    autosave(student_client, homework, first, {taking.field_name(first): first.answer})

    page = student_client.get(url("submit", homework)).content.decode()
    assert "You have not answered 5 questions" in page

    response = student_client.post(url("submit", homework))
    student_client.post(url("submit", homework))  # a double click

    attempt.refresh_from_db()
    assert attempt.is_submitted
    assert response["Location"].startswith(url("feedback", homework))
    assert AssignmentAttempt.objects.filter(assignment=homework, is_open=False).count() == 1


def test_feedback_shows_answers_straight_after_submitting(student_client, homework):
    start(student_client, homework)
    student_client.post(url("submit", homework))

    page = student_client.get(url("feedback", homework)).content.decode()

    assert "Correct answer:" in page
    assert "Read the notes" in page


def test_feedback_waits_for_the_due_date_when_the_teacher_chose_so(student_client, homework):
    Assignment.objects.filter(pk=homework.pk).update(answers_shown="after_due")
    start(student_client, homework)
    student_client.post(url("submit", homework))

    page = student_client.get(url("feedback", homework)).content.decode()

    assert "Correct answer:" not in page
    assert "after the due date" in page


def test_homework_of_another_class_is_a_404(student_client):
    other = factories.make_assignment()
    for name in ("homework", "question", "submit", "feedback"):
        kwargs = {"number": 1} if name == "question" else {}
        assert student_client.get(url(name, other, **kwargs)).status_code == 404
    assert student_client.post(url("start", other)).status_code == 404
    assert student_client.post(url("answer", other), {"question": 1}).status_code == 404


def test_a_used_up_homework_cannot_be_started_again(student_client, homework):
    start(student_client, homework)
    student_client.post(url("submit", homework))

    response = student_client.post(url("start", homework), follow=True)

    assert "used all your attempts" in response.content.decode()
    assert AssignmentAttempt.objects.filter(assignment=homework).count() == 1


def test_a_homework_attempt_cannot_be_taken_or_read_through_the_practice_pages(
    student_client, homework
):
    Assignment.objects.filter(pk=homework.pk).update(answers_shown="after_due")
    _, attempt = start(student_client, homework)

    for name in ("quizzes:attempt", "quizzes:result"):
        url_ = reverse(name, kwargs={"pk": attempt.pk})
        assert student_client.get(url_).status_code == 404
        assert student_client.post(url_, {"submit": "1"}).status_code == 404
    attempt.refresh_from_db()
    assert not attempt.is_submitted


def test_clearing_a_typed_answer_without_javascript_clears_it(student_client, homework):
    _, attempt = start(student_client, homework)
    typed = next(q for q in taking.attempt_questions(attempt) if q.kind == Kind.TYPED)
    number = attempt.question_order.index(typed.pk) + 1
    page = url("question", homework, number=number)
    student_client.post(page, {taking.field_name(typed): "wrong guess", "next": ""})

    shown = page_fields(student_client.get(page))
    student_client.post(page, {**shown, taking.field_name(typed): "", "next": ""})

    assert attempt.responses.get(question=typed).answer is None
    html = student_client.get(page).content.decode()
    assert "wrong guess" not in html
    assert "0 of 6 answered" in html or "<span data-answered>0</span>" in html


def test_a_control_character_in_a_typed_answer_is_a_400(student_client, homework):
    _, attempt = start(student_client, homework)
    typed = next(q for q in taking.attempt_questions(attempt) if q.kind == Kind.TYPED)

    response = autosave(student_client, homework, typed, {taking.field_name(typed): "a\x00b"})

    assert response.status_code == 400
    assert not attempt.responses.exists()


def test_practice_leaves_out_questions_of_homework_still_to_do(student_client, student, homework):
    from quizzes.models import Attempt

    homework_questions = set(homework.quiz.questions.values_list("pk", flat=True))
    topics = {q.topic_id for q in homework.quiz.questions.all()}

    student_client.post(reverse("quizzes:practice"), {"topics": sorted(topics), "count": 30})

    practice = Attempt.objects.get(user=student, quiz__is_practice=True).quiz
    assert not homework_questions & set(practice.questions.values_list("pk", flat=True))


def test_once_the_homework_is_handed_in_its_questions_come_back_to_practice(student, homework):
    from classrooms.assignments import questions_hidden_from_practice

    now = timezone.now()
    assert questions_hidden_from_practice(student, now) >= set(
        homework.quiz.questions.values_list("pk", flat=True)
    )
    attempt = assignments.start_or_resume(assignment=homework, student=student)
    assignments.submit(assignment=homework, attempt=attempt)

    assert questions_hidden_from_practice(student, now) == set()


def test_answers_wait_while_the_student_has_attempts_left(student_client, homework):
    Assignment.objects.filter(pk=homework.pk).update(attempts_allowed=2)
    start(student_client, homework)
    student_client.post(url("submit", homework))

    page = student_client.get(url("feedback", homework)).content.decode()

    assert "Correct answer:" not in page
    assert "You have another attempt" in page


def test_the_dashboard_marks_overdue_homework_that_has_closed(student_client, homework):
    now = timezone.now()
    factories.make_assignment(
        classroom=homework.classroom,
        opens_at=now - timedelta(days=9),
        due_at=now - timedelta(days=1),
        late_policy=LatePolicy.CLOSE,
    )

    response = student_client.get(reverse("classrooms:dashboard"))

    [closed] = response.context["overdue"]
    assert closed.closed
    assert "Closed" in response.content.decode()


@pytest.mark.parametrize("count", [6, 20])
def test_question_page_and_autosave_run_a_fixed_number_of_queries(
    student_client, student, django_assert_num_queries, count
):
    classroom = factories.enrol(factories.make_classroom(), student)
    quiz = factories.make_quiz(classroom.teacher, count=count)
    homework = factories.make_assignment(classroom=classroom, quiz=quiz)
    _, attempt = start(student_client, homework)
    typed = next(q for q in taking.attempt_questions(attempt) if q.kind == Kind.TYPED)
    number = attempt.question_order.index(typed.pk) + 1

    # the open attempt with its homework, the question (both then kept in the cache), the
    # responses (the user comes from the cache since starting)
    for queries in [3, 1]:
        with django_assert_num_queries(queries):
            page = student_client.get(url("question", homework, number=number))
        assert page.status_code == 200

    name = taking.field_name(typed)
    # one statement (the question was kept by its page) that checks the attempt, writes the
    # answer (an INSERT for a first answer, an UPDATE after it) and returns its version and
    # the count answered
    for version, answered in [("0", 1), ("1", 1)]:
        with django_assert_num_queries(1):
            response = autosave(
                student_client, homework, typed, {name: "Trotsky", f"{name}-version": version}
            )
        assert response.status_code == 200
        assert response.json()["answered"] == answered
        assert response.json()["version"] == int(version) + 1


@pytest.mark.parametrize("name", ["question", "answer", "submit", "flag"])
def test_a_homework_address_no_row_can_have_is_a_404(student_client, name):
    huge = 10**30
    kwargs = {"pk": huge, **({"number": huge} if name == "question" else {})}
    address = reverse(f"classrooms:{name}", kwargs=kwargs)
    response = (
        student_client.post(address)
        if name in {"answer", "flag"}
        else (student_client.get(address))
    )
    assert response.status_code == 404


def test_answer_pages_are_never_kept_by_the_browser(student_client, homework):
    start(student_client, homework)

    question_page = student_client.get(url("question", homework, number=1))

    assert "no-store" in question_page["Cache-Control"]
