"""Sign-in throttling (django-axes): per username and address, a clear page, and no hashing
once locked out."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.sites import site
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.factories import PASSWORD
from tests.signing_in import sign_in, signs_in

pytestmark = pytest.mark.django_db

SCHOOL = "203.0.113.7"  # one NAT address for a whole school


def fail(client, username, times, ip=SCHOOL):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password", REMOTE_ADDR=ip)
    return response


def test_five_wrong_passwords_lock_the_account_out_from_that_address(client, student, settings):
    first = fail(client, "asmith1", settings.SIGN_IN_FAILURE_LIMIT - 1)
    assert first.status_code == 200  # the form again, with the error

    locked = fail(client, "asmith1", 1)

    assert locked.status_code == 429
    assert not signs_in(client, "asmith1", PASSWORD, REMOTE_ADDR=SCHOOL)


def test_a_locked_out_pupil_does_not_lock_out_the_rest_of_the_school(client, student):
    classmate = factories.make_student(username="bjones1", password=PASSWORD)
    fail(client, "asmith1", 5)

    assert signs_in(client, classmate.username, PASSWORD, REMOTE_ADDR=SCHOOL)


def test_the_same_username_from_another_address_can_still_sign_in(client, student):
    fail(client, "asmith1", 5)

    assert signs_in(client, "asmith1", PASSWORD, REMOTE_ADDR="198.51.100.20")


def test_usernames_in_other_cases_count_as_one(client, student):
    # Usernames sign in in any case: otherwise every capitalisation gets five more tries.
    for username in ["asmith1", "ASmith1", "ASMITH1", "Asmith1", "aSmith1"]:
        fail(client, username, 1)

    assert not signs_in(client, "asmith1", PASSWORD, REMOTE_ADDR=SCHOOL)


def test_the_locked_out_page_says_when_to_try_again_and_that_the_teacher_can_unlock(
    client, student
):
    response = fail(client, "asmith1", 5)

    page = response.content.decode()
    ends = timezone.localtime(timezone.now() + timedelta(minutes=15))
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert f"try again at <strong>{ends:%H:%M}</strong>" in page
    assert "in about 15 minutes" in page
    assert "Your teacher can unlock you" in page


def test_tries_while_locked_out_cost_no_password_hash(client, student, monkeypatch):
    fail(client, "asmith1", 5)
    hashed = []
    real_verify = MD5PasswordHasher.verify
    monkeypatch.setattr(
        MD5PasswordHasher,
        "verify",
        lambda self, *args: hashed.append(1) or real_verify(self, *args),
    )

    for _ in range(10):
        assert sign_in(client, "asmith1", "guess", REMOTE_ADDR=SCHOOL).status_code == 429

    assert hashed == []


def test_tries_while_locked_out_do_not_make_the_lockout_longer(client, student):
    fail(client, "asmith1", 5)
    before = AccessAttempt.objects.get(username="asmith1").attempt_time

    fail(client, "asmith1", 3)

    assert AccessAttempt.objects.get(username="asmith1").attempt_time == before


def test_the_lockout_ends_after_the_cool_off(client, student):
    fail(client, "asmith1", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert signs_in(client, "asmith1", PASSWORD, REMOTE_ADDR=SCHOOL)


def test_signing_in_clears_the_earlier_failures(client, student):
    fail(client, "asmith1", 4)
    assert signs_in(client, "asmith1", PASSWORD, REMOTE_ADDR=SCHOOL)
    client.logout()

    assert fail(client, "asmith1", 4).status_code == 200


def test_the_wrong_password_message_does_not_say_usernames_are_case_sensitive(client, student):
    response = sign_in(client, "asmith1", "wrong-password")

    [error] = response.context["form"].non_field_errors()
    assert "case-sensitive" not in error
    assert "the username can be typed in capitals or not" in error


def test_admins_can_see_and_clear_lockouts_in_the_admin(client, student, admin_client):
    fail(client, "asmith1", 5)
    [attempt] = AccessAttempt.objects.all()
    assert AccessAttempt in site._registry

    listing = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )

    assert "asmith1" in listing.content.decode()
    assert not AccessAttempt.objects.exists()
    assert signs_in(client, "asmith1", PASSWORD, REMOTE_ADDR=SCHOOL)


# Teachers unlocking their students


def unlock_url(classroom, student):
    return reverse("classrooms:unlock", kwargs={"pk": classroom.pk, "student_pk": student.pk})


def test_the_class_page_shows_a_locked_out_student_with_an_unlock_button(
    client, classroom, student, teacher
):
    page = lambda: client.get(classroom.get_absolute_url()).content.decode()  # noqa: E731
    client.force_login(teacher)
    assert "Locked out" not in page()
    client.logout()
    fail(client, "ASmith1", 5)
    client.force_login(teacher)

    assert "Locked out" in page()
    assert unlock_url(classroom, student) in page()


def test_a_teacher_unlocks_their_student(client, classroom, student, teacher):
    fail(client, "asmith1", 5)
    client.force_login(teacher)

    response = client.post(unlock_url(classroom, student))

    assert response["Location"] == classroom.get_absolute_url()
    client.logout()
    assert signs_in(client, "asmith1", PASSWORD, REMOTE_ADDR=SCHOOL)


def test_a_teacher_cannot_unlock_students_not_theirs(client, classroom, student):
    fail(client, "asmith1", 5)
    other_teacher = factories.make_teacher()
    their_class = factories.make_classroom(teacher=other_teacher)
    client.force_login(other_teacher)

    assert client.post(unlock_url(classroom, student)).status_code == 404
    assert client.post(unlock_url(their_class, student)).status_code == 404
    assert AccessAttempt.objects.filter(username="asmith1").exists()
