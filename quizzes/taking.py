"""Taking a quiz: starting an attempt, reading answers from a form, saving and marking them.

Marking happens here, on the server, with `quizzes.kinds.mark`; the page a student answers on only
ever holds the options, never the answer key.
"""

import random

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from quizzes import kinds
from quizzes.kinds import AnswerError as AnswerError  # views catch it as taking.AnswerError
from quizzes.models import Attempt, Question, Response
from topics.models import Fact


def display_options(question, attempt):
    """The options in the order this attempt shows them (shuffled once, at the start)."""
    order = attempt.option_orders.get(str(question.pk))
    return question.behaviour.display(question.options, order)


@transaction.atomic
def start_attempt(*, quiz, user, seed=None):
    rng = random.Random(seed)
    questions = quiz.ordered_questions()
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    option_orders = {}
    if quiz.shuffle_options:
        for question in questions:
            size = _shuffled_size(question)
            if size:
                order = list(range(size))
                rng.shuffle(order)
                option_orders[str(question.pk)] = order
    return Attempt.objects.create(
        quiz=quiz,
        user=user,
        question_order=[question.pk for question in questions],
        option_orders=option_orders,
    )


def _shuffled_size(question):
    return len(question.behaviour.shuffled(question.options))


def attempt_questions(attempt):
    """The attempt's questions in its own order, with their topics (two queries).

    Read from the attempt's own list, so an attempt keeps its questions whatever happens later.
    """
    questions = Question.objects.filter(pk__in=attempt.question_order)
    questions = questions.select_related("topic").prefetch_related(
        Prefetch("source_facts", queryset=Fact.objects.select_related("topic"))
    )
    by_id = {question.pk: question for question in questions}
    return [by_id[pk] for pk in attempt.question_order if pk in by_id]


def answer_form_item(question, attempt, saved):
    """What the answer form shows for one question: its options and the student's saved answer."""
    name = field_name(question)
    behaviour = question.behaviour
    return {
        "question": question,
        "kind": behaviour,
        "name": name,
        "saved": saved,
        **behaviour.form_item(display_options(question, attempt), question.answer, saved),
    }


def feedback_items(attempt):
    """Each question of a submitted attempt with the response and its mark, for feedback pages."""
    responses = {r.question_id: r for r in attempt.responses.all()}
    items = []
    for question in attempt_questions(attempt):
        response = responses.get(question.pk)
        given = response.answer if response else None
        items.append(
            {
                "question": question,
                "response": response,
                "kind": question.behaviour,
                "given": kinds.describe(question, given),
                "mark": kinds.mark(question, given),
            }
        )
    return items


def field_name(question):
    return f"q{question.pk}"


def answer_from_form(question, data, attempt):
    """Read one question's answer from POST data into the shape `mark` expects (None: blank).

    Raises AnswerError for values no honest form could send: an option the question does not
    have, an over-long text.
    """
    options = display_options(question, attempt)
    return question.behaviour.read(data, field_name(question), options, question.answer)


@transaction.atomic
def save_answers(attempt, answers, *, now=None):
    """Store answers ({question: answer}) without marking them; returns how many were saved."""
    now = now or timezone.now()
    for question, answer in answers.items():
        Response.objects.update_or_create(
            attempt=attempt, question=question, defaults={"answer": answer, "answered_at": now}
        )
    return len(answers)


def submit_attempt(attempt, *, now=None):
    """Mark every question of the attempt once. A second submit (double click, replay) is a no-op.

    Returns True if this call submitted the attempt.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the row: two tabs submitting at once must not both mark it.
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.submitted_at is not None:
            return False
        questions = attempt_questions(locked)
        responses = {r.question_id: r for r in locked.responses.all()}
        total = 0.0
        for question in questions:
            response = responses.get(question.pk) or Response(attempt=locked, question=question)
            result = kinds.mark(question, response.answer)
            response.score = result.score
            response.feedback = result.feedback
            response.save()
            total += result.score
        locked.score = total / len(questions) if questions else 0.0
        locked.submitted_at = now
        locked.save(update_fields=["score", "submitted_at"])
    attempt.refresh_from_db()
    return True
