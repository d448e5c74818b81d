from axes.utils import reset as reset_sign_in_attempts
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from classrooms import account_jobs, accounts, list_preview, quick_login, slips
from classrooms.access import get_classroom_for_teacher, get_student_for_teacher
from classrooms.account_forms import (
    BulkAddForm,
    ConfirmListForm,
    JoinForm,
    QuickLoginForm,
    SignupForm,
    StudentForm,
)
from classrooms.csv_files import csv_download, write_csv
from classrooms.models import AccountBatch, BatchStatus, Enrolment
from ussr_revision.roles import Role, is_student, role_required
from ussr_revision.sessions import start_session
from ussr_revision.throttle import username_for_throttle


def slip_context(request, classroom, slip_list):
    """Each slip with its QR code: the URL that signs the student in."""
    for slip in slip_list:
        url = request.build_absolute_uri(reverse("classrooms:qr_login", args=[slip["token"]]))
        slip["qr"] = slips.qr_svg(url, f"QR code that signs {slip['name']} in")
    return {"classroom": classroom, "site": request.build_absolute_uri("/")}


# Teachers: student accounts


@role_required(Role.TEACHER)
def add_student(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    form = StudentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = accounts.RosterRow(row=1, **form.cleaned_data)
        try:
            made = accounts.create_students(classroom=classroom, rows=[row])
        except accounts.UsernameTaken:
            form.add_error("username", "That username was taken a moment ago: choose another.")
        else:
            batch = slips.new_batch(classroom=classroom, teacher=request.user, roster=[])
            slips.keep(batch, made)
            messages.success(request, f"Account made for {row.name}. Print the login slip.")
            return redirect("classrooms:slips", pk=classroom.pk)
    context = {"classroom": classroom, "form": form}
    return render(request, "classrooms/accounts/add_student.html", context)


@role_required(Role.TEACHER)
def bulk_add(request, pk):
    """A pasted or uploaded list, read and checked; then its preview (nothing made yet)."""
    classroom = get_classroom_for_teacher(request.user, pk)
    kept = list_preview.load(request.session, classroom) if "edit" in request.GET else None
    initial = {"roster": kept["text"], "list_format": kept["list_format"]} if kept else None
    form = BulkAddForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        class_list = form.class_list
        list_preview.keep(
            request.session,
            classroom,
            roster=class_list,
            duplicates=accounts.find_duplicates(classroom, class_list.rows),
            text=form.cleaned_data["text"],
            list_format=form.cleaned_data["list_format"] or accounts.ListFormat.AUTO,
        )
        return redirect("classrooms:bulk_preview", pk=classroom.pk)
    context = {
        "classroom": classroom,
        "form": form,
        "max_rows": accounts.MAX_ROWS,
        "problems": problem_rows(form.class_list),
    }
    return render(request, "classrooms/accounts/bulk_add.html", context)


def problem_rows(class_list):
    """[(RosterError, the RosterRow it is about or None)], for the table of problems."""
    if class_list is None:
        return []
    by_number = {row.row: row for row in class_list.rows}
    return [(error, by_number.get(error.row)) for error in class_list.errors]


@never_cache
@role_required(Role.TEACHER)
def bulk_preview(request, pk):
    """The list as it was read, with the usernames to be made; the accounts once confirmed."""
    classroom = get_classroom_for_teacher(request.user, pk)
    preview = list_preview.load(request.session, classroom)
    if preview is None:
        messages.info(request, "There is no list waiting to be checked: paste it here.")
        return redirect("classrooms:bulk_add", pk=classroom.pk)
    form = ConfirmListForm(request.POST or None, preview=preview)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            rows = chosen_rows(preview, form.cleaned_data)
            if rows:
                list_preview.forget(request.session, classroom)
                batch = account_jobs.start(classroom=classroom, teacher=request.user, rows=rows)
                return redirect("classrooms:batch", pk=classroom.pk, batch_pk=batch.pk)
            form.add_error(None, "Every name is already in the class: tick “Add anyway” to add.")
        else:
            status = 400  # a form this page did not make: another tab's, or edited
    context = {
        "classroom": classroom,
        "form": form,
        "preview": preview,
        "lines": preview_lines(preview, form),
    }
    return render(request, "classrooms/accounts/bulk_preview.html", context, status=status)


def preview_lines(preview, form):
    """Each row with the username it will get and, if flagged, why and its checkbox."""
    rows, duplicates = list_preview.rows_of(preview), list_preview.duplicates_of(preview)
    # Usernames as made when the flagged names are skipped (the default), theirs after.
    ordered = [r for r in rows if r.row not in duplicates] + [
        r for r in rows if r.row in duplicates
    ]
    usernames, _ = accounts.plan_usernames(ordered)
    planned = {row.row: username for row, username in zip(ordered, usernames, strict=True)}
    checkboxes = {int(box.data["value"]): box for box in form["add_anyway"]}
    return [
        {
            "row": row,
            "username": planned[row.row],
            "duplicate": duplicates.get(row.row, ""),
            "checkbox": checkboxes.get(row.row),
        }
        for row in rows
    ]


def chosen_rows(preview, data):
    duplicates = list_preview.duplicates_of(preview)
    added = set(duplicates) if data["add_all"] else set(data["add_anyway"])
    return [
        row
        for row in list_preview.rows_of(preview)
        if row.row not in duplicates or row.row in added
    ]


def get_batch_for_teacher(user, classroom, batch_pk):
    return get_object_or_404(AccountBatch, pk=batch_pk, classroom=classroom, teacher=user)


@never_cache
@role_required(Role.TEACHER)
def batch(request, pk, batch_pk):
    """The progress bar while a list's accounts are made; then the slips."""
    classroom = get_classroom_for_teacher(request.user, pk)
    batch = get_batch_for_teacher(request.user, classroom, batch_pk)
    if batch.status == BatchStatus.DONE:
        messages.success(request, f"{batch.total} accounts made. Print the login slips.")
        return redirect("classrooms:slips", pk=classroom.pk)
    context = {"classroom": classroom, "batch": batch}
    return render(request, "classrooms/accounts/batch.html", context)


@never_cache
@role_required(Role.TEACHER)
def batch_status(request, pk, batch_pk):
    """What the progress bar polls (static/js/progress.js)."""
    classroom = get_classroom_for_teacher(request.user, pk)
    batch = get_batch_for_teacher(request.user, classroom, batch_pk)
    return JsonResponse(
        {
            "status": batch.status,
            "done": batch.done,
            "total": batch.total,
            "problem": batch.problem,
            "next": reverse("classrooms:batch", args=[classroom.pk, batch.pk]),
        }
    )


@never_cache
@role_required(Role.TEACHER)
def slips_page(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    if request.method == "POST":
        slips.forget(classroom, request.user)
        messages.success(request, "The passwords are cleared.")
        return redirect(classroom)
    slip_list, expired = slips.current_slips(classroom, request.user)
    context = {
        **slip_context(request, classroom, slip_list),
        "slips": slip_list,
        "expired": expired,
        "kept_for_minutes": int(slips.SLIPS_KEPT_FOR.total_seconds() // 60),
    }
    return render(request, "classrooms/accounts/slips.html", context)


@never_cache
@role_required(Role.TEACHER)
def slips_csv(request, pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    slip_list, _ = slips.current_slips(classroom, request.user)
    if not slip_list:
        return redirect("classrooms:slips", pk=classroom.pk)
    rows = [
        [
            slip["name"],
            slip["username"],
            slip["password"],
            request.build_absolute_uri(reverse("classrooms:qr_login", args=[slip["token"]])),
        ]
        for slip in slip_list
    ]
    text = write_csv(["Name", "Username", "Password", "Sign-in link"], rows)
    return csv_download(text, f"{slugify(classroom.name) or 'class'}-logins")


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
        **accounts.reset_sign_in(student),
    }
    messages.success(
        request,
        f"New password and QR code for {slip['name']}. The old ones no longer work.",
    )
    context = {**slip_context(request, classroom, [slip]), "slip": slip}
    return render(request, "classrooms/accounts/password_reset.html", context)


@role_required(Role.TEACHER)
@require_POST
def unlock(request, pk, student_pk):
    """Lets a student locked out by too many wrong passwords try again at once."""
    classroom = get_classroom_for_teacher(request.user, pk)
    student = get_student_for_teacher(request.user, classroom, student_pk)
    reset_sign_in_attempts(username=username_for_throttle(None, {"username": student.username}))
    name = student.get_full_name() or student.username
    messages.success(request, f"{name} can sign in again.")
    return redirect(classroom)


@role_required(Role.TEACHER)
@require_POST
def revoke_qr(request, pk, student_pk):
    classroom = get_classroom_for_teacher(request.user, pk)
    student = get_student_for_teacher(request.user, classroom, student_pk)
    name = student.get_full_name() or student.username
    if quick_login.revoke_token(student):
        messages.success(
            request,
            f"{name}'s QR code no longer signs in. Reset their password for a new slip.",
        )
    else:
        messages.info(request, f"{name} has no QR code that signs in.")
    return redirect(classroom)


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
            login(request, student, backend="ussr_revision.auth.CaseInsensitiveModelBackend")
            start_session(request, remember=False)
            messages.success(
                request,
                f"Welcome to {data['code']}! Your username is {student.username}: "
                "write it down with your password.",
            )
            return redirect("home")
    return render(request, "classrooms/accounts/signup.html", {"form": form})


# Anyone: signing in with the QR code on a login slip


@never_cache
def qr_login(request, token):
    """A confirmation first, then a POST: link previews and prefetchers only ever GET."""
    # Bound even when empty: an unticked box sends nothing.
    form = QuickLoginForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        # Through authenticate(), so axes counts the failures and refuses when locked out.
        student = authenticate(request, qr_token=token)
        if student is not None:
            login(request, student)
            start_session(request, remember=form.cleaned_data["remember"])
            return redirect("home")
        form.add_error(
            None,
            "This QR code no longer signs in: your teacher may have made you a new one. "
            "Sign in with your username and password, or ask your teacher.",
        )
    return render(request, "classrooms/accounts/qr_login.html", {"form": form})
