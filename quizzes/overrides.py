"""Marks a teacher overrode: typed answers accepted after the marker refused them.

An accepted answer is stored per quiz in `AcceptedAnswer` (never written into the question's key,
which a bank rebuild regenerates) and is matched after normalising (case, accents, punctuation
and spacing ignored), exactly, with no spelling allowance: the teacher accepted that answer, not
everything near it. Marking (`taking.submit_attempt`) consults the table, so attempts submitted
later get the same mark as those re-marked when the teacher accepted it.
"""

from collections import defaultdict

from django.db import transaction

from quizzes.marking import normalise
from quizzes.models import AcceptedAnswer, Attempt, Response

ACCEPTED = "Accepted by your teacher."


def can_accept(question, response):
    """A typed answer the marker refused (wholly or in part) in a submitted attempt."""
    return (
        question.behaviour.takes_text
        and response is not None
        and isinstance(response.answer, str)
        and bool(normalise(response.answer))
        and response.score is not None
        and response.score < 1
    )


def accepted_for_everyone(quiz_id):
    """{question pk: {normalised text}} the quiz's teacher accepted for everyone (one query)."""
    found = defaultdict(set)
    rows = AcceptedAnswer.objects.filter(quiz_id=quiz_id, response__isnull=True)
    for question_id, text in rows.values_list("question_id", "text"):
        found[question_id].add(text)
    return found


def is_accepted(accepted, question, given):
    return isinstance(given, str) and normalise(given) in accepted.get(question.pk, ())


def accept(*, quiz, question, response, teacher, everyone):
    """Accept `response`'s answer for its student, or for everyone taking `quiz`. Re-marks every
    submitted attempt it changes and returns their ids (the caller says which results changed)."""
    text = normalise(response.answer)
    with transaction.atomic():
        if everyone:
            AcceptedAnswer.objects.get_or_create(
                quiz=quiz, question=question, text=text, response=None,
                defaults={"accepted_by": teacher},
            )  # fmt: skip
            candidates = Response.objects.filter(
                attempt__quiz=quiz, attempt__submitted_at__isnull=False, question=question,
                score__lt=1,
            ).select_related(None)  # fmt: skip
            changed = [
                r for r in candidates if isinstance(r.answer, str) and normalise(r.answer) == text
            ]
        else:
            AcceptedAnswer.objects.create(
                quiz=quiz, question=question, text=text, response=response, accepted_by=teacher
            )
            changed = [response]
        ids = [r.pk for r in changed]
        Response.objects.filter(pk__in=ids).update(score=1.0, feedback=ACCEPTED)
        attempts = {r.attempt_id for r in changed}
        _rescore(attempts)
    return attempts


def _rescore(attempt_ids):
    """Each attempt's score from its responses again: the mean over its questions (a question
    with no response counts 0), as `submit_attempt` works it out."""
    totals = defaultdict(float)
    rows = Response.objects.filter(attempt_id__in=attempt_ids).values_list("attempt_id", "score")
    for attempt_id, score in rows:
        totals[attempt_id] += score or 0.0
    for attempt in Attempt.objects.filter(pk__in=attempt_ids).only("pk", "question_order"):
        count = len(attempt.question_order)
        score = totals[attempt.pk] / count if count else 0.0
        attempt.score = score
        attempt.save(update_fields=["score"])  # a save, so that pages showing the score hear of it
