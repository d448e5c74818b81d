"""Taking a quiz: starting an attempt, reading answers from a form, saving and marking them.

Marking happens here, on the server, with `quizzes.kinds.mark`; the page a student answers on only
ever holds the options, never the answer key.
"""

import random

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from quizzes import kinds, overrides
from quizzes.kinds import AnswerError as AnswerError  # views catch it as taking.AnswerError
from quizzes.marking import Mark
from quizzes.models import Attempt, Question, Response
from topics import content_version
from topics.models import Fact


class AnswerConflict(Exception):
    """The answer was changed (on another device) since the page that sent this one was shown.

    Carries the answer now stored and its version, for the page to show instead.
    """

    def __init__(self, question, answer, version):
        super().__init__(f"Question {question.pk} was changed since the page was shown.")
        self.question = question
        self.answer = answer
        self.version = version


# Versions are stored as PositiveIntegerField; a page never shows more than this.
MAX_VERSION = 2**31 - 1


def display_options(question, attempt):
    """The options in the order this attempt shows them (shuffled once, at the start)."""
    order = attempt.option_orders.get(str(question.pk))
    return question.behaviour.display(question.options, order)


@transaction.atomic
def start_attempt(*, quiz, user, seed=None, one_at_a_time=False):
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
        one_at_a_time=one_at_a_time,
    )


def _shuffled_size(question):
    return len(question.behaviour.shuffled(question.options))


def attempt_questions(attempt, *, with_sources=False):
    """The attempt's questions in its own order, with their topics (one query; two with sources).

    Read from the attempt's own list, so an attempt keeps its questions whatever happens later.
    Only feedback shows the source notes, so only it asks for them.
    """
    return questions_by_id(attempt.question_order, with_sources=with_sources)


def questions_by_id(ids, *, with_sources=False):
    """The questions with these ids, in that order (ids not found are left out)."""
    questions = Question.objects.filter(pk__in=ids).select_related("topic")
    if with_sources:
        questions = questions.prefetch_related(
            Prefetch("source_facts", queryset=Fact.objects.select_related("topic"))
        )
    by_id = {question.pk: question for question in questions}
    return [by_id[pk] for pk in ids if pk in by_id]


QUESTION_TIMEOUT = 24 * 3600  # seconds


def questions_to_answer(ids):
    """questions_by_id from the shared cache, for the pages that show questions to answer and
    the autosaves that read their answers (marking reads the database).

    A question changes only with the course: its save or deletion, a bank build or a topic's
    save bumps the content version the copies are kept under (topics/content_version.py).
    """
    version = content_version.current()  # read before the database, as fragments are
    keys = {pk: f"question:{version}:{pk}" for pk in ids}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        fetched = {keys[question.pk]: question for question in questions_by_id(missing)}
        cache.set_many(fetched, QUESTION_TIMEOUT)
        found.update(fetched)
    return [found[keys[pk]] for pk in ids if keys[pk] in found]


def saved_responses(attempt):
    """{question id: Response} of the attempt, without the feedback text (one query)."""
    # The attempt is in the list: the related manager reads it from each row, a query apiece if
    # it were deferred.
    rows = attempt.responses.order_by().only(
        "attempt_id", "question_id", "answer", "version", "flagged"
    )
    return {response.question_id: response for response in rows}


def attempt_question(attempt, raw_id):
    """One question of the attempt, from an id sent by a page (None if it is not one of them)."""
    try:
        question_id = int(raw_id)
    except (TypeError, ValueError):
        return None
    if question_id not in attempt.question_order:
        return None
    found = questions_to_answer([question_id])
    return found[0] if found else None


def answer_form_item(question, attempt, response=None):
    """What the answer form shows for one question: its options and the student's saved answer.

    The version of the saved answer goes into the page, and comes back with every save from it:
    a save from a page older than the answer is refused instead of overwriting it.
    """
    behaviour = question.behaviour
    saved = response.answer if response else None
    return {
        "question": question,
        "kind": behaviour,
        "name": field_name(question),
        "saved": saved,
        "version": response.version if response else 0,
        "flagged": response.flagged if response else False,
        **behaviour.form_item(display_options(question, attempt), question.answer, saved),
    }


def feedback_items(attempt):
    """Each question of a submitted attempt with the response and its mark, for feedback pages."""
    responses = {r.question_id: r for r in attempt.responses.all()}
    items = []
    for question in attempt_questions(attempt, with_sources=True):
        response = responses.get(question.pk)
        given = response.answer if response else None
        items.append(
            {
                "question": question,
                "response": response,
                "kind": question.behaviour,
                "given": kinds.describe(question, given),
                "mark": _mark_shown(question, response, given),
            }
        )
    return items


def _mark_shown(question, response, given):
    """The mark feedback shows: the marker's, unless the teacher accepted the answer."""
    result = kinds.mark(question, given)
    if response is not None and response.feedback == overrides.ACCEPTED:
        return Mark(1.0, True, overrides.ACCEPTED, result.expected)
    return result


def mistakes(attempt):
    """Ids of the submitted attempt's questions that were not wholly right, in its order."""
    right = set(attempt.responses.filter(score=1).order_by().values_list("question_id", flat=True))
    return [pk for pk in attempt.question_order if pk not in right]


def hand_in_summary(attempt):
    """What a student is told on handing in: what happened, without praise that may not fit."""
    total = len(attempt.question_order)
    answered = attempt.responses.exclude(answer=None).count()
    left = "" if answered == total else f", {total - answered} left blank"
    return (
        f"Handed in: you scored {attempt.percent}% "
        f"({answered} of {total} question{'s' if total != 1 else ''} answered{left})."
    )


def field_name(question):
    return f"q{question.pk}"


def form_values(question, attempt, answer):
    """The form fields that show `answer` ({field name: value}), for a page to put back."""
    options = display_options(question, attempt)
    return question.behaviour.fields(field_name(question), options, answer)


def seen_version(question, data):
    """The version of this question's answer that the sending page showed (None: not sent)."""
    raw = data.get(f"{field_name(question)}-version")
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_VERSION:
        raise AnswerError("The page sent a broken answer version: reload it and try again.")
    return int(raw)


def flag_field(question):
    return f"{field_name(question)}-flag"


def set_flag(attempt, question, flagged):
    """Mark a question "come back to this" (or not), with or without an answer."""
    mine = Response.objects.filter(attempt=attempt, question=question)
    if not mine.update(flagged=flagged) and flagged:
        try:
            with transaction.atomic():
                Response.objects.create(attempt=attempt, question=question, answer=None,
                                        flagged=True)  # fmt: skip
        except IntegrityError:  # an answer saved at the same moment made the row
            mine.update(flagged=True)


def question_states(attempt, saved):
    """(number, question id, answered, flagged) for each question, for the question numbers."""
    states = []
    for number, question_id in enumerate(attempt.question_order, start=1):
        response = saved.get(question_id)
        answered = response is not None and response.answer is not None
        states.append((number, question_id, answered, bool(response and response.flagged)))
    return states


def page_showed_an_answer(question, data):
    """Whether the sending page showed a saved answer for this question (its "-shown" flag)."""
    return data.get(f"{field_name(question)}-shown") == "1"


def answer_from_form(question, data, attempt):
    """Read one question's answer from POST data into the shape `mark` expects (None: blank).

    Raises AnswerError for values no honest form could send: an option the question does not
    have, an over-long text.
    """
    options = display_options(question, attempt)
    return question.behaviour.read(data, field_name(question), options, question.answer)


def save_answer(attempt, question, answer, *, seen_version=None, now=None):
    """Store one answer without marking it; returns its new version.

    With `seen_version` (the version the sending page showed) the write is a compare-and-swap:
    one UPDATE that only matches if nobody has saved since, else AnswerConflict with the answer
    now stored. A repeat of a save that already landed (a retry after a lost reply) is not a
    conflict. Without it (server-side callers) the last write wins.
    """
    now = now or timezone.now()
    if seen_version is None:
        return _write_over(attempt, question, answer, now)
    mine = Response.objects.filter(attempt=attempt, question=question)
    changes = {"answer": answer, "answered_at": now, "version": F("version") + 1}
    if seen_version == 0:  # the page showed no answer: this is the first, unless one came since
        if _create(attempt, question, answer, now):
            return 1
        # A row with no answer in it ("come back to this" ticked first, or an answer cleared
        # elsewhere) holds nothing to lose: the page's answer fills it.
        if mine.filter(answer__isnull=True).update(**changes):
            return mine.values_list("version", flat=True).get()
    elif mine.filter(version=seen_version).update(**changes):
        return seen_version + 1
    stored = mine.values("answer", "version").first()
    if stored is None:
        raise AnswerError("The page sent the version of an answer never saved: reload it.")
    if stored["answer"] == answer:
        return stored["version"]
    raise AnswerConflict(question, stored["answer"], stored["version"])


def _write_over(attempt, question, answer, now):
    mine = Response.objects.filter(attempt=attempt, question=question)
    changes = {"answer": answer, "answered_at": now, "version": F("version") + 1}
    if not mine.update(**changes):
        if _create(attempt, question, answer, now):
            return 1
        mine.update(**changes)  # a parallel save created it a moment ago
    return mine.values_list("version", flat=True).get()


def _create(attempt, question, answer, now):
    """Insert the first answer to a question; False if a parallel save inserted it first."""
    try:
        with transaction.atomic():  # a savepoint: losing the race must not spoil the caller's
            Response.objects.create(
                attempt=attempt, question=question, answer=answer, answered_at=now, version=1
            )
        return True
    except IntegrityError:
        return False


@transaction.atomic
def save_answers(attempt, answers, *, now=None):
    """Store answers ({question: answer}), last write wins; returns how many were saved."""
    for question, answer in answers.items():
        save_answer(attempt, question, answer, now=now)
    return len(answers)


def read_form(attempt, questions, data):
    """Each question's answer on a posted page, with the version the page showed.

    Questions the page left blank, and showed blank, are left out: a blank field says nothing,
    so only a field the student emptied (its answer was on the page) clears an answer.
    Raises AnswerError, before anything is saved, if any field is broken.
    """
    changes = []
    for question in questions:
        answer = answer_from_form(question, data, attempt)
        if answer is None and not page_showed_an_answer(question, data):
            continue
        changes.append((question, answer, seen_version(question, data)))
    return changes


@transaction.atomic
def save_form(attempt, changes, *, now=None):
    """Save what `read_form` read; returns the conflicts (answers changed on another device)."""
    conflicts = []
    for question, answer, seen in changes:
        try:
            save_answer(attempt, question, answer, seen_version=seen, now=now)
        except AnswerConflict as conflict:
            conflicts.append(conflict)
    return conflicts


def changed_elsewhere_message(attempt, conflicts):
    """What a page says when some of its answers were refused as older than the saved ones."""
    numbers = [str(attempt.question_order.index(c.question.pk) + 1) for c in conflicts]
    noun = "Question" if len(numbers) == 1 else "Questions"
    return (
        f"{noun} {', '.join(numbers)}: this answer was changed on another device, so your change "
        "was not saved. The newer answer is shown: check it and carry on."
    )


def _accepted(attempt, questions):
    """The answers the quiz's teacher accepted for everyone; no query for a quiz without typed
    questions."""
    if not any(question.behaviour.takes_text for question in questions):
        return {}
    return overrides.accepted_for_everyone(attempt.quiz_id)


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
        accepted = _accepted(locked, questions)
        total = 0.0
        for question in questions:
            response = responses.get(question.pk) or Response(attempt=locked, question=question)
            result = kinds.mark(question, response.answer)
            if result.score < 1 and overrides.is_accepted(accepted, question, response.answer):
                result = Mark(1.0, True, overrides.ACCEPTED, result.expected)
            response.score = result.score
            response.feedback = result.feedback
            # Marks only: the answer stays exactly as the last save left it.
            response.save(update_fields=["score", "feedback"] if response.pk else None)
            total += result.score
        locked.score = total / len(questions) if questions else 0.0
        locked.submitted_at = now
        locked.save(update_fields=["score", "submitted_at"])
    attempt.refresh_from_db()
    return True


# One question at a time: each answer is marked as soon as it is given, its feedback shown next.


def mark_answer(attempt, question, answer, *, now=None):
    """Save and mark one answer of a one-at-a-time attempt; returns False if it was marked before.

    A marked answer is final (its feedback, with the right answer, has been shown), so a second
    post of the same question changes nothing. When the last question is marked, the attempt is
    submitted (marking them all again gives the same marks) and its score is kept.
    """
    now = now or timezone.now()
    result = kinds.mark(question, answer)
    with transaction.atomic():
        # The attempt's row lock, as submitting takes: an answer and a submit do not cross.
        Attempt.objects.select_for_update().only("pk").get(pk=attempt.pk)
        mine = Response.objects.filter(attempt=attempt, question=question)
        changes = {"answer": answer, "score": result.score, "feedback": result.feedback,
                   "answered_at": now, "version": F("version") + 1}  # fmt: skip
        if not mine.filter(score=None).update(**changes):
            if mine.exists():
                return False
            Response.objects.create(
                attempt=attempt, question=question, answer=answer, score=result.score,
                feedback=result.feedback, answered_at=now,
            )  # fmt: skip
        marked = attempt.responses.exclude(score=None).count()
    if marked >= len(attempt.question_order):
        submit_attempt(attempt, now=now)
    return True


def step_progress(attempt):
    """(marked, right) so far in a one-at-a-time attempt (one query)."""
    counts = attempt.responses.exclude(score=None).aggregate(
        marked=Count("pk"), right=Count("pk", filter=Q(score=1))
    )
    return counts["marked"], counts["right"]


def first_unmarked_number(attempt):
    """The number of the first question not yet marked (1-based), or None if all are."""
    marked = set(
        attempt.responses.exclude(score=None).order_by().values_list("question_id", flat=True)
    )
    for number, question_id in enumerate(attempt.question_order, start=1):
        if question_id not in marked:
            return number
    return None


def feedback_item(question, response):
    """One question's feedback (as `feedback_items` gives it) from its response."""
    given = response.answer if response else None
    return {
        "question": question,
        "response": response,
        "kind": question.behaviour,
        "given": kinds.describe(question, given),
        "mark": kinds.mark(question, given),
    }
