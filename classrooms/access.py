"""Fetch-and-authorise helpers: each returns the object or raises 404 for anyone not entitled to it.

A teacher sees only their own classes and what hangs off them; a student only the classes they
belong to. Views call these on their first line.
"""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404

from classrooms.models import Assignment, Classroom
from ussr_revision.roles import Role


def get_classroom_for_teacher(user, pk):
    return get_object_or_404(Classroom, pk=pk, teacher=user)


def get_assignment_for_teacher(user, pk, *, for_update=False):
    """`for_update` locks the assignment's row (only): call it inside a transaction."""
    assignments = Assignment.objects.select_related("classroom", "quiz")
    if for_update:
        assignments = assignments.select_for_update(of=("self",))
    return get_object_or_404(assignments, pk=pk, classroom__teacher=user)


def get_student_for_teacher(user, classroom, pk):
    """A student enrolled in `classroom` (which must already be the teacher's)."""
    return get_object_or_404(
        get_user_model().objects.filter(groups__name=Role.STUDENT),
        pk=pk,
        enrolments__classroom=classroom,
    )


def get_assignment_for_student(user, pk):
    """Homework set for this student (their class's, or chosen for them), not archived."""
    return get_object_or_404(
        Assignment.objects.for_student(user).select_related("classroom", "quiz"), pk=pk
    )
