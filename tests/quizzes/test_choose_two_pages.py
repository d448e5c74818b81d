"""A "choose two" question in practice, the quiz builder, the preview, the worksheet, a teacher's
own questions, the admin and the bank export."""

import json

import pytest
from django.urls import reverse

from quizzes import taking
from quizzes.export import question_document
from quizzes.forms import QuizBuildForm
from quizzes.models import Kind, Question, Quiz, Status
from tests import factories
from topics.models import Topic

pytestmark = pytest.mark.django_db

REASONS = [
    "To end the grain shortages",
    "To destroy the kulaks as a class",
    "To give every peasant a private farm",
    "To bring back the NEP",
]
PROMPT = "Which two of these were reasons Stalin launched collectivisation?"


@pytest.fixture
def question():
    return factories.make_question(prompt=PROMPT, options=REASONS[::-1], answer=REASONS[:2])


def practice_attempt(user, *questions):
    quiz = Quiz.objects.create(owner=user, title="Practice", is_practice=True)
    for question in questions:
        quiz.append(question)
    return taking.start_attempt(quiz=quiz, user=user, seed=5)


def attempt_url(attempt):
    return reverse("quizzes:attempt", kwargs={"pk": attempt.pk})


def test_practice_saves_the_ticked_boxes_and_marks_them_on_submit(
    student_client, student, question
):
    attempt = practice_attempt(student, question)
    page = student_client.get(attempt_url(attempt)).content.decode()
    assert page.count('type="checkbox"') == len(REASONS)
    name = taking.field_name(question)

    student_client.post(attempt_url(attempt), {name: [REASONS[1]], "save": ""})
    assert attempt.responses.get().answer == [REASONS[1]]
    page = student_client.get(attempt_url(attempt)).content.decode()
    assert page.count("checked>") == 1

    response = student_client.post(attempt_url(attempt), {name: REASONS[:2], "submit": ""})

    attempt.refresh_from_db()
    assert attempt.score == 1
    result = student_client.get(response["Location"]).content.decode()
    assert "Correct: both right." in result


def test_practice_refuses_three_ticks_with_a_400(student_client, student, question):
    attempt = practice_attempt(student, question)
    name = taking.field_name(question)

    response = student_client.post(attempt_url(attempt), {name: REASONS[:3], "submit": ""})

    assert response.status_code == 400
    attempt.refresh_from_db()
    assert not attempt.is_submitted


def test_practice_can_draw_choose_two_questions_from_the_bank(student_client, student):
    topic = Question.objects.in_bank().filter(kind=Kind.MULTIPLE_SELECT).first().topic
    # A choose-two shares its claims with the topic's single questions, so one idea per quiz
    # may leave it out of a random draw: here the topic's choose-twos are all it has.
    others = Question.objects.in_bank().filter(topic=topic).exclude(kind=Kind.MULTIPLE_SELECT)
    others.update(status=Status.RETIRED)

    student_client.post(reverse("quizzes:practice"), {"topics": [topic.pk], "count": 30})

    quiz = Quiz.objects.get(owner=student, is_practice=True)
    assert Kind.MULTIPLE_SELECT in {q.kind for q in quiz.ordered_questions()}


def test_the_quiz_builder_offers_choose_two_and_builds_with_it(teacher_client, teacher):
    assert (Kind.MULTIPLE_SELECT, "Choose two") in QuizBuildForm().fields["kinds"].choices
    topics = Topic.objects.filter(parent=None)

    teacher_client.post(
        reverse("quizzes:new"),
        {"title": "Two", "topics": [t.pk for t in topics], "kinds": ["multiple_select"],
         "count": 2, "difficulty": ""},
    )  # fmt: skip

    quiz = Quiz.objects.get(owner=teacher, title="Two")
    assert {q.kind for q in quiz.ordered_questions()} == {Kind.MULTIPLE_SELECT}


def test_the_preview_marks_both_right_options(teacher_client, teacher, question):
    quiz = Quiz.objects.create(owner=teacher, title="Preview")
    quiz.append(question)

    page = teacher_client.get(quiz.get_absolute_url()).content.decode()

    assert page.count("✓ (answer)") == 2
    assert f"<strong>{REASONS[0]} ✓ (answer)</strong>" in page
    assert f"<li>{REASONS[3]}</li>" in page


def test_the_worksheet_asks_for_two_ticks_and_the_key_gives_both_letters(
    teacher_client, teacher, question
):
    quiz = Quiz.objects.create(owner=teacher, title="Sheet")
    quiz.append(question)

    page = teacher_client.get(reverse("quizzes:worksheet", kwargs={"pk": quiz.pk})).content.decode()
    sheet, _, key = page.partition('<section class="worksheet-key"')

    assert "Tick two boxes." in sheet
    # Alphabetical: A. To bring back the NEP, B. To destroy..., C. To end..., D. To give...
    assert "A. To bring back the NEP</li>" in sheet
    assert (
        "<strong>B, C</strong>: To destroy the kulaks as a class; To end the grain shortages" in key
    )


def write_url(quiz):
    return reverse("quizzes:write", kwargs={"pk": quiz.pk})


def test_a_teacher_writes_a_choose_two_question(teacher_client, teacher):
    quiz = Quiz.objects.create(owner=teacher, title="Own")
    topic = Topic.objects.get(slug="political-factors")

    response = teacher_client.post(
        write_url(quiz),
        {"kind": "multiple_select", "topic": topic.pk, "prompt": PROMPT,
         "right_options": "\n".join(REASONS[:2]), "wrong_options": "\n".join(REASONS[2:])},
    )  # fmt: skip

    assert response.status_code == 302
    written = quiz.ordered_questions()[-1]
    assert (written.kind, written.answer, written.author) == (
        Kind.MULTIPLE_SELECT, REASONS[:2], teacher,
    )  # fmt: skip
    assert sorted(written.options) == sorted(REASONS)


@pytest.mark.parametrize(
    ("prompt", "right", "wrong", "field", "error"),
    [
        ("Which of these?", REASONS[:2], REASONS[2:], "prompt", "say how many to choose (two)"),
        (PROMPT, REASONS[:1], REASONS[1:], "right_options", "two or three different options"),
        (PROMPT, REASONS[:2], REASONS[2:3], "right_options", "needs 4 or 5 different options"),
    ],
)
def test_a_badly_written_choose_two_gets_field_errors(
    teacher_client, teacher, prompt, right, wrong, field, error
):
    quiz = Quiz.objects.create(owner=teacher, title="Own")

    response = teacher_client.post(
        write_url(quiz),
        {"kind": "multiple_select", "topic": Topic.objects.first().pk, "prompt": prompt,
         "right_options": "\n".join(right), "wrong_options": "\n".join(wrong)},
    )  # fmt: skip

    assert response.status_code == 200
    assert any(error in message for message in response.context["form"].errors[field])
    assert not quiz.items.exists()


def test_other_written_kinds_still_need_an_answer(teacher_client, teacher):
    quiz = Quiz.objects.create(owner=teacher, title="Own")
    response = teacher_client.post(
        write_url(quiz), {"kind": "typed", "topic": Topic.objects.first().pk, "prompt": "Who?"}
    )
    assert response.context["form"].errors["answer"] == ["Give the right answer."]


def test_the_admin_adds_a_choose_two_and_refuses_a_malformed_one(admin_client):
    url = reverse("admin:quizzes_question_add")
    topic = Topic.objects.first()
    data = {"kind": "multiple_select", "prompt": PROMPT, "options": json.dumps(REASONS),
            "answer": json.dumps(REASONS[:3]), "topic": topic.pk, "difficulty": 2,
            "status": "active"}  # fmt: skip

    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    assert "At least two of the options must be wrong." in refused.content.decode()

    admin_client.post(url, {**data, "answer": json.dumps(REASONS[:2])})
    assert Question.objects.get(prompt=PROMPT, author=None).answer == REASONS[:2]


def test_the_bank_export_has_the_choose_two_questions():
    exported = [q for q in question_document()["questions"] if q["kind"] == "multiple_select"]
    assert exported
    assert all(set(q["answer"]) < set(q["options"]) for q in exported)


@pytest.mark.parametrize("count", [1, 4])
def test_practice_pages_with_choose_two_run_a_fixed_number_of_queries(
    student_client, student, django_assert_num_queries, count
):
    questions = [
        factories.make_question(prompt=f"{PROMPT} ({n})", options=REASONS, answer=REASONS[1:3])
        for n in range(count)
    ]
    attempt = practice_attempt(student, *questions)

    # As for any practice quiz (tests/quizzes/test_practice.py): no query per question.
    with django_assert_num_queries(4):
        assert student_client.get(attempt_url(attempt)).status_code == 200
    taking.submit_attempt(attempt)
    with django_assert_num_queries(4):  # the signed-in user comes from the cache now
        response = student_client.get(reverse("quizzes:result", kwargs={"pk": attempt.pk}))
    assert response.status_code == 200
