"""The teacher's "Archived" page: classes and homework put away, with their results kept."""

from django.db.models import Count

from classrooms.models import Assignment, Classroom


def for_teacher(teacher):
    """Archived classes, and archived homework of the classes still in use: two queries.

    Homework of an archived class comes back with its class, so it is listed under the class only.
    """
    classrooms = (
        Classroom.objects.taught_by(teacher)
        .archived()
        .annotate(
            student_count=Count("enrolments", distinct=True),
            assignment_count=Count("assignments", distinct=True),
        )
        .order_by("-archived_at", "pk")
    )
    homework = (
        Assignment.objects.filter(classroom__teacher=teacher, classroom__archived_at=None)
        .exclude(archived_at=None)
        .select_related("classroom", "quiz")
        .annotate(students_started=Count("attempts__student", distinct=True))
        .order_by("-archived_at", "pk")
    )
    return {"classrooms": classrooms, "assignments": homework}
