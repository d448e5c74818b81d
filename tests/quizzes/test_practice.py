import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from quizzes import taking
from quizzes.builder import build_quiz
from quizzes.models import Attempt, Kind, Question, Quiz, Response
from tests import factories
from topics.models import Topic

pytestmark = pytest.mark.django_db


def every_kind_quiz(owner):
    """A practice quiz with two questions of each kind."""
    quiz = Quiz.objects.create(owner=owner, title="Every kind", is_practice=True)
    for kind in Kind.values:
        for question in Question.objects.in_bank().filter(kind=kind).order_by("pk")[:2]:
            quiz.append(question)
    return quiz


def test_practice_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("quizzes:practice"))
    assert response.status_code == 302


def test_starting_practice_builds_a_quiz_on_the_topics_and_opens_an_attempt(
    student_client, student
):
    topic = Topic.objects.get(slug="lenins-testament")

    response = student_client.post(
        reverse("quizzes:practice"), {"topics": [topic.pk], "count": 3, "mode": "all"}
    )

    attempt = Attempt.objects.get(user=student)
    assert response["Location"] == reverse("quizzes:attempt", kwargs={"pk": attempt.pk})
    assert attempt.quiz.is_practice
    assert 1 <= attempt.quiz.items.count() <= 3
    assert {q.topic for q in attempt.quiz.ordered_questions()} == {topic}


def test_practice_without_topics_shows_an_error(student_client):
    response = student_client.post(reverse("quizzes:practice"), {"count": 3})
    assert response.status_code == 200
    assert "Choose at least one topic." in response.content.decode()


def strip_csrf(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def change_every_answer_key(quiz):
    """Give every question a different answer key, keeping its options."""
    for question in quiz.questions.all():
        if question.kind == Kind.MULTIPLE_CHOICE:
            question.answer = next(o for o in question.options if o != question.answer)
        elif question.kind == Kind.TRUE_FALSE:
            question.answer = not question.answer
        elif question.kind in {Kind.TYPED, Kind.CLOZE}:
            question.answer = {**question.answer, "text": "Something else", "accept": []}
        elif question.kind == Kind.ORDERING:
            question.answer = list(reversed(question.answer))
        elif question.kind == Kind.MATCHING:
            lefts, rights = list(question.answer), list(question.answer.values())
            question.answer = dict(zip(lefts, rights[1:] + rights[:1], strict=True))
        elif question.kind == Kind.MULTIPLE_SELECT:  # as many right, not the same ones
            others = [o for o in question.options if o not in question.answer]
            question.answer = (others + question.answer)[: len(question.answer)]
        question.save()


def test_the_answer_page_does_not_depend_on_the_answer_key(student_client, student):
    quiz = every_kind_quiz(student)
    attempt = taking.start_attempt(quiz=quiz, user=student, seed=1)
    url = reverse("quizzes:attempt", kwargs={"pk": attempt.pk})
    before = strip_csrf(student_client.get(url).content.decode())

    change_every_answer_key(quiz)

    assert strip_csrf(student_client.get(url).content.decode()) == before
    typed = [q for q in quiz.questions.all() if q.kind in {Kind.TYPED, Kind.CLOZE}]
    assert typed
    for question in typed:
        assert f'value="{question.answer["text"]}"' not in before


def answer_everything_right(attempt):
    data = {}
    for question in taking.attempt_questions(attempt):
        name = taking.field_name(question)
        if question.kind == Kind.TRUE_FALSE:
            data[name] = "true" if question.answer else "false"
        elif question.kind in {Kind.TYPED, Kind.CLOZE}:
            data[name] = question.answer["text"]
        elif question.kind == Kind.MULTIPLE_CHOICE:
            data[name] = question.answer
        elif question.kind == Kind.ORDERING:
            for position, item in enumerate(question.answer, start=1):
                data[f"{name}-{position}"] = item
        elif question.kind == Kind.MATCHING:
            shown = taking.display_options(question, attempt)
            for index, left in enumerate(shown["left"], start=1):
                data[f"{name}-{index}"] = question.answer[left]
        elif question.kind == Kind.MULTIPLE_SELECT:
            data[name] = question.answer  # one value per ticked box
    return data


def test_submitting_right_answers_scores_full_marks_and_shows_feedback(student_client, student):
    attempt = taking.start_attempt(quiz=every_kind_quiz(student), user=student, seed=2)
    url = reverse("quizzes:attempt", kwargs={"pk": attempt.pk})

    response = student_client.post(url, {**answer_everything_right(attempt), "submit": "1"})

    attempt.refresh_from_db()
    assert response["Location"] == reverse("quizzes:result", kwargs={"pk": attempt.pk})
    assert attempt.score == 1.0
    assert attempt.responses.filter(score=1).count() == attempt.quiz.items.count()
    page = student_client.get(response["Location"]).content.decode()
    assert "You scored <strong>100%</strong>" in page
    assert "Read the notes" in page


def test_wrong_and_blank_answers_show_the_right_answer_and_explanation(student_client, student):
    attempt = taking.start_attempt(quiz=every_kind_quiz(student), user=student, seed=3)

    student_client.post(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), {"submit": "1"})

    attempt.refresh_from_db()
    assert attempt.score == 0
    page = student_client.get(reverse("quizzes:result", kwargs={"pk": attempt.pk})).content.decode()
    question = attempt.quiz.questions.filter(kind=Kind.TYPED).first()
    assert question.answer["text"] in page
    assert "No answer given." in page


def test_saving_keeps_answers_for_later_without_marking(student_client, student):
    attempt = taking.start_attempt(quiz=every_kind_quiz(student), user=student, seed=4)
    typed = next(q for q in taking.attempt_questions(attempt) if q.kind == Kind.TYPED)
    url = reverse("quizzes:attempt", kwargs={"pk": attempt.pk})

    student_client.post(url, {taking.field_name(typed): "Bukharin", "save": "1"})

    saved = Response.objects.get(attempt=attempt, question=typed)
    assert (saved.answer, saved.score) == ("Bukharin", None)
    assert 'value="Bukharin"' in student_client.get(url).content.decode()
    attempt.refresh_from_db()
    assert not attempt.is_submitted


def test_submitting_twice_marks_once(student_client, student):
    attempt = taking.start_attempt(quiz=every_kind_quiz(student), user=student, seed=5)
    url = reverse("quizzes:attempt", kwargs={"pk": attempt.pk})
    student_client.post(url, {"submit": "1"})
    attempt.refresh_from_db()
    first = attempt.submitted_at

    response = student_client.post(url, {**answer_everything_right(attempt), "submit": "1"})

    attempt.refresh_from_db()
    assert response.status_code == 302
    assert attempt.submitted_at == first
    assert attempt.score == 0


@pytest.mark.parametrize("kind", [Kind.MULTIPLE_CHOICE, Kind.ORDERING, Kind.MATCHING])
def test_a_tampered_answer_is_a_400_and_saves_nothing(student_client, student, kind):
    attempt = taking.start_attempt(quiz=every_kind_quiz(student), user=student, seed=6)
    question = next(q for q in taking.attempt_questions(attempt) if q.kind == kind)
    name = taking.field_name(question)
    field = name if kind == Kind.MULTIPLE_CHOICE else f"{name}-1"

    response = student_client.post(
        reverse("quizzes:attempt", kwargs={"pk": attempt.pk}), {field: "Hacked", "submit": "1"}
    )

    assert response.status_code == 400
    assert not attempt.responses.exists()


def test_an_over_long_typed_answer_is_a_400(student_client, student):
    attempt = taking.start_attempt(quiz=every_kind_quiz(student), user=student, seed=7)
    question = next(q for q in taking.attempt_questions(attempt) if q.kind == Kind.TYPED)

    response = student_client.post(
        reverse("quizzes:attempt", kwargs={"pk": attempt.pk}),
        {taking.field_name(question): "x" * 500},
    )

    assert response.status_code == 400


def test_another_users_attempt_is_a_404(student_client):
    other = factories.make_student()
    attempt = taking.start_attempt(quiz=every_kind_quiz(other), user=other)

    for name in ("quizzes:attempt", "quizzes:result"):
        url = reverse(name, kwargs={"pk": attempt.pk})
        assert student_client.get(url).status_code == 404
        assert student_client.post(url, {"submit": "1"}).status_code == 404


@pytest.mark.parametrize("count", [5, 20])
def test_answer_and_result_pages_run_a_fixed_number_of_queries(
    student_client, student, django_assert_num_queries, count
):
    topics = list(Topic.objects.filter(parent=None))
    quiz = build_quiz(
        owner=student, title="Q", topics=topics, count=count, seed=8, is_practice=True
    )
    attempt = taking.start_attempt(quiz=quiz, user=student)
    url = reverse("quizzes:attempt", kwargs={"pk": attempt.pk})

    # the user with their roles, attempt+quiz, questions, responses; the session comes from the
    # cache, and the source notes are only read where feedback shows them
    with django_assert_num_queries(4):
        assert student_client.get(url).status_code == 200

    taking.submit_attempt(attempt)
    result_url = reverse("quizzes:result", kwargs={"pk": attempt.pk})
    with django_assert_num_queries(4):  # the signed-in user comes from the cache now
        assert student_client.get(result_url).status_code == 200


def test_practice_history_lists_the_students_own_attempts(student_client, student):
    mine = taking.start_attempt(quiz=every_kind_quiz(student), user=student)
    other = factories.make_student()
    theirs = taking.start_attempt(quiz=every_kind_quiz(other), user=other)
    Quiz.objects.filter(pk=theirs.quiz_id).update(title="Someone else's quiz")

    page = student_client.get(reverse("quizzes:practice")).content.decode()

    assert mine.get_absolute_url() in page
    assert "Someone else" not in page


def test_practice_on_many_long_topics_gets_a_title_that_fits(student_client, student):
    topics = list(Topic.objects.order_by("-title")[:8])

    student_client.post(reverse("quizzes:practice"), {"topics": [t.pk for t in topics], "count": 3})

    assert len(Attempt.objects.get(user=student).quiz.title) <= 150


@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "abc"])
def test_a_topic_id_that_cannot_exist_is_a_form_error(student_client, value):
    response = student_client.post(reverse("quizzes:practice"), {"topics": [value], "count": 3})
    assert response.status_code == 200
    assert "topics" in response.context["form"].errors


def test_percentages_round_halves_up_like_the_teachers_pages():
    assert Attempt(score=1 / 8).percent == 13
    assert Attempt(score=5 / 8).percent == 63
    assert Attempt(score=None).percent is None


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_practice_says_when_a_topic_has_fewer_questions_than_asked(student_client, student):
    topic = Topic.objects.get(slug="lenins-testament")
    response = student_client.post(
        reverse("quizzes:practice"), {"topics": [topic.pk], "count": 30, "mode": "all"}
    )

    made = Attempt.objects.get(user=student).quiz.items.count()
    assert made < 30
    assert messages_of(response) == [
        f"Only {made} different questions on that topic so far: here they all are."
    ]


def test_practice_of_the_size_asked_says_nothing_about_its_size(student_client, student):
    topic = Topic.objects.get(slug="lenins-testament")

    response = student_client.post(
        reverse("quizzes:practice"), {"topics": [topic.pk], "count": 2, "mode": "all"}
    )

    assert Attempt.objects.get(user=student).quiz.items.count() == 2
    assert messages_of(response) == []


def test_a_shorter_practice_says_homework_questions_are_kept_back(student_client, student):
    topic = Topic.objects.get(slug="lenins-testament")
    homework_question = Question.objects.in_bank().filter(topic=topic).first()
    classroom = factories.enrol(factories.make_classroom(), student)
    quiz = Quiz.objects.create(owner=classroom.teacher, title="Homework")
    quiz.append(homework_question)
    factories.make_assignment(classroom=classroom, quiz=quiz)

    response = student_client.post(
        reverse("quizzes:practice"), {"topics": [topic.pk], "count": 30, "mode": "all"}
    )

    practice = Attempt.objects.get(user=student).quiz
    assert homework_question not in practice.questions.all()
    made = practice.items.count()
    assert messages_of(response) == [
        f"Only {made} different questions on that topic can be practised now (questions of "
        "homework you can still do are kept back): here they all are."
    ]
