"""Demo data for trying the app in development. Never created when DEBUG is off.

A demo admin, a teacher with a class of students, a quiz set as homework, a few attempts
already handed in (some right, some wrong), and a month of Revise now sessions, so every page,
the forgetting map and Revise now included, has something to show at once.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from classrooms import assignments
from classrooms.coverage import topics_covered_for_student
from classrooms.models import Classroom, Enrolment
from quizzes import revision, taking
from quizzes.builder import build_quiz
from quizzes.models import Kind
from topics.models import Topic
from ussr_revision.roles import Role, grant_role

DEMO_PASSWORD = "revise-1924"  # printed for developers on purpose
DEMO_ADMIN = "demo_admin"
DEMO_TEACHER = "demo_teacher"
DEMO_STUDENT = "demo_student"
DEMO_CLASS = "10B History (demo)"
CLASSMATES = [("Amira", "Khan"), ("Ben", "Okafor"), ("Chloe", "Davies"), ("Dylan", "Evans"),
              ("Ella", "Wright")]  # fmt: skip


def _user(username, role=None, **fields):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    if role:
        grant_role(user, role)
    return user


@transaction.atomic
def create_demo_accounts():
    """Create the demo accounts and class (once); returns [(role, username)]."""
    _user(DEMO_ADMIN, is_staff=True, is_superuser=True)
    teacher = _user(DEMO_TEACHER, Role.TEACHER, first_name="Demo", last_name="Teacher")
    student = _user(DEMO_STUDENT, Role.STUDENT, first_name="Demo", last_name="Student")
    classmates = [
        _user(f"{first[0]}{last}".lower(), Role.STUDENT, first_name=first, last_name=last)
        for first, last in CLASSMATES
    ]
    classroom, created = Classroom.objects.get_or_create(teacher=teacher, name=DEMO_CLASS)
    for member in [student, *classmates]:
        Enrolment.objects.get_or_create(classroom=classroom, student=member)
    if created:
        _set_demo_homework(classroom, teacher, classmates)
        _practice_history(classroom, [student, *classmates])
    accounts = [("admin", DEMO_ADMIN), ("teacher", DEMO_TEACHER), ("student", DEMO_STUDENT)]
    return accounts + [("student", user.username) for user in classmates]


def _set_demo_homework(classroom, teacher, classmates):
    topics = list(Topic.objects.filter(slug__in=["stalins-rise-to-power", "the-terror-state"]))
    if not topics:
        return  # no course loaded: nothing to set
    quiz = build_quiz(
        owner=teacher, title="Rise to power and the Terror", topics=topics, count=10, seed=1
    )
    now = timezone.now()
    homework = assignments.assign_quiz(
        classroom=classroom,
        quiz=quiz,
        opens_at=now - timedelta(days=2),
        due_at=now + timedelta(days=5),
    )
    rng = random.Random(1924)
    for skill, student in zip([0.9, 0.7, 0.5, 0.3], classmates, strict=False):
        attempt = assignments.start_or_resume(assignment=homework, student=student)
        for question in taking.attempt_questions(attempt):
            answer = _answer(question, right=rng.random() < skill)
            assignments.save_answer(
                assignment=homework, attempt=attempt, question=question, answer=answer
            )
        if skill > 0.4:
            assignments.submit(assignment=homework, attempt=attempt)


HISTORY_DAYS = 30


def _practice_history(classroom, students):
    """A month of Revise now: most days a session each, right more often for the stronger
    students and for ideas they remember, ending two days ago so something is due today."""
    classroom.taught_topics.set(Topic.objects.sections().order_by("order", "pk")[:3])
    rng = random.Random(1941)
    today = timezone.now().replace(hour=16, minute=30, second=0, microsecond=0)
    for skill, student in zip([0.75, 0.9, 0.7, 0.55, 0.4, 0.3], students, strict=False):
        topics = topics_covered_for_student(student, today)
        for days_ago in range(HISTORY_DAYS, 1, -1):
            if rng.random() > 0.6:
                continue  # little and often, not every day
            now = today - timedelta(days=days_ago)
            session = revision.start_session(
                student, topic_ids=topics, hidden=set(), now=now, seed=rng.random()
            )
            for item in session.items.select_related("question") if session else []:
                recall = item.recall_before if item.recall_before is not None else 0.4
                right = rng.random() < skill * (0.5 + 0.5 * recall)
                revision.answer_item(item, _answer(item.question, right=right), now=now)


def _answer(question, *, right):
    """A right or a plausible wrong answer to a question, as a student might give it."""
    key = question.answer
    if question.kind == Kind.MULTIPLE_CHOICE:
        return key if right else next(o for o in question.options if o != key)
    if question.kind == Kind.TRUE_FALSE:
        return key if right else not key
    if question.kind in {Kind.TYPED, Kind.CLOZE}:
        return key["text"] if right else (key.get("reject") or ["I don't know"])[0]
    if question.kind == Kind.ORDERING:
        return key if right else [key[1], key[0], *key[2:]]
    if question.kind == Kind.MULTIPLE_SELECT:
        return key if right else [key[0], next(o for o in question.options if o not in key)]
    lefts = list(key)
    rights = [key[left] for left in lefts]
    return key if right else dict(zip(lefts, rights[1:] + rights[:1], strict=True))
