"""A "choose two" question in homework: answering it (autosave and without JavaScript), the
feedback, the results grid and item analysis, and the CSV."""

import csv
import io
import json

import pytest
from django.urls import reverse

from classrooms import results
from classrooms.models import Layout
from quizzes import taking
from quizzes.models import Kind
from tests import factories
from tests.classrooms.helpers import NOW, answer, make_homework, make_questions
from tests.quizzes.test_practice import change_every_answer_key, strip_csrf

pytestmark = pytest.mark.django_db

REASONS = [
    "To end the grain shortages",
    "To destroy the kulaks as a class",
    "To give every peasant a private farm",
    "To bring back the NEP",
]
PROMPT = "Which two of these were reasons Stalin launched collectivisation?"


def choose_two(**kwargs):
    kwargs.setdefault("prompt", PROMPT)
    return factories.make_question(options=REASONS[::-1], answer=REASONS[:2], **kwargs)


@pytest.fixture
def with_choose_two(student):
    classroom = factories.enrol(factories.make_classroom(), student)
    quiz = factories.make_quiz(classroom.teacher, count=2, kinds=[Kind.MULTIPLE_CHOICE])
    question = choose_two()
    quiz.append(question)
    assignment = factories.make_assignment(classroom=classroom, quiz=quiz)
    return assignment, question


def url(name, assignment, **kwargs):
    return reverse(f"classrooms:{name}", kwargs={"pk": assignment.pk, **kwargs})


def start(client, assignment):
    client.post(url("start", assignment))
    return assignment.attempts.get().attempt


def test_the_question_page_shows_checkboxes_and_how_many_to_choose(student_client, with_choose_two):
    assignment, question = with_choose_two
    start(student_client, assignment)

    page = student_client.get(url("question", assignment, number=3)).content.decode()

    name = taking.field_name(question)
    for option in REASONS:
        assert f'type="checkbox" name="{name}"' in page
        assert f'value="{option}"' in page
    assert 'data-choose="2"' in page
    assert "Choose two." in page
    assert "Choose two</p>" in page  # the kind's label above the question


def test_the_all_on_one_page_homework_never_holds_the_key(student_client, with_choose_two):
    assignment, _ = with_choose_two
    assignment.layout = Layout.ALL_ON_ONE_PAGE
    assignment.save()
    start(student_client, assignment)
    before = strip_csrf(student_client.get(url("question", assignment, number=1)).content.decode())

    change_every_answer_key(assignment.quiz)

    after = strip_csrf(student_client.get(url("question", assignment, number=1)).content.decode())
    assert after == before
    assert 'type="checkbox"' in before


def test_autosave_stores_the_ticked_boxes_and_the_page_shows_them_again(
    student_client, with_choose_two
):
    assignment, question = with_choose_two
    attempt = start(student_client, assignment)
    name = taking.field_name(question)

    # As static/js/homework.js sends it: one value per ticked box.
    response = student_client.post(
        url("answer", assignment), {"question": question.pk, name: [REASONS[0], REASONS[2]]}
    )

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "saved": True,
        "version": 1,
        "has_answer": True,
        "answered": 1,
        "total": 3,
    }
    assert sorted(attempt.responses.get(question=question).answer) == [REASONS[0], REASONS[2]]
    page = student_client.get(url("question", assignment, number=3)).content.decode()
    assert page.count("checked>") == 2


def test_autosave_with_nothing_ticked_clears_the_answer(student_client, with_choose_two):
    assignment, question = with_choose_two
    attempt = start(student_client, assignment)
    name = taking.field_name(question)
    student_client.post(url("answer", assignment), {"question": question.pk, name: REASONS[0]})

    response = student_client.post(url("answer", assignment), {"question": question.pk})

    assert json.loads(response.content)["answered"] == 0
    assert attempt.responses.get(question=question).answer is None


@pytest.mark.parametrize(
    "ticked",
    [REASONS[:3], ["To win the Civil War"], [REASONS[0], REASONS[0]]],
    ids=["three ticked", "an option it lacks", "one option twice"],
)
def test_a_tampered_choose_two_is_a_400_and_saves_nothing(student_client, with_choose_two, ticked):
    assignment, question = with_choose_two
    attempt = start(student_client, assignment)
    name = taking.field_name(question)

    saved = student_client.post(url("answer", assignment), {"question": question.pk, name: ticked})
    posted = student_client.post(url("question", assignment, number=3), {name: ticked, "next": ""})

    assert (saved.status_code, posted.status_code) == (400, 400)
    assert "error" in json.loads(saved.content)
    assert not attempt.responses.filter(question=question).exists()


def test_without_javascript_finish_saves_the_boxes_and_feedback_shows_the_part_mark(
    student_client, with_choose_two
):
    assignment, question = with_choose_two
    attempt = start(student_client, assignment)
    name = taking.field_name(question)

    response = student_client.post(
        url("question", assignment, number=3), {name: [REASONS[0]], "finish": ""}
    )
    assert response["Location"] == url("submit", assignment)
    student_client.post(url("submit", assignment))

    saved = attempt.responses.get(question=question)
    assert (saved.answer, saved.score) == ([REASONS[0]], 0.5)
    page = student_client.get(url("feedback", assignment)).content.decode()
    assert "◐ Partly right" in page
    assert "1 of 2 right." in page
    assert "Your answer:</span> To end the grain shortages</p>" in page
    assert (
        "Correct answer:</span> To destroy the kulaks as a class; To end the grain shortages</p>"
        in page
    )


@pytest.fixture
def marked(teacher):
    """Three students answered a choose-two: both right, one right and one wrong, one right."""
    question = choose_two(topic=factories.make_topic(title="Collectivisation"))
    homework = make_homework(teacher=teacher, questions=[*make_questions()[:1], question])
    first, second, third = homework.students
    answer(homework.assignment, first, {question: REASONS[:2]})
    answer(homework.assignment, second, {question: [REASONS[0], REASONS[3]]})
    answer(homework.assignment, third, {question: [REASONS[3], REASONS[0]]})
    return homework, question


def test_the_results_grid_and_item_analysis_read_the_choices(marked):
    homework, _ = marked

    grid = results.assignment_results(homework.assignment, NOW)

    cells = [row.cells[1] for row in grid.rows]
    assert [(cell.answer, cell.score, cell.verdict) for cell in cells] == [
        ("To destroy the kulaks as a class; To end the grain shortages", 1, "right"),
        ("To bring back the NEP; To end the grain shortages", 0, "wrong"),
        ("To bring back the NEP; To end the grain shortages", 0, "wrong"),
    ]
    analysis = grid.questions[1]
    assert (analysis.kind_label, analysis.facility) == ("Choose two", pytest.approx(100 / 3))
    assert analysis.expected == "To destroy the kulaks as a class; To end the grain shortages"
    # The same choices in another order are one wrong answer, counted twice.
    assert analysis.wrong_answers == [("To bring back the NEP; To end the grain shortages", 2)]


def test_the_results_page_shows_the_choices(teacher_client, marked):
    homework, _ = marked
    page = teacher_client.get(
        reverse("classrooms:results", kwargs={"pk": homework.assignment.pk})
    ).content.decode()
    assert (
        "Choose two · answer: To destroy the kulaks as a class; To end the grain shortages" in page
    )
    assert "To bring back the NEP; To end the grain shortages" in page


def test_the_csv_has_the_choices_given_and_the_right_ones(teacher_client, marked):
    homework, _ = marked

    response = teacher_client.get(
        reverse("classrooms:results_csv", kwargs={"pk": homework.assignment.pk})
    )

    rows = [row for row in csv.DictReader(io.StringIO(response.content.decode())) if row]
    rows = [row for row in rows if row["Prompt"] == PROMPT]
    assert [(row["Kind"], row["Answer given"], row["Score (0-1)"]) for row in rows] == [
        ("Choose two", "To destroy the kulaks as a class; To end the grain shortages", "1"),
        ("Choose two", "To bring back the NEP; To end the grain shortages", "0"),
        ("Choose two", "To bring back the NEP; To end the grain shortages", "0"),
    ]
    assert {row["Correct answer"] for row in rows} == {
        "To destroy the kulaks as a class; To end the grain shortages"
    }


@pytest.mark.parametrize("count", [1, 4])
def test_the_question_page_runs_a_fixed_number_of_queries(
    student_client, student, django_assert_num_queries, count
):
    classroom = factories.enrol(factories.make_classroom(), student)
    quiz = factories.make_quiz(classroom.teacher, count=1, kinds=[Kind.MULTIPLE_CHOICE])
    for n in range(count):
        quiz.append(choose_two(prompt=f"{PROMPT} ({n})"))
    assignment = factories.make_assignment(
        classroom=classroom, quiz=quiz, layout=Layout.ALL_ON_ONE_PAGE
    )
    start(student_client, assignment)

    # the open attempt and homework, questions, responses: however many (the user comes from
    # the cache since starting)
    with django_assert_num_queries(3):
        assert student_client.get(url("question", assignment, number=1)).status_code == 200
