"""Steps for the browser tests: what a person does on a page, and the data a journey starts from.

Selectors are the ones a person uses (labels, button and link names) wherever the page has them;
the few `data-*` hooks are the ones the page's own JavaScript relies on.
"""

import json
import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import expect

from classrooms import assignments
from quizzes.models import Kind
from tests import factories

STATIC = Path(settings.BASE_DIR) / "static"
AXE = STATIC / "vendor" / "axe-core-4.14.1" / "axe.min.js"
PASSWORD = "correct-horse-battery"  # tests/factories.py gives every user this password


def field(scope, label):
    """The form field labelled `label`, exactly, give or take the * crispy-forms puts after
    required ones and the colon the Django admin puts after every one."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*[*:]?\s*$"))


def message(page, text):
    """The message the app shows after an action ("Quiz built with ...")."""
    return page.get_by_role("status").filter(has_text=text)


def sign_in(page, username, password=PASSWORD):
    page.goto("/")  # the app sends a stranger to the sign-in page
    field(page, "Username").fill(username)
    field(page, "Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def answer_question(page, question, *, ordering_by="dragging"):
    """Give the right answer to `question` on a homework page, as a person would, and wait until
    the page says it is saved (it saves each answer as it is given).

    Ordering questions are answered by dragging the events, or with their ↑ buttons
    (`ordering_by="buttons"`), as on a phone.
    """
    answer = right_answer(question)
    card = page.locator(f"[data-question='{question.pk}']")
    expect(card).to_contain_text(question.prompt)
    if question.kind in {Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE}:
        choice = answer if question.kind == Kind.MULTIPLE_CHOICE else str(answer)
        card.get_by_text(choice, exact=True).click()  # the whole option is the target, not the dot
        expect(card.get_by_label(choice, exact=True)).to_be_checked()
        wait_until_saved(page)
    elif question.kind in {Kind.TYPED, Kind.CLOZE}:
        card.get_by_label("Your answer").fill(answer)
        wait_until_saved(page)
    elif question.kind == Kind.MATCHING:
        for left, right in answer.items():
            card.get_by_label(left, exact=True).select_option(right)
            wait_until_saved(page)
    elif question.kind == Kind.ORDERING:
        put_in_order(page, card, answer, by=ordering_by)
    elif question.kind == Kind.MULTIPLE_SELECT:
        for choice in answer:
            card.get_by_text(choice, exact=True).click()
            expect(card.get_by_label(choice, exact=True)).to_be_checked()
            wait_until_saved(page)
    else:
        raise AssertionError(f"no browser step for {question.kind} questions")


def put_in_order(page, card, events, *, by):
    """Order the events of static/js/ordering.js's list, top to bottom, then check the list."""
    items = card.locator("[data-ordering] > li")
    expect(items).to_have_count(len(events))
    moved = False
    for place, event in enumerate(events):
        item = items.filter(has=page.get_by_text(event, exact=True))
        for _ in range(len(events)):
            if items.nth(place).get_by_text(event, exact=True).count():
                break
            if by == "dragging":
                # Dropped on the upper half of an item, the dragged one goes before it.
                target = items.nth(place)
                box = target.bounding_box()
                item.drag_to(target, target_position={"x": box["width"] / 2, "y": 3})
            else:
                item.get_by_role("button", name=f"Move {event} up").click()
            moved = True
            wait_until_saved(page)  # one save at a time: see wait_until_saved
        expect(items.nth(place)).to_contain_text(event)
    if not moved:  # shown in the right order already
        card.get_by_role("button", name="Keep this order").click()
        wait_until_saved(page)
    expect(items).to_contain_text(events)


def wait_until_saved(page):
    # The status says "Saving…" the moment an answer changes, then "Saved" once the server has
    # it. Waiting also keeps saves one at a time: on SQLite the live server shares one database
    # connection between its threads, and two requests at once can trip over each other.
    status = page.locator("[data-save-status]")
    expect(status).to_have_attribute("data-state", "saved")
    expect(status).to_contain_text("Saved")


def assert_no_sideways_scroll(page, width):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, (
        f"{page.url} scrolls sideways: {scroll_width}px on a {width}px screen"
    )


# Accessibility

SEVERE = {"serious", "critical"}


def accessibility_problems(page):
    """axe-core's "serious" and "critical" violations on the page as it is now."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        # Evaluated by the test's own channel, not added as a <script>: the page's
        # Content-Security-Policy refuses inline scripts, as it should.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [violation for violation in result["violations"] if violation["impact"] in SEVERE]


def describe(violations):
    """Violations as a person reads them: rule, impact, what is wrong, and where."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            lines.append(f"  at {json.dumps(node['target'])}: {node['html'][:200]}")
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {summary}")
    return "\n".join(lines)


def assert_accessible(page):
    violations = accessibility_problems(page)
    assert not violations, f"axe found problems on {page.url}:\n{describe(violations)}"


# Data a journey starts from


def right_answer(question):
    """The answer key in the shape a student's answer is stored in."""
    if question.kind in {Kind.TYPED, Kind.CLOZE}:
        return question.answer["text"]
    return question.answer


def wrong_answer(question):
    if question.kind == Kind.MULTIPLE_CHOICE:
        return next(option for option in question.options if option != question.answer)
    if question.kind == Kind.TRUE_FALSE:
        return not question.answer
    if question.kind in {Kind.TYPED, Kind.CLOZE}:
        return "I don't know"
    raise AssertionError(f"no simple wrong answer to a {question.kind} question")


def homework(*, teacher=None, students=(), name="10B History"):
    """A class with `students`, set a quiz of one bank question of each kind (in Kind's order)."""
    classroom = factories.make_classroom(name=name, **({"teacher": teacher} if teacher else {}))
    factories.enrol(classroom, *students)
    quiz = factories.make_quiz(classroom.teacher, count=len(Kind.values), title="The Terror")
    return factories.make_assignment(classroom=classroom, quiz=quiz)


def hand_in(assignment, student, *, wrong=()):
    """The student answers every question, wrongly those of the kinds in `wrong`, and submits."""
    attempt = assignments.start_or_resume(assignment=assignment, student=student)
    for question in assignment.quiz.ordered_questions():
        answer = wrong_answer(question) if question.kind in wrong else right_answer(question)
        assignments.save_answer(
            assignment=assignment, attempt=attempt, question=question, answer=answer
        )
    assignments.submit(assignment=assignment, attempt=attempt)
    return attempt
