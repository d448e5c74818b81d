"""Homework: setting a quiz for a class, and a student's attempts at it.

The rules that must hold even when requests race (two tabs, a double click, a phone retrying on a
bad signal) are kept by the database: one open attempt per student and assignment, no more
attempts than allowed. These functions take the row locks and turn the database's refusals into
clear errors.
"""

from collections import Counter
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from classrooms import results_cache
from classrooms.models import Assignment, AssignmentAttempt, Enrolment, LatePolicy
from quizzes import revision, taking
from quizzes.models import Attempt, Question, Quiz, QuizQuestion, Response, ReviewSource

MAX_ID = 2**63 - 1  # the largest primary key the databases store


class AssignmentClosed(Exception):
    """The assignment does not accept work now (not open yet, or closed at the due date)."""


class NoAttemptsLeft(Exception):
    """The student has used every attempt the teacher allowed."""


class NotInClass(AssignmentClosed):
    """The student is no longer in the homework's class: their work there can't change."""


def questions_hidden_from_practice(student, now):
    """Questions practice must not show the student, so it cannot give homework's answers away.

    The questions of homework the student can still hand in (until every attempt is used or the
    homework has closed) or whose answers the teacher keeps back until the due date, and every
    other question on the same ideas: the typed version of a multiple-choice question shows the
    same key.
    """
    live = Assignment.objects.for_student(student).filter(
        Q(late_policy=LatePolicy.ACCEPT_LATE) | Q(due_at__gte=now)
    )
    used = Counter(
        AssignmentAttempt.objects.filter(
            student=student, assignment__in=live, is_open=False
        ).values_list("assignment_id", flat=True)
    )
    quizzes = [
        homework.quiz_id
        for homework in live.only("pk", "quiz_id", "attempts_allowed", "answers_shown", "due_at")
        if used[homework.pk] < homework.attempts_allowed or not homework.shows_answers(now)
    ]
    in_homework = QuizQuestion.objects.filter(quiz_id__in=quizzes).values("question_id")
    ideas = Question.objects.filter(pk__in=in_homework).exclude(idea="").values("idea")
    return set(
        Question.objects.filter(Q(pk__in=in_homework) | Q(idea__in=ideas)).values_list(
            "pk", flat=True
        )
    )


def assign_quiz(*, classroom, quiz, due_at, opens_at=None, **settings):
    return Assignment.objects.create(
        classroom=classroom,
        quiz=quiz,
        due_at=due_at,
        opens_at=opens_at or timezone.now(),
        **settings,
    )


@transaction.atomic
def set_homework(*, classrooms, quiz, due_at, opens_at=None, students=(), **settings):
    """One homework per class, alike; with `students` (of a single class) set for them alone."""
    if students and len(classrooms) != 1:
        raise ValueError("Chosen students belong to one class.")
    made = []
    for classroom in classrooms:
        assignment = assign_quiz(
            classroom=classroom,
            quiz=quiz,
            due_at=due_at,
            opens_at=opens_at,
            chosen_only=bool(students),
            **settings,
        )
        if students:
            assignment.chosen_students.set(students)
        made.append(assignment)
    return made


def choose_students(assignment, students):
    """Set the homework for these students of its class alone, or (none) for the whole class."""
    assignment.chosen_only = bool(students)
    assignment.save(update_fields=["chosen_only"])
    assignment.chosen_students.set(students)


def open_attempt(assignment, student):
    """The student's unsubmitted attempt at the assignment, or None."""
    link = (
        AssignmentAttempt.objects.select_related("attempt")
        .filter(assignment=assignment, student=student, is_open=True)
        .first()
    )
    return link.attempt if link else None


def open_link(assignment_id, student):
    """The student's open attempt at an assignment of a class they are in, with the assignment
    (one query), or None."""
    if not 0 < assignment_id <= MAX_ID:  # an address no row can have (SQLite would overflow)
        return None
    return (
        AssignmentAttempt.objects.select_related("assignment__quiz", "attempt")
        .filter(
            assignment_id=assignment_id,
            student=student,
            is_open=True,
            assignment__in=Assignment.objects.for_student(student),
        )
        .first()
    )


def attempts_of(assignment, student):
    return list(
        AssignmentAttempt.objects.filter(assignment=assignment, student=student)
        .select_related("attempt", "assignment")
        .order_by("number")
    )


def start_or_resume(*, assignment, student, now=None):
    """The open attempt if there is one, else a new one. Raises AssignmentClosed, NoAttemptsLeft.

    Holds the assignment's and its quiz's rows, the locks a teacher's change to the homework's quiz
    or to the quiz's questions takes: the attempt is made either before the change (which is then
    refused) or after it, on the new questions, never on what the teacher just replaced.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Two statements: a join locked in one would lose the row when the teacher's change to
        # the quiz commits first (PostgreSQL rechecks the join against the old quiz's row).
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        assignment.quiz = Quiz.objects.select_for_update().get(pk=assignment.quiz_id)
        if not assignment.accepts_answers(now):
            raise AssignmentClosed
        # One read decides: deciding from two (open? then how many?) races with a parallel start.
        links = attempts_of(assignment, student)
        existing = next((link.attempt for link in links if link.is_open), None)
        if existing:
            return existing
        used = len(links)
        if used >= assignment.attempts_allowed:
            raise NoAttemptsLeft
        try:
            with transaction.atomic():
                attempt = taking.start_attempt(quiz=assignment.quiz, user=student)
                AssignmentAttempt.objects.create(
                    assignment=assignment,
                    student=student,
                    attempt=attempt,
                    number=used + 1,
                    allowed=assignment.attempts_allowed,
                )
                return attempt
        except IntegrityError:
            # Another request started an attempt at the same moment: use that one.
            existing = open_attempt(assignment, student)
            if existing:
                return existing
            raise NoAttemptsLeft from None


def save_answer(*, assignment, attempt, question, answer, seen_version=None, now=None):
    """Save one answer as it is given; returns its new version.

    Raises AssignmentClosed once the work can't change, and taking.AnswerConflict when the page
    that sent it (`seen_version`) is older than the answer stored.
    """
    with _unsubmitted(assignment, attempt, now) as (locked, now):
        return taking.save_answer(locked, question, answer, seen_version=seen_version, now=now)


def autosave(*, assignment, attempt, question, answer, seen_version=None, now=None):
    """save_answer for a page's autosave: returns (the answer's new version, how many of the
    attempt's questions have an answer now). Raises as save_answer does.

    The usual save (the page showed the answer stored now, or none and none is stored) is one
    statement. Anything else matches no row in it and takes save_answer's way, which tells a
    conflict from a retry of a save that landed, or work handed in, or a student who left.
    """
    now = now or timezone.now()
    if not assignment.accepts_answers(now):
        raise AssignmentClosed
    save = {
        "assignment": assignment,
        "attempt": attempt,
        "question": question,
        "answer": answer,
        "seen_version": seen_version,
        "now": now,
    }
    saved = _save_in_one_statement(**save)
    if saved is None:
        version = save_answer(**save)
        return version, attempt.responses.exclude(answer=None).count()
    version, others_answered = saved
    results_cache.work_changed(assignment.pk, assignment.classroom_id)
    return version, others_answered + (answer is not None)


# What _unsubmitted does in three statements, as the start of one: the attempt's row locked (as
# submitting locks it), not handed in, its student still in the homework's class. SQLite takes
# no row locks (and has no FOR UPDATE): it lets one writer at a time in.
_UNSUBMITTED = (
    "WITH unsubmitted AS (SELECT id FROM {attempt} WHERE id = %s AND submitted_at IS NULL"
    " AND EXISTS (SELECT 1 FROM {enrolment}"
    " WHERE classroom_id = %s AND student_id = {attempt}.user_id){lock}) "
)
# The attempt's other answered questions: leaving out the row being written, the count is the
# same whether the database shows the subquery that row before or after the write.
_OTHERS_ANSWERED = (
    " RETURNING version, (SELECT COUNT(*) FROM {response} AS other"
    " WHERE other.attempt_id = %s AND other.question_id <> %s AND other.answer IS NOT NULL)"
)
_UPDATE = (
    "UPDATE {response} SET answer = %s, answered_at = %s, version = version + 1"
    " WHERE attempt_id IN (SELECT id FROM unsubmitted) AND question_id = %s AND version = %s"
)
_INSERT = (
    "INSERT INTO {response}"
    " (answer, answered_at, attempt_id, question_id, version, score, feedback, flagged)"
    " SELECT %s, %s, id, %s, 1, NULL, '', %s FROM unsubmitted WHERE true"  # WHERE: SQLite's parser
    " ON CONFLICT (attempt_id, question_id) DO "
)
_FIRST_ONLY = "NOTHING"
_LAST_WINS = (
    "UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at,"
    " version = {response}.version + 1"
)


def _save_in_one_statement(*, assignment, attempt, question, answer, seen_version, now):
    """_unsubmitted's checks and taking.save_answer's write in one statement that returns the
    new version and the count of the other answered questions; None if it wrote nothing.

    The write, as in taking.save_answer: the page showed version n, an UPDATE of version n; it
    showed no answer, an INSERT unless one came since; no version sent, last write wins.
    """
    connection = transaction.get_connection()
    fields = Response._meta
    values = [
        fields.get_field("answer").get_db_prep_save(answer, connection),
        fields.get_field("answered_at").get_db_prep_save(now, connection),
    ]
    if seen_version is None:
        statement, params = _INSERT + _LAST_WINS, [*values, question.pk, False]
    elif seen_version == 0:
        statement, params = _INSERT + _FIRST_ONLY, [*values, question.pk, False]
    else:
        statement, params = _UPDATE, [*values, question.pk, seen_version]
    quote = connection.ops.quote_name
    sql = (_UNSUBMITTED + statement + _OTHERS_ANSWERED).format(
        attempt=quote(Attempt._meta.db_table),
        enrolment=quote(Enrolment._meta.db_table),
        response=quote(fields.db_table),
        lock=" FOR UPDATE" if connection.features.has_select_for_update else "",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [attempt.pk, assignment.classroom_id, *params, attempt.pk, question.pk])
        return cursor.fetchone()


def save_form(*, assignment, attempt, changes, flags=None, now=None):
    """Save a posted page's answers (`taking.read_form`) and its "come back to this" boxes
    ({question: flagged}); returns the conflicts."""
    with _unsubmitted(assignment, attempt, now) as (locked, now):
        for question, flagged in (flags or {}).items():
            taking.set_flag(locked, question, flagged)
        return taking.save_form(locked, changes, now=now)


def set_flag(*, assignment, attempt, question, flagged, now=None):
    with _unsubmitted(assignment, attempt, now) as (locked, now):
        taking.set_flag(locked, question, flagged)


@contextmanager
def _unsubmitted(assignment, attempt, now):
    """A transaction holding the attempt's row, which submitting takes too: no answer is saved
    into an attempt that is being marked. Raises AssignmentClosed if the work can't change."""
    now = now or timezone.now()
    if not assignment.accepts_answers(now):
        raise AssignmentClosed
    # Whether the student is still in the class is read with the lock, from the database: the
    # attempt the view started from may come from the cache (open_attempts.py).
    in_class = Enrolment.objects.filter(
        classroom_id=assignment.classroom_id, student_id=OuterRef("user_id")
    )
    with transaction.atomic():
        locked = (
            Attempt.objects.select_for_update(of=("self",))
            .only("pk", "submitted_at")
            .annotate(in_class=Exists(in_class))
            .get(pk=attempt.pk)
        )
        if locked.is_submitted:
            raise AssignmentClosed
        if not locked.in_class:
            raise NotInClass
        yield locked, now
    # Results pages kept in the cache are drawn again after any change to the work.
    results_cache.work_changed(assignment.pk, assignment.classroom_id)


def submit(*, assignment, attempt, now=None):
    """Mark the attempt once; a second submit is a no-op. Returns True if this call submitted."""
    now = now or timezone.now()
    if not assignment.accepts_answers(now):
        raise AssignmentClosed
    with transaction.atomic():
        # The attempt may come from the cache (open_attempts.py): whether the student is still
        # in the class is read from the database, as every save of an answer reads it.
        in_class = Enrolment.objects.filter(
            classroom_id=assignment.classroom_id, student_id=attempt.user_id
        )
        if not in_class.exists():
            raise NotInClass
        submitted = taking.submit_attempt(attempt, now=now)
        if submitted:
            AssignmentAttempt.objects.filter(attempt=attempt).update(is_open=False)
            # Only now, marked and handed in, do the answers count as reviews: an attempt in
            # progress must not teach the memory (or the schedule) the key.
            revision.record_attempt(attempt, source=ReviewSource.HOMEWORK, now=now)
    if submitted:
        results_cache.work_changed(assignment.pk, assignment.classroom_id)
    return submitted
