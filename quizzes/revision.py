"""Memory in the database: recording reviews, starting and answering Revise now sessions.

The decisions (ratings, the schedule, which ideas, which kind) are `quizzes.memory`'s; this module
reads what they need in a fixed number of queries and writes what they decide. Every batch of
reviews, one answer or a whole homework, is one read of the memories it touches and one upsert.
"""

import random
import time
from datetime import UTC, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from fsrs import Rating, ReviewLog

from quizzes import memory
from quizzes.kinds import mark as _mark
from quizzes.models import (
    MemoryState,
    Question,
    Review,
    ReviewSource,
    RevisionItem,
    RevisionSession,
    SessionMode,
)


def mark(question, answer):
    """The marker Revise now uses (the one place to change if marking moves)."""
    return _mark(question, answer)


def describe(answer):
    """A Revise now answer in words: its kinds are choice, true/false and typed."""
    if isinstance(answer, bool):
        return "True" if answer else "False"
    return "" if answer is None else str(answer)


_STORED = ["state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses"]


def as_memory(row):
    return memory.Memory(**{name: getattr(row, name) for name in _STORED})


def record(student, graded, *, now, source):
    """Apply reviews ((question, Rating) pairs, in the order given) to the student's memories.

    Questions with no idea are skipped. Returns {idea: (memory before or None, memory after)}.
    Two requests reviewing one idea at the same instant both log their review; the memory keeps
    the later write (a lost review costs a day of scheduling, never a wrong mark).
    """
    graded = [(question, Rating(rating)) for question, rating in graded if question.idea]
    if not graded:
        return {}
    ideas = {question.idea for question, _ in graded}
    rows = MemoryState.objects.filter(student=student, idea__in=ideas).only("idea", *_STORED)
    before = {row.idea: as_memory(row) for row in rows}
    after, topics, logs = dict(before), {}, []
    for question, rating in graded:
        after[question.idea] = memory.review(after.get(question.idea), rating, now)
        topics[question.idea] = question.topic_id
        logs.append(
            Review(
                student=student,
                idea=question.idea,
                question_id=question.pk,
                rating=rating.value,
                source=source,
                reviewed_at=now,
            )
        )
    with transaction.atomic():
        MemoryState.objects.bulk_create(
            [
                MemoryState(student=student, idea=idea, topic_id=topics[idea], **vars(after[idea]))
                for idea in topics
            ],
            update_conflicts=True,
            unique_fields=["student", "idea"],
            update_fields=["topic", *_STORED],
        )
        Review.objects.bulk_create(logs)
        memory_changed(student)
    return {idea: (before.get(idea), after[idea]) for idea in topics}


def record_attempt(attempt, *, source, now):
    """A submitted attempt's marks as reviews (for homework: only once it is handed in)."""
    responses = attempt.responses.select_related("question").only(
        "score", "question__kind", "question__idea", "question__topic_id"
    )
    graded = [
        (r.question, memory.rating_for(r.score, r.question.kind))
        for r in responses
        if r.question.idea and r.score is not None
    ]
    return record(attempt.user, graded, now=now, source=source)


# Starting a session -------------------------------------------------------------------------------


def start_session(
    student, *, topic_ids, hidden, now, mode=SessionMode.QUESTIONS, ahead=False, seed=None
):
    """A new session of the ideas `memory.choose_ideas` picks, or None when nothing is due.

    `ahead`: "Keep going" after "Done for today": the ideas `memory.choose_ahead` picks instead
    (least likely to be recalled, due or not, then new ideas past the day's allowance).

    `topic_ids`: the topics new ideas may come from (what the student's classes have covered).
    `hidden`: ids of questions practice must not show (homework still to hand in); their ideas are
    left out altogether, so another version of the same question cannot give the answer away.
    """
    rng = random.Random(seed)
    questions = _bank(hidden, flashcards=mode == SessionMode.FLASHCARDS)
    memories = {row.idea: row for row in MemoryState.objects.filter(student=student)}
    recall_now = {
        idea: memory.retrievability(row.stability, row.last_review, now)
        for idea, row in memories.items()
    }
    known = [
        memory.Known(idea, row.topic_id, recall_now[idea], row.due)
        for idea, row in memories.items()
        if idea in questions
    ]
    covered = set(topic_ids)
    fresh = [(idea, topic) for idea, (topic, _) in questions.items() if topic in covered]
    if ahead:
        picks = memory.choose_ahead(known, fresh, now=now, seed=rng.random())
    else:
        new_allowed = memory.NEW_PER_DAY - _new_today(student, now)
        picks = memory.choose_ideas(
            known, fresh, now=now, new_allowed=new_allowed, seed=rng.random()
        )
    if not picks:
        return None
    items = []
    for position, pick in enumerate(picks, start=1):
        row = memories.get(pick.idea)
        # A card's front reads best as a question to recall, whatever the memory.
        recall = mode == SessionMode.FLASHCARDS or memory.wants_recall(row and as_memory(row))
        question_id, kind = memory.pick_question(questions[pick.idea][1], rng, recall=recall)
        items.append(
            RevisionItem(
                position=position,
                idea=pick.idea,
                question_id=question_id,
                option_order=_option_order(kind, rng),
                recall_before=recall_now.get(pick.idea),
                stability_before=row.stability if row else None,
            )
        )
    with transaction.atomic():
        session = RevisionSession.objects.create(student=student, mode=mode, started_at=now)
        for item in items:
            item.session = session
        RevisionItem.objects.bulk_create(items)
        memory_changed(student)
    return session


def _bank(hidden, *, flashcards):
    """{idea: (topic id, [(question id, kind)])} of the active bank, less the hidden ideas."""
    hidden_ideas = set(
        Question.objects.filter(pk__in=hidden).exclude(idea="").values_list("idea", flat=True)
    )
    rows = (
        Question.objects.in_bank()
        .exclude(idea="")
        .filter(kind__in=memory.CHOICE_KINDS + memory.RECALL_KINDS)
        .order_by("pk")
        .values_list("pk", "kind", "idea", "topic_id")
    )
    bank = {}
    for pk, kind, idea, topic_id in rows:
        if idea in hidden_ideas or (
            flashcards and memory.idea_family(idea) not in memory.FLASHCARD_IDEAS
        ):
            continue
        bank.setdefault(idea, (topic_id, []))[1].append((pk, kind))
    return bank  # fmt: skip


def _option_order(kind, rng):
    if kind != "multiple_choice":
        return []
    order = [0, 1, 2, 3]
    rng.shuffle(order)
    return order


def _new_today(student, now):
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return RevisionItem.objects.filter(
        session__student=student, session__started_at__gte=midnight, recall_before__isnull=True
    ).count()


# Answering --------------------------------------------------------------------------------------


def answer_item(item, answer, *, now):
    """Mark a question of a session and update the memory at once; returns the item.

    A second answer to the same item (a double click, a replay) changes nothing."""
    with transaction.atomic():
        locked = RevisionItem.objects.select_for_update().get(pk=item.pk)
        if locked.is_answered:
            return locked
        result = mark(item.question, answer)
        rating = memory.rating_for(result.score, item.question.kind)
        locked.answer, locked.score = answer, result.score
        return _rated(locked, item.question, rating, now, ReviewSource.REVISE)


def rate_card(item, rating, *, now):
    """A flashcard the student rated themselves (Again, Hard, Good, Easy)."""
    with transaction.atomic():
        locked = RevisionItem.objects.select_for_update().get(pk=item.pk)
        if locked.is_answered:
            return locked
        return _rated(locked, item.question, Rating(rating), now, ReviewSource.FLASHCARD)


def _rated(item, question, rating, now, source):
    _, after = record(item.session.student, [(question, rating)], now=now, source=source)[
        question.idea
    ]
    item.rating, item.answered_at = rating.value, now
    item.stability_after, item.due_after = after.stability, after.due
    item.save(
        update_fields=["answer", "score", "rating", "answered_at", "stability_after", "due_after"]
    )
    if not item.session.items.filter(answered_at__isnull=True).exists():
        RevisionSession.objects.filter(pk=item.session_id, finished_at__isnull=True).update(
            finished_at=now
        )
    memory_changed(item.session.student_id)
    return item


# What pages show ---------------------------------------------------------------------------------


def next_due(student):
    return MemoryState.objects.filter(student=student).aggregate(next=Min("due"))["next"]


# The memory panel (the dashboard's and Revise now's) ---------------------------------------------

PANEL_SECONDS = 600  # predicted recall drifts by the hour: ten minutes old is still true enough


def _panel_version_key(student_pk):
    return f"memory-panel-version:{student_pk}"


def _bump_panel(student_pk):
    try:
        cache.incr(_panel_version_key(student_pk))
    except ValueError:  # not in the cache (yet, or any more): a number no old panel was keyed by
        cache.set(_panel_version_key(student_pk), time.time_ns(), None)


def memory_changed(student):
    """Every review, session started and answer given makes the student's panel stale, on every
    app server: at once, and again when the transaction commits (so a panel drawn from the
    old rows in between is not kept)."""
    student_pk = getattr(student, "pk", student)
    _bump_panel(student_pk)
    if transaction.get_connection().in_atomic_block:  # outside one, on_commit would run at once
        transaction.on_commit(lambda: _bump_panel(student_pk))


def memory_panel(student, now):
    """{"memory": memory_summary, "goal": weekly_goal}: from the cache while the student has
    reviewed nothing since, for up to ten minutes, and never past the moment an idea falls due
    or a new week starts (when the counts it shows change by themselves)."""
    version = cache.get_or_set(_panel_version_key(student.pk), time.time_ns, None)
    key = f"memory-panel:{student.pk}:{version}"
    cached = cache.get(key)
    if cached and cached[1] > now:
        return cached[0]
    panel = {"memory": memory_summary(student, now), "goal": weekly_goal(student, now)}
    valid_until = min(
        now + timedelta(seconds=PANEL_SECONDS),
        memory.week_start(timezone.localtime(now)) + timedelta(days=7),
        panel["memory"].pop("coming_due") or now + timedelta(seconds=PANEL_SECONDS),
    )
    cache.set(key, (panel, valid_until), PANEL_SECONDS)
    return panel


def memory_summary(student, now):
    """For the student's pages, from one query: how many ideas are due, the next due date, and
    the strongest and weakest topics by mean recall now ([(title, percent)])."""
    rows = list(
        MemoryState.objects.filter(student=student).values_list(
            "topic__title", "stability", "last_review", "due"
        )
    )
    strengths = memory.topic_strengths([row[:3] for row in rows], now)
    ranked = sorted(strengths.items(), key=lambda item: (-item[1], item[0]))
    named = [(title, round(100 * recall)) for title, recall in ranked]
    return {
        "due": sum(row[3] <= now for row in rows),
        "next_due": min((row[3] for row in rows), default=None),
        "coming_due": min((row[3] for row in rows if row[3] > now), default=None),
        "strongest": named[:3],
        "weakest": named[::-1][:3] if len(named) > 3 else [],
    }


def weekly_goal(student, now):
    """This week's sessions (one query): finished ones, and questions answered in the others."""
    sessions = RevisionSession.objects.filter(
        student=student,
        started_at__gte=memory.week_start(timezone.localtime(now)),
        started_at__lt=now + timedelta(1),
    ).values_list("pk", "finished_at", "items__answered_at")
    finished, answered = set(), 0
    for pk, finished_at, answered_at in sessions:
        if finished_at:
            finished.add(pk)
        elif answered_at:
            answered += 1
    return memory.WeeklyGoal(finished=len(finished), answered_elsewhere=answered)


def review_logs():
    """The review log as `fsrs.ReviewLog`s for the optimizer: one card per student and idea."""
    cards = {}
    logs = []
    rows = Review.objects.order_by("reviewed_at", "pk").values_list(
        "student_id", "idea", "rating", "reviewed_at"
    )
    for student_id, idea, rating, reviewed_at in rows.iterator():
        card_id = cards.setdefault((student_id, idea), len(cards) + 1)
        logs.append(
            ReviewLog(card_id, Rating(rating), reviewed_at.astimezone(UTC), review_duration=None)
        )
    return logs
