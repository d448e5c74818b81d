"""Practice one question at a time: answer, see right or wrong with the right answer, the
explanation and the notes, then the next question; at the end the score and the way on."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from quizzes import taking, weakest
from quizzes.models import Attempt, Kind, Question, Quiz, Response
from tests import factories
from tests.quizzes.test_practice import change_every_answer_key, every_kind_quiz, strip_csrf
from topics.models import Topic

pytestmark = pytest.mark.django_db


def typed_quiz(owner, count=3):
    quiz = Quiz.objects.create(owner=owner, title="Typed", is_practice=True)
    for question in Question.objects.in_bank().filter(kind=Kind.TYPED).order_by("pk")[:count]:
        quiz.append(question)
    return quiz


def one_at_a_time(user, quiz, seed=1):
    return taking.start_attempt(quiz=quiz, user=user, seed=seed, one_at_a_time=True)


def step_url(attempt, number):
    return reverse("quizzes:step", kwargs={"pk": attempt.pk, "number": number})


def question_at(attempt, number):
    return Question.objects.get(pk=attempt.question_order[number - 1])


def test_the_practice_form_starts_one_at_a_time_by_default(student_client, student):
    topic = Topic.objects.get(slug="lenins-testament")

    response = student_client.post(reverse("quizzes:practice"), {"topics": [topic.pk], "count": 3})

    attempt = Attempt.objects.get(user=student)
    assert attempt.one_at_a_time
    assert response["Location"] == step_url(attempt, 1)
    page = student_client.get(reverse("quizzes:practice")).content.decode()
    radio = re.search(r'<input type="radio"[^>]*value="one"[^>]*>', page).group(0)
    assert "checked" in radio


def test_the_whole_quiz_is_still_a_choice(student_client, student):
    topic = Topic.objects.get(slug="lenins-testament")
    data = {"topics": [topic.pk], "count": 3, "mode": "all"}

    response = student_client.post(reverse("quizzes:practice"), data)

    attempt = Attempt.objects.get(user=student)
    assert not attempt.one_at_a_time
    assert response["Location"] == reverse("quizzes:attempt", kwargs={"pk": attempt.pk})


def test_an_unknown_mode_is_a_field_error(student_client, student):
    topic = Topic.objects.get(slug="lenins-testament")
    data = {"topics": [topic.pk], "count": 3, "mode": "cheat"}
    response = student_client.post(reverse("quizzes:practice"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Attempt.objects.filter(user=student).exists()


def test_a_question_page_does_not_depend_on_the_answer_key(student_client, student):
    quiz = every_kind_quiz(student)
    attempt = one_at_a_time(student, quiz)
    urls = [step_url(attempt, n) for n in range(1, len(attempt.question_order) + 1)]
    before = [strip_csrf(student_client.get(url).content.decode()) for url in urls]

    change_every_answer_key(quiz)

    assert [strip_csrf(student_client.get(url).content.decode()) for url in urls] == before
    assert all("Correct answer" not in page for page in before)


def test_a_right_answer_shows_its_feedback_and_the_next_question(student_client, student):
    attempt = one_at_a_time(student, typed_quiz(student))
    question = question_at(attempt, 1)
    url = step_url(attempt, 1)

    response = student_client.post(url, {taking.field_name(question): question.answer["text"]})

    assert response["Location"] == url
    saved = Response.objects.get(attempt=attempt, question=question)
    assert saved.score == 1
    page = student_client.get(url).content.decode()
    assert "✓ Right" in page
    assert "Correct answer:" in page
    if question.explanation:
        assert escape(question.explanation) in page
    assert "Read the notes" in page or not question.source_facts.exists()
    assert f'href="{step_url(attempt, 2)}"' in page and "Next question" in page
    assert "1 right of 1 answered so far" in page


def test_a_wrong_answer_shows_the_right_one_and_cannot_be_changed_after(student_client, student):
    attempt = one_at_a_time(student, typed_quiz(student))
    question = question_at(attempt, 1)
    url = step_url(attempt, 1)

    student_client.post(url, {taking.field_name(question): "Nobody at all"})
    student_client.post(url, {taking.field_name(question): question.answer["text"]})

    saved = Response.objects.get(attempt=attempt, question=question)
    assert (saved.answer, saved.score) == ("Nobody at all", 0)
    page = student_client.get(url).content.decode()
    assert "✗ Not right" in page
    assert question.answer["text"] in page


def test_the_last_answer_ends_with_the_score_and_practise_what_i_got_wrong(student_client, student):
    attempt = one_at_a_time(student, typed_quiz(student, count=2))
    first, second = question_at(attempt, 1), question_at(attempt, 2)
    student_client.post(step_url(attempt, 1), {taking.field_name(first): first.answer["text"]})
    student_client.post(step_url(attempt, 2), {})  # left blank: "I don't know"

    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.score == 0.5
    page = student_client.get(step_url(attempt, 2)).content.decode()
    assert "See your score" in page and "Next question" not in page
    result = student_client.get(reverse("quizzes:result", kwargs={"pk": attempt.pk}))
    assert "You scored <strong>50%</strong>" in result.content.decode()
    assert "Practise what I got wrong" in result.content.decode()

    again = student_client.post(reverse("quizzes:mistakes", kwargs={"pk": attempt.pk}))

    retry = Attempt.objects.exclude(pk=attempt.pk).get(user=student)
    assert retry.one_at_a_time and retry.question_order == [second.pk]
    assert again["Location"] == step_url(retry, 1)


def test_the_attempt_page_of_a_one_at_a_time_attempt_goes_to_its_next_question(
    student_client, student
):
    attempt = one_at_a_time(student, typed_quiz(student))
    question = question_at(attempt, 1)
    student_client.post(step_url(attempt, 1), {taking.field_name(question): "x"})

    response = student_client.get(reverse("quizzes:attempt", kwargs={"pk": attempt.pk}))

    assert response["Location"] == step_url(attempt, 2)


def test_a_tampered_answer_is_a_400_and_saves_nothing(student_client, student):
    quiz = Quiz.objects.create(owner=student, title="MC", is_practice=True)
    quiz.append(Question.objects.in_bank().filter(kind=Kind.MULTIPLE_CHOICE).first())
    attempt = one_at_a_time(student, quiz)
    name = taking.field_name(question_at(attempt, 1))

    response = student_client.post(step_url(attempt, 1), {name: "An option it does not have"})

    assert response.status_code == 400
    assert not Response.objects.filter(attempt=attempt).exists()


def test_another_users_attempt_and_numbers_out_of_range_are_404(client, student):
    attempt = one_at_a_time(student, typed_quiz(student))
    other = factories.make_student()
    client.force_login(other)
    assert client.get(step_url(attempt, 1)).status_code == 404
    assert client.post(step_url(attempt, 1), {}).status_code == 404
    client.force_login(student)
    assert client.get(step_url(attempt, 0)).status_code == 404
    assert client.get(step_url(attempt, 4)).status_code == 404
    whole = taking.start_attempt(quiz=typed_quiz(student), user=student)
    assert client.get(step_url(whole, 1)).status_code == 404


@pytest.mark.parametrize("count", [2, 12])
def test_a_step_runs_a_fixed_number_of_queries(
    student_client, student, django_assert_num_queries, count
):
    quiz = factories.make_quiz(student, count=count)
    quiz.is_practice = True
    quiz.save()
    attempt = one_at_a_time(student, quiz)
    url = step_url(attempt, 1)
    student_client.get(url)  # the session's first visit reads the user and their roles

    with django_assert_num_queries(5):  # attempt, question, sources, response, progress
        assert student_client.get(url).status_code == 200
    question = question_at(attempt, 1)
    student_client.post(url, {taking.field_name(question): ""})
    with django_assert_num_queries(6):  # and the next question to answer
        assert "Next question" in student_client.get(url).content.decode()


# Choosing topics by section, and "my weakest topics"


def test_topics_are_grouped_by_section_in_collapsible_lists(student_client):
    page = student_client.get(reverse("quizzes:practice")).content.decode()
    sections = Topic.objects.filter(parent=None).count()
    assert page.count("<details") == sections
    assert page.count('fw-semibold" for="id_topics_') == sections  # "The whole section"
    child = Topic.objects.exclude(parent=None).first()
    details = page.split("<details")[1:]
    holder = next(d for d in details if f'value="{child.pk}"' in d)
    assert child.parent.title in holder


def test_a_form_sent_back_opens_the_sections_with_a_ticked_topic(student_client):
    child = Topic.objects.exclude(parent=None).first()
    response = student_client.post(reverse("quizzes:practice"), {"topics": [child.pk], "count": 0})
    details = response.content.decode().split("<details")[1:]
    opened = [d for d in details if " open " in d.split(">", 1)[0]]
    assert len(opened) == 1 and f'value="{child.pk}"' in opened[0]


def test_a_ticked_section_practises_all_its_topics(student_client, student):
    section = Topic.objects.get(slug="stalins-rise-to-power")
    data = {"topics": [section.pk], "count": 30, "mode": "all"}
    student_client.post(reverse("quizzes:practice"), data)
    quiz = Quiz.objects.get(owner=student, is_practice=True)
    topics = {q.topic for q in quiz.ordered_questions()}
    assert len(topics) > 1 and all(t.parent_id == section.pk for t in topics if t != section)


def give_marks(user, topic, scores):
    quiz = Quiz.objects.create(owner=user, title=f"On {topic}", is_practice=True)
    questions = Question.objects.in_bank().filter(topic=topic)[: len(scores)]
    for question in questions:
        quiz.append(question)
    attempt = taking.start_attempt(quiz=quiz, user=user)
    for question, score in zip(questions, scores, strict=True):
        Response.objects.create(attempt=attempt, question=question, answer="x", score=score)


def test_weakest_topics_are_those_with_the_lowest_average_and_enough_answers(student):
    strong, weak, few = Topic.objects.exclude(parent=None).order_by("pk")[:3]
    give_marks(student, strong, [1, 1, 0])
    give_marks(student, weak, [0, 0, 1])
    give_marks(student, few, [0, 0])  # too few answers to judge

    assert weakest.weakest_topics(student) == [weak, strong]
    assert weakest.weakest_topics(factories.make_student()) == []


def test_weakest_topics_when_there_are_not_enough_answers_yet_says_so(student_client, student):
    response = student_client.post(reverse("quizzes:practice"), {"weakest": "on", "count": 5})
    assert response.status_code == 200
    assert "not enough of your marked answers yet" in response.content.decode()
    assert not Attempt.objects.filter(user=student).exists()


def test_practising_my_weakest_topics_builds_a_quiz_on_them(student_client, student):
    weak = Topic.objects.exclude(parent=None).order_by("pk").first()
    give_marks(student, weak, [0, 0, 0])

    student_client.post(reverse("quizzes:practice"), {"weakest": "on", "count": 3})

    quiz = Quiz.objects.filter(owner=student).latest("pk")
    assert weak.title in quiz.title
    assert {q.topic for q in quiz.ordered_questions()} == {weak}
