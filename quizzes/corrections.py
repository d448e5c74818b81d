"""Corrections reaching quizzes: after the bank is rebuilt, a quiz nobody has started moves to the
current version of each of its questions; a quiz already started keeps what students saw and
says how many of its questions have been corrected since.

A generated question keeps its key across versions (quizzes/bank.py), so the current version of
a retired question is the active question with the same key.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef

from quizzes.models import Attempt, Question, QuizQuestion, RetiredBecause, Status


@dataclass
class Moved:
    quizzes: int = 0
    questions: int = 0
    no_successor: int = 0  # retired with nothing to replace them: their quiz pages say so

    def __str__(self):
        return (
            f"{self.questions} question{'s' if self.questions != 1 else ''} updated in "
            f"{self.quizzes} quiz{'zes' if self.quizzes != 1 else ''} nobody has started"
        )


def _retired_items():
    """Quiz items whose generated question has been retired (by a rebuild or an admin)."""
    return QuizQuestion.objects.filter(
        question__status=Status.RETIRED,
        question__retired_because__in=[
            RetiredBecause.CHANGED,
            RetiredBecause.VANISHED,
            RetiredBecause.ADMIN,
        ],
    ).exclude(question__key="")


@transaction.atomic
def move_unstarted_quizzes():
    """Point every unstarted quiz's retired questions at their current versions."""
    started = Attempt.objects.filter(quiz_id=OuterRef("quiz_id"))
    items = list(
        _retired_items()
        .annotate(started=Exists(started))
        .filter(started=False)
        .select_related("question")
        .select_for_update(of=("self",))
    )
    current = dict(
        Question.objects.active()
        .filter(key__in={item.question.key for item in items})
        .values_list("key", "pk")
    )
    in_quiz = set(
        QuizQuestion.objects.filter(quiz_id__in={i.quiz_id for i in items}).values_list(
            "quiz_id", "question_id"
        )
    )
    moved, changed = Moved(), []
    for item in items:
        successor = current.get(item.question.key)
        if successor is None or (item.quiz_id, successor) in in_quiz:
            moved.no_successor += 1
            continue
        item.question_id = successor
        in_quiz.add((item.quiz_id, successor))
        changed.append(item)
    QuizQuestion.objects.bulk_update(changed, ["question"])
    moved.questions = len(changed)
    moved.quizzes = len({item.quiz_id for item in changed})
    return moved


def corrections_since_set(quiz):
    """(corrected, withdrawn): how many of a quiz's questions have a newer version in the bank,
    and how many were withdrawn from it with none."""
    items = list(_retired_items().filter(quiz=quiz).values_list("question__key", flat=True))
    if not items:
        return 0, 0
    current = set(Question.objects.active().filter(key__in=items).values_list("key", flat=True))
    corrected = sum(key in current for key in items)
    return corrected, len(items) - corrected
