"""Students in the browser: homework done over two visits, and on a phone after signing up."""

import pytest
from playwright.sync_api import expect

from quizzes.models import Kind
from tests import factories
from tests.e2e.helpers import (
    answer_question,
    assert_no_sideways_scroll,
    field,
    homework,
    message,
    right_answer,
    sign_in,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def test_student_leaves_homework_half_done_and_finishes_it_on_a_later_visit(new_page, course):
    student = factories.make_student(username="asmith1", first_name="Anna", last_name="Smith")
    assignment = homework(students=[student])
    questions = assignment.quiz.ordered_questions()  # one of each kind, in Kind's order
    assert [question.kind for question in questions] == Kind.values

    page = new_page()
    sign_in(page, "asmith1")
    page.get_by_role("link", name="The Terror").click()
    page.get_by_role("button", name="Start").click()
    for number, question in enumerate(questions[:3], start=1):
        expect(page.get_by_text(f"Question {number} of 7")).to_be_visible()
        answer_question(page, question)
        if number < 3:
            page.get_by_role("button", name="Next →").click()
    expect(page.locator("[data-answered]")).to_have_text("3")
    # Gone without pressing Next: the third answer was saved as it was typed.
    page.context.close()

    page = new_page()
    sign_in(page, "asmith1")
    homework_row = page.get_by_role("listitem").filter(has_text="The Terror")
    expect(homework_row).to_contain_text("In progress")
    homework_row.get_by_role("link", name="The Terror").click()
    page.get_by_role("button", name="Carry on").click()
    expect(page.get_by_text("Question 4 of 7")).to_be_visible()
    expect(page.locator("[data-answered]")).to_have_text("3")
    questions_nav = page.get_by_role("navigation", name="Questions")
    questions_nav.get_by_role("link", name="Question 1, answered").click()
    expect(page.get_by_label(questions[0].answer, exact=True)).to_be_checked()
    questions_nav.get_by_role("link", name="Question 3, answered").click()
    expect(page.get_by_label("Your answer")).to_have_value(right_answer(questions[2]))
    page.get_by_role("button", name="Next →").click()
    for question in questions[3:6]:
        answer_question(page, question)
        page.get_by_role("button", name="Next →").click()
    expect(page.get_by_text("Question 7 of 7")).to_be_visible()
    page.get_by_role("button", name="Finish").click()  # the last one is not answered yet

    expect(page.get_by_text("You have not answered 1 question")).to_be_visible()
    page.get_by_role("link", name="Question 7").click()
    choose_two = questions[6]
    answer_question(page, choose_two)
    # A third tick is refused on the page, and says why.
    extra = next(option for option in choose_two.options if option not in choose_two.answer)
    page.get_by_text(extra, exact=True).click()
    expect(page.get_by_label(extra, exact=True)).not_to_be_checked()
    expect(page.get_by_role("status").filter(has_text="You can choose only two")).to_be_visible()
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_text("You have answered every question.")).to_be_visible()
    page.get_by_role("button", name="Hand it in").click()

    expect(message(page, "Handed in: you scored 100% (7 of 7 questions answered).")).to_be_visible()
    expect(page.get_by_text("you scored 100%")).to_have_count(2)
    expect(page.get_by_text("✓ Right", exact=True)).to_have_count(7)
    marks = page.get_by_role("navigation", name="Your marks")
    expect(marks.get_by_role("link")).to_have_count(7)
    expect(page.get_by_role("button", name="Practise what I got wrong")).to_have_count(0)
    expect(page.get_by_role("link", name="Back to my work")).to_be_visible()


def test_new_student_signs_up_with_the_class_code_and_does_the_homework_on_a_phone(
    new_page, course
):
    classmate = factories.make_student(username="asmith1")
    assignment = homework(students=[classmate])
    questions = assignment.quiz.ordered_questions()
    page = new_page(**PHONE)

    page.goto("/signup/")  # the address the teacher put on the board, with the class's code
    assert_no_sideways_scroll(page, 360)
    field(page, "Join code").fill(assignment.classroom.join_code.lower())
    field(page, "First name").fill("Priya")
    field(page, "Last name").fill("Patel")
    field(page, "Password").fill("marble-otter-1934")
    field(page, "Password again").fill("marble-otter-1934")
    page.get_by_role("button", name="Sign up and join the class").click()

    expect(message(page, "Your username is ppatel1")).to_be_visible()
    assert_no_sideways_scroll(page, 360)
    page.get_by_role("link", name="The Terror").click()
    assert_no_sideways_scroll(page, 360)
    page.get_by_role("button", name="Start").click()
    for number, question in enumerate(questions, start=1):
        expect(page.get_by_text(f"Question {number} of {len(questions)}")).to_be_visible()
        assert_no_sideways_scroll(page, 360)
        answer_question(page, question, ordering_by="buttons")
        page.get_by_role("button", name="Next →" if number < len(questions) else "Finish").click()
    expect(page.get_by_text("You have answered every question.")).to_be_visible()
    assert_no_sideways_scroll(page, 360)
    page.get_by_role("button", name="Hand it in").click()

    expect(page.get_by_text("you scored 100%").first).to_be_visible()
    assert_no_sideways_scroll(page, 360)


def test_on_a_phone_the_question_numbers_show_answered_and_flagged(new_page, course):
    student = factories.make_student(username="ewright")
    assignment = homework(students=[student])
    questions = assignment.quiz.ordered_questions()
    page = new_page(**PHONE)
    sign_in(page, "ewright")
    page.get_by_role("link", name="The Terror").click()
    page.get_by_role("button", name="Start").click()

    answer_question(page, questions[0])
    numbers = page.get_by_role("navigation", name="Questions")
    expect(numbers.get_by_role("link", name="Question 1, answered")).to_be_visible()
    page.get_by_role("button", name="Next →").click()
    page.get_by_label("Come back to this").check()
    expect(
        numbers.get_by_role("link", name="Question 2, not answered, to come back to")
    ).to_be_visible()
    page.get_by_role("button", name="Next →").click()
    expect(page.get_by_text("Question 3 of 7")).to_be_visible()
    expect(
        numbers.get_by_role("link", name="Question 2, not answered, to come back to")
    ).to_be_visible()
    assert_no_sideways_scroll(page, 360)
    page.screenshot(path="test-artifacts/phone-question-numbers.png", full_page=True)

    page.get_by_role("link", name=f"Question {len(questions)}, not answered").click()
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_text("You marked 1 question to come back to")).to_be_visible()
