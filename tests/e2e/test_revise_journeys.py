"""Revise now in the browser: a student's session on a phone, and the teacher reading the map."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from fsrs import Rating
from playwright.sync_api import expect

from classrooms.models import Assignment
from quizzes import memory, revision
from quizzes.models import Kind, Question, RevisionSession
from tests import factories
from tests.e2e.helpers import (
    assert_accessible,
    assert_no_sideways_scroll,
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


def taught_class(teacher=None):
    section = Question.objects.in_bank().exclude(idea="").first().topic
    section = section.parent or section
    classroom = factories.make_classroom(**({"teacher": teacher} if teacher else {}))
    classroom.taught_topics.set([section])
    return classroom, section


def remember(student, section, *, days_ago, count=4):
    questions = {}
    for question in Question.objects.in_bank().filter(topic__parent=section).exclude(idea=""):
        questions.setdefault(question.idea, question)
    then = timezone.now() - timedelta(days=days_ago)
    chosen = list(questions.values())[:count]
    revision.record(student, [(q, Rating.Good) for q in chosen], now=then, source="practice")


def answer(page, question):
    key = right_answer(question)
    if question.kind == Kind.MULTIPLE_CHOICE:
        page.get_by_text(key, exact=True).click()
    elif question.kind == Kind.TRUE_FALSE:
        page.get_by_text(str(key), exact=True).click()
    else:
        page.get_by_label("Your answer").fill(key)
    page.get_by_role("button", name="Check").click()


def test_a_student_does_a_revise_now_session_on_a_phone(new_page, course):
    student = factories.make_student(username="asmith1", first_name="Anna", last_name="Smith")
    classroom, section = taught_class()
    factories.enrol(classroom, student)
    remember(student, section, days_ago=12)

    page = new_page(**PHONE)
    sign_in(page, "asmith1")
    expect(page.get_by_role("heading", name="Revise now")).to_be_visible()
    expect(page.get_by_text(re.compile(r"\d+ ideas? due"))).to_be_visible()
    page.get_by_role("link", name="Revise now").click()
    page.get_by_role("button", name="Start: questions").click()
    session = RevisionSession.objects.get(student=student)
    items = list(session.items.select_related("question").order_by("position"))
    assert items[0].recall_before is not None  # overdue first, new ideas after

    for item in items:
        expect(page.get_by_text(f"Question {item.position} of {len(items)}")).to_be_visible()
        if item.position == 1:
            assert_no_sideways_scroll(page, 360)
            assert_accessible(page)
        answer(page, item.question)
        expect(page.locator("[data-feedback]")).to_contain_text("Right")
        expect(page.get_by_role("link", name=re.compile("Read the notes")).first).to_be_visible()
        assert_no_sideways_scroll(page, 360)
        last = item.position == len(items)
        page.get_by_role("link", name="See how you did" if last else "Next question").click()

    expect(page.get_by_role("heading", name="Session done")).to_be_visible()
    expect(page.locator("[data-session-score]")).to_have_text(
        f"{len(items)} of {len(items)} right."
    )
    expect(page.locator("[data-next-session]")).to_contain_text("Your next session is due")
    expect(page.get_by_text("This week: 1 of 3 sessions")).to_be_visible()
    assert_no_sideways_scroll(page, 360)
    assert_accessible(page)


def test_a_student_done_for_today_keeps_going_on_a_phone(new_page, course):
    student = factories.make_student(username="bkhan2", first_name="Bilal", last_name="Khan")
    _, section = taught_class()  # a class the student is not in: nothing new to start
    remember(student, section, days_ago=1)  # learnt yesterday: nothing due today

    page = new_page(**PHONE)
    sign_in(page, "bkhan2")
    page.goto("/revise/")
    page.get_by_role("button", name="Start: questions").click()
    expect(page.get_by_role("heading", name="Done for today")).to_be_visible()
    assert_no_sideways_scroll(page, 360)
    assert_accessible(page)
    page.get_by_role("button", name="Keep going").click()

    session = RevisionSession.objects.get(student=student)
    items = list(session.items.order_by("position"))
    assert len(items) == 4 and all(0 < item.recall_before < 1 for item in items)
    expect(page.get_by_text(f"Question 1 of {len(items)}")).to_be_visible()
    assert_no_sideways_scroll(page, 360)


def test_the_teacher_reads_the_forgetting_map_and_sets_a_retrieval_homework(new_page, course):
    teacher = factories.make_teacher(username="mrs_jones")
    classroom, section = taught_class(teacher)
    for n in range(5):
        student = factories.make_student(first_name=f"Student{n}", last_name="Test")
        factories.enrol(classroom, student)
        remember(student, section, days_ago=3 + 10 * n)

    page = new_page()
    sign_in(page, "mrs_jones")
    page.goto(classroom.get_absolute_url())
    page.get_by_role("link", name="Forgetting map").click()
    table = page.get_by_role("table", name=re.compile("Predicted recall now"))
    expect(table).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(1 + 5 + 1)  # header, students, class mean
    now = timezone.now()
    learnt = memory.review(None, Rating.Good, now - timedelta(days=3))
    fresh = round(100 * memory.retrievability(learnt.stability, learnt.last_review, now))
    expect(table.get_by_role("row", name=re.compile("Student0"))).to_contain_text(f"{fresh}%")
    expect(page.locator("[data-forgotten] li")).not_to_have_count(0)
    assert_accessible(page)

    table.get_by_role("link", name=section.title).click()
    expect(page.get_by_role("heading", name=re.compile(section.title))).to_be_visible()

    page.get_by_role(
        "button", name="Set a retrieval homework from what this class is forgetting"
    ).click()
    expect(message(page, "Retrieval:")).to_be_visible()
    page.get_by_role("button", name="Set the homework").click()
    expect(message(page, "set for")).to_be_visible()
    homework = Assignment.objects.get(classroom=classroom)
    assert homework.quiz.title.startswith("Retrieval:")
    ideas = [q.idea for q in homework.quiz.ordered_questions()]
    assert len(ideas) == len(set(ideas)) > 0
