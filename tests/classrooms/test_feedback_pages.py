"""After handing in: what the student is told, the feedback summary, and the ways on."""

import re

import pytest
from django.urls import reverse

from classrooms import assignments
from classrooms.models import Assignment
from quizzes import taking
from quizzes.models import Attempt, Kind, Question
from tests import factories
from tests.classrooms.test_homework_views import start, url
from tests.e2e.helpers import right_answer, wrong_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def choice_homework(student):
    classroom = factories.enrol(factories.make_classroom(), student)
    quiz = factories.make_quiz(
        classroom.teacher, count=4, kinds=[Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE]
    )
    return factories.make_assignment(classroom=classroom, quiz=quiz)


def answer(homework, attempt, *, wrong=(), blank=()):
    for number, question in enumerate(taking.attempt_questions(attempt), start=1):
        if number in blank:
            continue
        given = wrong_answer(question) if number in wrong else right_answer(question)
        assignments.save_answer(
            assignment=homework, attempt=attempt, question=question, answer=given
        )


def test_handing_in_says_the_score_and_what_was_left_blank_without_praise(
    student_client, choice_homework
):
    _, attempt = start(student_client, choice_homework)
    answer(choice_homework, attempt, wrong=[2], blank=[3, 4])

    response = student_client.post(url("submit", choice_homework), follow=True)

    html = response.content.decode()
    assert "Handed in: you scored 25% (2 of 4 questions answered, 2 left blank)." in html
    assert "Well done" not in html


def test_feedback_starts_with_every_mark_linked_to_its_question(student_client, choice_homework):
    _, attempt = start(student_client, choice_homework)
    answer(choice_homework, attempt, wrong=[2])
    student_client.post(url("submit", choice_homework))

    html = student_client.get(url("feedback", choice_homework)).content.decode()

    marks = re.findall(r'href="#answer-(\d)">\s*\d ([✓✗◐])', html)
    assert marks == [("1", "✓"), ("2", "✗"), ("3", "✓"), ("4", "✓")]
    assert all(f'id="answer-{n}"' in html for n in range(1, 5))
    assert "Practise what I got wrong" in html
    assert reverse("classrooms:dashboard") in html


def test_practising_the_mistakes_starts_a_practice_attempt_of_just_those(
    student_client, student, choice_homework
):
    _, attempt = start(student_client, choice_homework)
    answer(choice_homework, attempt, wrong=[2], blank=[4])
    student_client.post(url("submit", choice_homework))
    wrong = [attempt.question_order[1], attempt.question_order[3]]

    response = student_client.post(
        url("practise_mistakes", choice_homework), {"attempt": attempt.pk}
    )

    practice = Attempt.objects.filter(user=student, quiz__is_practice=True).get()
    assert practice.one_at_a_time
    assert response["Location"] == practice.step_url(1)
    assert sorted(practice.question_order) == sorted(wrong)
    assert practice.quiz.title == f"Practise again: {choice_homework.quiz.title}"


def test_practising_the_mistakes_gives_feedback_after_each_answer(student_client, choice_homework):
    _, attempt = start(student_client, choice_homework)
    answer(choice_homework, attempt, wrong=[1, 3])
    student_client.post(url("submit", choice_homework))
    response = student_client.post(
        url("practise_mistakes", choice_homework), {"attempt": attempt.pk}
    )
    practice = Attempt.objects.get(quiz__is_practice=True)
    first = Question.objects.get(pk=practice.question_order[0])

    wrong_again = taking.form_values(first, practice, wrong_answer(first))
    student_client.post(response["Location"], wrong_again)

    page = student_client.get(response["Location"]).content.decode()
    assert "✗ Not right" in page and "Correct answer:" in page
    assert f'href="{practice.step_url(2)}"' in page and "Next question" in page
    assert not Attempt.objects.get(pk=practice.pk).is_submitted


def test_practising_mistakes_waits_while_the_answers_do(student_client, choice_homework):
    Assignment.objects.filter(pk=choice_homework.pk).update(answers_shown="after_due")
    _, attempt = start(student_client, choice_homework)
    answer(choice_homework, attempt, wrong=[1])
    student_client.post(url("submit", choice_homework))

    page = student_client.get(url("feedback", choice_homework)).content.decode()
    response = student_client.post(
        url("practise_mistakes", choice_homework), {"attempt": attempt.pk}
    )

    assert "Practise what I got wrong" not in page
    assert response.status_code == 404
    assert not Attempt.objects.filter(quiz__is_practice=True).exists()


def test_another_attempt_under_answers_after_the_due_date_says_so(student_client, choice_homework):
    Assignment.objects.filter(pk=choice_homework.pk).update(
        answers_shown="after_due", attempts_allowed=2
    )
    start(student_client, choice_homework)
    student_client.post(url("submit", choice_homework))

    page = student_client.get(url("feedback", choice_homework)).content.decode()

    assert "once you have used all your attempts" not in page
    assert "will show the answers after the due date" in page
    assert "try again" in page


def test_someone_elses_attempt_cannot_be_practised(student_client, choice_homework):
    other = factories.make_student()
    factories.enrol(choice_homework.classroom, other)
    student_client.post(url("start", choice_homework))
    student_client.post(url("submit", choice_homework))
    theirs = assignments.start_or_resume(assignment=choice_homework, student=other)
    assignments.submit(assignment=choice_homework, attempt=theirs)

    response = student_client.post(
        url("practise_mistakes", choice_homework), {"attempt": theirs.pk}
    )

    assert response.status_code == 404


def test_a_practice_result_offers_its_mistakes_again(student_client, student):
    from quizzes.models import Quiz

    quiz = factories.make_quiz(student, count=3, kinds=[Kind.TRUE_FALSE])
    Quiz.objects.filter(pk=quiz.pk).update(is_practice=True, title="Collectivisation")
    attempt = taking.start_attempt(quiz=quiz, user=student)
    first = taking.attempt_questions(attempt)[0]
    taking.save_answer(attempt, first, right_answer(first))
    taking.submit_attempt(attempt)

    page = student_client.get(reverse("quizzes:result", kwargs={"pk": attempt.pk}))
    response = student_client.post(reverse("quizzes:mistakes", kwargs={"pk": attempt.pk}))

    assert "Practise what I got wrong" in page.content.decode()
    again = Attempt.objects.exclude(pk=attempt.pk).get(user=student)
    assert response["Location"] == reverse("quizzes:attempt", kwargs={"pk": again.pk})
    assert sorted(again.question_order) == sorted(attempt.question_order[1:])
    assert again.quiz.title == "Practise again: Collectivisation"
