import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from classrooms import slips as slip_store
from classrooms.models import Enrolment
from tests import factories
from tests.signing_in import signs_in
from ussr_revision.roles import is_student

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def classroom(teacher, student):
    classroom = factories.make_classroom(teacher=teacher, name="10B History", join_code="K7PQ2M")
    return factories.enrol(classroom, student)


@pytest.fixture
def other_teacher(db):
    return factories.make_teacher(username="mr_brown")


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

    def post(classroom, data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            response = teacher_client.post(url("bulk_add", classroom), data, **kwargs)
        return response

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
    assert "<td>3</td><td>Last name is missing.</td>" in page
    assert "<td>4</td><td>Username “asmith1” is already taken.</td>" in page


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
