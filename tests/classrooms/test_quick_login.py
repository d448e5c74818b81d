"""Signing in with the QR code on a login slip."""

import hashlib
import re

import pytest
from django.urls import reverse

from classrooms import accounts, quick_login
from classrooms.models import LoginCode
from tests import factories
from tests.signing_in import signs_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(student):
    return quick_login.issue_token(student)


def qr_url(token):
    return reverse("classrooms:qr_login", args=[token])


def test_a_token_is_long_and_random_and_kept_only_as_its_sha256(student, token):
    [code] = LoginCode.objects.filter(student=student)

    assert len(token) >= 43  # 32 bytes
    assert code.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in code.token_hash
    assert quick_login.issue_token(student) != token


def test_opening_the_link_only_asks_to_confirm(client, token):
    response = client.get(qr_url(token))

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session  # a link preview signs no one in
    assert '<form method="post"' in response.content.decode()


def test_confirming_signs_the_student_in_and_goes_to_their_work(client, student, token):
    response = client.post(qr_url(token), follow=True)

    assert client.session["_auth_user_id"] == str(student.pk)
    assert response.redirect_chain[-1][0] == reverse("classrooms:dashboard")


def test_a_qr_sign_in_checks_no_password(client, token, settings, monkeypatch):
    from django.contrib.auth.hashers import MD5PasswordHasher

    monkeypatch.setattr(MD5PasswordHasher, "verify", lambda *args: pytest.fail("hashed"))

    client.post(qr_url(token))

    assert "_auth_user_id" in client.session


def test_the_qr_sign_in_honours_keep_me_signed_in(client, token):
    client.post(qr_url(token))
    assert client.session.get_expire_at_browser_close()

    client.post(qr_url(token), {"remember": "on"})
    assert not client.session.get_expire_at_browser_close()


def test_a_wrong_token_signs_no_one_in_and_says_so(client, token):
    response = client.post(qr_url("x" * 43))

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "This QR code no longer signs in" in response.content.decode()


def test_a_revoked_token_no_longer_signs_in(client, teacher, classroom, student, token):
    client.force_login(teacher)
    revoke = reverse("classrooms:revoke_qr", kwargs={"pk": classroom.pk, "student_pk": student.pk})
    assert "Turn off QR code" in client.get(classroom.get_absolute_url()).content.decode()

    client.post(revoke)
    client.logout()
    client.post(qr_url(token))

    assert "_auth_user_id" not in client.session
    assert not LoginCode.objects.filter(student=student).exists()


def test_a_teacher_cannot_revoke_the_token_of_a_student_not_theirs(client, classroom, student):
    quick_login.issue_token(student)
    client.force_login(factories.make_teacher())
    revoke = reverse("classrooms:revoke_qr", kwargs={"pk": classroom.pk, "student_pk": student.pk})

    assert client.post(revoke).status_code == 404
    assert LoginCode.objects.filter(student=student).exists()


def test_resetting_the_password_replaces_the_qr_code(client, teacher, classroom, student, token):
    client.force_login(teacher)
    reset = reverse(
        "classrooms:reset_password", kwargs={"pk": classroom.pk, "student_pk": student.pk}
    )
    response = client.post(reset)
    new_token = response.context["slip"]["token"]
    client.logout()

    client.post(qr_url(token))
    assert "_auth_user_id" not in client.session
    client.post(qr_url(new_token))
    assert client.session["_auth_user_id"] == str(student.pk)


def test_a_deactivated_student_cannot_sign_in_by_qr_code(client, student, token):
    student.is_active = False
    student.save()

    client.post(qr_url(token))

    assert "_auth_user_id" not in client.session


def test_every_slip_has_a_qr_code_of_the_sign_in_link(teacher_client, classroom):
    teacher_client.post(
        reverse("classrooms:add_student", kwargs={"pk": classroom.pk}),
        {"first_name": "Cara", "last_name": "Lee"},
    )

    page = teacher_client.get(reverse("classrooms:slips", kwargs={"pk": classroom.pk}))

    html = page.content.decode()
    assert re.search(r'<svg class="slip-qr" role="img" aria-label="QR code that signs Cara', html)
    assert "style=" not in html


def test_new_accounts_get_working_qr_codes(client, classroom):
    [slip] = accounts.create_students(
        classroom=classroom, rows=[accounts.RosterRow(1, "Cara", "Lee")]
    )

    client.post(qr_url(slip["token"]))

    assert client.session["_auth_user_id"] == str(classroom.students.get(username="clee1").pk)


def test_bad_qr_codes_from_one_address_are_throttled(client, token, settings):
    for _ in range(settings.QR_FAILURE_LIMIT):
        client.post(qr_url("wrong" * 9), REMOTE_ADDR="203.0.113.7")

    locked = client.post(qr_url(token), REMOTE_ADDR="203.0.113.7")

    assert locked.status_code == 429
    assert "sign in with your username and password now" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_bad_qr_codes_do_not_lock_anyone_out_of_password_sign_in(client, student, settings):
    for _ in range(settings.QR_FAILURE_LIMIT):
        client.post(qr_url("wrong" * 9), REMOTE_ADDR="203.0.113.7")

    assert signs_in(client, student.username, "correct-horse-battery", REMOTE_ADDR="203.0.113.7")
