"""A teacher adds a class from a pasted list of names: the preview, the duplicate, the slips."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from classrooms import accounts, slips
from tests import factories
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import assert_accessible, assert_no_sideways_scroll, field, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FORENAMES = ["Anna", "Ben", "Chloe", "Dylan", "Ella", "Finn", "Grace", "Harry", "Isla", "Jack"]
SURNAMES = ["Smith", "Okafor", "Davies"]
# 29 new names, and one student already in the class, pasted as a register lists them.
NAMES = [*[f"{first} {last}" for last in SURNAMES for first in FORENAMES][:29], "Nina Brown"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
A4_PRINTABLE_WIDTH = 703  # px: 210 mm less the 12 mm margins of slips.css, at 96 px an inch


def lines_of_passwords(page):
    """[(password, lines it takes, whether it overflows its slip)] for every slip on the page."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.slip-password')].map((dd) => {
            const lineHeight = parseFloat(getComputedStyle(dd).lineHeight);
            const slip = dd.closest('.slip').getBoundingClientRect();
            const box = dd.getBoundingClientRect();
            return [dd.textContent, Math.round(box.height / lineHeight),
                    box.right > slip.right || dd.scrollWidth > dd.clientWidth];
        })"""
    )


def assert_passwords_on_one_line(page):
    for password, lines, overflows in lines_of_passwords(page):
        assert (lines, overflows) == (1, False), f"{password}: {lines} lines, overflows {overflows}"


def test_a_pasted_register_is_previewed_with_the_duplicate_flagged_then_printed(new_page, course):
    teacher = factories.make_teacher(username="mrs_jones")
    classroom = factories.make_classroom(teacher=teacher, name="10B History")
    nina = factories.make_student(username="nbrown1", first_name="Nina", last_name="Brown")
    factories.enrol(classroom, nina)
    page = new_page(viewport=DESKTOP)

    sign_in(page, "mrs_jones")
    page.goto(classroom.get_absolute_url())
    page.get_by_role("link", name="Add from a list").click()
    field(page, "Paste the list").fill("\n".join(NAMES))
    page.get_by_role("button", name="Check the list").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the list before the accounts are made"
    )
    expect(page.get_by_text("Read as: One name a line, “Forename Surname”")).to_be_visible()
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(32)  # the heading row, 30 names and the duplicate's note
    expect(rows.nth(1)).to_contain_text("Anna")
    expect(rows.nth(1)).to_contain_text("asmith1")
    expect(rows.filter(has_text="Brown").first).to_contain_text("nbrown2 if added")
    duplicate = rows.filter(has_text="Already in the class as nbrown1.")
    expect(duplicate).to_contain_text("Skipped")
    expect(duplicate.get_by_label("Add anyway: Nina Brown")).not_to_be_checked()
    page.reload()  # the preview is kept: nothing to paste again
    expect(rows).to_have_count(32)
    assert_accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "list-preview-1280.png", full_page=True)
    page.set_viewport_size(PHONE)
    assert_no_sideways_scroll(page, PHONE["width"])
    page.screenshot(path=ARTIFACTS / "list-preview-360.png", full_page=True)
    page.set_viewport_size(DESKTOP)

    page.get_by_role("button", name="Make the accounts").click()

    expect(page).to_have_title(re.compile("Login slips for 10B History"))
    expect(page.get_by_role("article")).to_have_count(29)
    assert classroom.students.filter(first_name="Nina").count() == 1
    page.goto(classroom.get_absolute_url())
    page.get_by_role("link", name="Print the login slips").click()
    expect(page.get_by_role("button", name="Print 29 slips")).to_be_visible()
    page.set_viewport_size({"width": A4_PRINTABLE_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print 29 slips")).to_be_hidden()
    assert_passwords_on_one_line(page)


def test_the_longest_password_stays_on_one_line_on_a_phone_a_screen_and_a4(new_page, course):
    teacher = factories.make_teacher(username="mrs_jones")
    classroom = factories.make_classroom(teacher=teacher, name="10B History")
    longest = max(accounts.WORDS, key=len)
    password = "-".join([longest] * 3 + ["42"])
    batch = slips.new_batch(classroom=classroom, teacher=teacher, roster=[])
    slips.keep(
        batch,
        [
            {
                "name": "Maximilian Oyelaran-Featherstonehaugh",
                "username": "moyelaranfeatherstonehaug1",
                "password": password,
                "token": "x" * 32,
            }
        ]
        * 4,
    )
    page = new_page(viewport=PHONE)
    sign_in(page, "mrs_jones")

    page.goto(reverse("classrooms:slips", args=[classroom.pk]))

    expect(page.get_by_role("article")).to_have_count(4)
    assert_no_sideways_scroll(page, PHONE["width"])
    assert_passwords_on_one_line(page)
    page.screenshot(path=ARTIFACTS / "slips-360.png", full_page=True)
    for width in (1280, 1024, 768):  # screens: columns no narrower than the password
        page.set_viewport_size({"width": width, "height": 900})
        assert_passwords_on_one_line(page)
    page.set_viewport_size({"width": A4_PRINTABLE_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    assert_passwords_on_one_line(page)
    page.screenshot(path=ARTIFACTS / "slips-print-a4.png", full_page=True)


def test_a_bad_line_is_shown_with_its_number_and_fixed_on_a_phone(new_page, course):
    teacher = factories.make_teacher(username="mrs_jones")
    classroom = factories.make_classroom(teacher=teacher, name="10B History")
    page = new_page(viewport=PHONE)
    sign_in(page, "mrs_jones")
    page.goto(reverse("classrooms:bulk_add", args=[classroom.pk]))

    field(page, "Paste the list").fill("Smith, Anna\nOkafor Ben\n")
    page.get_by_role("button", name="Check the list").click()

    problems = page.get_by_role("alert")
    expect(problems).to_contain_text("Nothing was added: 1 problem to fix")
    expect(problems.get_by_role("row").nth(1)).to_contain_text("2")
    expect(problems).to_contain_text("No comma: give “Surname, Forename”.")
    assert_no_sideways_scroll(page, PHONE["width"])
    page.screenshot(path=ARTIFACTS / "list-problems-360.png", full_page=True)
    field(page, "Paste the list").fill("Smith, Anna\nOkafor, Ben\n")
    page.get_by_role("button", name="Check the list").click()

    expect(page.get_by_text("Read as: One name a line, “Surname, Forename”")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Okafor")).to_contain_text("bokafor1")
    assert classroom.students.count() == 0
