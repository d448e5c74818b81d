"""Teachers' results pages and exports. The data comes from `classrooms.results`."""

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
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
from classrooms.models import AssignmentAttempt
from quizzes import overrides
from quizzes.models import QuizQuestion, Response
from ussr_revision.roles import Role, role_required


@role_required(Role.TEACHER)
def assignment_results(request, pk):
    assignment = get_assignment_for_teacher(request.user, pk)
    now = timezone.now()
    sort = request.GET.get("sort", "name")
    sort = sort if sort in results.SORTS else "name"

    def build():
        grid = results.sorted_rows(results.assignment_results(assignment, now), sort)
        context = {"assignment": assignment, "classroom": assignment.classroom, "grid": grid,
                   "bands": results.BANDS, "not_started": results.not_started(grid),
                   "sort": sort, "sorts": results.SORTS}  # fmt: skip
        parts = {
            "body": render_to_string("classrooms/results/_assignment.html", context),
            "charts": json_script(results.assignment_charts(grid), "results-charts"),
        }
        return parts, _until_due(assignment, now)

    key = f"{results_cache.assignment_key(assignment)}:{sort}"
    parts = results_cache.fragment(key, build, now=now)
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


SCOPES = {"student": False, "everyone": True}


@role_required(Role.TEACHER)
def accept_answer(request, pk, question_pk, student_pk):
    """Accept a typed answer the marker refused, for this student or for everyone: asks first."""
    assignment = get_assignment_for_teacher(request.user, pk)
    student = get_student_for_teacher(request.user, assignment.classroom, student_pk)
    item = get_object_or_404(
        QuizQuestion.objects.select_related("question"),
        quiz_id=assignment.quiz_id,
        question_id=question_pk,
    )
    question = item.question
    response = _shown_response(assignment, student, question)
    acceptable = overrides.can_accept(question, response)
    results_url = reverse("classrooms:results", args=[assignment.pk])
    if request.method == "POST" and acceptable:
        scope = request.POST.get("scope")
        if scope not in SCOPES:
            return HttpResponseBadRequest("Choose this student or everyone.")
        attempts = overrides.accept(
            quiz=assignment.quiz, question=question, response=response,
            teacher=request.user, everyone=SCOPES[scope],
        )  # fmt: skip
        _results_changed(attempts)
        who = (
            "everyone who gave it" if SCOPES[scope] else student.get_full_name() or student.username
        )
        messages.success(
            request,
            f"“{response.answer}” accepted for {who}: {len(attempts)} attempt"
            f"{'' if len(attempts) == 1 else 's'} re-marked.",
        )
        return redirect(f"{results_url}#student-{student.pk}")
    context = {
        "assignment": assignment,
        "classroom": assignment.classroom,
        "student": student,
        "question": question,
        "number": item.position,
        "response": response,
        "acceptable": acceptable,
        "expected": question.expected_answer,
        "results_url": results_url,
    }
    return render(request, "classrooms/results/accept.html", context, status=200)


def _shown_response(assignment, student, question):
    """The student's response to the question in their counting (latest submitted) attempt."""
    link = (
        AssignmentAttempt.objects.filter(
            assignment=assignment, student=student, attempt__submitted_at__isnull=False
        )
        .order_by("-number")
        .first()
    )
    if link is None:
        return None
    return Response.objects.filter(attempt_id=link.attempt_id, question=question).first()


def _results_changed(attempt_ids):
    """Every homework whose attempts were re-marked: its results and its class's."""
    links = AssignmentAttempt.objects.filter(attempt_id__in=attempt_ids)
    for assignment_pk, classroom_pk in set(
        links.values_list("assignment_id", "assignment__classroom_id")
    ):
        results_cache.work_changed(assignment_pk, classroom_pk)
