"""Teachers' classes: the list, a new class, a class's page, and archiving or deleting it.

What students have done is never deleted: a class or homework with work in it is archived
instead (out of the lists, results kept, restorable).
"""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from classrooms import archived, slips
from classrooms.access import get_classroom_for_teacher
from classrooms.forms import ClassroomForm, TaughtTopicsForm
from classrooms.models import AssignmentAttempt, Classroom, LoginCode
from ussr_revision.roles import Role, role_required
from ussr_revision.throttle import locked_out_exists


@role_required(Role.TEACHER)
def classroom_list(request):
    classrooms = (
        Classroom.objects.taught_by(request.user)
        .current()
        .annotate(
            student_count=Count("enrolments", distinct=True),
            assignment_count=Count(
                "assignments", filter=Q(assignments__archived_at=None), distinct=True
            ),
        )
    )
    return render(request, "classrooms/classroom_list.html", {"classrooms": classrooms})


@role_required(Role.TEACHER)
def classroom_new(request):
    form = ClassroomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        classroom = form.save(commit=False)
        classroom.teacher = request.user
        classroom.save()
        messages.success(request, f"{classroom.name} created. Add students or share the join code.")
        return redirect(classroom)
    return render(request, "classrooms/classroom_new.html", {"form": form})


@role_required(Role.TEACHER)
def classroom_detail(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    homework = classroom.assignments.select_related("quiz").annotate(
        chosen_count=Count("chosen_students", distinct=True),
        started=Exists(AssignmentAttempt.objects.filter(assignment=OuterRef("pk"))),
    )
    if not classroom.is_archived:  # an archived class shows all it kept
        homework = homework.current()
    context = {
        "classroom": classroom,
        "enrolments": classroom.enrolments.select_related("student").annotate(
            has_qr=Exists(LoginCode.objects.filter(student=OuterRef("student"))),
            locked_out=locked_out_exists(OuterRef("student__username")),
        ),
        "assignments": homework.order_by("-due_at"),
        "slips_waiting": slips.waiting(classroom, request.user),
        "taught_form": TaughtTopicsForm(instance=classroom),
    }
    return render(request, "classrooms/classroom_detail.html", context)


@role_required(Role.TEACHER)
def archived_list(request):
    context = archived.for_teacher(request.user)
    return render(request, "classrooms/archived.html", context)


@role_required(Role.TEACHER)
@require_POST
def classroom_archive(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    classroom.archive()
    messages.success(
        request,
        f"{classroom} is archived: its students no longer see its homework, and its results "
        "are kept. Restore it from Archived.",
    )
    return redirect("classrooms:list")


@role_required(Role.TEACHER)
@require_POST
def classroom_restore(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    classroom.restore()
    messages.success(request, f"{classroom} is back in your classes.")
    return redirect(classroom)


@role_required(Role.TEACHER)
def classroom_delete(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    has_results = classroom.has_results()
    if request.method == "POST" and not has_results:
        name = classroom.name
        classroom.delete()
        messages.success(request, f"{name} is deleted.")
        return redirect("classrooms:list")
    context = {
        "classroom": classroom,
        "has_results": has_results,
        "students": classroom.enrolments.count(),
        "homework": classroom.assignments.count(),
    }
    return render(request, "classrooms/classroom_delete.html", context, status=status_for(request))


def status_for(request):
    """A refused delete (POSTed while there is work to keep) answers 409 with the page again."""
    return 409 if request.method == "POST" else 200
