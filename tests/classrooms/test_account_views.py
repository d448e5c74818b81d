import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from classrooms import list_preview
from classrooms import slips as slip_store
from classrooms.models import AccountBatch, Enrolment
from tests import factories
from tests.classrooms.class_lists import add_list, check_list, confirm_list
from tests.signing_in import signs_in
from ussr_revision.roles import is_student

pytestmark = pytest.mark.django_db

User = get_user_model()


def url(name, classroom, student=None):
    kwargs = {"pk": classroom.pk}
    if student is not None:
        kwargs["student_pk"] = student.pk
    return reverse(f"classrooms:{name}", kwargs=kwargs)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def post_list(teacher_client, django_capture_on_commit_callbacks):
    """Posts a class list and runs its background job (immediately, as in development)."""

    def post(classroom, data):
        return add_list(teacher_client, classroom, data, django_capture_on_commit_callbacks)

    return post


@pytest.fixture
def make_slips(post_list, teacher):
    def make(classroom, text="First name,Last name\nAnna,Smith\nBen,Jones\n"):
        response = post_list(classroom, {"roster": text})
        assert response.status_code == 302, response.context["form"].errors
        return kept_slips(classroom, teacher)

    return make


def kept_slips(classroom, teacher):
    return slip_store.current_slips(classroom, teacher)[0]


# Adding students one at a time


def test_a_teacher_adds_one_student_and_sees_the_slip(teacher_client, classroom, client):
    response = teacher_client.post(
        url("add_student", classroom), {"first_name": "Siân", "last_name": "O'Neill"}
    )

    assert response["Location"] == url("slips", classroom)
    new = User.objects.get(username="soneill1")
    assert (new.first_name, new.last_name, is_student(new)) == ("Siân", "O'Neill", True)
    assert classroom.students.filter(pk=new.pk).exists()
    [slip] = kept_slips(classroom, classroom.teacher)
    page = teacher_client.get(url("slips", classroom)).content.decode()
    assert "soneill1" in page
    assert slip["password"] in page


def test_a_teacher_may_choose_the_username_in_any_case(teacher_client, classroom):
    teacher_client.post(
        url("add_student", classroom),
        {"first_name": "Ben", "last_name": "Jones", "username": "BenJ"},
    )

    assert User.objects.filter(username="benj").exists()


def test_a_taken_username_is_a_form_error(teacher_client, classroom):
    response = teacher_client.post(
        url("add_student", classroom),
        {"first_name": "Anna", "last_name": "Smith", "username": "ASMITH1"},
    )

    assert response.status_code == 200
    assert "That username is taken" in response.content.decode()
    assert not User.objects.filter(first_name="Anna").exists()


# Adding students from a list


def test_a_pasted_list_makes_every_account_then_shows_the_slips(
    teacher_client, post_list, classroom
):
    posted = post_list(
        classroom,
        {"roster": "First name;Last name;Username\r\nAnna;Smith;\r\nBen;Jones;benj\r\n"},
    )
    response = teacher_client.get(posted["Location"], follow=True)

    assert response.redirect_chain[-1][0] == url("slips", classroom)
    assert set(classroom.students.values_list("username", flat=True)) == {
        "asmith1", "asmith2", "benj",
    }  # fmt: skip
    assert "2 accounts made. Print the login slips." in messages_of(response)


def test_an_uploaded_csv_file_makes_the_accounts(post_list, classroom):
    upload = SimpleUploadedFile("10b.csv", "Siân,Jones\n".encode("cp1252"), "text/csv")

    response = post_list(classroom, {"file": upload})

    assert response.status_code == 302
    assert User.objects.get(username="sjones1").first_name == "Siân"


def test_one_bad_row_creates_nothing_and_lists_the_problems(teacher_client, classroom):
    before = User.objects.count()

    response = teacher_client.post(
        url("bulk_add", classroom),
        {"roster": "First name,Last name\nAnna,Smith\nBen,\nCara,Lee,asmith1\n"},
    )

    assert response.status_code == 200
    assert User.objects.count() == before
    page = response.content.decode()
    assert "Nothing was added" in page
    assert "<td>3</td><td>Ben</td><td></td><td>Last name is missing.</td>" in page
    assert (
        "<td>4</td><td>Cara</td><td>Lee</td><td>Username “asmith1” is already taken.</td>" in page
    )
    assert not list_preview.load(teacher_client.session, classroom)


def test_a_list_must_be_pasted_or_uploaded_but_not_both(teacher_client, classroom):
    upload = SimpleUploadedFile("10b.csv", b"Anna,Smith\n", "text/csv")

    neither = teacher_client.post(url("bulk_add", classroom), {"roster": "  "})
    both = teacher_client.post(url("bulk_add", classroom), {"roster": "Ben,Jones", "file": upload})

    assert neither.context["form"].non_field_errors() == ["Paste a list or upload a file."]
    assert both.context["form"].non_field_errors() == ["Paste a list or upload a file, not both."]
    assert not User.objects.filter(first_name__in=["Anna", "Ben"]).exists()


def test_a_spreadsheet_file_is_refused_as_not_text(teacher_client, classroom):
    upload = SimpleUploadedFile("10b.xlsx", b"PK\x03\x04\x00\x00", "application/octet-stream")

    response = teacher_client.post(url("bulk_add", classroom), {"file": upload})

    assert "This is not text" in response.content.decode()


# Adding students from a list: the preview, then the confirm


@pytest.fixture
def nina(classroom):
    nina = factories.make_student(username="nbrown1", first_name="Nina", last_name="Brown")
    factories.enrol(classroom, nina)
    return nina


def preview_page(client, classroom):
    response = client.get(url("bulk_preview", classroom))
    assert response.status_code == 200
    return response.content.decode()


def test_a_pasted_list_is_shown_as_read_and_nothing_is_made_until_confirmed(
    teacher_client, classroom, django_capture_on_commit_callbacks
):
    before = User.objects.count()

    checked = check_list(teacher_client, classroom, {"roster": "Anna Smith\nMary Jane Lee\n"})

    assert checked["Location"] == url("bulk_preview", classroom)
    assert User.objects.count() == before
    for _ in range(2):  # a reload shows the same preview, without pasting again
        page = preview_page(teacher_client, classroom)
        assert "One name a line, “Forename Surname”" in page
        assert "<td>Anna</td>\n            <td>Smith</td>" in page
        assert "asmith2" in page  # asmith1 is the class's student already
        assert "<td>Mary Jane</td>\n            <td>Lee</td>" in page
        assert "More than two names: the last, “Lee”, is read as the surname." in page
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = confirm_list(teacher_client, classroom)

    assert confirmed.status_code == 302
    made = User.objects.filter(username__in=["asmith2", "mlee1"])
    assert sorted(made.values_list("first_name", "last_name")) == [
        ("Anna", "Smith"),
        ("Mary Jane", "Lee"),
    ]
    assert classroom.students.filter(username="mlee1").exists()
    assert not list_preview.load(teacher_client.session, classroom)


def test_the_preview_keeps_no_passwords(teacher_client, classroom):
    check_list(teacher_client, classroom, {"roster": "Anna Smith\n"})

    preview = list_preview.load(teacher_client.session, classroom)

    assert set(preview["rows"][0]) == {"row", "first_name", "last_name", "username", "note"}


def test_surname_comma_forename_is_previewed_forename_first(teacher_client, classroom):
    check_list(teacher_client, classroom, {"roster": "Smith, Anna\nO'Neill, Siân\n"})

    page = preview_page(teacher_client, classroom)

    assert "“Surname, Forename”" in page
    assert "<td>Siân</td>\n            <td>O&#x27;Neill</td>" in page


def test_the_teacher_can_choose_the_format_by_hand(teacher_client, classroom):
    data = {"roster": "Smith\tAnna\n", "list_format": "columns_surname_first"}
    check_list(teacher_client, classroom, data)

    page = preview_page(teacher_client, classroom)

    assert "last name, first name" in page
    assert "<td>Anna</td>\n            <td>Smith</td>" in page


def test_changing_the_list_brings_back_the_pasted_text(teacher_client, classroom):
    check_list(teacher_client, classroom, {"roster": "Anna Smith\nBen Jones"})

    again = teacher_client.get(url("bulk_add", classroom) + "?edit=1").content.decode()
    fresh = teacher_client.get(url("bulk_add", classroom)).content.decode()

    assert "Anna Smith\nBen Jones</textarea>" in again
    assert "Ben Jones" not in fresh


def test_a_name_already_in_the_class_is_flagged_and_skipped_by_default(
    teacher_client, classroom, nina, django_capture_on_commit_callbacks
):
    check_list(teacher_client, classroom, {"roster": "Nina Brown\nOmar Khan\n"})

    page = preview_page(teacher_client, classroom)
    assert "1 name flagged" in page
    assert "Already in the class as nbrown1." in page
    assert 'Add anyway<span class="visually-hidden">: Nina Brown</span>' in page
    with django_capture_on_commit_callbacks(execute=True):
        confirm_list(teacher_client, classroom)

    assert list(
        classroom.students.filter(last_name="Brown").values_list("username", flat=True)
    ) == ["nbrown1"]
    assert classroom.students.filter(username="okhan1").exists()


@pytest.mark.parametrize("choice", [{"add_anyway": ["1"]}, {"add_all": "on"}])
def test_a_flagged_name_can_be_added_anyway(
    teacher_client, classroom, nina, django_capture_on_commit_callbacks, choice
):
    check_list(teacher_client, classroom, {"roster": "Nina Brown\nOmar Khan\n"})

    with django_capture_on_commit_callbacks(execute=True):
        confirm_list(teacher_client, classroom, **choice)

    assert classroom.students.filter(username="nbrown2", first_name="Nina").exists()


def test_confirming_with_every_name_skipped_makes_nothing(teacher_client, classroom, nina):
    check_list(teacher_client, classroom, {"roster": "Nina Brown\n"})
    before = User.objects.count()

    response = confirm_list(teacher_client, classroom)

    assert response.status_code == 200
    assert "Every name is already in the class" in response.content.decode()
    assert User.objects.count() == before


@pytest.mark.parametrize(
    "tampered",
    [
        {"preview": "not-this-one"},
        {"preview": ""},
        {"add_anyway": ["2"]},  # a row that was not flagged
        {"add_anyway": ["99"]},
        {"add_anyway": ["one"]},
    ],
)
def test_a_tampered_confirm_is_refused_and_makes_nothing(teacher_client, classroom, nina, tampered):
    check_list(teacher_client, classroom, {"roster": "Nina Brown\nOmar Khan\n"})
    before = User.objects.count()

    response = confirm_list(teacher_client, classroom, **tampered)

    assert response.status_code == 400
    assert User.objects.count() == before
    assert not AccountBatch.objects.exists()
    assert list_preview.load(teacher_client.session, classroom)  # still there to confirm


def test_an_older_preview_cannot_confirm_a_newer_list(teacher_client, classroom):
    check_list(teacher_client, classroom, {"roster": "Anna Smith\n"})
    old_id = list_preview.load(teacher_client.session, classroom)["id"]
    check_list(teacher_client, classroom, {"roster": "Ben Jones\n"})

    response = teacher_client.post(url("bulk_preview", classroom), {"preview": old_id})

    assert response.status_code == 400
    assert "This page is out of date" in response.content.decode()
    assert not User.objects.filter(last_name="Jones").exists()


def test_a_preview_belongs_to_its_class(teacher_client, teacher, classroom):
    other = factories.make_classroom(teacher=teacher, name="11A")
    check_list(teacher_client, classroom, {"roster": "Anna Smith\n"})
    preview_id = list_preview.load(teacher_client.session, classroom)["id"]

    response = teacher_client.post(url("bulk_preview", other), {"preview": preview_id})

    assert response["Location"] == url("bulk_add", other)
    assert not AccountBatch.objects.exists()


def test_another_teacher_cannot_confirm_a_list(client, classroom, other_teacher):
    client.force_login(other_teacher)

    response = client.post(url("bulk_preview", classroom), {"preview": "x"})

    assert response.status_code == 404


@pytest.mark.parametrize("size", [5, 30])
def test_the_preview_runs_a_fixed_number_of_queries(
    teacher_client, classroom, nina, django_assert_num_queries, size
):
    text = "Nina Brown\n" + "\n".join(f"Student Number{n}" for n in range(size))
    check_list(teacher_client, classroom, {"roster": text})

    with django_assert_num_queries(2):  # class, usernames (the user comes from the cache)
        teacher_client.get(url("bulk_preview", classroom))


def test_the_class_page_links_to_the_slips_while_they_last(teacher_client, make_slips, classroom):
    assert (
        "Print the login slips" not in teacher_client.get(url("detail", classroom)).content.decode()
    )
    make_slips(classroom)

    page = teacher_client.get(url("detail", classroom)).content.decode()

    assert "Login slips for 2 new students can be printed until" in page
    assert f'href="{url("slips", classroom)}">Print the login slips' in page
    teacher_client.post(url("slips", classroom))
    assert (
        "Print the login slips" not in teacher_client.get(url("detail", classroom)).content.decode()
    )


def test_the_class_page_says_nothing_of_expired_slips(teacher_client, make_slips, classroom):
    make_slips(classroom)
    AccountBatch.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    assert (
        "Print the login slips" not in teacher_client.get(url("detail", classroom)).content.decode()
    )


# Login slips


def test_the_slips_page_shows_each_slip_once_ready_to_print(teacher_client, make_slips, classroom):
    slips = make_slips(classroom)

    page = teacher_client.get(url("slips", classroom)).content.decode()

    assert page.count('class="slip"') == 2
    assert page.count("10B History</p>") == 2
    assert page.count("http://testserver/") == 2
    for slip in slips:
        assert slip["username"] in page
        assert slip["password"] in page
    assert "shown only here" in page
    assert "data-print hidden" in page  # shown by print.js
    assert "css/slips.css" in page


def test_slips_are_kept_per_class(teacher_client, make_slips, teacher, classroom):
    other = factories.make_classroom(teacher=teacher, name="11A History")
    make_slips(classroom)

    page = teacher_client.get(url("slips", other)).content.decode()

    assert "There are no login slips to show" in page
    assert other.get_absolute_url() in page


def test_adding_more_students_adds_to_the_slips(teacher_client, make_slips, classroom):
    make_slips(classroom)
    teacher_client.post(url("add_student", classroom), {"first_name": "Cara", "last_name": "Lee"})

    slips = kept_slips(classroom, classroom.teacher)
    assert [slip["username"] for slip in slips] == ["asmith2", "bjones1", "clee1"]


def test_the_slips_are_not_cached_and_can_be_cleared(teacher_client, make_slips, classroom):
    make_slips(classroom)

    assert "no-store" in teacher_client.get(url("slips", classroom))["Cache-Control"]
    response = teacher_client.post(url("slips", classroom))

    assert response["Location"] == classroom.get_absolute_url()
    assert kept_slips(classroom, classroom.teacher) == []
    page = teacher_client.get(url("slips", classroom)).content.decode()
    assert "There are no login slips to show" in page


def test_the_slips_download_as_csv_for_excel(teacher_client, make_slips, classroom):
    slips = make_slips(classroom, "Siân,Jones\n=cmd,Evil\n")

    response = teacher_client.get(url("slips_csv", classroom))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="10b-history-logins.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    link = "http://testserver/q/{}/".format
    assert list(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == [
        ["Name", "Username", "Password", "Sign-in link"],
        ["Siân Jones", "sjones1", slips[0]["password"], link(slips[0]["token"])],
        ["'=cmd Evil", "cevil1", slips[1]["password"], link(slips[1]["token"])],
    ]


def test_the_csv_without_slips_sends_the_teacher_to_the_slips_page(teacher_client, classroom):
    response = teacher_client.get(url("slips_csv", classroom))

    assert response["Location"] == url("slips", classroom)


# Passwords, removing students, join codes


def test_a_reset_password_is_shown_once_and_works(teacher_client, classroom, student, client):
    response = teacher_client.post(url("reset_password", classroom, student))

    password = response.context["slip"]["password"]
    assert password in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    client.logout()
    assert signs_in(client, "asmith1", "correct-horse-battery") is False
    assert signs_in(client, "asmith1", password)


def test_resetting_a_password_asks_first_naming_the_student(teacher_client, classroom, student):
    student.first_name, student.last_name = "Alice", "Smith"
    student.save()

    confirm = teacher_client.get(url("reset_password", classroom, student))

    page = confirm.content.decode()
    assert "Reset the password of Alice Smith?" in page
    assert "asmith1" in page
    assert 'method="post"' in page
    student.refresh_from_db()
    assert student.check_password("correct-horse-battery")


def test_the_class_page_links_to_the_question_not_the_reset(teacher_client, classroom, student):
    page = teacher_client.get(classroom.get_absolute_url()).content.decode()

    reset = url("reset_password", classroom, student)
    assert f'href="{reset}"' in page
    assert f'action="{reset}"' not in page


def test_removing_a_student_asks_first_then_keeps_the_account(teacher_client, classroom, student):
    confirm = teacher_client.get(url("remove_student", classroom, student))
    assert "Remove from the class" in confirm.content.decode()
    assert classroom.students.filter(pk=student.pk).exists()

    response = teacher_client.post(url("remove_student", classroom, student))

    assert response["Location"] == classroom.get_absolute_url()
    assert not classroom.students.filter(pk=student.pk).exists()
    assert User.objects.filter(pk=student.pk).exists()
    assert "Their account still exists" in messages_of(response)[0]


def test_a_new_join_code_replaces_the_old_one(teacher_client, classroom):
    response = teacher_client.post(url("regenerate_code", classroom))

    classroom.refresh_from_db()
    assert classroom.join_code != "K7PQ2M"
    assert response["Location"] == f"/classes/{classroom.pk}/"
    assert messages_of(response) == [
        f"The new join code is {classroom.join_code}. The old code no longer works."
    ]
    assert teacher_client.get(url("regenerate_code", classroom)).status_code == 405


# Students joining with a code


def test_a_student_joins_with_the_code_in_any_case_with_spaces(client, classroom):
    newcomer = factories.make_student(username="newcomer")
    client.force_login(newcomer)

    response = client.post(reverse("classrooms:join"), {"code": " k7p q2m "})

    assert response["Location"] == reverse("home")
    assert classroom.students.filter(pk=newcomer.pk).exists()
    assert messages_of(response) == ["You have joined 10B History."]


def test_joining_twice_is_harmless(student_client, classroom):
    response = student_client.post(reverse("classrooms:join"), {"code": "K7PQ2M"})

    assert messages_of(response) == ["You are already in 10B History."]
    assert Enrolment.objects.filter(classroom=classroom).count() == 1


def test_a_bad_join_code_is_a_form_error(student_client, classroom):
    response = student_client.post(reverse("classrooms:join"), {"code": "NOPE22"})

    assert response.context["form"].errors == {
        "code": ["No class has that code. Check it with your teacher."]
    }


def test_only_students_join_classes(teacher_client, client, classroom):
    assert teacher_client.get(reverse("classrooms:join")).status_code == 404
    client.logout()
    assert client.get(reverse("classrooms:join"))["Location"].startswith(reverse("login"))


# Signing up with a code


def signup_data(**kwargs):
    data = {
        "code": "k7pq2m",
        "first_name": "Cara",
        "last_name": "Lee",
        "username": "",
        "password1": "lantern-otter-91",
        "password2": "lantern-otter-91",
    }
    return data | kwargs


def test_signing_up_makes_an_enrolled_student_and_signs_them_in(client, classroom):
    response = client.post(reverse("classrooms:signup"), signup_data())

    assert response["Location"] == reverse("home")
    new = User.objects.get(username="clee1")
    assert is_student(new)
    assert classroom.students.filter(pk=new.pk).exists()
    assert client.session["_auth_user_id"] == str(new.pk)
    assert "Your username is clee1" in messages_of(response)[0]


def test_a_student_may_choose_their_username(client, classroom):
    client.post(reverse("classrooms:signup"), signup_data(username="CaraL"))

    assert User.objects.get(username="caral").check_password("lantern-otter-91")


def test_the_signup_code_can_come_from_a_link(client, classroom):
    response = client.get(reverse("classrooms:signup") + "?code=K7PQ2M")

    assert response.context["form"]["code"].value() == "K7PQ2M"


@pytest.mark.parametrize(
    "change, field, error",
    [
        ({"code": "NOPE22"}, "code", "No class has that code"),
        ({"username": "ASmith1"}, "username", "That username is taken"),
        ({"username": "cara lee"}, "username", "can only use letters"),
        ({"password1": "password", "password2": "password"}, "password2", "too common"),
        ({"password2": "lantern-otter-92"}, "password2", "didn’t match"),
        ({"first_name": ""}, "first_name", "required"),
    ],
)
def test_signup_mistakes_are_form_errors(client, classroom, change, field, error):
    before = User.objects.count()

    response = client.post(reverse("classrooms:signup"), signup_data(**change))

    assert error in " ".join(response.context["form"].errors[field])
    assert User.objects.count() == before
    assert "_auth_user_id" not in client.session


def test_a_signed_in_student_is_sent_to_join_instead(student_client):
    response = student_client.get(reverse("classrooms:signup"))

    assert response["Location"] == reverse("classrooms:join")


# Who may see what


TEACHER_PAGES = [
    ("add_student", "get", False, 200),
    ("bulk_add", "get", False, 200),
    ("bulk_preview", "get", False, 302),
    ("slips", "get", False, 200),
    ("slips_csv", "get", False, 302),
    ("reset_password", "post", True, 200),
    ("remove_student", "get", True, 200),
    ("regenerate_code", "post", False, 302),
]


@pytest.mark.parametrize("name, method, needs_student, ok", TEACHER_PAGES)
def test_teacher_pages_are_for_the_classs_teacher_only(
    client, classroom, teacher, student, other_teacher, name, method, needs_student, ok
):
    address = url(name, classroom, student if needs_student else None)
    outsider = factories.make_student(username="outsider")
    factories.enrol(factories.make_classroom(teacher=other_teacher), outsider)

    def status(user):
        client.logout()
        if user:
            client.force_login(user)
        return getattr(client, method)(address)

    assert status(None)["Location"].startswith(reverse("login"))
    assert status(student).status_code == 404
    assert status(outsider).status_code == 404
    assert status(other_teacher).status_code == 404
    assert status(teacher).status_code == ok


@pytest.mark.parametrize("name", ["reset_password", "remove_student"])
def test_a_student_of_another_class_is_not_found(teacher_client, teacher, classroom, name):
    stranger = factories.make_student(username="stranger")
    factories.enrol(factories.make_classroom(name="Other"), stranger)
    mine_elsewhere = factories.make_student(username="mine")
    factories.enrol(factories.make_classroom(teacher=teacher, name="11A"), mine_elsewhere)

    for someone in [stranger, mine_elsewhere, teacher]:
        assert teacher_client.post(url(name, classroom, someone)).status_code == 404


def test_signup_says_nothing_about_usernames_without_a_valid_code(client, classroom):
    taken = client.post(
        reverse("classrooms:signup"), signup_data(code="NOPE22", username="asmith1")
    )
    free = client.post(reverse("classrooms:signup"), signup_data(code="NOPE22", username="zzfree"))

    assert taken.context["form"].errors == free.context["form"].errors
    assert set(taken.context["form"].errors) == {"code"}


def test_signup_with_a_valid_code_says_a_username_is_taken(client, classroom):
    response = client.post(reverse("classrooms:signup"), signup_data(username="ASmith1"))

    assert response.context["form"].errors["username"] == [
        "That username is taken: choose another, or leave it blank."
    ]


def test_slips_csv_guards_usernames_that_look_like_formulas(teacher_client, make_slips, classroom):
    make_slips(classroom, "Ann,Able,-9+9\nBen,Bold,@c3\n")

    response = teacher_client.get(url("slips_csv", classroom))

    rows = list(csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff"))))
    assert [row[1] for row in rows[1:]] == ["'-9+9", "'@c3"]
