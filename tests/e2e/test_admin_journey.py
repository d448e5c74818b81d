"""An admin corrects the course notes, rebuilds the question bank, and sees the fix everywhere."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from quizzes.models import Question, Status
from tests import factories
from tests.e2e.helpers import field, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def quoted_fact():
    """A fact that a bank question quotes in its prompt or explanation, and that question."""
    questions = Question.objects.in_bank().prefetch_related("source_facts").order_by("pk")
    for question in questions:
        for fact in question.source_facts.all():
            if fact.text.rstrip(".") in question.prompt + question.explanation:
                return fact, question
    raise AssertionError("no question quotes its source fact")


def test_admin_fixes_a_fact_and_the_rebuilt_questions_say_it(new_page, course):
    factories.make_user(username="admin", is_staff=True, is_superuser=True)
    fact, question = quoted_fact()
    fixed = fact.text.rstrip(".") + " (checked by the head of history)."
    page = new_page()

    sign_in(page, "admin")  # an admin starts on the admin site
    page.get_by_role("link", name="Facts").click()
    page.get_by_role("textbox", name="Search").fill(fact.text[:40])
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=str(fact)).click()
    field(page, "Text").fill(fixed)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()

    output = io.StringIO()
    call_command("build_question_bank", stdout=output)  # what the admin runs next
    assert "Built the question bank" in output.getvalue()

    page.get_by_role("link", name="View on site").click()
    expect(page.locator(f"#fact-{fact.pk}")).to_contain_text(fixed)

    page.get_by_role("link", name="Admin", exact=True).click()
    page.get_by_role("link", name="Questions").click()
    page.get_by_role("textbox", name="Search").fill("checked by the head of history")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Active", exact=True).click()  # the status filter
    rebuilt = Question.objects.active().get(key=question.key)
    # Other questions read the same (one per kind): pick this one by its change link.
    page.locator(f"a[href^='/admin/quizzes/question/{rebuilt.pk}/change/']").click()
    text = field(page, "Prompt").input_value() + field(page, "Explanation").input_value()
    assert fixed.rstrip(".") in text
    question.refresh_from_db()
    assert question.status == Status.RETIRED  # the old wording is out of every new quiz
