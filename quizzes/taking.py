"""Taking a quiz: starting an attempt, reading answers from a form, saving and marking them.

Marking happens here, on the server, with `quizzes.marking`; the page a student answers on only
ever holds the options, never the answer key.
"""

import random
import unicodedata

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from quizzes.marking import MAX_TEXT_LENGTH, mark
from quizzes.models import Attempt, Kind, Question, Response
from topics.models import Fact


class AnswerError(ValueError):
    """A submitted answer that does not fit its question (a tampered or broken form)."""


def display_options(question, attempt):
    """The options in the order this attempt shows them (shuffled once, at the start)."""
    order = attempt.option_orders.get(str(question.pk))
    if question.kind == Kind.MATCHING:
        right = question.options["right"]
        return {"left": question.options["left"], "right": _apply(order, right)}
    if question.kind in {Kind.MULTIPLE_CHOICE, Kind.ORDERING}:
        return _apply(order, question.options)
    return question.options


def _apply(order, items):
    if not order or sorted(order) != list(range(len(items))):
        return list(items)
    return [items[index] for index in order]


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
    if question.kind == Kind.MATCHING:
        return len(question.options["right"])
    if question.kind in {Kind.MULTIPLE_CHOICE, Kind.ORDERING}:
        return len(question.options)
    return 0


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
    options = display_options(question, attempt)
    view = {"question": question, "name": field_name(question), "saved": saved}
    if question.kind == "ordering":
        saved = saved if isinstance(saved, list) else []
        view["positions"] = [
            (n, saved[n - 1] if n <= len(saved) else "") for n in range(1, len(options) + 1)
        ]
    if question.kind == "matching":
        saved = saved if isinstance(saved, dict) else {}
        view["pairs"] = [
            (n, left, saved.get(left, "")) for n, left in enumerate(options["left"], 1)
        ]
    view["options"] = options
    return view


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
                "given": describe_answer(given),
                "mark": mark(question, given),
            }
        )
    return items


def describe_answer(answer):
    """A stored answer as a student or teacher reads it."""
    if answer is None or answer == "":
        return ""
    if isinstance(answer, bool):
        return "True" if answer else "False"
    if isinstance(answer, list):
        return ", then ".join(str(item) for item in answer)
    if isinstance(answer, dict):
        return "; ".join(f"{left} → {right}" for left, right in answer.items())
    return str(answer)


def field_name(question):
    return f"q{question.pk}"


def answer_from_form(question, data, attempt):
    """Read one question's answer from POST data into the shape `mark` expects (None: blank).

    Raises AnswerError for values no honest form could send: an option the question does not
    have, an over-long text.
    """
    name = field_name(question)
    options = display_options(question, attempt)
    if question.kind in {Kind.TYPED, Kind.CLOZE}:
        text = data.get(name, "")
        if len(text) > MAX_TEXT_LENGTH:
            raise AnswerError(f"Answers are at most {MAX_TEXT_LENGTH} characters.")
        if any(unicodedata.category(char) == "Cc" and char not in "\t\n\r" for char in text):
            raise AnswerError("Answers cannot contain control characters.")
        return text.strip() or None
    if question.kind == Kind.MULTIPLE_CHOICE:
        return _one_of(data.get(name), options)
    if question.kind == Kind.TRUE_FALSE:
        value = _one_of(data.get(name), ["true", "false"])
        return None if value is None else value == "true"
    if question.kind == Kind.ORDERING:
        picked = [data.get(f"{name}-{position}") for position in range(1, len(options) + 1)]
        if not any(picked):
            return None
        return [_one_of(item, options) or "" for item in picked]
    if question.kind == Kind.MATCHING:
        pairs = {}
        for index, left in enumerate(options["left"], start=1):
            right = _one_of(data.get(f"{name}-{index}"), options["right"])
            if right:
                pairs[left] = right
        return pairs or None
    raise AnswerError(f"Unknown kind of question: {question.kind}")


def _one_of(value, allowed):
    if value in (None, ""):
        return None
    if value not in allowed:
        raise AnswerError("That is not one of the question's options.")
    return value


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
            result = mark(question, response.answer)
            response.score = result.score
            response.feedback = result.feedback
            response.save()
            total += result.score
        locked.score = total / len(questions) if questions else 0.0
        locked.submitted_at = now
        locked.save(update_fields=["score", "submitted_at"])
    attempt.refresh_from_db()
    return True
