"""A student who joins a class mid-term does not owe the homework that was already past its due
date when they joined, unless they started it anyway. Homework still due when they joined is
theirs. Every page that asks "who is this homework for?" must give the same answer."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse

from classrooms import results
from classrooms.dashboard import student_dashboard
from classrooms.models import Assignment, Enrolment
from classrooms.results import Progress
from tests import factories
from tests.classrooms.helpers import DUE, NOW, all_right, answer, make_homework

pytestmark = pytest.mark.django_db

JOINED = DUE + timedelta(hours=1)  # after the first homework was due, before results day


@pytest.fixture
def term():
    """A class of two with September's homework (due before the newcomer came) and the next one
    (due after), and a newcomer who joined in between."""
    september = make_homework(students=2, title="September")
    classroom = september.classroom
    october = make_homework(classroom=classroom, students=[], title="October")
    october.assignment.due_at = NOW + timedelta(days=7)
    october.assignment.save()
    newcomer = factories.make_student(first_name="New", last_name="Comer")
    factories.enrol(classroom, newcomer, joined_at=JOINED)
    answer(september.assignment, september.students[0], all_right(september))
    return september, october, newcomer


def test_homework_past_due_before_a_student_joined_is_not_set_for_them(term):
    september, october, newcomer = term

    assert list(Assignment.objects.set_for(newcomer)) == [october.assignment]
    assert list(Assignment.objects.for_student(newcomer)) == [october.assignment]
    assert list(Assignment.objects.set_for(september.students[1])) == [
        september.assignment,
        october.assignment,
    ]


def test_homework_due_the_moment_a_student_joined_is_theirs(term):
    september, _, newcomer = term
    Enrolment.objects.filter(student=newcomer).update(joined_at=september.assignment.due_at)

    assert september.assignment in Assignment.objects.set_for(newcomer)


def test_past_homework_a_newcomer_started_anyway_is_theirs(term):
    september, _, newcomer = term
    answer(september.assignment, newcomer, all_right(september))

    assert september.assignment in Assignment.objects.set_for(newcomer)
    grid = results.assignment_results(september.assignment, NOW)
    assert newcomer.pk in [row.student.pk for row in grid.rows]


def test_a_newcomers_dashboard_has_no_homework_from_before_they_joined(term):
    _, october, newcomer = term

    dashboard = student_dashboard(newcomer, now=NOW)

    assert dashboard["overdue"] == []
    assert [item.assignment for item in dashboard["due"]] == [october.assignment]


def test_a_student_who_joins_with_the_code_owes_none_of_the_past_homework(client):
    september = make_homework(students=1, title="September")
    september.assignment.opens_at = NOW - timedelta(days=400)  # long gone, whenever tests run
    september.assignment.due_at = NOW - timedelta(days=300)
    september.assignment.save()
    newcomer = factories.make_student()
    client.force_login(newcomer)

    client.post(reverse("classrooms:join"), {"code": september.classroom.join_code})
    page = client.get(reverse("home")).content.decode()

    assert Enrolment.objects.filter(student=newcomer).exists()
    assert "September" not in page
    assert len(results.assignment_results(september.assignment, NOW).rows) == 1


def test_a_newcomer_is_not_counted_in_past_homeworks_results(term):
    september, _, newcomer = term

    grid = results.assignment_results(september.assignment, NOW)

    assert [row.student.pk for row in grid.rows] == [s.pk for s in september.students]
    assert dict(grid.counts)[Progress.NOT_STARTED] == 1
    assert newcomer.pk not in [s.pk for s in results.not_started(grid)]
    assert [s.pk for s in results.students_not_started(september.assignment)] == [
        september.students[1].pk
    ]


def test_the_class_overview_counts_a_newcomer_only_on_homework_that_is_theirs(term):
    september, _, newcomer = term

    overview = results.class_overview(september.classroom, NOW)

    by_title = {summary.title: summary for summary in overview.assignments}
    assert (by_title["September"].submitted, by_title["September"].students) == (1, 2)
    assert by_title["October"].students == 3
    [row] = [row for row in overview.rows if row.student.pk == newcomer.pk]
    assert [cell and cell.status for cell in row.cells] == [Progress.NOT_STARTED, None]


def test_the_scores_csv_has_no_row_for_a_newcomer_on_past_homework(term):
    september, _, newcomer = term

    rows = list(csv.DictReader(io.StringIO(results.scores_csv(september.classroom, now=NOW))))

    assert [row["Assignment"] for row in rows if row["Username"] == newcomer.username] == [
        "October"
    ]
    assert len(rows) == 2 + 3


def test_a_newcomers_report_lists_only_their_homework(term):
    september, _, newcomer = term

    report = results.student_report(september.classroom, newcomer, NOW)

    assert [row.title for row in report.rows] == ["October"]


def test_every_page_agrees_on_who_each_homework_is_for(term):
    """The queryset of a student's homework, the one of a homework's students, and the overview's
    Python rule, over joining dates, chosen students and work started."""
    september, october, newcomer = term
    classroom = september.classroom
    late_starter = factories.make_student()
    factories.enrol(classroom, late_starter, joined_at=JOINED)
    answer(september.assignment, late_starter, {}, submitted_at=None)
    catch_up = make_homework(classroom=classroom, students=[], title="Catch-up")
    catch_up.assignment.chosen_only = True
    catch_up.assignment.save()
    catch_up.assignment.chosen_students.set([newcomer, september.students[0]])
    homework = [september.assignment, october.assignment, catch_up.assignment]
    students = [*september.students, newcomer, late_starter]

    by_student = {(a.pk, s.pk) for s in students for a in Assignment.objects.set_for(s)}
    by_homework = {
        (a.pk, pk)
        for a in homework
        for pk in Enrolment.objects.owing(a).values_list("student_id", flat=True)
    }
    _, _, works = results._class_work(classroom, NOW)
    in_overview = {key for key, work in works.items() if work is not None}

    assert by_student == by_homework == in_overview
    assert (september.assignment.pk, late_starter.pk) in by_student
    assert (september.assignment.pk, newcomer.pk) not in by_student
    assert (catch_up.assignment.pk, september.students[1].pk) not in by_student
    assert (catch_up.assignment.pk, newcomer.pk) not in by_student  # due before they joined
