from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from ussr_revision.roles import is_student, is_teacher


@login_required
def home(request):
    """Each role starts where its work is."""
    if is_teacher(request.user):
        return redirect("classrooms:list")
    if is_student(request.user):
        return redirect("classrooms:dashboard")
    if request.user.is_staff:
        return redirect("admin:index")
    return redirect("quizzes:practice")
