from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from ussr_revision.roles import is_teacher


@login_required
def home(request):
    """Each role starts where its work is."""
    if is_teacher(request.user):
        return redirect("quizzes:list")
    return redirect("quizzes:practice")
