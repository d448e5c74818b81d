"""A correction reaches the class: rebuilding the bank moves unstarted quizzes to the new version
of each question, and a started quiz says how many of its questions were corrected since."""

import dataclasses

import pytest
from django.urls import reverse

from quizzes import taking
from quizzes.bank import bank_specs, save_bank
from quizzes.corrections import corrections_since_set, move_unstarted_quizzes
from quizzes.models import Question, RetiredBecause
from tests import factories
from topics.snapshot import load_knowledge_base

pytestmark = pytest.mark.django_db


def correct_in_the_bank(question):
    """Rebuild the bank as if the notes behind `question` had been corrected."""
    specs = bank_specs(load_knowledge_base(), seed=0)
    corrected = [
        dataclasses.replace(spec, explanation=spec.explanation + " (corrected)")
        if spec.key == question.key
        else spec
        for spec in specs
    ]
    summary = save_bank(corrected)
    assert summary.created == 1 and summary.retired == 1
    return Question.objects.active().get(key=question.key)


def test_a_quiz_nobody_started_moves_to_the_corrected_version(teacher):
    quiz = factories.make_quiz(teacher, count=3)
    first, old, third = quiz.ordered_questions()

    new = correct_in_the_bank(old)
    moved = move_unstarted_quizzes()

    assert [q.pk for q in quiz.ordered_questions()] == [first.pk, new.pk, third.pk]
    assert (moved.quizzes, moved.questions) == (1, 1)
    assert corrections_since_set(quiz) == (0, 0)


def test_a_started_quiz_keeps_what_students_saw_and_says_it_was_corrected(
    teacher, teacher_client, student
):
    quiz = factories.make_quiz(teacher, count=3)
    old = quiz.ordered_questions()[1]
    attempt = taking.start_attempt(quiz=quiz, user=student)

    correct_in_the_bank(old)
    move_unstarted_quizzes()

    assert old.pk in [q.pk for q in quiz.ordered_questions()]
    assert [q.pk for q in taking.attempt_questions(attempt)][1] == old.pk
    page = teacher_client.get(quiz.get_absolute_url()).content.decode()
    assert "1 question has been corrected since this was set" in page


def test_a_question_withdrawn_with_no_successor_is_flagged_on_the_quiz(teacher, teacher_client):
    quiz = factories.make_quiz(teacher, count=3)
    withdrawn = quiz.ordered_questions()[0]
    withdrawn.retire(RetiredBecause.ADMIN)

    moved = move_unstarted_quizzes()

    assert moved.no_successor == 1
    page = teacher_client.get(quiz.get_absolute_url()).content.decode()
    assert "1 question has been withdrawn from the bank" in page
    assert "swap or remove it" in page
    assert "withdrawn from the bank</span>" in page


def test_the_admin_rebuilds_the_bank_from_a_button_and_says_what_it_did(admin_client):
    changelist = reverse("admin:quizzes_question_changelist")
    rebuild = reverse("admin:quizzes_question_rebuild")
    assert rebuild in admin_client.get(changelist).content.decode()
    assert "Quizzes nobody has started move" in admin_client.get(rebuild).content.decode()
    generated = Question.objects.active().exclude(key="").count()

    response = admin_client.post(rebuild, follow=True)

    assert response.redirect_chain[-1][0] == changelist
    page = response.content.decode()
    assert f"active questions (0 created, {generated} kept, 0 restored, 0 retired)" in page
    assert "Question bank rebuilt:" in page


def test_the_rebuild_action_does_the_same(admin_client):
    question = Question.objects.active().first()
    response = admin_client.post(
        reverse("admin:quizzes_question_changelist"),
        {"action": "rebuild_bank_action", "_selected_action": [question.pk]},
        follow=True,
    )
    assert "Question bank rebuilt:" in response.content.decode()


def test_only_staff_may_rebuild(client, teacher):
    client.force_login(teacher)
    response = client.post(reverse("admin:quizzes_question_rebuild"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("model", ["fact", "term"])
def test_saving_content_in_the_admin_says_to_rebuild_the_bank(admin_client, model):
    from tests.topics.test_claims import change_form_data
    from topics.models import Fact, Term

    row = Fact.objects.first() if model == "fact" else Term.objects.first()
    url = reverse(f"admin:topics_{model}_change", args=[row.pk])
    data = change_form_data(admin_client.get(url))
    field = "text" if model == "fact" else "definition"
    data[field] = data[field] + " (checked)"

    response = admin_client.post(url, data, follow=True)

    html = response.content.decode()
    assert "Questions built from this may now be out of date" in html
    assert reverse("admin:quizzes_question_rebuild") in html


def test_saving_nothing_changed_gives_no_reminder(admin_client):
    from tests.topics.test_claims import change_form_data
    from topics.models import Term

    url = reverse("admin:topics_term_change", args=[Term.objects.first().pk])
    response = admin_client.post(url, change_form_data(admin_client.get(url)), follow=True)

    assert "may now be out of date" not in response.content.decode()
