"""Choosing questions for a quiz from the bank.

`choose_questions` is pure: it takes plain candidates and a seeded RNG, so the same request with
the same seed gives the same quiz. `build_quiz` is the thin database step around it.

One idea per quiz: a question's "ideas" are what it is about (its source facts, and so its
claims, and its events, people, terms and quotes). No two questions of a quiz share one, so an
ordering question never sits beside a matching question on the same events, and a question a
teacher swaps in obeys the same rule.
"""

import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Value

from quizzes.models import Question, Quiz, QuizQuestion
from topics.models import Topic

MAX_QUESTIONS = 50


class NothingMatched(Exception):
    """No bank question fits the choices: an empty quiz is not saved."""


@dataclass(frozen=True)
class Candidate:
    id: int
    group: int  # the chosen topic it counts towards
    kind: str
    difficulty: int
    # ("fact", id), ("event", id)...: two questions on one idea give each other away
    sources: frozenset = frozenset()


SCARCE_KIND = 10  # questions of one kind in a topic group, or fewer


def choose_questions(candidates, *, groups, count, rng, exclude=()):
    """Pick `count` questions spread evenly across `groups` (the chosen topics), no repeats.

    Round-robin over the groups; inside a group, kinds take turns, and a question on an idea
    already in the quiz is never taken, so one fact or event is not asked twice in other words.
    """
    pools = defaultdict(lambda: defaultdict(list))
    for candidate in sorted(candidates, key=lambda c: c.id):
        if candidate.id not in exclude:
            pools[candidate.group][candidate.kind].append(candidate)
    for kinds in pools.values():
        for pool in kinds.values():
            rng.shuffle(pool)
    kind_turns = {group: sorted(kinds) for group, kinds in pools.items()}
    for group, turns in kind_turns.items():
        rng.shuffle(turns)
        # A kind with few questions goes first, before the other kinds' questions use up its
        # facts: a teacher who ticks every kind gets every kind (choose two is rare).
        turns.sort(key=lambda kind: len(pools[group][kind]) > SCARCE_KIND)

    chosen, used_facts = [], set()
    active_groups = [group for group in groups if group in pools]
    while len(chosen) < count and active_groups:
        for group in list(active_groups):
            if len(chosen) >= count:
                break
            pick = _next_from_group(pools[group], kind_turns[group], used_facts)
            if pick is None:
                active_groups.remove(group)
                continue
            chosen.append(pick)
            used_facts |= pick.sources
    return [candidate.id for candidate in chosen]


def _next_from_group(kinds, turns, used_facts):
    for _ in range(len(turns)):
        kind = turns.pop(0)
        turns.append(kind)
        pool = kinds[kind]
        if not pool:
            continue
        pick = next((c for c in pool if not c.sources & used_facts), None)
        if pick is None:
            continue
        pool.remove(pick)
        return pick
    return None


def topic_groups(topics):
    """{topic id: group id}: a chosen section brings its sub-topics with it."""
    chosen = {topic.pk for topic in topics}
    mapping = {topic.pk: topic.pk for topic in topics}
    for child in Topic.objects.filter(parent_id__in=chosen).only("pk", "parent_id"):
        mapping.setdefault(child.pk, child.parent_id)
    return mapping


IDEA_RELATIONS = {
    "fact": Question.source_facts,
    "event": Question.source_events,
    "person": Question.source_people,
    "term": Question.source_terms,
    "quote": Question.source_quotes,
}


def ideas_of(questions):
    """{question id: frozenset of ("fact", id), ("event", id)...}: one query, a union of the
    source tables."""
    parts = []
    for name, relation in IDEA_RELATIONS.items():
        target = relation.field.m2m_reverse_field_name() + "_id"
        through = relation.through.objects.filter(question__in=questions)
        parts.append(through.annotate(idea=Value(name)).values_list("question_id", "idea", target))
    ideas = defaultdict(set)
    for question_id, name, target_id in parts[0].union(*parts[1:], all=True):
        ideas[question_id].add((name, target_id))
    return defaultdict(frozenset, {pk: frozenset(found) for pk, found in ideas.items()})


def candidates_for(topics, *, kinds=None, difficulty=None):
    groups = topic_groups(topics)
    questions = Question.objects.in_bank().filter(topic_id__in=groups)
    if kinds:
        questions = questions.filter(kind__in=kinds)
    if difficulty:
        questions = questions.filter(difficulty=difficulty)
    sources = ideas_of(questions)
    rows = questions.values_list("pk", "topic_id", "kind", "difficulty")
    return [
        Candidate(pk, groups[topic_id], kind, level, frozenset(sources[pk]))
        for pk, topic_id, kind, level in rows
    ]


@transaction.atomic
def build_quiz(*, owner, title, topics, kinds=None, count=10, difficulty=None, seed=None,
               is_practice=False, exclude=()):  # fmt: skip
    """Create a quiz of up to `count` bank questions on `topics` (none of `exclude`).

    Raises NothingMatched, saving nothing, when no question fits."""
    rng = random.Random(seed)
    candidates = candidates_for(topics, kinds=kinds, difficulty=difficulty)
    ids = choose_questions(
        candidates,
        groups=[t.pk for t in topics],
        count=min(count, MAX_QUESTIONS),
        rng=rng,
        exclude=set(exclude),
    )
    if not ids:
        raise NothingMatched
    quiz = Quiz.objects.create(title=title, owner=owner, is_practice=is_practice)
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question_id=question_id, position=position)
        for position, question_id in enumerate(ids, start=1)
    )
    return quiz


@transaction.atomic
def practice_quiz_of(*, owner, title, question_ids):
    """A practice quiz of these questions (those still in the bank), in the order given."""
    active = set(Question.objects.active().filter(pk__in=question_ids).values_list("pk", flat=True))
    quiz = Quiz.objects.create(title=title[:150], owner=owner, is_practice=True)
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question_id=question_id, position=position)
        for position, question_id in enumerate([q for q in question_ids if q in active], start=1)
    )
    return quiz


@transaction.atomic
def preview_copy(quiz, *, owner):
    """A practice copy of the quiz, its questions in its order and with its shuffle settings,
    for its teacher to take as a student would. Being practice, it is in no class's results and
    leaves the quiz unstarted; the teacher's earlier copy of the same quiz goes."""
    Quiz.objects.filter(preview_of=quiz, owner=owner).delete()
    copy = Quiz.objects.create(
        title=f"Preview: {quiz.title}"[:150],
        owner=owner,
        is_practice=True,
        preview_of=quiz,
        shuffle_questions=quiz.shuffle_questions,
        shuffle_options=quiz.shuffle_options,
    )
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=copy, question_id=item.question_id, position=item.position)
        for item in quiz.items.order_by("position", "pk")
    )
    return copy


SWAP_CHOICES = 3  # candidates a teacher chooses among when swapping a question


def replacements_for(quiz, item, *, count=SWAP_CHOICES, seed=None):
    """Up to `count` other bank questions of the same topic and kind, not in the quiz yet and
    sharing no idea with the questions that stay (one idea per quiz), in bank order; every one
    of them when `count` is None."""
    in_quiz = set(quiz.items.values_list("question_id", flat=True))
    staying = ideas_of(Question.objects.filter(pk__in=in_quiz - {item.question_id}))
    taken = frozenset().union(*staying.values())
    others = (
        Question.objects.in_bank()
        .filter(topic_id=item.question.topic_id, kind=item.question.kind)
        .exclude(pk__in=in_quiz)
    )
    ideas = ideas_of(others)
    options = [pk for pk in others.order_by("pk").values_list("pk", flat=True)
               if not ideas[pk] & taken]  # fmt: skip
    if count is None or count >= len(options):
        return options
    return sorted(random.Random(seed).sample(options, count))


def replacement_for(quiz, item, *, seed=None):
    """One replacement (see `replacements_for`), or None."""
    found = replacements_for(quiz, item, count=1, seed=seed)
    return found[0] if found else None
