"""Small helpers that make test data with sensible defaults."""

import itertools

from django.contrib.auth import get_user_model

from topics.models import Event, Fact, Person, Term, Topic
from ussr_revision.roles import Role, grant_role

_sequence = itertools.count(1)


def make_user(**kwargs):
    kwargs.setdefault("username", f"user{next(_sequence)}")
    password = kwargs.pop("password", "correct-horse-battery")
    user = get_user_model().objects.create_user(password=password, **kwargs)
    return user


def make_teacher(**kwargs):
    user = make_user(**kwargs)
    grant_role(user, Role.TEACHER)
    return user


def make_student(**kwargs):
    user = make_user(**kwargs)
    grant_role(user, Role.STUDENT)
    return user


def make_topic(**kwargs):
    n = next(_sequence)
    kwargs.setdefault("slug", f"topic-{n}")
    kwargs.setdefault("title", f"Topic {n}")
    kwargs.setdefault("order", 10_000 + n)
    return Topic.objects.create(**kwargs)


def make_fact(**kwargs):
    if "topic" not in kwargs:
        kwargs["topic"] = make_topic()
    kwargs.setdefault("text", f"Fact number {next(_sequence)}")
    return Fact.objects.create(**kwargs)


def make_person(**kwargs):
    n = next(_sequence)
    kwargs.setdefault("slug", f"person-{n}")
    kwargs.setdefault("name", f"Person {n}")
    kwargs.setdefault("role", f"Role number {n}")
    return Person.objects.create(**kwargs)


def make_event(**kwargs):
    n = next(_sequence)
    kwargs.setdefault("slug", f"event-{n}")
    kwargs.setdefault("title", f"Event {n}")
    kwargs.setdefault("start_year", 1930)
    if "topic" not in kwargs:
        kwargs["topic"] = make_topic()
    return Event.objects.create(**kwargs)


def make_term(**kwargs):
    n = next(_sequence)
    kwargs.setdefault("slug", f"term-{n}")
    kwargs.setdefault("term", f"Term {n}")
    kwargs.setdefault("definition", f"Definition {n}")
    if "topic" not in kwargs:
        kwargs["topic"] = make_topic()
    return Term.objects.create(**kwargs)


def make_classroom(**kwargs):
    from classrooms.models import Classroom

    if "teacher" not in kwargs:
        kwargs["teacher"] = make_teacher()
    kwargs.setdefault("name", f"10B History {next(_sequence)}")
    return Classroom.objects.create(**kwargs)


def enrol(classroom, *students):
    from classrooms.models import Enrolment

    for student in students:
        Enrolment.objects.get_or_create(classroom=classroom, student=student)
    return classroom


def make_quiz(owner, *, count=6, kinds=None, title="Homework quiz"):
    """A quiz of `count` bank questions, one of each kind first (the bank is built for tests)."""
    from quizzes.models import Kind, Question, Quiz

    quiz = Quiz.objects.create(owner=owner, title=title)
    kinds = kinds or Kind.values
    picked = []
    for kind in itertools.cycle(kinds):
        if len(picked) >= count:
            break
        question = Question.objects.in_bank().filter(kind=kind).exclude(pk__in=picked).first()
        picked.append(question.pk)
        quiz.append(question)
    return quiz


def make_assignment(**kwargs):
    from datetime import timedelta

    from django.utils import timezone

    from classrooms.models import Assignment

    if "classroom" not in kwargs:
        kwargs["classroom"] = make_classroom()
    if "quiz" not in kwargs:
        kwargs["quiz"] = make_quiz(kwargs["classroom"].teacher)
    now = kwargs.pop("now", None) or timezone.now()
    kwargs.setdefault("opens_at", now - timedelta(days=1))
    kwargs.setdefault("due_at", now + timedelta(days=6))
    return Assignment.objects.create(**kwargs)
