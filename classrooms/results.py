"""Homework results for teachers: grids, item analysis, reports and CSV exports.

All the heavy queries of the results pages live here. Each public function runs a fixed number
of queries whatever the size of the class, then does the arithmetic in Python and returns plain
data (dataclasses) that templates show without touching the database.

Which attempt counts: a student's *latest submitted* attempt at an assignment (the highest
attempt number among the submitted ones), not their best. A student who has submitted and then
started another try still shows as submitted, with the submitted attempt's answers; a student
who has not submitted yet shows their open attempt's saved answers, unmarked. Every score,
average, facility and topic figure is taken over the counting attempts only.

Charts and the heatmap sort percentages into bands by the whole number a page shows (67.4 -> 67),
so a score printed as "20%" is never in the 10-19% bar.
"""

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from classrooms.csv_files import write_csv
from classrooms.models import Assignment, AssignmentAttempt, Enrolment
from quizzes import kinds, overrides
from quizzes.models import Kind, QuizQuestion, Response

COMMON_WRONG_ANSWERS = 3
TOPICS_SHOWN = 3
MIN_ANSWERS_PER_TOPIC = 2
# Heatmap cells and facility bars are coloured in five bands (colours in static/css/results.css).
BANDS = ["0–19%", "20–39%", "40–59%", "60–79%", "80–100%"]
# The overview shows this many homeworks at a time, latest first; older ones are a click away.
OVERVIEW_HOMEWORKS = 10


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"
    LATE = "late", "Submitted late"

    @property
    def is_submitted(self):
        return self in {Progress.SUBMITTED, Progress.LATE}

    @property
    def badge(self):
        """Bootstrap colour classes; pages always show the label too, never the colour alone."""
        return {
            Progress.NOT_STARTED: "text-bg-secondary",
            Progress.IN_PROGRESS: "text-bg-info",
            Progress.SUBMITTED: "text-bg-success",
            Progress.LATE: "text-bg-warning",
        }[self]


# Plain data returned to views ----------------------------------------------------------------


@dataclass(frozen=True)
class Student:
    pk: int
    username: str
    first_name: str
    last_name: str

    @property
    def name(self):
        return f"{self.first_name} {self.last_name}".strip() or self.username

    def sort_key(self):
        return (self.last_name.casefold(), self.first_name.casefold(), self.username.casefold())


@dataclass(frozen=True)
class Work:
    """One student's work on one assignment, as the counting attempt shows it."""

    status: Progress
    score: float | None = None  # percent of the latest submitted attempt
    submitted_at: datetime | None = None
    attempts: int = 0  # attempts started, submitted or not
    overdue: bool = False  # past the due date and nothing submitted
    attempt_id: int | None = None  # the attempt shown: latest submitted, else the open one
    badge: str = field(init=False, compare=False)
    label: str = field(init=False, compare=False)
    score_text: str = field(init=False, compare=False)  # "67%", or ""

    def __post_init__(self):
        object.__setattr__(self, "badge", self.status.badge)
        object.__setattr__(self, "label", self.status.label)
        text = "" if self.score is None else f"{whole(self.score)}%"
        object.__setattr__(self, "score_text", text)


@dataclass(frozen=True)
class Spread:
    count: int
    mean: float | None = None
    median: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    stdev: float | None = None  # population standard deviation: the class is the whole group


# How a grid cell reads: (symbol, css class, words for screen readers), by verdict.
# Each cell is also tinted by verdict (the .cell-<verdict> classes in results.css): the symbol
# stays, so the grid reads without colour and in print.
VERDICTS = {
    "right": ("✓", "text-success fw-bold", "Right"),
    "partly": ("◐", "text-warning-emphasis fw-bold", " partly right"),
    "wrong": ("✗", "text-danger fw-bold", "Wrong"),
    "unmarked": ("…", "text-body-secondary", "Saved, not submitted"),
    "blank": ("–", "text-body-secondary", "No answer"),
}
# How the grid may be sorted (?sort=): by name (surname first, the default) or by score.
SORTS = {"name": "Name", "score": "Score"}


@dataclass(frozen=True)
class Cell:
    """One answer in the grid, with everything the page shows worked out once, here."""

    answer: str  # readable form, "" when unanswered
    score: float | None  # 0..1; None when unanswered or not marked yet
    marked: float | None  # the mark stored (0 for a blank in a submitted attempt)
    question_pk: int = 0
    acceptable: bool = False  # a refused typed answer the teacher may accept (quizzes.overrides)
    accepted: bool = False  # the teacher accepted it
    wrong_pairs: tuple[str, ...] = ()  # matching: the mismatched pairs only, "left → right"
    verdict: str = field(init=False)
    percent: int | None = field(init=False)
    symbol: str = field(init=False)
    css: str = field(init=False)
    label: str = field(init=False)

    def __post_init__(self):
        percent = None if self.score is None else round(self.score * 100)
        if not self.answer:
            verdict = "blank"
        elif self.score is None:
            verdict = "unmarked"
        elif self.score == 1:
            verdict = "right"
        else:
            verdict = "partly" if self.score > 0 else "wrong"
        symbol, css, label = VERDICTS[verdict]
        for name, value in [("verdict", verdict), ("percent", percent), ("symbol", symbol),
                            ("css", css), ("label", label)]:  # fmt: skip
            object.__setattr__(self, name, value)


@dataclass(frozen=True)
class QuestionAnalysis:
    number: int
    pk: int
    prompt: str
    kind: str
    kind_label: str
    topic: str
    expected: str
    attempts: int  # counting submitted attempts
    facility: float | None  # percent right; partial credit counts as its fraction
    unanswered: int
    wrong_answers: list[tuple[str, int]]  # most common first


@dataclass(frozen=True)
class TopicScore:
    pk: int
    title: str
    answers: int
    average: float | None  # percent


@dataclass(frozen=True)
class Bin:
    label: str
    count: int


@dataclass(frozen=True)
class HeatCell:
    answers: int
    average: float | None  # percent; None when there is nothing to average
    band: int | None = field(init=False)
    text: str = field(init=False)  # "67%", or "" when there is nothing to show

    def __post_init__(self):
        object.__setattr__(self, "band", band(self.average))
        object.__setattr__(self, "text", "" if self.average is None else f"{whole(self.average)}%")


@dataclass(frozen=True)
class HeatRow:
    student: Student
    cells: list[HeatCell]


@dataclass(frozen=True)
class Heatmap:
    """How well each student knows each course section, over their counting answers."""

    topics: list[str]  # column titles: the sections answered, in course order
    rows: list[HeatRow]  # every student of the class, in the usual order
    totals: list[HeatCell]  # the whole class on each section


@dataclass(frozen=True)
class Row:
    student: Student
    work: Work
    cells: list[Cell]


@dataclass(frozen=True)
class AssignmentResults:
    assignment_pk: int
    classroom_pk: int
    title: str
    due_at: datetime
    questions: list[QuestionAnalysis]
    rows: list[Row]
    spread: Spread
    topics: list[TopicScore]
    counts: list[tuple[Progress, int]]  # students per status, in Progress order
    distribution: list[Bin]  # submitted students per score band of ten points


@dataclass(frozen=True)
class ReportRow:
    assignment_pk: int
    title: str
    due_at: datetime
    work: Work


@dataclass(frozen=True)
class StudentReport:
    student: Student
    rows: list[ReportRow]
    average: float | None
    topics: list[TopicScore]
    strengths: list[TopicScore]
    weaknesses: list[TopicScore]


@dataclass(frozen=True)
class AssignmentSummary:
    pk: int
    title: str
    due_at: datetime
    submitted: int
    students: int
    average: float | None
    is_past_due: bool


@dataclass(frozen=True)
class OverviewRow:
    student: Student
    cells: list[Work]
    average: float | None
    submitted: int


@dataclass(frozen=True)
class Overview:
    assignments: list[AssignmentSummary]  # the page's homework, latest first
    rows: list[OverviewRow]  # cells for the page's homework; averages over all of it
    heatmap: Heatmap  # over all the homework
    page: int = 1
    pages: int = 1
    homeworks: int = 0  # on every page
    valid_until: datetime | None = None  # the next due date: "not due yet" and "overdue" change

    @property
    def older_page(self):
        return self.page + 1 if self.page < self.pages else None

    @property
    def newer_page(self):
        return self.page - 1 if self.page > 1 else None

    @property
    def first_shown(self):
        return (self.page - 1) * OVERVIEW_HOMEWORKS + 1

    @property
    def last_shown(self):
        return self.first_shown + len(self.assignments) - 1


# Answers as a teacher reads them (in the words of `quizzes.kinds.describe`) -----------------


def answer_group(question, text):
    """The form a readable answer is counted under: typed text ignores case."""
    return text.casefold() if question.behaviour.takes_text else text


# Loading: the only queries --------------------------------------------------------------------


def _roster(enrolments):
    """[(Student, joined_at)] of the enrolments, in the usual order: one query."""
    fields = ["student_id", "student__username", "student__first_name", "student__last_name"]
    rows = enrolments.order_by().values_list(*fields, "joined_at")
    roster = [(Student(*row[:4]), row[4]) for row in rows]
    return sorted(roster, key=lambda item: item[0].sort_key())


def _students(assignment):
    """The students the homework is set for (Enrolment.objects.owing): one query."""
    return [student for student, _ in _roster(Enrolment.objects.owing(assignment))]


def _chosen(assignments):
    """{(assignment pk, student pk)} of the homework set for chosen students only: one query,
    none when every homework is for its whole class."""
    chosen = [a.pk for a in assignments if a.chosen_only]
    if not chosen:
        return set()
    through = Assignment.chosen_students.through.objects.filter(assignment_id__in=chosen)
    return set(through.values_list("assignment_id", "user_id"))


def _links(**filters):
    """Attempts at assignments, oldest first, as plain dicts."""
    fields = ["assignment_id", "student_id", "number", "attempt_id"]
    attempt = ["attempt__submitted_at", "attempt__score"]
    return AssignmentAttempt.objects.filter(**filters).order_by("number").values(*fields, *attempt)


def _work(assignment, links, now):
    """The student's Work from their attempts at the assignment (oldest first)."""
    submitted = [link for link in links if link["attempt__submitted_at"] is not None]
    if submitted:
        latest = submitted[-1]
        when = latest["attempt__submitted_at"]
        score = latest["attempt__score"]
        # Compared with the due date as it is now, so extending a deadline clears "late".
        return Work(
            status=Progress.LATE if when > assignment.due_at else Progress.SUBMITTED,
            score=None if score is None else score * 100,
            submitted_at=when,
            attempts=len(links),
            attempt_id=latest["attempt_id"],
        )
    overdue = assignment.is_past_due(now)
    if links:
        open_attempt = links[-1]["attempt_id"]
        return Work(
            Progress.IN_PROGRESS, attempts=len(links), overdue=overdue, attempt_id=open_attempt
        )
    return Work(Progress.NOT_STARTED, overdue=overdue)


def _mean(values):
    return statistics.fmean(values) if values else None


def whole(percent):
    """The whole number a page prints for a percentage (halves go up, as floatformat does)."""
    return None if percent is None else math.floor(percent + 0.5)


def band(percent):
    """Which of BANDS a percentage falls in (0 to 4), or None."""
    return None if percent is None else min(whole(percent) // 20, len(BANDS) - 1)


def score_distribution(scores):
    """Scores (percent) counted in ten bands: 0-9%, 10-19%, ..., 90-100%."""
    counts = Counter(min(whole(score) // 10, 9) for score in scores)
    labels = [f"{low}–{low + 9}%" for low in range(0, 90, 10)] + ["90–100%"]
    return [Bin(label, counts[index]) for index, label in enumerate(labels)]


def spread(scores):
    if not scores:
        return Spread(count=0)
    return Spread(
        count=len(scores),
        mean=statistics.fmean(scores),
        median=statistics.median(scores),
        minimum=min(scores),
        maximum=max(scores),
        stdev=statistics.pstdev(scores),
    )


# One assignment -------------------------------------------------------------------------------


def _load_assignment(assignment, now):
    """Students, questions, each student's Work and their counting responses: four queries."""
    students = _students(assignment)
    questions = [
        item.question
        for item in QuizQuestion.objects.filter(quiz_id=assignment.quiz_id)
        .select_related("question__topic")
        .order_by("position", "pk")
    ]
    links = defaultdict(list)
    for link in _links(assignment=assignment):
        links[link["student_id"]].append(link)
    works = {student.pk: _work(assignment, links[student.pk], now) for student in students}
    shown = {work.attempt_id for work in works.values() if work.attempt_id}
    responses = defaultdict(dict)
    rows = Response.objects.filter(attempt_id__in=shown).order_by()
    for attempt_id, question_id, answer, score, feedback in rows.values_list(
        "attempt_id", "question_id", "answer", "score", "feedback"
    ):
        responses[attempt_id][question_id] = (answer, score, feedback)
    return students, questions, works, responses


def _cell(question, response):
    answer, score, feedback = response or (None, None, "")
    text = kinds.describe(question, answer)
    refused = score is not None and score < 1
    return Cell(
        answer=text,
        score=score if text else None,
        marked=score,
        question_pk=question.pk,
        acceptable=bool(text) and refused and question.behaviour.takes_text,
        accepted=feedback == overrides.ACCEPTED,
        wrong_pairs=_wrong_pairs(question, answer) if text and refused else (),
    )


def _wrong_pairs(question, answer):
    """A matching answer's mismatched pairs, in the question's left-hand order."""
    if question.kind != Kind.MATCHING or not isinstance(answer, dict):
        return ()
    key = question.answer if isinstance(question.answer, dict) else {}
    return tuple(
        f"{left} → {answer[left]}"
        for left in question.options.get("left", [])
        if answer.get(left) and answer[left] != key.get(left)
    )


def sorted_rows(grid, sort):
    """The grid with its rows sorted: by name (as loaded), or by score, highest first, with the
    students who have no score after, by name."""
    if sort != "score":
        return grid
    rows = sorted(
        grid.rows,
        key=lambda row: (row.work.score is None, -(row.work.score or 0), row.student.sort_key()),
    )
    return replace(grid, rows=rows)


def assignment_results(assignment, now):
    """The results grid and item analysis of one assignment, in four queries."""
    students, questions, works, responses = _load_assignment(assignment, now)
    rows = []
    for student in students:
        work = works[student.pk]
        answers = responses[work.attempt_id]
        rows.append(Row(student, work, [_cell(q, answers.get(q.pk)) for q in questions]))
    counted = [row for row in rows if row.work.status.is_submitted]
    scores = [row.work.score for row in counted if row.work.score is not None]
    statuses = Counter(row.work.status for row in rows)
    analysis = [
        _analyse(number, question, [row.cells[number - 1] for row in counted])
        for number, question in enumerate(questions, start=1)
    ]
    return AssignmentResults(
        assignment_pk=assignment.pk,
        classroom_pk=assignment.classroom_id,
        title=assignment.quiz.title,
        due_at=assignment.due_at,
        questions=analysis,
        rows=rows,
        spread=spread(scores),
        topics=_topic_scores(
            (question.topic, row.cells[index].marked or 0.0)
            for row in counted
            for index, question in enumerate(questions)
        ),
        counts=[(status, statuses[status]) for status in Progress],
        distribution=score_distribution(scores),
    )


def not_started(grid):
    """The students of a results grid who have not started, in the grid's order."""
    return [row.student for row in grid.rows if row.work.status == Progress.NOT_STARTED]


def students_not_started(assignment):
    """The students the homework is set for who have not started it: two queries."""
    started = set(
        AssignmentAttempt.objects.filter(assignment=assignment).values_list("student_id", flat=True)
    )
    students = _students(assignment)
    return [student for student in students if student.pk not in started]


def assignment_charts(grid):
    """The numbers static/js/charts.js draws on the results page, as plain JSON-ready data."""
    return {
        "distribution": {
            "labels": [item.label for item in grid.distribution],
            "values": [item.count for item in grid.distribution],
            # Each ten-point bar takes the colour of the twenty-point band it sits in.
            "bands": [band(index * 10) for index in range(len(grid.distribution))],
        },
        "facility": {
            "labels": [f"Q{question.number}" for question in grid.questions],
            "values": [whole(question.facility) for question in grid.questions],
            "bands": [band(question.facility) for question in grid.questions],
            "average": whole(grid.spread.mean),
        },
    }


def _analyse(number, question, cells):
    """Item analysis of one question over the counting (submitted) attempts' cells."""
    refused = [cell for cell in cells if cell.answer and (cell.score or 0) < 1]
    if question.kind == Kind.MATCHING:
        # The pairs that went wrong, one by one: the whole answer repeats the pairs that were right.
        wrong = Counter(pair for cell in refused for pair in cell.wrong_pairs)
    else:
        wrong = Counter(answer_group(question, cell.answer) for cell in refused)
    # Most common first; ties in alphabetical order so the page does not reshuffle.
    common = sorted(wrong.items(), key=lambda item: (-item[1], item[0]))
    return QuestionAnalysis(
        number=number,
        pk=question.pk,
        prompt=question.prompt,
        kind=question.kind,
        kind_label=question.get_kind_display(),
        topic=question.topic.title,
        expected=question.expected_answer,
        attempts=len(cells),
        facility=_percent([cell.marked or 0.0 for cell in cells]),
        unanswered=sum(not cell.answer for cell in cells),
        wrong_answers=common[:COMMON_WRONG_ANSWERS],
    )


def _percent(fractions):
    mean = _mean(fractions)
    return None if mean is None else mean * 100


def _topic_scores(pairs):
    """[(topic, score 0..1)] -> TopicScore per topic, in course order."""
    topics, scores = {}, defaultdict(list)
    for topic, score in pairs:
        topics[topic.pk] = topic
        scores[topic.pk].append(score)
    ordered = sorted(topics.values(), key=lambda topic: (topic.order, topic.pk))
    return [
        TopicScore(topic.pk, topic.title, len(scores[topic.pk]), _percent(scores[topic.pk]))
        for topic in ordered
    ]


# One student ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Topic:
    pk: int
    title: str
    order: int


def student_report(classroom, student, now):
    """Every assignment of the class with this student's work, and their topics, in three queries.

    Topic averages are over the answers in their counting attempts (a blank counts as 0).
    Strengths and weaknesses come from topics with at least MIN_ANSWERS_PER_TOPIC answers: up to
    TOPICS_SHOWN each, and never the same topic in both lists (with five topics, two of each).
    """
    assignments = list(
        Assignment.objects.set_for(student)
        .current()
        .filter(classroom=classroom)
        .select_related("quiz")
    )
    links = defaultdict(list)
    for link in _links(assignment__classroom=classroom, student=student):
        links[link["assignment_id"]].append(link)
    rows = [
        ReportRow(a.pk, a.quiz.title, a.due_at, _work(a, links[a.pk], now)) for a in assignments
    ]
    counting = {row.work.attempt_id for row in rows if row.work.status.is_submitted}
    topic = ["question__topic_id", "question__topic__title", "question__topic__order"]
    answers = Response.objects.filter(
        attempt__assignment_link__student=student,
        attempt__assignment_link__assignment__classroom=classroom,
        attempt__submitted_at__isnull=False,
    ).values_list("attempt_id", "score", *topic)
    topics = _topic_scores(
        (_Topic(topic_pk, title, order), score or 0.0)
        for attempt_id, score, topic_pk, title, order in answers
        if attempt_id in counting
    )
    ranked = sorted(
        (topic for topic in topics if topic.answers >= MIN_ANSWERS_PER_TOPIC),
        key=lambda topic: (-topic.average, topic.title),
    )
    shown = min(TOPICS_SHOWN, len(ranked) // 2)
    scores = [row.work.score for row in rows if row.work.score is not None]
    return StudentReport(
        student=Student(student.pk, student.username, student.first_name, student.last_name),
        rows=rows,
        average=_mean(scores),
        topics=topics,
        strengths=ranked[:shown],
        weaknesses=ranked[::-1][:shown],
    )


# One class ------------------------------------------------------------------------------------


def _class_work(classroom, now):
    """Students, every homework of the class (archived too) and each student's Work on each:
    three queries (four with homework set for chosen students). Work is None where the homework
    is not set for the student (Assignment.is_set_for, the rule of set_for)."""
    roster = _roster(Enrolment.objects.filter(classroom=classroom))
    assignments = list(Assignment.objects.filter(classroom=classroom).select_related("quiz"))
    chosen = _chosen(assignments)
    links = defaultdict(list)
    for link in _links(assignment__classroom=classroom):
        links[link["assignment_id"], link["student_id"]].append(link)
    works = {}
    for a in assignments:
        for student, joined_at in roster:
            started = links.get((a.pk, student.pk), [])
            is_set = a.is_set_for(
                joined_at=joined_at, chosen=(a.pk, student.pk) in chosen, started=bool(started)
            )
            works[a.pk, student.pk] = _work(a, started, now) if is_set else None
    return [student for student, _ in roster], assignments, works


def class_overview(classroom, now, *, page=1):
    """Every student of the class on the homework of one page (latest first), their averages
    over all homework, and the topic heatmap: four queries, whatever the size of the class.

    Archived homework is out of the columns and the averages, but its answers stay in the
    heatmap: archiving hides a homework from the lists, not what it showed of the students."""
    students, every_homework, works = _class_work(classroom, now)
    assignments = [a for a in every_homework if not a.is_archived]
    assignments.sort(key=lambda a: (a.due_at, a.pk), reverse=True)
    pages = max(1, math.ceil(len(assignments) / OVERVIEW_HOMEWORKS))
    page = min(max(page, 1), pages)
    shown = assignments[(page - 1) * OVERVIEW_HOMEWORKS : page * OVERVIEW_HOMEWORKS]
    rows = []
    for student in students:
        every = [works[a.pk, student.pk] for a in assignments]
        scores = [work.score for work in every if work and work.score is not None]
        submitted = sum(work.status.is_submitted for work in every if work)
        cells = [works[a.pk, student.pk] for a in shown]
        rows.append(OverviewRow(student, cells, _mean(scores), submitted))
    summaries = []
    for index, a in enumerate(shown):
        works_on = [row.cells[index] for row in rows if row.cells[index]]
        scores = [work.score for work in works_on if work.score is not None]
        summaries.append(
            AssignmentSummary(
                pk=a.pk,
                title=a.quiz.title,
                due_at=a.due_at,
                submitted=sum(work.status.is_submitted for work in works_on),
                students=len(works_on),
                average=_mean(scores),
                is_past_due=a.is_past_due(now),
            )
        )
    counting = [work.attempt_id for work in works.values() if work and work.status.is_submitted]
    heatmap = _heatmap(students, _section_sums(counting))
    upcoming = [a.due_at for a in assignments if a.due_at >= now]
    return Overview(
        assignments=summaries,
        rows=rows,
        heatmap=heatmap,
        page=page,
        pages=pages,
        homeworks=len(assignments),
        valid_until=min(upcoming, default=None),
    )


def _section_sums(counting):
    """(student pk, section, answers, total mark) over the counting attempts: one query, summed
    in the database. A question's section is its topic's parent, or the topic itself when the
    question hangs on a section."""
    if not counting:
        return []
    section = {
        f"section_{name}": Coalesce(f"question__topic__parent__{name}", f"question__topic__{name}")
        for name in ("id", "title", "order")
    }
    rows = (
        Response.objects.filter(attempt_id__in=counting)
        .annotate(student=models.F("attempt__user_id"), **section)
        .values("student", *section)
        .annotate(answers=models.Count("pk"), total=models.Sum(Coalesce("score", 0.0)))
        .order_by()
    )
    return [
        (row["student"], _Topic(row["section_id"], row["section_title"], row["section_order"]),
         row["answers"], row["total"])
        for row in rows
    ]  # fmt: skip


def topic_heatmap(students, answers):
    """Students × topics: each cell the student's average mark on the topic's answers (percent).

    `answers` are (student pk, topic, score 0..1); a topic has pk, title and order. Columns are
    the topics with at least one answer, in course order; every student gets a row, with empty
    cells (average None) where they have no answers. The totals average every answer on the
    topic, so a student who answered more questions weighs more.
    """
    return _heatmap(students, [(pk, topic, 1, score) for pk, topic, score in answers])


def _heatmap(students, sums):
    """The heatmap from (student pk, topic, answers, total mark) rows (several rows may add up)."""
    topics, marks, everyone = {}, defaultdict(lambda: [0, 0.0]), defaultdict(lambda: [0, 0.0])
    for student_pk, topic, answers, total in sums:
        topics[topic.pk] = topic
        for tally in (marks[student_pk, topic.pk], everyone[topic.pk]):
            tally[0] += answers
            tally[1] += total
    columns = sorted(topics.values(), key=lambda topic: (topic.order, topic.pk))

    def cell(tally):
        answers, total = tally
        return HeatCell(answers=answers, average=total / answers * 100 if answers else None)

    return Heatmap(
        topics=[topic.title for topic in columns],
        rows=[
            HeatRow(student, [cell(marks.get((student.pk, t.pk), (0, 0.0))) for t in columns])
            for student in students
        ],
        totals=[cell(everyone[topic.pk]) for topic in columns],
    )


# CSV ------------------------------------------------------------------------------------------

# Every cell is guarded against formulas by csv_files.write_csv.


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _number(value, places):
    return "" if value is None else f"{round(value, places):g}"


RESPONSES_HEADER = [
    "Student",
    "Username",
    "Question",
    "Prompt",
    "Kind",
    "Topic",
    "Answer given",
    "Correct answer",
    "Score (0-1)",
    "Status",
    "Submitted at",
    "Late",
]


def responses_csv(assignment, now=None):
    """One row per student per question of the assignment, as CSV text (four queries)."""
    results = assignment_results(assignment, now or timezone.now())
    rows = [
        _response_row(row.student, row.work, question, cell)
        for row in results.rows
        for question, cell in zip(results.questions, row.cells, strict=True)
    ]
    return write_csv(RESPONSES_HEADER, rows)


def _response_row(student, work, question, cell):
    submitted = work.status.is_submitted
    return [
        student.name,
        student.username,
        question.number,
        question.prompt,
        question.kind_label,
        question.topic,
        cell.answer,
        question.expected,
        _number(cell.marked, 2) if submitted else "",
        work.status.label,
        _when(work.submitted_at),
        ("yes" if work.status == Progress.LATE else "no") if submitted else "",
    ]


SCORES_HEADER = [
    "Student",
    "Username",
    "Assignment",
    "Due",
    "Status",
    "Score %",
    "Submitted at",
    "Attempts",
]


def scores_csv(classroom, now=None):
    """One row per student per current assignment of the class, as CSV text (three queries)."""
    students, assignments, works = _class_work(classroom, now or timezone.now())
    rows = [
        _score_row(student, a, works[a.pk, student.pk])
        for student in students
        for a in assignments
        if works[a.pk, student.pk] and not a.is_archived
    ]
    return write_csv(SCORES_HEADER, rows)


def _score_row(student, assignment, work):
    return [
        student.name,
        student.username,
        assignment.quiz.title,
        _when(assignment.due_at),
        work.status.label,
        _number(work.score, 1),
        _when(work.submitted_at),
        work.attempts,
    ]
