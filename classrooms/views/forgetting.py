"""The teacher's forgetting map of a class, and the quizzes and controls that hang off it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from classrooms import forgetting
from classrooms.access import get_classroom_for_teacher
from classrooms.forms import TaughtTopicsForm
from ussr_revision.roles import Role, role_required


@role_required(Role.TEACHER)
def forgetting_map(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    raw = request.GET.get("section", "")
    if raw and not raw.isdigit():
        raise Http404("No such section.")
    found = forgetting.forgetting_map(
        classroom, now=timezone.now(), section=int(raw) if raw else None
    )
    if found is None:
        raise Http404("No such section.")
    context = {"classroom": classroom, "map": found, "heat": range(11)}
    return render(request, "classrooms/forgetting.html", context)


@role_required(Role.TEACHER)
@require_POST
def retrieval_homework(request, pk):
    """One click: a quiz of what the class is forgetting, then the usual homework form."""
    classroom = get_classroom_for_teacher(request.user, pk)
    quiz = forgetting.retrieval_quiz(classroom, teacher=request.user, now=timezone.now())
    if quiz is None:
        messages.info(request, "The class has not answered enough yet to show what it forgets.")
        return redirect("classrooms:forgetting", pk=pk)
    messages.success(request, f"{quiz.title}: {quiz.items.count()} questions. Set the dates below.")
    return redirect(reverse("classrooms:assign", kwargs={"pk": pk}) + f"?quiz={quiz.pk}")


@role_required(Role.TEACHER)
@require_POST
def taught_topics(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    form = TaughtTopicsForm(request.POST, instance=classroom)
    if form.is_valid():
        form.save()
        messages.success(request, "Topics taught saved: Revise now draws on them.")
    else:
        messages.error(request, "Those topics could not be saved: choose from the list.")
    return redirect(classroom)
