"""How long a sign-in lasts: short for students on shared computers, a term when they ask."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.factories import PASSWORD
from tests.signing_in import sign_in
from ussr_revision.sessions import LAST_SEEN

pytestmark = pytest.mark.django_db


def session_cookie(client):
    return client.cookies["sessionid"]


def test_the_sign_in_page_offers_to_keep_me_signed_in(client):
    page = client.get(reverse("login")).content.decode()

    assert "Keep me signed in on this device" in page


def test_a_student_who_does_not_tick_it_is_signed_out_when_the_browser_closes(client, student):
    sign_in(client, "asmith1", PASSWORD)

    assert session_cookie(client)["max-age"] == ""  # a browser-session cookie
    assert client.session.get_expire_at_browser_close()


def test_a_short_session_ends_after_half_an_hour_without_a_page(client, student, settings):
    sign_in(client, "asmith1", PASSWORD)
    assert client.get(reverse("classrooms:dashboard")).status_code == 200
    session = client.session
    idle = settings.STUDENT_IDLE_TIMEOUT.total_seconds()
    session[LAST_SEEN] = int(time.time() - idle - 5)
    session.save()

    response = client.get(reverse("classrooms:dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_using_the_site_keeps_a_short_session_alive(client, student, settings):
    sign_in(client, "asmith1", PASSWORD)
    session = client.session
    session[LAST_SEEN] = int(time.time() - settings.STUDENT_IDLE_TIMEOUT.total_seconds() + 60)
    session.save()

    assert client.get(reverse("classrooms:dashboard")).status_code == 200

    assert client.session[LAST_SEEN] >= int(time.time()) - 5


def test_ticking_it_keeps_a_student_signed_in_for_the_term(client, student, settings):
    sign_in(client, "asmith1", PASSWORD, remember=True)

    age = int(session_cookie(client)["max-age"])
    assert abs(age - settings.REMEMBER_ME_AGE.total_seconds()) < 60
    assert LAST_SEEN not in client.session
    assert client.session.get_expiry_date() > timezone.now() + timedelta(days=100)


def test_teachers_keep_the_usual_session_without_ticking_it(client, settings):
    factories.make_teacher(username="mrs_jones", password=PASSWORD)

    sign_in(client, "mrs_jones", PASSWORD)

    assert int(session_cookie(client)["max-age"]) == settings.SESSION_COOKIE_AGE
    assert LAST_SEEN not in client.session
