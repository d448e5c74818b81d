"""The teacher's results grid in the browser, on a laptop and on a phone: sorting, accepting a
typed answer the marker refused for everyone (the grid and the CSV follow), then swapping a
question of another quiz by choosing among three."""

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from classrooms import assignments
from quizzes import builder
from quizzes.builder import build_quiz
from quizzes.models import Kind
from tests import factories
from tests.e2e.helpers import (
    assert_accessible,
    assert_no_sideways_scroll,
    homework,
    message,
    right_answer,
    sign_in,
)
from topics.models import Topic

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENS = {
    "laptop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
}
ARTIFACTS = Path("test-artifacts")


def hand_in(assignment, student, typed):
    """Every question right but the typed one, answered `typed`."""
    attempt = assignments.start_or_resume(assignment=assignment, student=student)
    for question in assignment.quiz.ordered_questions():
        given = typed if question.kind == Kind.TYPED else right_answer(question)
        assignments.save_answer(
            assignment=assignment, attempt=attempt, question=question, answer=given
        )
    assignments.submit(assignment=assignment, attempt=attempt)


def grid_names(page):
    return page.locator(".results-grid tbody th.results-name a").all_inner_texts()


def read_csv(path):
    with Path(path).open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


@pytest.mark.parametrize("screen", SCREENS)
def test_teacher_sorts_the_grid_accepts_an_answer_for_everyone_and_swaps_a_question(
    new_page, course, screen
):
    teacher = factories.make_teacher(username="mrs_jones")
    students = [
        factories.make_student(username="aadams1", first_name="Ann", last_name="Adams"),
        factories.make_student(username="bbrown1", first_name="Ben", last_name="Brown"),
        factories.make_student(username="bbrown2", first_name="Ben", last_name="Brown"),
    ]
    assignment = homework(teacher=teacher, students=students)
    typed = next(q for q in assignment.quiz.ordered_questions() if q.kind == Kind.TYPED)
    number = [q.pk for q in assignment.quiz.ordered_questions()].index(typed.pk) + 1
    hand_in(assignment, students[0], "Comrade Card-Index")  # refused: 6 of 7
    hand_in(assignment, students[1], right_answer(typed))  # 7 of 7
    hand_in(assignment, students[2], "comrade card index!")  # refused: the same, written loosely
    page = new_page(**SCREENS[screen])
    width = SCREENS[screen]["viewport"]["width"]

    sign_in(page, "mrs_jones")
    page.get_by_role("link", name=re.compile("10B History")).click()
    page.get_by_role("link", name=re.compile("The Terror")).click()
    assert grid_names(page) == ["Ann Adams", "Ben Brown", "Ben Brown"]
    usernames = page.locator(".results-grid tbody .results-username").all_inner_texts()
    assert usernames == ["aadams1", "bbrown1", "bbrown2"]
    page.get_by_role("navigation", name="Sort the grid").get_by_role("link", name="Score").click()
    expect(page.get_by_role("navigation", name="Sort the grid")).to_contain_text("Score")
    names = page.locator(".results-grid tbody .results-username").all_inner_texts()
    assert names[0] == "bbrown1"  # 100% first
    # The colour is a tint behind the symbol, not instead of it.
    wrong = page.locator(".results-grid td.cell-wrong").first
    expect(wrong).to_contain_text("✗")
    assert wrong.evaluate("cell => getComputedStyle(cell).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert_no_sideways_scroll(page, width)
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / f"results-grid-{screen}.png"), full_page=True)
    grid = page.locator("section[aria-labelledby=grid-heading]")
    grid.screenshot(path=str(ARTIFACTS / f"results-grid-only-{screen}.png"))
    questions = page.locator("section[aria-labelledby=questions-heading] .table-responsive")
    questions.screenshot(path=str(ARTIFACTS / f"results-questions-{screen}.png"))

    page.get_by_role("link", name="Accept Ann Adams's answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Accept an answer to Q{number}?")
    page.get_by_label(re.compile("^For everyone")).check()
    assert_no_sideways_scroll(page, width)
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / f"results-accept-{screen}.png"), full_page=True)
    page.get_by_role("button", name="Accept the answer").click()

    expect(message(page, "2 attempts re-marked")).to_be_visible()
    assert re.search(r"#student-\d+$", page.url)
    for username in ("aadams1", "bbrown2"):
        row = page.locator(".results-grid tbody tr").filter(has_text=username)
        expect(row.get_by_role("cell").nth(1)).to_have_text("100%")
        expect(row).to_contain_text("accepted")
    expect(page.get_by_role("link", name=re.compile("^Accept "))).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download answers (CSV)").click()
    rows = read_csv(download.value.path())
    assert {row["Score (0-1)"] for row in rows} == {"1"}

    section = Topic.objects.get(slug="stalins-rise-to-power")
    quiz = build_quiz(owner=teacher, title="Rise to power", topics=[section], count=6, seed=1)
    item = next(
        item
        for item in quiz.items.select_related("question")
        if len(builder.replacements_for(quiz, item, count=None)) >= 3
    )
    page.goto(quiz.get_absolute_url())
    page.get_by_role("link", name=f"Swap question {item.position}", exact=True).click()
    choices = page.get_by_role("radio")
    expect(choices).to_have_count(3)
    assert_no_sideways_scroll(page, width)
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / f"swap-choices-{screen}.png"), full_page=True)
    choices.nth(2).check()
    chosen = int(choices.nth(2).get_attribute("value"))
    page.get_by_role("button", name="Swap it in").click()

    expect(message(page, f"Question {item.position} replaced")).to_be_visible()
    assert page.url.endswith(f"#item-{item.pk}")
    item.refresh_from_db()
    assert item.question_id == chosen
    expect(page.locator(f"#item-{item.pk}")).to_contain_text(item.question.prompt)
    expect(page.locator(f"#item-{item.pk}")).to_be_in_viewport()
