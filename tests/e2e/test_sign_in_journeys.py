"""Signing in, in the browser: a class list made in the background, then a QR code scanned."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from classrooms import slips
from classrooms.models import Classroom
from tests import factories
from tests.e2e.helpers import field, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROSTER = "Anna,Smith\nBen,Okafor\nChloe,Davies\n"


def test_the_accounts_are_made_by_the_worker_while_the_page_shows_progress_then_a_qr_code_signs_in(
    new_page, course, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    teacher = factories.make_teacher(username="mrs_jones")
    classroom = factories.make_classroom(teacher=teacher, name="10B History")
    page = new_page()
    sign_in(page, "mrs_jones")
    page.goto(classroom.get_absolute_url())
    page.get_by_role("link", name="Add from a list").click()
    field(page, "Paste the list").fill(ROSTER)
    page.get_by_role("button", name="Check the list").click()
    page.get_by_role("button", name="Make the accounts").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Making 3 accounts")
    expect(page.get_by_role("status").filter(has_text="0 of 3 ready")).to_be_visible()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    # The page polls the job's status and moves on by itself.
    expect(page).to_have_title(re.compile("Login slips for 10B History"), timeout=15_000)
    expect(page.get_by_role("article")).to_have_count(3)
    expect(page.get_by_role("img", name="QR code that signs Anna Smith in")).to_be_visible()

    [anna, *_] = slips.current_slips(Classroom.objects.get(), teacher)[0]
    phone = new_page(viewport={"width": 360, "height": 740}, is_mobile=True)
    phone.goto(f"/q/{anna['token']}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Sign in with your QR code")
    phone.get_by_label("Keep me signed in on this device").check()
    phone.get_by_role("button", name="Sign in").click()

    expect(phone).to_have_url(re.compile(r"/my-work/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("My work")
    assert "sessionid" not in phone.evaluate("document.cookie")  # HttpOnly
    [cookie] = [c for c in phone.context.cookies() if c["name"] == "sessionid"]
    assert cookie["expires"] > 0  # kept past the browser closing: she ticked the box
    assert get_user_model().objects.filter(username="asmith1").exists()
