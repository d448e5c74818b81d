"""An admin corrects a checked claim, rebuilds the question bank, and sees the fix everywhere.

Questions show checked claims, never the notes' own words, so the fix is made on the claim; the
point of the notes it came from stays as provenance.
"""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from quizzes.models import Question, Status
from tests import factories
from tests.e2e.helpers import field, sign_in
from topics.models import Claim

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def stated_claim():
    """A claim a true/false question states, and that question."""
    question = Question.objects.in_bank().filter(template="claim_true").order_by("pk").first()
    return Claim.objects.get(slug=question.key.split(":")[1]), question


def test_admin_fixes_a_claim_and_the_rebuilt_questions_say_it(new_page, course):
    factories.make_user(username="admin", is_staff=True, is_superuser=True)
    claim, question = stated_claim()
    fixed = claim.text.rstrip(".") + ", as the head of history checked."
    page = new_page()

    sign_in(page, "admin")  # an admin starts on the admin site
    page.get_by_role("link", name="Claims").click()
    page.get_by_role("textbox", name="Search").fill(claim.slug)
    page.get_by_role("button", name="Search").click()
    page.locator(f"a[href^='/admin/topics/claim/{claim.pk}/change/']").click()
    field(page, "Text").fill(fixed)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()

    output = io.StringIO()
    call_command("build_question_bank", stdout=output)  # what the admin runs next
    assert "Built the question bank" in output.getvalue()

    page.goto("/admin/")
    page.get_by_role("link", name="Questions").click()
    page.get_by_role("textbox", name="Search").fill("as the head of history checked")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Active", exact=True).click()  # the status filter
    rebuilt = Question.objects.active().get(key=question.key)
    # Other questions read the same (one per kind): pick this one by its change link.
    page.locator(f"a[href^='/admin/quizzes/question/{rebuilt.pk}/change/']").click()
    text = field(page, "Prompt").input_value() + field(page, "Explanation").input_value()
    assert fixed.rstrip(".") in text
    question.refresh_from_db()
    assert question.status == Status.RETIRED  # the old wording is out of every new quiz
