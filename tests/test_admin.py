import json

import pytest
from django.contrib import admin
from django.urls import reverse

from quizzes.models import Question

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_every_changelist_opens_for_an_admin(admin_client, model):
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_every_changelist_searches_without_error(admin_client, model):
    if not admin.site._registry[model].search_fields:
        pytest.skip("no search on this model")
    response = admin_client.get(admin_url(model, "changelist"), {"q": "Stalin"})
    assert response.status_code == 200


# Made only by students starting quizzes and homework: every field is read-only in the admin, so
# adding one by hand saved an empty row (a 500).
MADE_BY_THE_APP = {"quizzes.Attempt", "classrooms.AssignmentAttempt"}


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_every_add_page_opens_for_an_admin(admin_client, admin_user, rf, model):
    request = rf.get("/")
    request.user = admin_user
    if not admin.site._registry[model].has_add_permission(request):
        pytest.skip("a record the admin shows but does not add (sign-in attempts)")
    response = admin_client.get(admin_url(model, "add"))
    assert response.status_code == (403 if model._meta.label in MADE_BY_THE_APP else 200)


@pytest.mark.parametrize("label", sorted(MADE_BY_THE_APP))
def test_attempts_cannot_be_added_by_hand(admin_client, label):
    model = next(model for model in MODELS if model._meta.label == label)
    before = model.objects.count()

    response = admin_client.post(admin_url(model, "add"), {})

    assert response.status_code == 403
    assert model.objects.count() == before


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_every_change_page_opens_for_an_admin(admin_client, model):
    obj = model._default_manager.first()
    if obj is None:
        pytest.skip("no row of this model in the shipped data")
    response = admin_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200


def test_students_and_teachers_cannot_open_the_admin(student_client, teacher):
    assert student_client.get(reverse("admin:index")).status_code == 302
    student_client.force_login(teacher)
    assert student_client.get(reverse("admin:index")).status_code == 302


# Tampered input that was a 500 (some only on PostgreSQL): a 400 or a form error instead


def test_every_model_in_the_admin_has_an_integer_key():
    # The admin's guard on action selections (ussr_revision/admin.py) relies on it.
    for model in MODELS:
        assert model._meta.pk.get_internal_type() in {"AutoField", "BigAutoField"}, model


@pytest.mark.parametrize(
    "query", ["?status__exact=%00", "?q=%00", "?topic__id__exact=1%00", "?%00=1"]
)
def test_a_nul_character_in_the_address_is_a_400(admin_client, query):
    response = admin_client.get(reverse("admin:quizzes_question_changelist") + query)

    assert response.status_code == 400
    assert response.content.decode() == "Addresses cannot contain NUL characters."


@pytest.mark.parametrize("selected", ["abc", "", "-1", str(10**30), "１"])
@pytest.mark.parametrize("action", ["retire", "delete_selected"])
def test_an_action_on_rows_that_are_not_ids_is_a_400(admin_client, selected, action):
    before = Question.objects.active().count()

    response = admin_client.post(
        reverse("admin:quizzes_question_changelist"),
        {"action": action, "_selected_action": [selected], "index": "0", "post": "yes"},
    )

    assert response.status_code == 400
    assert "Choose the rows for this action from the list" in response.content.decode()
    assert Question.objects.active().count() == before


def test_the_guard_covers_djangos_own_admin_pages_too(admin_client):
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": ["abc"], "index": "0"},
    )

    assert response.status_code == 400


def test_an_action_on_real_rows_still_runs(admin_client):
    question = Question.objects.active().first()

    response = admin_client.post(
        reverse("admin:quizzes_question_changelist"),
        {"action": "retire", "_selected_action": [str(question.pk)], "index": "0"},
    )

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "retired"


def question_form(question, **changes):
    data = {
        "kind": question.kind,
        "prompt": question.prompt,
        "options": json.dumps(question.options),
        "answer": json.dumps(question.answer),
        "explanation": question.explanation,
        "topic": question.topic_id,
        "difficulty": question.difficulty,
        "status": question.status,
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("options", "[" * 100_000 + "]" * 100_000, "Nested too deeply"),
        ("answer", '{"a":' * 50_000 + "1" + "}" * 50_000, "Nested too deeply"),
        ("options", "[" * 500 + "]" * 500, "Nested too deeply"),
        ("options", '["Stalin\\u0000", "Trotsky", "Kamenev", "Zinoviev"]', "NUL characters"),
    ],
    ids=["deep list", "deep object", "deep but parseable", "NUL"],
)
def test_bad_json_in_a_question_is_a_form_error(admin_client, field, value, error):
    question = Question.objects.filter(kind="multiple_choice").first()
    url = admin_url(Question, "change", question.pk)

    response = admin_client.post(url, question_form(question, **{field: value}))

    assert response.status_code == 200
    assert error in str(response.context["adminform"].form.errors[field])
    question.refresh_from_db()
    assert len(question.options) == 4
