from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect

from ussr_revision.forms import SignInForm
from ussr_revision.roles import is_student, is_teacher
from ussr_revision.sessions import start_session


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


class SignInView(LoginView):
    form_class = SignInForm

    def form_valid(self, form):
        response = super().form_valid(form)
        start_session(self.request, remember=form.cleaned_data["remember"])
        return response
