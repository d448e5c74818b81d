"""axe-core on the pages people use most: no "serious" or "critical" problem may ship.

axe is vendored in static/vendor/axe-core-<version>/ (from its npm package) and injected into
each page after it loads.
"""

import pytest
from playwright.sync_api import expect

from quizzes.models import Kind
from tests import factories
from tests.e2e.helpers import (
    accessibility_problems,
    answer_question,
    assert_accessible,
    describe,
    hand_in,
    homework,
    sign_in,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_login_page(new_page, transactional_db):
    page = new_page()
    page.goto("/accounts/login/")

    assert_accessible(page)


def test_student_dashboard(new_page, course):
    student = factories.make_student(username="asmith1")
    homework(students=[student], name="10B History")
    done = homework(students=[student], name="10B History revision club")
    hand_in(done, student, wrong={Kind.TYPED})
    page = new_page()

    sign_in(page, "asmith1")
    expect(page.get_by_role("heading", name="My work")).to_be_visible()

    assert_accessible(page)


def test_homework_questions_of_every_kind(new_page, course):
    student = factories.make_student(username="asmith1")
    assignment = homework(students=[student])
    page = new_page()
    sign_in(page, "asmith1")
    page.get_by_role("link", name="The Terror").click()
    page.get_by_role("button", name="Start").click()

    problems = []
    questions = assignment.quiz.ordered_questions()
    for number, question in enumerate(questions, start=1):
        page.get_by_role("navigation", name="Questions").get_by_role(
            "link", name=f"Question {number}, not answered"
        ).click()
        expect(page.get_by_text(f"Question {number} of {len(questions)}")).to_be_visible()
        for state in ["as it first shows", "answered"]:
            if state == "answered":
                answer_question(page, question)
            if found := accessibility_problems(page):
                problems.append(f"{question.get_kind_display()}, {state}:\n{describe(found)}")

    assert not problems, "\n\n".join(problems)


def test_results_page(new_page, course):
    teacher = factories.make_teacher(username="mrs_jones")
    anna, ben, chloe = (
        factories.make_student(first_name=first, last_name="Smith")
        for first in ["Anna", "Ben", "Chloe"]
    )
    assignment = homework(teacher=teacher, students=[anna, ben, chloe])
    hand_in(assignment, anna)
    hand_in(assignment, ben, wrong={Kind.MULTIPLE_CHOICE, Kind.CLOZE})  # Chloe has not started
    page = new_page()

    sign_in(page, "mrs_jones")
    page.get_by_role("link", name="10B History").click()
    page.get_by_role("link", name="The Terror").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The Terror")

    assert_accessible(page)


def test_topic_page(new_page, course):
    factories.make_student(username="asmith1")
    page = new_page()

    sign_in(page, "asmith1")
    page.get_by_role("link", name="Course").click()
    page.get_by_role("link", name="Stalin's rise to power", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stalin's rise to power")

    assert_accessible(page)
