"""The results grid as a teacher reads it: sorted by name or score, tinted by verdict with the
symbols kept, usernames beside names, and matching's wrong pairs in the item analysis."""

import re

import pytest
from django.urls import reverse

from classrooms import results
from quizzes.models import Kind, Question
from tests import factories
from tests.classrooms.helpers import NOW, all_right, answer, make_homework

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_bens(teacher):
    students = [
        factories.make_student(first_name="Ann", last_name="Adams"),
        factories.make_student(first_name="Ben", last_name="Brown", username="bbrown1"),
        factories.make_student(first_name="Ben", last_name="Brown", username="bbrown2"),
        factories.make_student(first_name="Cal", last_name="Clark"),
    ]
    homework = make_homework(teacher=teacher, students=students)
    adams, brown1, brown2, _ = students
    answer(homework.assignment, adams, {homework.mcq: "Kamenev"})  # 0%
    answer(homework.assignment, brown1, all_right(homework))  # 100%
    answer(homework.assignment, brown2, {homework.mcq: "Trotsky", homework.true_false: True})
    return homework


def grid_names(html):
    grid = html[html.index('id="grid-heading"') :]
    return re.findall(
        r'<tr id="student-\d+">\s*<th scope="row" class="results-name"><a [^>]*>([^<]+)</a>'
        r'<span class="results-username">([^<]+)<',
        grid,
    )


def url(homework, sort=None):
    base = reverse("classrooms:results", args=[homework.assignment.pk])
    return f"{base}?sort={sort}" if sort else base


def test_the_grid_is_sorted_by_name_by_default_with_usernames(teacher_client, two_bens):
    names = grid_names(teacher_client.get(url(two_bens)).content.decode())
    assert names == [
        ("Ann Adams", two_bens.students[0].username),
        ("Ben Brown", "bbrown1"),
        ("Ben Brown", "bbrown2"),
        ("Cal Clark", two_bens.students[3].username),
    ]


def test_the_grid_sorts_by_score_highest_first_without_javascript(teacher_client, two_bens):
    html = teacher_client.get(url(two_bens, "score")).content.decode()
    assert grid_names(html) == [
        ("Ben Brown", "bbrown1"),
        ("Ben Brown", "bbrown2"),
        ("Ann Adams", two_bens.students[0].username),
        ("Cal Clark", two_bens.students[3].username),  # no score: last
    ]
    assert '<strong aria-current="true">Score</strong>' in html
    assert 'href="?sort=name#grid-heading"' in html


def test_an_unknown_sort_is_by_name(teacher_client, two_bens):
    names = grid_names(teacher_client.get(url(two_bens, "<script>")).content.decode())
    assert names[0][0] == "Ann Adams" and "&lt;script" not in names[0][0]


def test_the_two_orders_are_cached_apart(teacher_client, two_bens):
    first = grid_names(teacher_client.get(url(two_bens, "score")).content.decode())
    second = grid_names(teacher_client.get(url(two_bens)).content.decode())
    assert first != second


def test_cells_are_tinted_by_verdict_and_keep_their_symbols(teacher_client, two_bens):
    html = teacher_client.get(url(two_bens)).content.decode()
    for verdict, symbol in [("right", "✓"), ("wrong", "✗"), ("blank", "–")]:
        assert re.search(
            rf'<td class="cell-{verdict}"><span class="[^"]*" aria-hidden="true">{symbol}</span>',
            html,
        )
    assert 'class="results-key cell-right">✓ right' in html


@pytest.fixture
def matching(teacher):
    question = Question.objects.create(
        kind=Kind.MATCHING,
        prompt="Match each head of the secret police to the year they took over.",
        options={
            "left": ["Yagoda", "Yezhov", "Beria", "Menzhinsky"],
            "right": ["1934", "1936", "1938", "1926"],
        },
        answer={"Yagoda": "1934", "Yezhov": "1936", "Beria": "1938", "Menzhinsky": "1926"},
        topic=factories.make_topic(),
    )
    homework = make_homework(teacher=teacher, students=3, questions=[question])
    swapped = {"Yagoda": "1936", "Yezhov": "1934", "Beria": "1938", "Menzhinsky": "1926"}
    for student in homework.students[:2]:
        answer(homework.assignment, student, {question: swapped})
    answer(
        homework.assignment,
        homework.students[2],
        {question: {**swapped, "Yezhov": "1938", "Beria": "1934"}},
    )
    return homework


def test_matchings_common_wrong_answers_are_the_mismatched_pairs(matching):
    analysis = results.assignment_results(matching.assignment, NOW).questions[0]
    assert analysis.wrong_answers == [
        ("Yagoda → 1936", 3),
        ("Yezhov → 1934", 2),
        ("Beria → 1934", 1),
    ]
    shown = " ".join(text for text, _ in analysis.wrong_answers)
    assert "Menzhinsky" not in shown  # right in every answer, so never listed


@pytest.fixture(params=[5, 30])
def big_grid(request, teacher):
    homework = make_homework(teacher=teacher, students=request.param)
    for student in homework.students[1:]:
        answer(homework.assignment, student, {homework.typed: "Bronstein"})
    return homework


@pytest.mark.parametrize("sort", ["name", "score"])
def test_the_sorted_grid_takes_a_fixed_number_of_queries(
    teacher_client, big_grid, sort, django_assert_num_queries
):
    with django_assert_num_queries(6):
        response = teacher_client.get(url(big_grid, sort))
    assert response.status_code == 200
    assert response.content.decode().count("results-accept") == len(big_grid.students) - 1


def test_the_csv_takes_a_fixed_number_of_queries_after_an_override(
    teacher_client, big_grid, django_assert_num_queries
):
    student = big_grid.students[1]
    accept = reverse(
        "classrooms:accept_answer",
        args=[big_grid.assignment.pk, big_grid.typed.pk, student.pk],
    )
    teacher_client.post(accept, {"scope": "everyone"})
    with django_assert_num_queries(5):  # the user comes from the cache since the POST
        response = teacher_client.get(
            reverse("classrooms:results_csv", args=[big_grid.assignment.pk])
        )
    assert response.content.decode().count("Bronstein") == len(big_grid.students) - 1
    assert ",1,Submitted" in response.content.decode()
