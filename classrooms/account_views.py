import csv
from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from classrooms import accounts
from classrooms.access import get_classroom_for_teacher, get_student_for_teacher
from classrooms.account_forms import BulkAddForm, JoinForm, SignupForm, StudentForm
from classrooms.models import Enrolment
from ussr_revision.roles import Role, is_student, role_required

RACE_MESSAGE = (
    "Someone else took one of those usernames a moment ago, so nothing was created. "
    "Please try again."
)


# Login slips are kept with the teacher's session (so in the session store) for an hour at most:
# long enough to print them, short enough that new passwords do not linger. The teacher can
# clear them at once; signing out clears them too.
SLIPS_KEPT_FOR = timedelta(hours=1)


def slips_key(classroom):
    return f"classrooms:slips:{classroom.pk}"


def remember_slips(request, classroom, slips):
    kept = current_slips(request, classroom)
    request.session[slips_key(classroom)] = {
        "made": timezone.now().isoformat(),
        "slips": kept + slips,
    }


def current_slips(request, classroom):
    """The slips still kept for this class; older ones are deleted as they are found."""
    kept = request.session.get(slips_key(classroom))
    if not isinstance(kept, dict):
        return []
    made = datetime.fromisoformat(kept["made"])
    if timezone.now() - made > SLIPS_KEPT_FOR:
        del request.session[slips_key(classroom)]
        return []
    return kept["slips"]


def csv_cell(value):
    # A cell starting with = + - @ is a formula to a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


# Teachers: student accounts


@role_required(Role.TEACHER)
def add_student(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    form = StudentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = accounts.RosterRow(row=1, **form.cleaned_data)
        try:
            slips = accounts.create_students(classroom=classroom, rows=[row])
        except accounts.UsernameTaken:
            form.add_error("username", "That username was taken a moment ago: choose another.")
        else:
            remember_slips(request, classroom, slips)
            messages.success(request, f"Account made for {row.name}. Print the login slip.")
            return redirect("classrooms:slips", pk=classroom.pk)
    context = {"classroom": classroom, "form": form}
    return render(request, "classrooms/accounts/add_student.html", context)


@role_required(Role.TEACHER)
def bulk_add(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    form = BulkAddForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            slips = accounts.create_students(classroom=classroom, rows=form.cleaned_data["rows"])
        except accounts.UsernameTaken:
            messages.error(request, RACE_MESSAGE)
        else:
            remember_slips(request, classroom, slips)
            messages.success(request, f"{len(slips)} accounts made. Print the login slips.")
            return redirect("classrooms:slips", pk=classroom.pk)
    context = {"classroom": classroom, "form": form, "max_rows": accounts.MAX_ROWS}
    return render(request, "classrooms/accounts/bulk_add.html", context)


@never_cache
@role_required(Role.TEACHER)
def slips(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    if request.method == "POST":
        request.session.pop(slips_key(classroom), None)
        messages.success(request, "The passwords are cleared from this browser.")
        return redirect(classroom)
    context = {
        "classroom": classroom,
        "slips": current_slips(request, classroom),
        "site": request.build_absolute_uri("/"),
    }
    return render(request, "classrooms/accounts/slips.html", context)


@never_cache
@role_required(Role.TEACHER)
def slips_csv(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    slips = current_slips(request, classroom)
    if not slips:
        return redirect("classrooms:slips", pk=classroom.pk)
    filename = f"{slugify(classroom.name) or 'class'}-logins.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that Excel reads the names as UTF-8
    writer = csv.writer(response)
    writer.writerow(["Name", "Username", "Password"])
    for slip in slips:
        writer.writerow([csv_cell(slip["name"]), slip["username"], slip["password"]])
    return response


@never_cache
@role_required(Role.TEACHER)
def reset_password(request, pk, student_pk):
    """Asks first (the old password stops working), then shows the new one once."""
    classroom = get_classroom_for_teacher(request.user, pk)
    student = get_student_for_teacher(request.user, classroom, student_pk)
    if request.method != "POST":
        context = {"classroom": classroom, "student": student}
        return render(request, "classrooms/accounts/reset_password_confirm.html", context)
    slip = {
        "name": student.get_full_name() or student.username,
        "username": student.username,
        "password": accounts.reset_password(student),
    }
    messages.success(request, f"New password set for {slip['name']}. The old one no longer works.")
    context = {"classroom": classroom, "slip": slip, "site": request.build_absolute_uri("/")}
    return render(request, "classrooms/accounts/password_reset.html", context)


@role_required(Role.TEACHER)
def remove_student(request, pk, student_pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    student = get_student_for_teacher(request.user, classroom, student_pk)
    if request.method == "POST":
        Enrolment.objects.filter(classroom=classroom, student=student).delete()
        name = student.get_full_name() or student.username
        messages.success(
            request, f"{name} is no longer in {classroom}. Their account still exists."
        )
        return redirect(classroom)
    context = {"classroom": classroom, "student": student}
    return render(request, "classrooms/accounts/remove_student.html", context)


@role_required(Role.TEACHER)
@require_POST
def regenerate_code(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    classroom.regenerate_join_code()
    messages.success(
        request, f"The new join code is {classroom.join_code}. The old code no longer works."
    )
    return redirect(classroom)


# Students: joining a class with its code


@role_required(Role.STUDENT)
def join(request):
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        classroom = form.cleaned_data["code"]
        _, created = Enrolment.objects.get_or_create(classroom=classroom, student=request.user)
        if created:
            messages.success(request, f"You have joined {classroom}.")
        else:
            messages.info(request, f"You are already in {classroom}.")
        return redirect("home")
    return render(request, "classrooms/accounts/join.html", {"form": form})


@sensitive_post_parameters("password1", "password2")
def signup(request):
    if request.user.is_authenticated:
        return redirect("classrooms:join" if is_student(request.user) else "home")
    # A teacher can share a link with the code in it: /signup/?code=K7PQ2M
    form = SignupForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            student = accounts.sign_up(
                classroom=data["code"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                username=data["username"],
                password=data["password1"],
            )
        except accounts.UsernameTaken:
            form.add_error("username", "That username was taken a moment ago: choose another.")
        else:
            login(request, student)
            messages.success(
                request,
                f"Welcome to {data['code']}! Your username is {student.username}: "
                "write it down with your password.",
            )
            return redirect("home")
    return render(request, "classrooms/accounts/signup.html", {"form": form})
