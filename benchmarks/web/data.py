"""The benchmark's data: a class, or a whole school, built with the app's own code.

The course, the question bank, the quizzes, the homework and the live attempts come from the
app's functions (load_content, build_question_bank, build_quiz, assign_quiz, start_or_resume,
save_answer). Only the year of handed-in work is written in bulk (bulk_create and COPY), marked
with the app's own marker, so a school of a million responses takes minutes, not hours.

Both scales hold the two classes the pages are measured on:
- "10A": 30 students, four homeworks handed in and one live one (the question page, autosave);
- "11A": 25 of those students with a year of homework (34 homeworks of 20 questions).
The school scale adds 58 more classes of 25 with a year each: 1,505 students in 60 classes,
about a million responses.
"""

import io
import json
import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from classrooms import assignments
from classrooms.demo import _answer
from classrooms.models import Assignment, AssignmentAttempt, Classroom, Enrolment
from quizzes.builder import build_quiz
from quizzes.kinds import mark
from quizzes.models import Attempt, Kind, Quiz, QuizQuestion
from topics.models import Topic
from ussr_revision.roles import Role, grant_role_to_all

PASSWORD = "bench-revise-1924"
QUESTIONS = 20
YEAR = 34  # homeworks in a school year, one a week
SCHOOL_CLASSES = 58  # more classes of 25, beside the two measured ones
CLASS_SIZE = 25


@dataclass
class Scene:
    """What the benchmark needs to know about the data it built."""

    teacher: str
    students: list  # usernames in the class of 30
    class30: int
    year_class: int
    results_homework: int  # handed in by the class of 30
    live_homework: int  # open attempts for everyone in the class of 30
    true_false: tuple  # (question number, question pk) in the live homework
    matching: int  # question number of a matching question in the live homework
    section: str  # slug of the section with the most facts
    counts: dict = field(default_factory=dict)


def build(*, school, seed=1924):
    rng = random.Random(seed)
    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("load_content", stdout=quiet)
    call_command("build_question_bank", stdout=quiet)
    password = make_password(PASSWORD)  # one hash for everyone: hashing is the slow part
    sections = list(Topic.objects.sections())

    teacher = _users("bench_teacher", 1, password, Role.TEACHER)[0]
    students = _users("bench_s", 30, password, Role.STUDENT)
    class30 = _classroom("10A History", teacher, students)
    year_class = _classroom("11A History", teacher, students[:CLASS_SIZE])
    handed_in = _homework(class30, teacher, sections, rng, count=4, weeks_ago=4)
    _hand_in(handed_in, rng)
    _year(year_class, teacher, sections, rng)
    live, true_false, matching = _live_homework(class30, teacher, sections, rng)
    if school:
        # The department shares the year's quizzes: copied to each teacher, not chosen again.
        year_quizzes = list(
            Assignment.objects.filter(classroom=year_class)
            .order_by("due_at")
            .values_list("quiz_id", flat=True)
        )
        for number in range(SCHOOL_CLASSES):
            other = _users(f"bench_t{number}_", 1, password, Role.TEACHER)[0]
            pupils = _users(f"bench_c{number}_", CLASS_SIZE, password, Role.STUDENT)
            classroom = _classroom(f"Class {number}", other, pupils)
            _hand_in(_copies(year_quizzes, classroom, other, year_class), rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Scene(
        teacher=teacher.username,
        students=[student.username for student in students],
        class30=class30.pk,
        year_class=year_class.pk,
        results_homework=handed_in[-1].pk,
        live_homework=live.pk,
        true_false=true_false,
        matching=matching,
        section=_biggest_section(sections),
        counts=_counts(),
    )


def _users(prefix, count, password, role):
    User = get_user_model()
    users = User.objects.bulk_create(
        User(
            username=f"{prefix}{number}",
            first_name=f"First{number}",
            last_name=f"{prefix.strip('_').title()}{number:04d}",
            password=password,
        )
        for number in range(1, count + 1)
    )
    grant_role_to_all(users, role)
    return users


def _classroom(name, teacher, students):
    classroom = Classroom.objects.create(name=name, teacher=teacher)
    Enrolment.objects.bulk_create(Enrolment(classroom=classroom, student=s) for s in students)
    return classroom


def _homework(classroom, teacher, sections, rng, *, count, weeks_ago):
    """`count` weekly homeworks of 20 questions, the last one due `weeks_ago` weeks ago."""
    now = timezone.now()
    made = []
    for week in range(count):
        quiz = build_quiz(
            owner=teacher,
            title=f"Week {week + 1}: {sections[week % len(sections)].title}",
            topics=sections,
            count=QUESTIONS,
            seed=rng.randrange(10**6),
        )
        due = now - timedelta(weeks=weeks_ago + count - 1 - week)
        made.append(
            assignments.assign_quiz(
                classroom=classroom, quiz=quiz, opens_at=due - timedelta(days=7), due_at=due
            )
        )
    return made


def _copies(quiz_ids, classroom, teacher, model_class):
    """The model class's homework, set to `classroom` with copies of its quizzes, in bulk."""
    models = Quiz.objects.filter(pk__in=quiz_ids).order_by("pk")
    quizzes = Quiz.objects.bulk_create(Quiz(title=quiz.title, owner=teacher) for quiz in models)
    originals = dict(zip(sorted(quiz_ids), quizzes, strict=True))
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=originals[item.quiz_id], question_id=item.question_id,
                     position=item.position)
        for item in QuizQuestion.objects.filter(quiz_id__in=quiz_ids)
    )  # fmt: skip
    return Assignment.objects.bulk_create(
        Assignment(classroom=classroom, quiz=originals[a.quiz_id], opens_at=a.opens_at,
                   due_at=a.due_at)
        for a in Assignment.objects.filter(classroom=model_class).order_by("due_at")
    )  # fmt: skip


def _year(classroom, teacher, sections, rng):
    _hand_in(_homework(classroom, teacher, sections, rng, count=YEAR, weeks_ago=1), rng)


@transaction.atomic
def _hand_in(homeworks, rng):
    """Most students hand each homework in (some late), a few are part-way, a few never start."""
    students = list(
        Enrolment.objects.filter(classroom_id=homeworks[0].classroom_id).values_list(
            "student_id", flat=True
        )
    )
    for homework in homeworks:
        questions = [item.question for item in homework.quiz.items.select_related("question")]
        marked = {q.pk: (_marked(q, right=True), _marked(q, right=False)) for q in questions}
        plan = []
        for student in students:
            roll = rng.random()
            if roll < 0.05:
                continue  # never started
            skill = rng.uniform(0.3, 0.95)
            submitted = roll >= 0.1
            when = homework.due_at - timedelta(hours=rng.uniform(-6, 100))  # a few are late
            plan.append((student, skill, submitted, when))
        attempts = Attempt.objects.bulk_create(
            Attempt(
                quiz_id=homework.quiz_id,
                user_id=student,
                started_at=when - timedelta(minutes=20),
                submitted_at=when if submitted else None,
                question_order=[q.pk for q in questions],
            )
            for student, skill, submitted, when in plan
        )
        rows = []
        for attempt, (_student, skill, submitted, when) in zip(attempts, plan, strict=True):
            answered = questions if submitted else questions[: rng.randrange(1, QUESTIONS)]
            total = 0.0
            for question in answered:
                answer, result = marked[question.pk][0 if rng.random() < skill else 1]
                score = result.score if submitted else None
                total += score or 0.0
                feedback = result.feedback if submitted else ""
                rows.append(
                    (attempt.pk, question.pk, json.dumps(answer), score, feedback, when, 1, False)
                )
            attempt.score = total / len(questions) if submitted else None
        Attempt.objects.bulk_update(attempts, ["score"])
        AssignmentAttempt.objects.bulk_create(
            AssignmentAttempt(
                assignment=homework,
                student_id=attempt.user_id,
                attempt=attempt,
                number=1,
                allowed=homework.attempts_allowed,
                is_open=attempt.submitted_at is None,
            )
            for attempt in attempts
        )
        _copy_responses(rows)


def _marked(question, *, right):
    answer = _answer(question, right=right)
    return answer, mark(question, answer)


def _copy_responses(rows):
    # COPY skips the model's defaults: version and flagged are written out.
    columns = "attempt_id, question_id, answer, score, feedback, answered_at, version, flagged"
    copy_sql = f"COPY quizzes_response ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
        for row in rows:
            copy.write_row(row)


def _live_homework(classroom, teacher, sections, rng):
    """A homework due next week that every student of the class has started, half answered."""
    for _ in range(50):
        quiz = build_quiz(
            owner=teacher,
            title="This week: the whole course",
            topics=sections,
            count=QUESTIONS,
            seed=rng.randrange(10**6),
        )
        kinds = [item.question.kind for item in quiz.items.select_related("question")]
        if Kind.TRUE_FALSE in kinds and Kind.MATCHING in kinds:
            break
        quiz.delete()
    now = timezone.now()
    homework = assignments.assign_quiz(
        classroom=classroom, quiz=quiz, opens_at=now - timedelta(days=1), due_at=now + timedelta(7)
    )
    questions = [item.question for item in quiz.items.select_related("question")]
    for enrolment in classroom.enrolments.select_related("student"):
        attempt = assignments.start_or_resume(assignment=homework, student=enrolment.student)
        for question in questions[: QUESTIONS // 2]:
            assignments.save_answer(
                assignment=homework,
                attempt=attempt,
                question=question,
                answer=_answer(question, right=rng.random() < 0.7),
            )
    tf = kinds.index(Kind.TRUE_FALSE)
    return homework, (tf + 1, questions[tf].pk), kinds.index(Kind.MATCHING) + 1


def _biggest_section(sections):
    def size(section):
        return section.facts.count() + sum(child.facts.count() for child in section.children.all())

    return max(sections, key=size).slug


def _counts():
    from quizzes.models import Response

    return {
        "students": get_user_model().objects.filter(groups__name=Role.STUDENT).count(),
        "classes": Classroom.objects.count(),
        "homeworks": Assignment.objects.count(),
        "responses": Response.objects.count(),
    }
