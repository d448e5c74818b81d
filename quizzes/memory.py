"""What a student remembers, and what to revise next: plain data in, plain data out.

The unit of memory is an *idea* (a claim, a person's role, a term's meaning, an event's date, a
quote's speaker), not a question: the multiple-choice and typed versions of one idea share one
memory. Each memory is an FSRS card (the `fsrs` package); this module turns marks into FSRS
ratings, chooses a session's ideas and the kind of question for each, and sums memories up for
pages. No Django here, so it is tested without a database and reused by the simulation.

Questions over several ideas (ordering, matching, "choose two", "which came first") have no idea:
they test how ideas relate, so one mark cannot say which idea was known. They update no memory
and Revise now never picks them; practice and homework still use them as before.
"""

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

SESSION_SIZE = 10
NEW_PER_DAY = 10  # new ideas a day at most: little and often, never a wall of new material
WEEKLY_GOAL = 3  # sessions a week
RECALL_STABILITY_DAYS = 4.0  # typed and cloze once an idea would last this long at 90% recall
CHOICE_KINDS = ("multiple_choice", "true_false")
RECALL_KINDS = ("typed", "cloze")
FLASHCARD_IDEAS = ("term", "person-role", "event-date")  # the ideas a card can show front/back

# A school day is the smallest step: no learning steps of minutes, so an idea missed today is due
# tomorrow, not in ten minutes. No fuzz, so a schedule is the same every time it is worked out.
SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
_DECAY = -SCHEDULER.parameters[20]
_FACTOR = 0.9 ** (1 / _DECAY) - 1


# Ideas ------------------------------------------------------------------------------------------

_ITEM = re.compile(r"^([epqtf])(\d+)$")
_FAMILY = {"e": "event-date", "p": "person-role", "t": "term", "f": "fact"}


def idea_of(template, key):
    """The idea a generated question tests, from its template and key ("" for none).

    Keys are "<template>:<what it is about>[:<detail>]". Claim templates carry the claim's slug;
    the others an item id such as e12 (an event: its date), p3 (a person: their role), t4 (a
    term: its meaning), q5 (a quote: who said it, or whom it is about) or f9 (a note's point).
    A key over several items ("e1,e2,e3", "a+b") is a set question: no single idea.
    """
    if not template or not key.startswith(f"{template}:"):
        return ""
    about = key[len(template) + 1 :].split(":")[0]
    if not about or "," in about or "+" in about:
        return ""
    if template.startswith("claim_"):
        return f"claim:{about}"
    found = _ITEM.match(about)
    if not found:
        return ""
    letter = found.group(1)
    if letter == "q":
        return f"quote-{'about' if 'about' in template else 'speaker'}:{about}"
    return f"{_FAMILY[letter]}:{about}"


def idea_family(idea):
    return idea.split(":", 1)[0]


# Ratings ----------------------------------------------------------------------------------------


def rating_for(score, kind):
    """A mark as an FSRS rating: wrong Again, partly right Hard, right Good, and right on a recall
    kind (typed, cloze: nothing to recognise, so the memory is stronger) Easy."""
    if score is None or score <= 0:
        return Rating.Again
    if score < 1:
        return Rating.Hard
    return Rating.Easy if kind in RECALL_KINDS else Rating.Good


# Cards ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Memory:
    """One student's memory of one idea, as stored (a card without the package's types)."""

    state: int
    stability: float
    difficulty: float
    due: datetime
    last_review: datetime
    step: int | None = None
    reps: int = 0
    lapses: int = 0

    def card(self):
        return Card(
            card_id=0,
            state=State(self.state),
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=_utc(self.due),
            last_review=_utc(self.last_review),
        )


def _utc(moment):
    return moment.astimezone(UTC)


def review(memory, rating, now):
    """The memory after a review with `rating` at `now` (None: the idea is new)."""
    card = memory.card() if memory else Card(card_id=0)
    card, _ = SCHEDULER.review_card(card, rating, review_datetime=_utc(now))
    return Memory(
        state=card.state.value,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
        step=card.step,
        reps=(memory.reps if memory else 0) + 1,
        lapses=(memory.lapses if memory else 0)
        + (rating == Rating.Again and memory is not None and memory.state == State.Review),
    )


def retrievability(stability, last_review, now):
    """Predicted chance of recall now: FSRS's forgetting curve, as `Scheduler` works it out
    (whole days since the last review). Written out so pages can sum thousands of memories."""
    if stability is None or last_review is None:
        return 0.0
    days = max(0, (now - last_review).days)
    return (1 + _FACTOR * days / stability) ** _DECAY


def recall_shown(stability, last_review, now):
    """Recall now as pages show it: an idea reviewed today counts as a day old.

    Straight after a review FSRS predicts certain recall, after a wrong answer as after a right
    one (the answer was just shown), which tells a student or teacher nothing; by tomorrow a
    wrong answer's short memory has faded and a right one's has not. A school day is the
    smallest step, as in the schedule."""
    if last_review is not None:
        now = max(now, last_review + timedelta(days=1))
    return retrievability(stability, last_review, now)


def wants_recall(memory):
    """Recall (typed, cloze) once an idea is learnt well enough; recognition (choice) before."""
    return (
        memory is not None
        and memory.state == State.Review
        and memory.stability >= RECALL_STABILITY_DAYS
    )


def pick_question(questions, rng, *, recall):
    """One of an idea's questions ((id, kind) pairs): a recall kind if `recall` (see
    `wants_recall`) else a choice, or any if it has none of those (it is still revised)."""
    wanted = RECALL_KINDS if recall else CHOICE_KINDS
    preferred = [q for q in questions if q[1] in wanted]
    pool = sorted(preferred or questions)
    return rng.choice(pool) if pool else None


# Choosing a session ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """An idea the student has met: its topic, recall now, and when it is due."""

    idea: str
    topic_id: int
    recall: float
    due: datetime


@dataclass(frozen=True)
class Pick:
    idea: str
    topic_id: int
    is_new: bool


def choose_ideas(known, fresh, *, now, size=SESSION_SIZE, new_allowed=NEW_PER_DAY, seed=0):
    """The ideas of one session, in the order to ask them.

    Overdue ideas first, the least likely to be recalled first; then, while there is room and
    today's allowance of new ideas lasts, new ideas (`fresh`: (idea, topic id) pairs from topics
    the class has covered) taken in turn from each topic. Each part is mixed so that two ideas of
    one topic rarely follow each other. An empty list means "done for today".
    """
    overdue = sorted((k for k in known if k.due <= now), key=lambda k: (k.recall, k.idea))
    picks = [Pick(k.idea, k.topic_id, False) for k in overdue[:size]]
    room = min(size - len(picks), max(0, new_allowed))
    met = {k.idea for k in known}
    new = _round_robin([f for f in fresh if f[0] not in met], room, random.Random(seed))
    return _mixed(picks) + _mixed([Pick(idea, topic, True) for idea, topic in new])


def choose_ahead(known, fresh, *, now, size=SESSION_SIZE, seed=0):
    """The session "Keep going" starts once today's is done: the ideas least likely to be
    recalled now, due or not, then, with room left, new ideas beyond today's allowance (the
    student has chosen to spend the time, so the cap that keeps a session small gives way).

    An idea reviewed within the day (recall 1 on whole days) is left out: another go at once is
    massed practice, which adds little (the spacing effect), and FSRS would barely move it.
    Empty when every idea met has been revised today and no new one is left.
    """
    ahead = sorted((k for k in known if k.recall < 1), key=lambda k: (k.recall, k.idea))
    picks = [Pick(k.idea, k.topic_id, False) for k in ahead[:size]]
    met = {k.idea for k in known}
    rng = random.Random(seed)
    new = _round_robin([f for f in fresh if f[0] not in met], size - len(picks), rng)
    return _mixed(picks) + _mixed([Pick(idea, topic, True) for idea, topic in new])


def _round_robin(fresh, count, rng):
    by_topic = defaultdict(list)
    for idea, topic in sorted(set(fresh)):
        by_topic[topic].append(idea)
    topics = sorted(by_topic)
    rng.shuffle(topics)
    for ideas in by_topic.values():
        rng.shuffle(ideas)
    chosen = []
    while len(chosen) < count and any(by_topic.values()):
        for topic in topics:
            if by_topic[topic] and len(chosen) < count:
                chosen.append((by_topic[topic].pop(), topic))
    return chosen


def _mixed(picks):
    """Keep the priority order, but never two of one topic in a row while another can go next."""
    left, ordered = list(picks), []
    while left:
        previous = ordered[-1].topic_id if ordered else None
        index = next((i for i, p in enumerate(left) if p.topic_id != previous), 0)
        ordered.append(left.pop(index))
    return ordered


# Summaries --------------------------------------------------------------------------------------


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else None


def topic_strengths(rows, now):
    """{topic id: mean recall now} (`recall_shown`) from (topic id, stability, last review) rows."""
    by_topic = defaultdict(list)
    for topic_id, stability, last_review in rows:
        by_topic[topic_id].append(recall_shown(stability, last_review, now))
    return {topic: mean(values) for topic, values in by_topic.items()}


def week_start(now):
    """Monday 00:00 of `now`'s week, in `now`'s time zone."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight - timedelta(days=midnight.weekday())


@dataclass(frozen=True)
class WeeklyGoal:
    """Sessions this week against a modest goal. Unfinished sessions still count, in part: a
    session half done is half a session. There is no streak, so a missed day costs nothing."""

    finished: int
    answered_elsewhere: int  # questions answered in sessions not finished
    goal: int = WEEKLY_GOAL

    @property
    def progress(self):
        return self.finished + self.answered_elsewhere / SESSION_SIZE

    @property
    def percent(self):
        return min(100, round(100 * self.progress / self.goal))

    @property
    def met(self):
        return self.finished >= self.goal


def lasts(stability):
    """How long a memory lasts (to 90% recall) in words: "under a day", "1 day", "12 days"."""
    if stability is None:
        return "new"
    days = round(stability)
    if days < 1:
        return "under a day"
    return "1 day" if days == 1 else f"{days} days"
