import json
from io import StringIO

import pytest
from django.contrib.admin.sites import site
from django.core.management import CommandError, call_command
from django.urls import reverse

from quizzes.models import Kind, Question, RetiredBecause, Status
from topics.models import Claim, Fact

pytestmark = pytest.mark.django_db


def run(name, *args):
    out = StringIO()
    call_command(name, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_building_the_bank_again_changes_nothing():
    before = set(Question.objects.values_list("pk", "status"))

    output = run("build_question_bank")

    assert "(0 created" in output
    assert "0 restored, 0 retired)" in output
    assert set(Question.objects.values_list("pk", "status")) == before


def test_the_shipped_bank_is_big_and_has_every_kind_and_topic_with_facts():
    active = Question.objects.in_bank()
    assert active.count() >= 1000
    assert set(active.values_list("kind", flat=True)) == set(Kind.values)
    topics_with_facts = set(Fact.objects.values_list("topic_id", flat=True))
    assert topics_with_facts <= set(active.values_list("topic_id", flat=True))


def test_a_fixed_claim_retires_the_event_questions_it_explains_and_makes_new_ones():
    # An event's explanation adds the checked claim written from its point of the notes.
    question = next(
        q
        for q in Question.objects.in_bank().filter(template="event_year_mcq")
        for claim in Claim.objects.filter(facts__in=q.source_facts.all())
        if claim.text in q.explanation
    )
    claim = next(c for c in Claim.objects.all() if c.text in question.explanation)
    claim.text = claim.text.removesuffix(".") + ", as the records show."
    claim.save()

    output = run("build_question_bank")

    question.refresh_from_db()
    assert (question.status, question.retired_because) == (Status.RETIRED, RetiredBecause.CHANGED)
    assert ", as the records show." in Question.objects.active().get(key=question.key).explanation
    assert "(0 created" not in output


def test_fixing_a_point_of_the_notes_alone_changes_no_question():
    # Questions show checked claims, never the notes' own words: the point is provenance only.
    fact = Fact.objects.filter(claims__isnull=False).first()
    fact.text = fact.text + " (checked)"
    fact.save()

    output = run("build_question_bank")

    assert "(0 created" in output
    assert not Question.objects.active().filter(explanation__contains="(checked)").exists()


def test_a_fixed_claim_retires_its_questions_and_keeps_their_keys():
    question = Question.objects.in_bank().filter(template="claim_true").first()
    claim = Claim.objects.get(slug=question.key.split(":")[1])
    claim.text = claim.text.removesuffix(".") + ", as the records show."
    claim.save()

    run("build_question_bank")

    question.refresh_from_db()
    assert (question.status, question.retired_because) == (Status.RETIRED, RetiredBecause.CHANGED)
    new = Question.objects.active().get(key=question.key)
    assert new.prompt.endswith(", as the records show.")


def test_dry_run_reports_but_writes_nothing():
    Question.objects.filter(kind=Kind.ORDERING).delete()

    output = run("build_question_bank", "--dry-run")

    assert output.startswith("Would build")
    assert not Question.objects.filter(kind=Kind.ORDERING).exists()


def test_building_from_an_empty_knowledge_base_is_a_clear_error():
    Question.objects.all().delete()
    Fact.objects.all().delete()

    with pytest.raises(CommandError, match="knowledge base is empty"):
        run("build_question_bank")


def test_the_export_has_the_documented_shape_and_is_stable():
    text = run("export_question_bank")
    document = json.loads(text)

    assert document["schema"] == "ussr-revision/questions@1"
    question = document["questions"][0]
    assert set(question) >= {
        "id", "kind", "prompt", "options", "answer", "explanation", "topic", "difficulty",
        "status", "sources",
    }  # fmt: skip
    assert set(question["sources"]) == {"facts", "people", "events", "terms", "quotes"}
    assert len(document["questions"]) == Question.objects.filter(author__isnull=True).count()
    assert run("export_question_bank") == text


def test_the_export_writes_a_file_or_fails_clearly(tmp_path):
    run("export_question_bank", "--output", str(tmp_path / "bank.json"))
    assert json.loads((tmp_path / "bank.json").read_text())["questions"]

    with pytest.raises(CommandError, match="cannot write"):
        run("export_question_bank", "--output", str(tmp_path / "nope" / "bank.json"))


def test_admins_retire_and_restore_questions_with_actions(admin_client):
    questions = list(Question.objects.in_bank()[:3])
    url = reverse("admin:quizzes_question_changelist")
    ids = [q.pk for q in questions]

    admin_client.post(url, {"action": "retire", "_selected_action": ids, "post": "yes"})
    assert set(Question.objects.filter(pk__in=ids).values_list("retired_because", flat=True)) == {
        RetiredBecause.ADMIN
    }
    # Retired by an admin: a rebuild leaves them retired.
    run("build_question_bank")
    assert not Question.objects.active().filter(pk__in=ids).exists()

    admin_client.post(url, {"action": "restore", "_selected_action": ids})
    assert Question.objects.active().filter(pk__in=ids).count() == 3


def test_retiring_asks_first_saying_how_many_questions_and_homework_quizzes(admin_client):
    from tests import factories

    questions = list(Question.objects.in_bank()[:3])
    teacher = factories.make_teacher()
    for title in ["Homework A", "Homework B"]:
        quiz = factories.make_quiz(teacher, count=1, title=title)
        quiz.items.update(question=questions[0])
    url = reverse("admin:quizzes_question_changelist")

    response = admin_client.post(
        url, {"action": "retire", "_selected_action": [q.pk for q in questions], "index": "0"}
    )

    page = response.content.decode()
    assert "<strong>3 questions</strong>" in page
    assert "<strong>2 homework quizzes</strong> use them" in page
    assert Question.objects.active().filter(pk__in=[q.pk for q in questions]).count() == 3


def test_retiring_every_question_with_select_all_asks_first_then_retires_them_all(admin_client):
    url = reverse("admin:quizzes_question_changelist") + "?kind__exact=true_false"
    true_false = Question.objects.active().filter(kind="true_false")
    count = true_false.count()
    first = true_false.first().pk
    selection = {"action": "retire", "_selected_action": [first], "select_across": "1"}

    confirm = admin_client.post(url, {**selection, "index": "0"})

    assert f"<strong>{count} questions</strong>: every question that matches" in (
        confirm.content.decode()
    )
    assert true_false.count() == count
    admin_client.post(url, {**selection, "index": "0", "post": "yes"})
    assert not true_false.exists()
    assert Question.objects.active().exclude(kind="true_false").exists()


def test_the_question_admin_shows_the_source_notes(admin_client):
    question = Question.objects.in_bank().filter(source_facts__isnull=False).first()
    fact = question.source_facts.first()

    page = admin_client.get(reverse("admin:quizzes_question_change", args=[question.pk]))

    assert fact.source in page.content.decode()
    assert {"kind", "status", "template"} <= set(site._registry[Question].list_filter)
