"""The question numbers say which questions are answered and which the student will come back to."""

import json
import re

import pytest

from quizzes import taking
from quizzes.models import Kind
from tests import factories
from tests.classrooms.test_homework_views import autosave, start, url

pytestmark = pytest.mark.django_db


def nav(html):
    """{number: (answered, flagged)} from the question numbers."""
    links = re.findall(r'<a class="page-link([^"]*)" data-nav-question="\d+"[^>]*>(\d+)<', html)
    return {int(n): ("is-answered" in c, "is-flagged" in c) for c, n in links}


def flag(client, homework, question, flagged):
    return client.post(
        url("flag", homework), {"question": question.pk, "flagged": "1" if flagged else ""}
    )


def test_the_numbers_show_answered_unanswered_and_flagged(student_client, homework):
    _, attempt = start(student_client, homework)
    first, second, third = taking.attempt_questions(attempt)[:3]
    autosave(student_client, homework, first, {taking.field_name(first): first.answer})
    flag(student_client, homework, second, True)
    autosave(student_client, homework, third, {taking.field_name(third): "true"})
    flag(student_client, homework, third, True)

    html = student_client.get(url("question", homework, number=1)).content.decode()

    states = nav(html)
    assert states[1] == (True, False)
    assert states[2] == (False, True)
    assert states[3] == (True, True)
    assert states[4] == (False, False)
    assert ", not answered, to come back to" in html  # the same, in words


def test_flagging_does_not_count_as_an_answer(student_client, homework):
    _, attempt = start(student_client, homework)
    first = taking.attempt_questions(attempt)[0]

    response = flag(student_client, homework, first, True)

    assert json.loads(response.content) == {"flagged": True}
    page = student_client.get(url("submit", homework)).content.decode()
    assert "You have not answered 6 questions" in page
    assert "You marked 1 question to come back to" in page


def test_an_answer_after_ticking_the_box_on_the_same_page_is_saved(student_client, homework):
    # The page showed no answer (version 0); ticking "come back to this" made an empty row.
    _, attempt = start(student_client, homework)
    typed = next(q for q in taking.attempt_questions(attempt) if q.kind == Kind.TYPED)
    flag(student_client, homework, typed, True)

    field = taking.field_name(typed)
    response = autosave(student_client, homework, typed, {field: "Trotsky", f"{field}-version": 0})

    assert response.status_code == 200, response.content
    assert json.loads(response.content)["saved"] is True
    saved = attempt.responses.get(question=typed)
    assert (saved.answer, saved.flagged) == ("Trotsky", True)


def test_a_page_that_showed_no_answer_never_overwrites_one_saved_since(student_client, homework):
    _, attempt = start(student_client, homework)
    typed = next(q for q in taking.attempt_questions(attempt) if q.kind == Kind.TYPED)
    field = taking.field_name(typed)
    flag(student_client, homework, typed, True)
    autosave(student_client, homework, typed, {field: "Trotsky", f"{field}-version": 0})

    stale = autosave(student_client, homework, typed, {field: "Stalin", f"{field}-version": 0})

    assert stale.status_code == 409
    assert attempt.responses.get(question=typed).answer == "Trotsky"


def test_unflagging_keeps_the_answer(student_client, homework):
    _, attempt = start(student_client, homework)
    first = taking.attempt_questions(attempt)[0]
    autosave(student_client, homework, first, {taking.field_name(first): first.answer})
    flag(student_client, homework, first, True)

    flag(student_client, homework, first, False)

    response = attempt.responses.get(question=first)
    assert (response.answer, response.flagged) == (first.answer, False)


def test_without_javascript_the_box_is_saved_with_next(student_client, homework):
    _, attempt = start(student_client, homework)
    first = taking.attempt_questions(attempt)[0]
    assert first.kind == Kind.MULTIPLE_CHOICE
    name = taking.field_name(first)

    student_client.post(url("question", homework, number=1), {f"{name}-flag": "1", "next": ""})

    assert attempt.responses.get(question=first).flagged
    html = student_client.get(url("question", homework, number=1)).content.decode()
    assert re.search(rf'name="{name}-flag"[^>]*checked', html)
    student_client.post(url("question", homework, number=1), {"next": ""})
    assert not attempt.responses.get(question=first).flagged


def test_a_flag_for_a_question_not_in_the_homework_is_a_400(student_client, homework):
    start(student_client, homework)
    stranger = factories.make_quiz(homework.classroom.teacher, count=7).ordered_questions()[-1]

    response = flag(student_client, homework, stranger, True)

    assert response.status_code == 400


def test_a_flag_after_handing_in_is_a_409(student_client, homework):
    _, attempt = start(student_client, homework)
    first = taking.attempt_questions(attempt)[0]
    student_client.post(url("submit", homework))

    assert flag(student_client, homework, first, True).status_code == 409
