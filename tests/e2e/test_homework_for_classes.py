"""A teacher sets one quiz for two classes and as a catch-up for two students of a third, then
archives a class and restores it (at desktop width)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from classrooms.models import Assignment
from tests import factories
from tests.e2e.helpers import assert_accessible, field, message, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def test_teacher_sets_a_quiz_for_two_classes_and_two_students_then_archives_a_class(
    new_page, course
):
    teacher = factories.make_teacher(username="mrs_jones")
    quiz = factories.make_quiz(teacher, title="The Purges")
    ten_a, ten_b, ten_c = (
        factories.make_classroom(teacher=teacher, name=name)
        for name in ("10A History", "10B History", "10C History")
    )
    away = [
        factories.make_student(username="asmith1", first_name="Anna", last_name="Smith"),
        factories.make_student(username="bokafor1", first_name="Ben", last_name="Okafor"),
    ]
    present = factories.make_student(username="cdavies1", first_name="Chloe", last_name="Davies")
    factories.enrol(ten_c, *away, present)
    due = (timezone.localtime() + timedelta(days=7)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    page = new_page(**DESKTOP)

    sign_in(page, "mrs_jones")
    page.get_by_role("link", name="Quizzes").click()
    page.get_by_role("link", name=re.compile("The Purges")).click()
    page.get_by_role("link", name="Set as homework").click()
    expect(field(page, "Quiz")).to_have_value(str(quiz.pk))
    assert_accessible(page)
    page.get_by_label("10A History", exact=True).check()
    page.get_by_label("10B History", exact=True).check()
    field(page, "Due at").fill(due.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Set the homework").click()

    expect(message(page, "The Purges set for 10A History, 10B History")).to_be_visible()
    assert sorted(Assignment.objects.values_list("classroom__name", flat=True)) == [
        "10A History",
        "10B History",
    ]

    page.get_by_role("link", name=re.compile(r"^10C History")).click()
    page.get_by_role("link", name="Set homework").click()
    field(page, "Quiz").select_option(label="The Purges")
    field(page, "Due at").fill(due.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Anna Smith (asmith1)").check()
    page.get_by_label("Ben Okafor (bokafor1)").check()
    assert_accessible(page)
    page.get_by_role("button", name="Set the homework").click()

    expect(message(page, "The Purges set for 2 students of 10C History")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("The Purges"))).to_contain_text(
        "for 2 students"
    )
    catch_up = Assignment.objects.get(classroom=ten_c)
    assert set(catch_up.chosen_students.all()) == set(away)
    page.get_by_role("link", name=re.compile("The Purges")).click()
    grid = page.get_by_role("table", name=re.compile("^Each student.s status"))
    expect(grid.locator("tbody").get_by_role("rowheader")).to_have_count(2)
    expect(grid).not_to_contain_text("Chloe Davies")
    page.get_by_text("Not started yet (2)").click()
    expect(page.get_by_label("To copy into an email or a register:")).to_have_value(
        "Ben Okafor (bokafor1)\nAnna Smith (asmith1)\n"
    )

    # Only the chosen students see the catch-up.
    chloe = new_page(**DESKTOP)
    sign_in(chloe, "cdavies1")
    expect(chloe.get_by_role("main")).not_to_contain_text("The Purges")
    anna = new_page(**DESKTOP)
    sign_in(anna, "asmith1")
    expect(anna.get_by_role("main")).to_contain_text("The Purges")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Classes").click()
    page.get_by_role("link", name=re.compile(r"^10B History")).click()
    page.get_by_role("button", name="Archive 10B History").click()
    expect(message(page, "10B History is archived")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^10B History"))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile(r"^10A History"))).to_be_visible()

    page.get_by_role("link", name="Archived classes and homework").click()
    assert_accessible(page)
    archived = page.get_by_role("listitem").filter(has_text="10B History")
    expect(archived).to_contain_text("1 homework")
    archived.get_by_role("button", name="Restore").click()

    expect(message(page, "10B History is back in your classes")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("10B History")
    expect(page.get_by_role("link", name=re.compile("The Purges"))).to_be_visible()
    assert_accessible(page)  # the class page, with its archive and delete controls
    ten_b.refresh_from_db()
    assert ten_b.archived_at is None and ten_a.archived_at is None
