"""Two devices on one homework: a page older than an answer never overwrites or clears it.

Device A is a page fetched before device B saved; what A sends afterwards carries the versions
A was shown.
"""

import json

import pytest

from classrooms.models import Assignment, Layout
from quizzes import taking
from quizzes.models import Kind, Response
from tests import factories
from tests.classrooms.test_homework_views import autosave, page_fields, start, url

pytestmark = pytest.mark.django_db


def questions(attempt):
    return taking.attempt_questions(attempt)


def number_of(attempt, question):
    return attempt.question_order.index(question.pk) + 1


def right_answer_fields(question, attempt):
    key = question.answer["text"] if question.behaviour.takes_text else question.answer
    return taking.form_values(question, attempt, key)


def typed_question(attempt):
    return next(q for q in questions(attempt) if q.kind == Kind.TYPED)


def test_a_stale_page_pressing_next_keeps_the_answer_given_on_another_device(
    student_client, homework
):
    _, attempt = start(student_client, homework)
    typed = typed_question(attempt)
    page = url("question", homework, number=number_of(attempt, typed))
    device_a = page_fields(student_client.get(page))  # shown blank

    autosave(student_client, homework, typed, {taking.field_name(typed): "Trotsky"})  # device B
    response = student_client.post(page, {**device_a, taking.field_name(typed): "", "next": ""})

    assert response.status_code == 302
    assert attempt.responses.get(question=typed).answer == "Trotsky"


def test_a_stale_all_on_one_page_form_clears_nothing_it_did_not_show(student_client, homework):
    Assignment.objects.filter(pk=homework.pk).update(layout=Layout.ALL_ON_ONE_PAGE)
    _, attempt = start(student_client, homework)
    page = url("question", homework, number=1)
    device_a = page_fields(student_client.get(page))
    for question in questions(attempt):  # device B answers everything
        autosave(student_client, homework, question, right_answer_fields(question, attempt))
    given = dict(attempt.responses.values_list("question_id", "answer"))
    assert len(given) == len(attempt.question_order)

    student_client.post(page, {**device_a, "finish": ""})

    assert dict(attempt.responses.values_list("question_id", "answer")) == given


def test_a_stale_page_that_changes_an_answer_is_refused_and_shown_the_newer_one(
    student_client, homework
):
    _, attempt = start(student_client, homework)
    typed = typed_question(attempt)
    page = url("question", homework, number=number_of(attempt, typed))
    device_a = page_fields(student_client.get(page))
    autosave(student_client, homework, typed, {taking.field_name(typed): "Trotsky"})  # device B

    response = student_client.post(
        page, {**device_a, taking.field_name(typed): "Bukharin", "next": ""}, follow=True
    )

    assert attempt.responses.get(question=typed).answer == "Trotsky"
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == page  # stays on the question, not on to the next
    assert "changed on another device" in html
    assert 'value="Trotsky"' in html


def test_a_field_emptied_on_the_page_that_showed_it_clears_the_answer(student_client, homework):
    _, attempt = start(student_client, homework)
    typed = typed_question(attempt)
    page = url("question", homework, number=number_of(attempt, typed))
    autosave(student_client, homework, typed, {taking.field_name(typed): "Trotsky"})
    shown = page_fields(student_client.get(page))
    assert shown[f"{taking.field_name(typed)}-shown"] == "1"

    student_client.post(page, {**shown, taking.field_name(typed): "", "next": ""})

    assert attempt.responses.get(question=typed).answer is None


def test_autosave_from_an_older_page_is_a_409_with_the_newer_answer(student_client, homework):
    _, attempt = start(student_client, homework)
    typed = typed_question(attempt)
    name = taking.field_name(typed)
    first = autosave(student_client, homework, typed, {name: "Trotsky", f"{name}-version": "0"})
    assert json.loads(first.content)["version"] == 1

    late = autosave(student_client, homework, typed, {name: "Stalin", f"{name}-version": "0"})

    assert late.status_code == 409
    body = json.loads(late.content)
    assert body["conflict"] is True
    assert body["version"] == 1
    assert body["fields"] == {name: "Trotsky"}
    assert "changed on another device" in body["error"]
    assert attempt.responses.get(question=typed).answer == "Trotsky"


def test_a_retry_of_a_save_that_landed_is_not_a_conflict(student_client, homework):
    _, attempt = start(student_client, homework)
    typed = typed_question(attempt)
    name = taking.field_name(typed)
    data = {name: "Trotsky", f"{name}-version": "0"}
    autosave(student_client, homework, typed, data)

    again = autosave(student_client, homework, typed, data)  # the reply was lost: sent again

    assert again.status_code == 200
    assert json.loads(again.content)["version"] == 1


def test_each_save_moves_the_version_on(student_client, homework):
    _, attempt = start(student_client, homework)
    typed = typed_question(attempt)
    name = taking.field_name(typed)
    version = "0"
    for answer in ["Lenin", "Trotsky", ""]:
        body = json.loads(
            autosave(
                student_client, homework, typed, {name: answer, f"{name}-version": version}
            ).content
        )
        version = str(body["version"])
    assert version == "3"
    response = attempt.responses.get(question=typed)
    assert (response.answer, response.version) == (None, 3)


@pytest.mark.parametrize("version", ["abc", "-1", "1.5", "٣", str(2**40)])
def test_a_broken_version_is_a_400_and_saves_nothing(student_client, homework, version):
    _, attempt = start(student_client, homework)
    typed = typed_question(attempt)
    name = taking.field_name(typed)

    response = autosave(
        student_client, homework, typed, {name: "Lenin", f"{name}-version": version}
    )

    assert response.status_code == 400
    assert not attempt.responses.exists()


def test_a_conflict_on_an_ordering_question_sends_the_newer_order(student_client, student):
    classroom = factories.enrol(factories.make_classroom(), student)
    quiz = factories.make_quiz(classroom.teacher, kinds=[Kind.ORDERING], count=1)
    homework = factories.make_assignment(classroom=classroom, quiz=quiz)
    _, attempt = start(student_client, homework)
    ordering = questions(attempt)[0]
    name = taking.field_name(ordering)
    shown = taking.display_options(ordering, attempt)
    order = {f"{name}-{n}": item for n, item in enumerate(reversed(shown), 1)}
    autosave(student_client, homework, ordering, {**order, f"{name}-version": "0"})

    late = autosave(
        student_client, homework, ordering, {f"{name}-1": shown[0], f"{name}-version": "0"}
    )

    assert late.status_code == 409
    assert json.loads(late.content)["fields"] == order


def test_practice_pages_keep_answers_saved_from_another_device(student_client, student):
    from django.urls import reverse

    from quizzes.models import Quiz

    quiz = factories.make_quiz(student, kinds=[Kind.MULTIPLE_CHOICE], count=2)
    Quiz.objects.filter(pk=quiz.pk).update(is_practice=True)
    attempt = taking.start_attempt(quiz=quiz, user=student)
    first = questions(attempt)[0]
    page = reverse("quizzes:attempt", kwargs={"pk": attempt.pk})
    device_a = page_fields(student_client.get(page))
    taking.save_answer(attempt, first, first.options[0], seen_version=0)  # device B

    student_client.post(page, {**device_a, "save": ""})

    assert Response.objects.get(attempt=attempt, question=first).answer == first.options[0]
