"""Teachers' results pages and exports. The data comes from `classrooms.results`."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from classrooms import results
from classrooms.access import (
    get_assignment_for_teacher,
    get_classroom_for_teacher,
    get_student_for_teacher,
)
from classrooms.csv_files import csv_download
from ussr_revision.roles import Role, role_required


@role_required(Role.TEACHER)
def assignment_results(request, pk):
    assignment = get_assignment_for_teacher(request.user, pk)
    grid = results.assignment_results(assignment, timezone.now())
    context = {
        "assignment": assignment,
        "classroom": assignment.classroom,
        "grid": grid,
        "charts": results.assignment_charts(grid),
        "bands": results.BANDS,
        "not_started": results.not_started(grid),
    }
    return render(request, "classrooms/results/assignment.html", context)


@role_required(Role.TEACHER)
def not_started(request, pk):
    """The students who have not started, on a page of their own to print."""
    assignment = get_assignment_for_teacher(request.user, pk)
    context = {
        "assignment": assignment,
        "classroom": assignment.classroom,
        "students": results.students_not_started(assignment),
        "now": timezone.now(),
    }
    return render(request, "classrooms/results/not_started.html", context)


@role_required(Role.TEACHER)
def assignment_results_csv(request, pk):
    assignment = get_assignment_for_teacher(request.user, pk)
    text = results.responses_csv(assignment, now=timezone.now())
    return csv_download(text, slugify(assignment.quiz.title) or "results")


@role_required(Role.TEACHER)
def student_report(request, pk, student_pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    student = get_student_for_teacher(request.user, classroom, student_pk)
    report = results.student_report(classroom, student, timezone.now())
    context = {"classroom": classroom, "report": report}
    return render(request, "classrooms/results/student.html", context)


@role_required(Role.TEACHER)
def class_overview(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    overview = results.class_overview(classroom, timezone.now())
    context = {"classroom": classroom, "overview": overview, "bands": results.BANDS}
    return render(request, "classrooms/results/overview.html", context)


@role_required(Role.TEACHER)
def scores_csv(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    text = results.scores_csv(classroom, now=timezone.now())
    return csv_download(text, f"{slugify(classroom.name) or 'class'}-scores")
