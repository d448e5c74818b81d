"""A student on a phone practises a section one question at a time, then uses the glossary's A-Z
and filter box; and practises what they got wrong in a homework, one question at a time too."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from quizzes.models import Attempt, Kind, Question
from tests import factories
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import (
    assert_accessible,
    assert_no_sideways_scroll,
    field,
    hand_in,
    homework,
    right_answer,
    sign_in,
)
from tests.e2e.test_student_journeys import PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"practice-{name}.png"), full_page=True)


def give_the_answer(page, question):
    """The right answer, for the kinds a quick tap or typing gives; False for the others."""
    answer = right_answer(question)
    if question.kind in {Kind.TYPED, Kind.CLOZE}:
        page.get_by_label("Your answer").fill(answer)
    elif question.kind in {Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE}:
        choice = answer if question.kind == Kind.MULTIPLE_CHOICE else str(answer)
        page.get_by_text(choice, exact=True).click()
    else:
        return False
    return True


def test_student_practises_a_section_one_at_a_time_then_uses_the_glossary(new_page, course):
    factories.make_student(username="asmith1")
    page = new_page(**PHONE)
    sign_in(page, "asmith1")
    page.goto(reverse("quizzes:practice"))

    expect(page.get_by_label("The whole section: Stalin's rise to power")).to_be_hidden()
    page.locator("summary", has_text="Stalin's rise to power").click()
    page.get_by_label("The whole section: Stalin's rise to power").check()
    section = page.locator("details", has_text="Stalin's rise to power")
    for box in section.locator("input[type=checkbox]").all():
        expect(box).to_be_checked()  # "the whole section" ticks its topics
    one_at_a_time = "One question at a time, with the answer straight after each"
    expect(page.get_by_label(one_at_a_time)).to_be_checked()  # the default
    field(page, "Number of questions").fill("3")
    assert_no_sideways_scroll(page, 360)
    shot(page, "1-form")
    assert_accessible(page)
    page.get_by_role("button", name="Start practising").click()

    attempt = Attempt.objects.get(user__username="asmith1")
    questions = [Question.objects.get(pk=pk) for pk in attempt.question_order]
    for number, question in enumerate(questions, start=1):
        expect(page.get_by_text(f"Question {number} of {len(questions)}")).to_be_visible()
        expect(page.get_by_text("Correct answer:")).to_have_count(0)  # no key before answering
        answered = number > 1 and give_the_answer(page, question)  # the first left blank
        page.get_by_role("button", name="Check my answer").click()
        badge = "✓ Right" if answered else "✗ Not right"
        expect(page.locator("[data-mark]")).to_contain_text(badge)
        expect(page.get_by_text("Correct answer:")).to_be_visible()
        assert_no_sideways_scroll(page, 360)
        if number == 1:
            shot(page, "2-feedback")
            assert_accessible(page)
        last = number == len(questions)
        page.get_by_role("link", name="See your score" if last else "Next question").click()

    expect(page.get_by_text(re.compile(r"You scored \d+%"))).to_be_visible()
    expect(page.get_by_role("button", name="Practise what I got wrong")).to_be_visible()
    shot(page, "3-score")

    page.goto(reverse("topics:glossary"))
    letters = page.get_by_role("navigation", name="Glossary letters")
    letters.get_by_role("link", name="G", exact=True).click()
    expect(page).to_have_url(re.compile(r"#letter-G$"))
    expect(page.locator("#letter-G")).to_be_in_viewport()
    expect(letters.locator("[aria-disabled=true]").first).to_be_visible()
    assert_no_sideways_scroll(page, 360)
    page.get_by_label("Filter the terms").fill("gosplan")
    expect(page.get_by_text("Gosplan", exact=True)).to_be_visible()
    expect(page.locator("[data-term]:visible")).to_have_count(
        page.locator("[data-term]", has_text=re.compile("gosplan", re.I)).count()
    )
    expect(page.get_by_text(re.compile(r"\d+ of \d+ terms shown"))).to_be_visible()
    shot(page, "4-glossary")
    assert_accessible(page)
    page.get_by_label("Filter the terms").fill("no term says this")
    expect(page.get_by_text("No term matches that filter.")).to_be_visible()


def test_student_practises_their_homework_mistakes_with_feedback_after_each(new_page, course):
    student = factories.make_student(username="asmith1")
    assignment = homework(students=[student])
    hand_in(assignment, student, wrong={Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE})
    page = new_page(**PHONE)
    sign_in(page, "asmith1")
    page.goto(reverse("classrooms:feedback", kwargs={"pk": assignment.pk}))

    page.get_by_role("button", name="Practise what I got wrong").click()

    practice = Attempt.objects.get(user=student, quiz__is_practice=True)
    questions = [Question.objects.get(pk=pk) for pk in practice.question_order]
    assert sorted(q.kind for q in questions) == sorted([Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE])
    for number, question in enumerate(questions, start=1):
        expect(page.get_by_text(f"Question {number} of 2")).to_be_visible()
        expect(page.get_by_text("Correct answer:")).to_have_count(0)
        give_the_answer(page, question)
        page.get_by_role("button", name="Check my answer").click()
        expect(page.locator("[data-mark]")).to_contain_text("✓ Right")
        expect(page.get_by_text("Correct answer:")).to_be_visible()
        assert_no_sideways_scroll(page, 360)
        page.get_by_role("link", name="See your score" if number == 2 else "Next question").click()
    expect(page.get_by_text("You scored 100%")).to_be_visible()
