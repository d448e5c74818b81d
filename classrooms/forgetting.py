"""The forgetting map: what a class is likely to recall now, by student and topic, from the FSRS
memories of every student; and quizzes built from what it is forgetting.

A cell is the mean predicted recall now of the ideas of that topic the student has met (answered
in practice, homework or Revise now); an idea never met has no prediction, so a cell with none
is blank, not 0%. The page's data comes in a fixed number of queries, whatever the class size.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.text import Truncator

from classrooms.coverage import topics_covered_for_class
from classrooms.models import Assignment, LatePolicy
from quizzes import memory
from quizzes.models import MemoryState, Question, Quiz, QuizQuestion
from topics import content_version
from topics.models import Claim, Topic

FORGOTTEN_SHOWN = 10


@dataclass
class Cell:
    recalls: list = field(default_factory=list)

    @property
    def ideas(self):
        return len(self.recalls)

    @property
    def percent(self):
        return round(100 * memory.mean(self.recalls)) if self.recalls else None

    @property
    def heat(self):
        """0 (forgotten) to 10 (secure), for the cell's colour; None when blank."""
        return None if self.percent is None else self.percent // 10


@dataclass
class Forgotten:
    idea: str
    prompt: str
    topic: Topic
    percent: int
    students: int  # how many of the class have met it


@dataclass
class ForgettingMap:
    section: Topic | None
    columns: list  # topics
    rows: list  # (student, [Cell per column], Cell over all columns)
    forgotten: list  # Forgotten, the least likely to be recalled first
    column_means: list = field(default_factory=list)


def forgetting_map(classroom, *, now, section=None, forgotten_shown=FORGOTTEN_SHOWN):
    """The map for the class: sections as columns, or with `section` (a section's pk) its
    sub-topics. Returns None if `section` is not a section. Five queries, and one more for the
    claims' sentences when the cache has not kept them since the course last changed."""
    students = [e.student for e in classroom.enrolments.select_related("student")]
    covered = topics_covered_for_class(classroom, now)
    topics = {topic.pk: topic for topic in Topic.objects.order_by("order", "pk")}
    if section is not None and (section not in topics or topics[section].parent_id is not None):
        return None
    parents = {topic.parent_id for topic in topics.values()}
    for topic in topics.values():
        topic.has_subtopics = topic.pk in parents
    column_of = _columns(topics, covered, section)
    columns = sorted({column_of[t] for t in column_of}, key=lambda t: (t.order, t.pk))
    rows = MemoryState.objects.filter(
        student__in=[s.pk for s in students], topic_id__in=list(column_of)
    ).values_list("student_id", "idea", "topic_id", "stability", "last_review")
    cells = defaultdict(Cell)
    by_idea = defaultdict(list)
    for student_id, idea, topic_id, stability, last_review in rows:
        recall = memory.recall_shown(stability, last_review, now)
        cells[student_id, column_of[topic_id].pk].recalls.append(recall)
        by_idea[idea, topic_id].append(recall)
    grid = []
    for student in students:
        row = [cells[student.pk, column.pk] for column in columns]
        grid.append((student, row, Cell([r for cell in row for r in cell.recalls])))
    means = [Cell([r for _, row, _ in grid for r in row[i].recalls]) for i in range(len(columns))]
    means.append(Cell([r for cell in means for r in cell.recalls]))  # the whole class, all topics
    return ForgettingMap(
        section and topics[section],
        columns,
        grid,
        _forgotten(by_idea, topics, forgotten_shown),
        means,
    )


def _columns(topics, covered, section):
    """{covered topic id: the column it counts in} for the whole course or one section."""
    if section is None:
        return {t: topics[topics[t].parent_id or t] for t in covered if t in topics}
    return {t: topics[t] for t in covered if t == section or topics[t].parent_id == section}


def _forgotten(by_idea, topics, limit=FORGOTTEN_SHOWN):
    # Ranked by how many students are expected to have forgotten the idea (the sum of 1 - recall),
    # so an idea five students are fading on comes before one a single student met once.
    ranked = sorted(
        by_idea.items(),
        key=lambda item: (-sum(1 - r for r in item[1]), memory.mean(item[1]), item[0][0]),
    )
    ranked = ranked[:limit]
    names = _names([idea for (idea, _), _ in ranked])
    return [
        Forgotten(idea, names.get(idea, idea), topics[topic], round(100 * memory.mean(r)), len(r))
        for (idea, topic), r in ranked
    ]


def _names(ideas):
    """Words a teacher reads for each idea: a claim's own sentence, else one of its questions'
    prompts (a choice question reads best)."""
    claim_texts = content_version.fragment("claim-texts", _claim_texts)
    names = {idea: claim_texts[idea[6:]] for idea in ideas if idea[6:] in claim_texts}
    rest = [idea for idea in ideas if idea not in names]
    rows = Question.objects.in_bank().filter(idea__in=rest).values_list("idea", "kind", "prompt")
    for idea, _kind, prompt in sorted(rows, key=lambda r: (r[1] not in memory.CHOICE_KINDS, r[2])):
        names.setdefault(idea, prompt)
    return names


def _claim_texts():
    return dict(Claim.objects.values_list("slug", "text"))


# Quizzes from what the class is forgetting -------------------------------------------------------


def _one_question_per_idea(ideas, *, seed):
    """{idea: question id}: a recall question where the idea has one (retrieval is the point)."""
    rows = Question.objects.in_bank().filter(idea__in=ideas).values_list("pk", "kind", "idea")
    by_idea = defaultdict(list)
    for pk, kind, idea in rows.order_by("pk"):
        by_idea[idea].append((pk, kind))
    rng = random.Random(seed)
    chosen = {}
    for idea in ideas:
        if by_idea[idea]:
            chosen[idea] = memory.pick_question(by_idea[idea], rng, recall=True)[0]
    return chosen


def ideas_in_live_homework(classroom, now):
    """Ideas of the class's homework that students may still be answering (not yet due, or
    taking late work): a retrieval quiz that showed their answers would give that homework away."""
    live = Assignment.objects.filter(classroom=classroom, archived_at=None).filter(
        Q(due_at__gte=now) | Q(late_policy=LatePolicy.ACCEPT_LATE)
    )
    return set(
        QuizQuestion.objects.filter(quiz__assignments__in=live)
        .exclude(question__idea="")
        .values_list("question__idea", flat=True)
    )


@transaction.atomic
def retrieval_quiz(classroom, *, teacher, now, count=FORGOTTEN_SHOWN):
    """A quiz of one question on each idea the class is most likely to have forgotten (None if
    the class has no memories yet), leaving out the ideas of homework still live. Asked again
    with the same ideas, the teacher's quiz of them is reused rather than copied."""
    live = ideas_in_live_homework(classroom, now)
    found = forgetting_map(classroom, now=now, forgotten_shown=count + len(live))
    ideas = [f.idea for f in found.forgotten if f.idea not in live][:count]
    chosen = _one_question_per_idea(ideas, seed=classroom.pk)
    if not chosen:
        return None
    title = Truncator(f"Retrieval: what {classroom.name} is forgetting").chars(150)
    wanted = set(chosen.values())
    for earlier in Quiz.objects.filter(owner=teacher, title=title).prefetch_related("items"):
        if {item.question_id for item in earlier.items.all()} == wanted:
            return earlier
    quiz = Quiz.objects.create(title=title, owner=teacher, shuffle_questions=True)
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question_id=pk, position=n)
        for n, pk in enumerate(chosen.values(), 1)
    )
    return quiz


def due_for_class(classroom, *, now, leave_out_topics=(), leave_out_ideas=()):
    """Ideas of the class's covered topics that are due for its students, most due first:
    [(idea, students due)] (two queries)."""
    topics = topics_covered_for_class(classroom, now) - set(leave_out_topics)
    due = defaultdict(int)
    rows = MemoryState.objects.filter(
        student__enrolments__classroom=classroom, topic_id__in=list(topics), due__lte=now
    ).values_list("idea", flat=True)
    for idea in rows:
        if idea not in leave_out_ideas:
            due[idea] += 1
    return sorted(due.items(), key=lambda item: (-item[1], item[0]))


@transaction.atomic
def with_due_questions(quiz, classroom, *, count, now):
    """A copy of `quiz` with `count` questions added on earlier topics that are due for the class
    ("piggyback" retrieval); the original quiz is left as it is. Returns (quiz, added)."""
    own = list(quiz.items.select_related("question").order_by("position"))
    due = due_for_class(
        classroom,
        now=now,
        leave_out_topics={item.question.topic_id for item in own},
        leave_out_ideas={item.question.idea for item in own},
    )
    chosen = _one_question_per_idea([idea for idea, _ in due[:count]], seed=quiz.pk)
    if not chosen:
        return quiz, 0
    copy = Quiz.objects.create(
        title=Truncator(f"{quiz.title} + {len(chosen)} from earlier topics").chars(150),
        owner=quiz.owner,
        shuffle_questions=quiz.shuffle_questions,
        shuffle_options=quiz.shuffle_options,
    )
    question_ids = [item.question_id for item in own] + list(chosen.values())
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=copy, question_id=pk, position=n) for n, pk in enumerate(question_ids, 1)
    )
    return copy, len(chosen)
