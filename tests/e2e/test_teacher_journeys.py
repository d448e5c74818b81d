"""A teacher in the browser: a class and its students, a quiz set as homework, the results."""

import csv
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from classrooms.models import Assignment
from quizzes.builder import replacements_for
from quizzes.models import Kind, Question, Quiz
from tests import factories
from tests.e2e.helpers import field, hand_in, homework, message, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROSTER = """First name,Last name,Username
Anna,Smith,
Ben,Okafor,
Chloe,Davies,
Dylan,Evans,
Siân,O'Neill-Brown,sian2010
"""
USERNAMES = ["asmith1", "bokafor1", "cdavies1", "devans1", "sian2010"]


def test_teacher_creates_a_class_and_prints_login_slips_for_a_pasted_list(new_page, course):
    factories.make_teacher(username="mrs_jones")
    page = new_page()

    sign_in(page, "mrs_jones")
    page.get_by_role("link", name="Create a class").click()
    field(page, "Name").fill("10B History")
    page.get_by_role("button", name="Create the class").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("10B History")
    page.get_by_role("link", name="Add from a list").click()
    field(page, "Paste the list").fill(ROSTER)
    page.get_by_role("button", name="Check the list").click()
    page.get_by_role("button", name="Make the accounts").click()

    expect(page).to_have_title(re.compile("Login slips for 10B History"))
    slips = page.get_by_role("article")
    expect(slips).to_have_count(5)
    for slip, username in zip(slips.all(), USERNAMES, strict=True):
        expect(slip).to_contain_text(username)
    expect(slips.first).to_contain_text("Anna Smith")
    print_button = page.get_by_role("button", name="Print 5 slips")
    expect(print_button).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(print_button).to_be_hidden()
    expect(slips.last).to_be_visible()


def test_teacher_builds_a_quiz_swaps_a_question_and_sets_it_as_homework(new_page, course):
    teacher = factories.make_teacher(username="mrs_jones")
    classroom = factories.make_classroom(teacher=teacher, name="10B History")
    page = new_page()

    sign_in(page, "mrs_jones")
    page.get_by_role("link", name="Quizzes").click()
    page.get_by_role("link", name="Build a quiz").click()
    field(page, "Title").fill("Industry and plans")
    page.get_by_label("Industrialisation 1928-1941", exact=True).check()  # choose two is here
    for label in Kind.labels:
        page.get_by_label(label, exact=True).check()
    field(page, "Number of questions").fill("14")  # each of the seven kinds twice
    page.get_by_role("button", name="Build the quiz").click()

    expect(message(page, "Quiz built with 14 questions")).to_be_visible()
    quiz = Quiz.objects.get(title="Industry and plans", owner=teacher)
    items = list(quiz.items.select_related("question"))
    kinds = {item.question.kind for item in items}
    # Every kind is offered, but one idea per quiz can leave one out: choose two draws its wrong
    # options from other points of the notes, which then no other question may ask.
    assert kinds <= set(Kind.values) and len(kinds) >= len(Kind.values) - 1
    for item in items:  # the preview shows every question with its answer
        card = page.locator(f"#item-{item.pk}")
        expect(card).to_contain_text(item.question.prompt)
        expect(card).to_contain_text(item.question.get_kind_display())
        for text in answer_key(item.question):
            expect(card).to_contain_text(text)

    item = next(item for item in items if swaps_to_another_prompt(quiz, item))
    before = item.question
    page.get_by_role("link", name=f"Swap question {item.position}", exact=True).click()
    page.get_by_role("button", name="Swap it in").click()
    expect(message(page, f"Question {item.position} replaced")).to_be_visible()
    assert page.url.endswith(f"#item-{item.pk}")
    item.refresh_from_db()
    after = item.question
    assert after.kind == before.kind and after.prompt != before.prompt
    card = page.locator(f"#item-{item.pk}")
    expect(card).to_contain_text(after.prompt)
    expect(card).not_to_contain_text(before.prompt)
    expect(card).to_contain_text(after.get_kind_display())

    due = (timezone.localtime() + timedelta(days=7)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    page.get_by_role("link", name="Classes").click()
    page.get_by_role("link", name=re.compile("10B History")).click()
    page.get_by_role("link", name="Set homework").click()
    field(page, "Quiz").select_option(label="Industry and plans")
    field(page, "Due at").fill(due.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Set the homework").click()

    expect(
        message(page, f"Industry and plans set for 10B History, due {due:%d %b %H:%M}")
    ).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Industry and plans"))).to_contain_text(
        f"due {due:%a} {due.day} {due:%b, %H:%M}"
    )
    assignment = Assignment.objects.get(classroom=classroom)
    assert assignment.quiz == quiz and assignment.due_at == due


def answer_key(question):
    """Text the teacher's preview shows for the right answer."""
    answer = question.answer
    if question.kind == Kind.MULTIPLE_CHOICE:
        return [f"{answer} ✓ (answer)"]
    if question.kind == Kind.TRUE_FALSE:
        return [f"Answer: {answer}"]
    if question.kind in {Kind.TYPED, Kind.CLOZE}:
        return [f"Answer: {answer['text']}"]
    if question.kind == Kind.MATCHING:
        return [f"{left} → {right}" for left, right in answer.items()]
    if question.kind == Kind.MULTIPLE_SELECT:
        return [f"{choice} ✓ (answer)" for choice in answer]
    return answer  # the events, in order


def swaps_to_another_prompt(quiz, item):
    """Whether the item has replacements (one idea per quiz allowing) and every one of them
    reads differently."""
    others = Question.objects.filter(pk__in=replacements_for(quiz, item, count=None))
    return others.exists() and not others.filter(prompt=item.question.prompt).exists()


def test_teacher_sees_the_results_and_downloads_every_answer(new_page, course):
    teacher = factories.make_teacher(username="mrs_jones")
    anna = factories.make_student(username="asmith1", first_name="Anna", last_name="Smith")
    ben = factories.make_student(username="bokafor1", first_name="Ben", last_name="Okafor")
    assignment = homework(teacher=teacher, students=[anna, ben])
    hand_in(assignment, anna)
    hand_in(assignment, ben, wrong={Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE, Kind.TYPED})
    page = new_page()

    sign_in(page, "mrs_jones")
    page.get_by_role("link", name=re.compile("10B History")).click()
    page.get_by_role("link", name=re.compile("The Terror")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("The Terror")
    for name, score in [("Anna Smith", "100%"), ("Ben Okafor", "57%")]:  # Ben: 4 of 7
        row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name))
        expect(row).to_contain_text("Submitted")
        expect(row.get_by_role("cell").nth(1)).to_have_text(score)
    charts = page.get_by_role("img", name=re.compile("^Bar chart"))
    expect(charts).to_have_count(2)
    for chart in charts.all():
        expect(chart).to_be_visible()  # charts.js hides a chart again if Chart.js cannot draw it
    # Each chart's numbers are in a table too, for screen readers and for anyone without the chart.
    bands = page.get_by_role("table", name="Submitted students in each score band")
    assert sum(int(count) for count in bands.locator("tbody td").all_inner_texts()) == 2
    by_question = page.get_by_role("table", name=re.compile("^Facility"))
    questions = by_question.locator("tbody tr")
    expect(questions).to_have_count(7)
    for number, right in enumerate(["50%", "50%", "50%", "100%", "100%", "100%", "100%"]):
        expect(questions.nth(number).get_by_role("cell").nth(2)).to_contain_text(right)
    by_topic = page.get_by_role("table", name=re.compile("average mark on each topic"))
    expect(by_topic.locator("tbody tr").first).to_contain_text("%")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download answers (CSV)").click()
    rows = read_csv(download.value.path())
    assert len(rows) == 2 * 7
    assert sorted((row["Username"], row["Question"]) for row in rows) == sorted(
        (username, str(number)) for username in ["asmith1", "bokafor1"] for number in range(1, 8)
    )
    assert {row["Score (0-1)"] for row in rows if row["Username"] == "asmith1"} == {"1"}
    assert sum(float(row["Score (0-1)"]) for row in rows if row["Username"] == "bokafor1") == 4


def read_csv(path):
    with Path(path).open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))
