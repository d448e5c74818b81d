"""One quiz for several classes at once, and catch-up homework for chosen students of a class."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from classrooms import assignments
from classrooms.models import Assignment
from tests import factories
from tests.classrooms.helpers import all_right, answer, make_homework
from tests.classrooms.test_classroom_views import assign_data

pytestmark = pytest.mark.django_db


def url(name, obj):
    return reverse(f"classrooms:{name}", kwargs={"pk": obj.pk})


def csv_rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8").removeprefix("\ufeff"))))


# Several classes at once


def test_one_quiz_is_set_for_several_classes_at_once(teacher_client, teacher):
    quiz = factories.make_quiz(teacher, title="Purges")
    first, second, third = (factories.make_classroom(teacher=teacher) for _ in range(3))

    response = teacher_client.post(
        reverse("classrooms:set_homework"),
        {**assign_data(quiz), "classrooms": [first.pk, third.pk]},
    )

    assert response["Location"] == reverse("classrooms:list")
    set_for = Assignment.objects.filter(quiz=quiz).values_list("classroom_id", flat=True)
    assert sorted(set_for) == [first.pk, third.pk]
    assert not Assignment.objects.filter(classroom=second).exists()
    assert all(not a.chosen_only for a in Assignment.objects.filter(quiz=quiz))


def test_setting_for_classes_needs_a_class_of_ones_own(teacher_client, teacher):
    quiz = factories.make_quiz(teacher)
    someone_elses = factories.make_classroom()

    none = teacher_client.post(reverse("classrooms:set_homework"), assign_data(quiz))
    theirs = teacher_client.post(
        reverse("classrooms:set_homework"), {**assign_data(quiz), "classrooms": [someone_elses.pk]}
    )

    assert none.context["form"].errors["classrooms"] == ["Tick at least one class."]
    assert "classrooms" in theirs.context["form"].errors
    assert not Assignment.objects.exists()


def test_set_as_homework_on_the_quiz_page_chooses_the_quiz(teacher_client, teacher):
    quiz = factories.make_quiz(teacher, title="Purges")
    factories.make_classroom(teacher=teacher, name="10C")

    detail = teacher_client.get(quiz.get_absolute_url()).content.decode()
    link = f"{reverse('classrooms:set_homework')}?quiz={quiz.pk}"
    assert f'href="{link}"' in detail

    form = teacher_client.get(link).context["form"]
    assert form["quiz"].value() == quiz.pk
    assert [c.name for c in form.fields["classrooms"].queryset] == ["10C"]


def test_an_archived_class_is_not_offered(teacher_client, teacher):
    factories.make_classroom(teacher=teacher, name="Gone").archive()

    form = teacher_client.get(reverse("classrooms:set_homework")).context["form"]

    assert not form.fields["classrooms"].queryset.exists()


# Chosen students


@pytest.fixture
def catch_up(teacher):
    """A class of four; homework set for the first two only (they were away)."""
    homework = make_homework(teacher=teacher, students=4, title="Catch-up")
    assignments.choose_students(homework.assignment, homework.students[:2])
    return homework


def test_homework_is_set_for_ticked_students_of_a_class(teacher_client, teacher):
    classroom = factories.make_classroom(teacher=teacher, name="10B")
    away = [factories.make_student(), factories.make_student()]
    factories.enrol(classroom, *away, factories.make_student())
    quiz = factories.make_quiz(teacher)

    response = teacher_client.post(
        url("assign", classroom), {**assign_data(quiz), "students": [s.pk for s in away]}
    )

    assignment = Assignment.objects.get(classroom=classroom)
    assert assignment.chosen_only
    assert set(assignment.chosen_students.all()) == set(away)
    assert response["Location"] == classroom.get_absolute_url()


def test_no_student_ticked_means_the_whole_class(teacher_client, teacher):
    classroom = factories.make_classroom(teacher=teacher)
    quiz = factories.make_quiz(teacher)

    teacher_client.post(url("assign", classroom), assign_data(quiz))

    assert not Assignment.objects.get(classroom=classroom).chosen_only


def test_only_students_of_the_class_can_be_ticked(teacher_client, teacher):
    classroom = factories.make_classroom(teacher=teacher)
    stranger = factories.make_student()
    factories.enrol(factories.make_classroom(teacher=teacher), stranger)

    response = teacher_client.post(
        url("assign", classroom),
        {**assign_data(factories.make_quiz(teacher)), "students": [stranger.pk]},
    )

    assert "students" in response.context["form"].errors
    assert not Assignment.objects.exists()


def test_only_the_chosen_students_see_it(client, catch_up):
    chosen, other = catch_up.students[0], catch_up.students[2]

    client.force_login(chosen)
    assert "Catch-up" in client.get(reverse("classrooms:dashboard")).content.decode()
    assert client.get(url("homework", catch_up.assignment)).status_code == 200

    client.force_login(other)
    assert "Catch-up" not in client.get(reverse("classrooms:dashboard")).content.decode()
    assert client.get(url("homework", catch_up.assignment)).status_code == 404
    assert client.post(url("start", catch_up.assignment)).status_code == 404


def test_only_the_chosen_students_count_in_its_results_and_csv(teacher_client, catch_up):
    answer(catch_up.assignment, catch_up.students[0], all_right(catch_up))

    grid = teacher_client.get(url("results", catch_up.assignment)).context["grid"]
    rows = csv_rows(teacher_client.get(url("results_csv", catch_up.assignment)))

    chosen = {s.username for s in catch_up.students[:2]}
    assert {row.student.username for row in grid.rows} == chosen
    assert grid.spread.count == 1
    assert {row[1] for row in rows[1:]} == chosen


def test_the_overview_counts_only_the_chosen_students(teacher_client, catch_up):
    answer(catch_up.assignment, catch_up.students[0], all_right(catch_up))
    make_homework(classroom=catch_up.classroom, students=catch_up.students, title="All")

    response = teacher_client.get(url("overview", catch_up.classroom))
    overview = response.context["overview"]

    summary = {a.title: a for a in overview.assignments}
    assert summary["Catch-up"].students == 2 and summary["Catch-up"].submitted == 1
    assert summary["All"].students == 4
    not_chosen = overview.rows[2]
    catch_up_column = [a.pk for a in overview.assignments].index(catch_up.assignment.pk)
    assert not_chosen.cells[catch_up_column] is None
    assert "not set" in response.content.decode()
    rows = csv_rows(teacher_client.get(url("scores_csv", catch_up.classroom)))
    titles = [(row[1], row[2]) for row in rows[1:]]
    assert (catch_up.students[2].username, "Catch-up") not in titles
    assert (catch_up.students[2].username, "All") in titles


def test_a_student_not_chosen_has_no_such_homework_in_their_report(teacher_client, catch_up):
    other = catch_up.students[3]

    response = teacher_client.get(
        reverse("classrooms:student_report", args=[catch_up.classroom.pk, other.pk])
    )

    assert response.context["report"].rows == []


def test_changing_the_homework_changes_who_it_is_for(teacher_client, catch_up):
    a = catch_up.assignment
    soon = timezone.localtime() + timedelta(days=30)
    data = assign_data(
        a.quiz,
        due_at=f"{soon + timedelta(days=7):%Y-%m-%dT%H:%M}",
        opens_at=f"{soon:%Y-%m-%dT%H:%M}",
    )

    edit = teacher_client.get(url("edit_homework", a)).context["form"]
    assert set(edit["students"].value()) == {s.pk for s in catch_up.students[:2]}
    teacher_client.post(url("edit_homework", a), {**data, "students": [catch_up.students[3].pk]})
    a.refresh_from_db()
    assert list(a.chosen_students.all()) == [catch_up.students[3]]

    teacher_client.post(url("edit_homework", a), data)
    a.refresh_from_db()
    assert not a.chosen_only and not a.chosen_students.exists()


def test_a_deleted_account_does_not_turn_a_catch_up_into_class_homework(client, catch_up):
    for student in catch_up.students[:2]:
        student.delete()

    client.force_login(catch_up.students[2])

    assert client.get(url("homework", catch_up.assignment)).status_code == 404


def test_the_class_page_says_who_catch_up_homework_is_for(teacher_client, catch_up):
    page = teacher_client.get(catch_up.classroom.get_absolute_url()).content.decode()

    assert "for 2 students" in page


@pytest.mark.parametrize("size", [5, 30])
def test_the_overview_with_catch_up_homework_runs_a_fixed_number_of_queries(
    teacher_client, teacher, django_assert_num_queries, size
):
    homework = make_homework(teacher=teacher, students=size)
    assignments.choose_students(homework.assignment, homework.students[: size // 2])
    for student in homework.students[: size // 2]:
        answer(homework.assignment, student, all_right(homework))

    # user and roles, class, then students, homework, who it is set for, attempts, answers
    with django_assert_num_queries(7):
        teacher_client.get(url("overview", homework.classroom))
    # the user comes from the cache now; the not-started list comes from the grid
    with django_assert_num_queries(5):
        teacher_client.get(url("results", homework.assignment))
