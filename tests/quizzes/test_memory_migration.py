"""The migration that gave the questions already in the bank their idea."""

import importlib

from django.apps import apps

from quizzes.memory import idea_of
from quizzes.models import Question

migration = importlib.import_module("quizzes.migrations.0007_memory_and_revision")


def test_existing_questions_get_their_idea(db):
    Question.objects.update(idea="")
    migration.fill_ideas(apps, None)
    question = Question.objects.filter(template="person_from_role_mcq").first()
    assert (
        question.idea
        == idea_of(question.template, question.key)
        == f"person-role:{question.key.split(':')[1]}"
    )
    assert not Question.objects.filter(kind="ordering").exclude(idea="").exists()
