"""One student, two devices, one homework: the older page never wins, and saves that fail on the
way are sent again until they land."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from quizzes.models import Kind, Response
from tests import factories
from tests.e2e.helpers import homework, sign_in, wait_until_saved

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def first_question_page(page, assignment):
    page.goto(reverse("classrooms:homework", kwargs={"pk": assignment.pk}))
    page.get_by_role("button", name=re.compile("^(Start|Carry on)$")).click()
    expect(page.get_by_text("Question 1 of")).to_be_visible()


def choose(page, option):
    card = page.locator("[data-question]")
    card.get_by_text(option, exact=True).click()


def test_a_stale_laptop_page_shows_the_answer_given_on_the_phone(new_page, course):
    student = factories.make_student(username="bokafor")
    assignment = homework(students=[student])
    question = assignment.quiz.ordered_questions()[0]
    assert question.kind == Kind.MULTIPLE_CHOICE
    phone_choice, laptop_choice = question.options[0], question.options[1]

    laptop = new_page()
    sign_in(laptop, "bokafor")
    first_question_page(laptop, assignment)
    phone = new_page(**PHONE)
    sign_in(phone, "bokafor")
    first_question_page(phone, assignment)

    choose(phone, phone_choice)
    wait_until_saved(phone)
    choose(laptop, laptop_choice)  # the laptop still shows the question unanswered

    card = laptop.locator("[data-question]")
    expect(card.get_by_role("alert")).to_contain_text("changed on another device")
    expect(card.get_by_label(phone_choice, exact=True)).to_be_checked()
    expect(card.get_by_label(laptop_choice, exact=True)).not_to_be_checked()
    assert Response.objects.get(question=question).answer == phone_choice

    # Moving on from the laptop keeps the phone's answer; choosing again now does change it.
    laptop.get_by_role("button", name="Next →").click()
    expect(laptop.get_by_text("Question 2 of")).to_be_visible()
    assert Response.objects.get(question=question).answer == phone_choice
    phone.reload()
    expect(phone.get_by_label(phone_choice, exact=True)).to_be_checked()
    choose(phone, laptop_choice)
    wait_until_saved(phone)
    assert Response.objects.get(question=question).answer == laptop_choice


def test_a_save_that_meets_a_server_error_is_retried_until_it_lands(new_page, course):
    student = factories.make_student(username="cdavies")
    assignment = homework(students=[student])
    question = assignment.quiz.ordered_questions()[0]
    page = new_page(**PHONE)
    sign_in(page, "cdavies")
    first_question_page(page, assignment)
    failures = {"left": 2}

    def flaky(route):
        if failures["left"]:
            failures["left"] -= 1
            route.fulfill(status=500, content_type="text/html", body="<h1>Server Error</h1>")
        else:
            route.continue_()

    page.route(re.compile(r"/answer/$"), flaky)
    choose(page, question.options[2])

    status = page.locator("[data-save-status]")
    expect(status).to_contain_text("retrying")
    expect(status).not_to_contain_text("signed out")
    wait_until_saved(page)
    assert failures["left"] == 0
    assert Response.objects.get(question=question).answer == question.options[2]


def test_signed_out_is_said_only_when_the_session_is_gone(new_page, course):
    student = factories.make_student(username="devans")
    assignment = homework(students=[student])
    question = assignment.quiz.ordered_questions()[0]
    page = new_page()
    sign_in(page, "devans")
    first_question_page(page, assignment)

    page.context.clear_cookies()  # signed out elsewhere, or the session expired
    choose(page, question.options[1])

    expect(page.locator("[data-save-status]")).to_contain_text("signed out")
    assert not Response.objects.filter(question=question).exists()
