"""Teachers' results pages and exports. The data comes from `classrooms.results`."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import json_script
from django.utils.text import slugify

from classrooms import results, results_cache
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
    now = timezone.now()

    def build():
        grid = results.assignment_results(assignment, now)
        context = {"assignment": assignment, "classroom": assignment.classroom, "grid": grid,
                   "bands": results.BANDS, "not_started": results.not_started(grid)}  # fmt: skip
        parts = {
            "body": render_to_string("classrooms/results/_assignment.html", context),
            "charts": json_script(results.assignment_charts(grid), "results-charts"),
        }
        return parts, _until_due(assignment, now)

    parts = results_cache.fragment(results_cache.assignment_key(assignment), build, now=now)
    context = {"assignment": assignment, "classroom": assignment.classroom, **parts}
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
    now = timezone.now()

    def build():
        return results.responses_csv(assignment, now=now), _until_due(assignment, now)

    key = results_cache.assignment_key(assignment) + ":csv"
    text = results_cache.fragment(key, build, now=now)
    return csv_download(text, slugify(assignment.quiz.title) or "results")


def _until_due(assignment, now):
    """Results say "overdue" once the due date passes: until then, they are good to keep."""
    return assignment.due_at if now <= assignment.due_at else None


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
    page = request.GET.get("page", "1")
    page = int(page) if page.isdigit() and len(page) < 6 else 1
    now = timezone.now()

    def build():
        overview = results.class_overview(classroom, now, page=page)
        context = {"classroom": classroom, "overview": overview, "bands": results.BANDS}
        html = render_to_string("classrooms/results/_overview.html", context)
        return html, overview.valid_until

    body = results_cache.fragment(results_cache.class_key(classroom, page), build, now=now)
    context = {"classroom": classroom, "body": body}
    return render(request, "classrooms/results/overview.html", context)


@role_required(Role.TEACHER)
def scores_csv(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    text = results.scores_csv(classroom, now=timezone.now())
    return csv_download(text, f"{slugify(classroom.name) or 'class'}-scores")
