"""Teachers setting homework: for a class, for several classes, changing it, putting it away."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.decorators.http import require_POST

from classrooms import assignments
from classrooms.access import get_assignment_for_teacher, get_classroom_for_teacher
from classrooms.forgetting import with_due_questions
from classrooms.forms import AssignmentForm, SetHomeworkForm
from classrooms.views.classes import status_for
from ussr_revision.roles import Role, role_required


def initial_quiz(request):
    """The quiz a "Set as homework" link chose (?quiz=), checked against the form's choices."""
    quiz = request.GET.get("quiz", "")
    return {"quiz": int(quiz)} if quiz.isdigit() else {}


@role_required(Role.TEACHER)
def assign(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    if classroom.is_archived:
        messages.error(request, f"{classroom} is archived: restore it to set it homework.")
        return redirect(classroom)
    form = AssignmentForm(
        request.POST or None,
        teacher=request.user,
        classroom=classroom,
        initial=initial_quiz(request),
    )
    if request.method == "POST" and form.is_valid():
        students = list(form.cleaned_data["students"])
        settings = form.homework_settings()
        if form.cleaned_data.get("piggyback"):
            settings["quiz"], added = with_due_questions(
                settings["quiz"],
                classroom,
                count=form.cleaned_data["piggyback"],
                now=timezone.now(),
            )
            if not added:
                messages.info(request, "Nothing from earlier topics is due for this class yet.")
        (assignment,) = assignments.set_homework(
            classrooms=[classroom], students=students, **settings
        )
        who = f"{len(students)} student{pluralize(len(students))} of " if students else ""
        messages.success(
            request,
            f"{assignment.quiz} set for {who}{classroom}, due {assignment.due_at:%d %b %H:%M}.",
        )
        return redirect(classroom)
    return render(request, "classrooms/assign.html", {"classroom": classroom, "form": form})


@role_required(Role.TEACHER)
def set_homework(request):
    """One quiz set for several classes at once (reached from "Set as homework" on a quiz)."""
    initial = initial_quiz(request)
    form = SetHomeworkForm(request.POST or None, teacher=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        classrooms = list(form.cleaned_data["classrooms"])
        made = assignments.set_homework(classrooms=classrooms, **form.homework_settings())
        names = ", ".join(classroom.name for classroom in classrooms)
        messages.success(
            request, f"{made[0].quiz} set for {names}, due {made[0].due_at:%d %b %H:%M}."
        )
        return redirect(classrooms[0] if len(classrooms) == 1 else "classrooms:list")
    return render(request, "classrooms/set_homework.html", {"form": form})


@role_required(Role.TEACHER)
def assignment_edit(request, pk):
    assignment = get_assignment_for_teacher(request.user, pk)
    if request.method == "POST":
        with transaction.atomic():
            # Locked, as start_or_resume locks it: no student starts between the check and the save.
            assignment = get_assignment_for_teacher(request.user, pk, for_update=True)
            form = assignment_form(request, assignment)
            if form.is_valid():
                form.save()
                assignments.choose_students(assignment, list(form.cleaned_data["students"]))
                messages.success(request, f"{assignment.quiz} for {assignment.classroom} changed.")
                return redirect(assignment.classroom)
    else:
        form = assignment_form(request, assignment)
    context = {"classroom": assignment.classroom, "form": form, "assignment": assignment}
    return render(request, "classrooms/assign.html", context)


def assignment_form(request, assignment):
    # Once students have started, the quiz stays: their answers and results belong to it.
    started = assignment.attempts.exists()
    return AssignmentForm(
        request.POST or None,
        instance=assignment,
        teacher=request.user,
        quiz_fixed=started,
        classroom=assignment.classroom,
    )


@role_required(Role.TEACHER)
@require_POST
def assignment_archive(request, pk):
    assignment = get_assignment_for_teacher(request.user, pk)
    assignment.archive()
    messages.success(
        request,
        f"{assignment.quiz} for {assignment.classroom} is archived: students no longer see it, "
        "and its results are kept. Restore it from Archived.",
    )
    return redirect(assignment.classroom)


@role_required(Role.TEACHER)
@require_POST
def assignment_restore(request, pk):
    assignment = get_assignment_for_teacher(request.user, pk)
    assignment.restore()
    messages.success(request, f"{assignment.quiz} is back in {assignment.classroom}'s homework.")
    return redirect(assignment.classroom)


@role_required(Role.TEACHER)
def assignment_delete(request, pk):
    assignment = get_assignment_for_teacher(request.user, pk)
    has_results = assignment.has_results()
    if request.method == "POST" and not has_results:
        assignment.delete()
        messages.success(request, f"{assignment.quiz} for {assignment.classroom} is deleted.")
        return redirect(assignment.classroom)
    context = {"assignment": assignment, "classroom": assignment.classroom}
    context["has_results"] = has_results
    return render(request, "classrooms/assignment_delete.html", context, status=status_for(request))
