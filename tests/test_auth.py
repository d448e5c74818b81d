import pytest
from django.urls import reverse

from tests import factories
from tests.signing_in import signs_in

pytestmark = pytest.mark.django_db


def test_students_sign_in_with_their_username_in_any_case(client):
    factories.make_student(username="asmith1", password="river-tiger-lamp-42")

    assert signs_in(client, "ASmith1", "river-tiger-lamp-42")


def test_an_exact_match_wins_over_another_account_differing_in_case(client):
    factories.make_student(username="asmith1", password="first-password-99")
    factories.make_student(username="ASmith1", password="second-password-99")

    assert signs_in(client, "ASmith1", "second-password-99")
    client.logout()
    assert not signs_in(client, "Asmith1", "first-password-99")


def test_the_wrong_password_is_refused(client):
    factories.make_student(username="asmith1", password="river-tiger-lamp-42")
    assert not signs_in(client, "asmith1", "wrong")


def test_the_sign_in_page_signs_in_and_goes_to_the_students_work(client):
    factories.make_student(username="asmith1", password="river-tiger-lamp-42")

    response = client.post(
        reverse("login"), {"username": "asmith1", "password": "river-tiger-lamp-42"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("classrooms:dashboard")


def test_home_sends_each_role_to_its_work(client, teacher, student, admin_user):
    for user, page in [
        (teacher, "classrooms:list"),
        (student, "classrooms:dashboard"),
        (admin_user, "admin:index"),
    ]:
        client.force_login(user)
        assert client.get(reverse("home"))["Location"] == reverse(page)


def test_signing_out_needs_a_post(student_client):
    assert student_client.get(reverse("logout")).status_code == 405
    assert student_client.post(reverse("logout")).status_code == 302


def test_a_missing_page_explains_itself_and_leads_home(student_client):
    response = student_client.get("/course/topics/no-such-topic/")

    assert response.status_code == 404
    assert "This page isn" in response.content.decode()
    assert reverse("home") in response.content.decode()


def test_each_role_gets_its_own_navigation_though_it_is_drawn_once(client, teacher, student):
    page = reverse("password_change_done")
    for user, mine, other in [
        (student, "My work", "Quizzes"),
        (teacher, "Quizzes", "My work"),
        (student, "My work", "Quizzes"),
    ]:
        client.force_login(user)
        html = client.get(page).content.decode()
        assert f">{mine}</a>" in html and f">{other}</a>" not in html
