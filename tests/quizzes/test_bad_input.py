"""A teacher's own question with input that once escaped the form as a 500: field errors now."""

import pytest
from django.urls import reverse

from quizzes.builder import build_quiz
from quizzes.models import Question
from topics.models import Topic

pytestmark = pytest.mark.django_db

LONG = "Stalin " * 30  # 210 characters: longer than any answer the marker compares


@pytest.fixture
def write_url(teacher):
    section = Topic.objects.get(slug="stalins-rise-to-power")
    quiz = build_quiz(owner=teacher, title="Rise to power", topics=[section], count=3, seed=1)
    return reverse("quizzes:write", kwargs={"pk": quiz.pk})


def written(**fields):
    return {"topic": Topic.objects.first().pk, "prompt": "Who followed Lenin?", **fields}


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        (
            {"kind": "multiple_choice", "answer": "Stalin", "wrong_options": f"Trotsky\n{LONG}\nX"},
            "wrong_options",
            "Each wrong option is at most 200 characters.",
        ),
        (
            {"kind": "typed", "answer": "Stalin", "also_accept": f"Koba, {LONG}"},
            "also_accept",
            "Each answer is at most 200 characters.",
        ),
    ],
    ids=["wrong option", "also accept"],
)
def test_an_over_long_item_is_a_field_error(teacher_client, write_url, data, field, error):
    before = Question.objects.count()

    response = teacher_client.post(write_url, written(**data))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert Question.objects.count() == before
