from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from quizzes.models import Kind, Question, Quiz
from tests import factories
from tests.quizzes.test_practice import change_every_answer_key, strip_csrf
from topics.models import Topic

pytestmark = pytest.mark.django_db

KEY_START = '<section class="worksheet-key"'


@pytest.fixture
def two_of_each_kind(teacher):
    return factories.make_quiz(teacher, count=12)  # two of each kind


def worksheet_url(quiz):
    return reverse("quizzes:worksheet", kwargs={"pk": quiz.pk})


def sheet_and_key(client, quiz):
    """The worksheet page cut where the answer key begins."""
    page = strip_csrf(client.get(worksheet_url(quiz)).content.decode())
    sheet, _, key = page.partition(KEY_START)
    assert key, "the page has no answer key"
    return sheet, key


def test_the_worksheet_shows_every_question_with_its_options(teacher_client, two_of_each_kind):
    sheet, _ = sheet_and_key(teacher_client, two_of_each_kind)

    questions = two_of_each_kind.ordered_questions()
    assert {q.kind for q in questions} == set(Kind.values)
    for question in questions:
        assert escape(question.prompt) in sheet
        if question.kind == Kind.MULTIPLE_CHOICE:
            assert all(f". {escape(option)}</li>" in sheet for option in question.options)
        if question.kind == Kind.ORDERING:
            assert all(f"<li>{escape(event)}</li>" in sheet for event in question.options)
        if question.kind == Kind.MATCHING:
            sides = question.options["left"] + question.options["right"]
            assert all(f". {escape(text)}</li>" in sheet for text in sides)
    assert sheet.count('class="worksheet-line"') == 2 * 2 + 2  # typed: two lines, cloze: one


def test_the_answer_key_is_only_after_the_page_break(teacher_client, two_of_each_kind):
    sheet, key = sheet_and_key(teacher_client, two_of_each_kind)

    change_every_answer_key(two_of_each_kind)

    # The questions do not change with the answers, so nothing in them gives one away.
    new_sheet, new_key = sheet_and_key(teacher_client, two_of_each_kind)
    assert new_sheet == sheet
    assert new_key != key
    assert "Something else" in new_key  # the typed and cloze answers after the change
    assert "css/worksheet.css" in sheet
    stylesheet = (Path(settings.BASE_DIR) / "static" / "css" / "worksheet.css").read_text()
    assert ".worksheet-key { break-before: page; page-break-before: always; }" in stylesheet


def test_a_teachers_own_answer_is_not_always_option_a(teacher_client, teacher, two_of_each_kind):
    topic = Topic.objects.get(slug="lenins-testament")
    written = Question.objects.create(
        kind=Kind.MULTIPLE_CHOICE,
        prompt="Who wrote the testament?",
        options=["Lenin", "Trotsky", "Stalin", "Bukharin"],  # as a teacher's form stores it
        answer="Lenin",
        topic=topic,
        author=teacher,
    )
    two_of_each_kind.append(written)

    sheet, key = sheet_and_key(teacher_client, two_of_each_kind)

    assert "A. Bukharin</li>" in sheet
    assert "B. Lenin</li>" in sheet
    assert "<strong>B. Lenin</strong>" in key


def test_the_key_uses_the_numbers_and_letters_on_the_sheet(teacher_client, two_of_each_kind):
    ordering = next(q for q in two_of_each_kind.ordered_questions() if q.kind == Kind.ORDERING)
    matching = next(q for q in two_of_each_kind.ordered_questions() if q.kind == Kind.MATCHING)

    _, key = sheet_and_key(teacher_client, two_of_each_kind)

    numbers = ", ".join(str(ordering.options.index(event) + 1) for event in ordering.answer)
    assert f"<strong>{numbers}</strong>" in key
    first = matching.options["left"][0]
    letter = "ABCDE"[matching.options["right"].index(matching.answer[first])]
    assert f"<strong>1 {letter}</strong>" in key


def test_the_quiz_preview_links_to_the_worksheet(teacher_client, two_of_each_kind):
    page = teacher_client.get(two_of_each_kind.get_absolute_url()).content.decode()
    assert f'href="{worksheet_url(two_of_each_kind)}"' in page


def test_only_the_quizs_owner_gets_the_worksheet(client, student, two_of_each_kind):
    assert client.get(worksheet_url(two_of_each_kind)).status_code == 302  # to sign in
    for user in (student, factories.make_teacher()):
        client.force_login(user)
        assert client.get(worksheet_url(two_of_each_kind)).status_code == 404


def test_a_practice_quiz_has_no_worksheet(teacher_client, teacher):
    practice = Quiz.objects.create(owner=teacher, title="Practice", is_practice=True)
    assert teacher_client.get(worksheet_url(practice)).status_code == 404


@pytest.mark.parametrize("count", [3, 12])
def test_the_worksheet_runs_a_fixed_number_of_queries(
    teacher_client, teacher, django_assert_num_queries, count
):
    quiz = factories.make_quiz(teacher, count=count)

    with django_assert_num_queries(3):  # the user with their roles, quiz, questions
        assert teacher_client.get(worksheet_url(quiz)).status_code == 200
