"""Small helpers that make test data with sensible defaults."""

import itertools

from django.contrib.auth import get_user_model

from topics.models import Event, Fact, Person, Term, Topic
from ussr_revision.roles import Role, grant_role

_sequence = itertools.count(1)
PASSWORD = "correct-horse-battery"  # every user's, unless a test gives another


def make_user(**kwargs):
    kwargs.setdefault("username", f"user{next(_sequence)}")
    password = kwargs.pop("password", PASSWORD)
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


# "Choose two" questions for the tests' bank until the generator makes them (they have no
# generator key, so rebuilding the bank leaves them alone). Each: topic slug, prompt, options
# (right ones first), how many are right.
CHOOSE_TWO = [
    (
        "stalins-powerbases",
        "Which two of these posts gave Stalin power in the party by 1924?",
        ["General Secretary of the party", "Commissar for Nationalities",
         "People's Commissar for War", "Chairman of the Comintern"],
        2,
    ),
    (
        "political-factors",
        "Which two of these were reasons Stalin launched collectivisation in 1929?",
        ["To end the grain shortages of 1927-28", "To destroy the kulaks as a class",
         "To give every peasant a private farm", "To bring back the New Economic Policy"],
        2,
    ),
    (
        "impact-on-the-armed-forces",
        "Which two of these happened to the Red Army in the terror of 1937-38?",
        ["Marshal Tukhachevsky was tried and shot", "Thousands of officers were arrested",
         "The Red Army was disbanded", "Trotsky was made its commander again"],
        2,
    ),
    (
        "strengths-of-the-ussr",
        "Which three of these were strengths of the USSR by 1941?",
        ["A large heavy industry", "New factories east of the Urals", "A very large army",
         "Shops full of consumer goods", "An officer corps untouched by the purges"],
        3,
    ),
]  # fmt: skip


def make_question(**kwargs):
    """A question; by default a "choose two" on a new topic, written by no one (so in the bank)."""
    from quizzes.models import Kind, Question

    kwargs.setdefault("kind", Kind.MULTIPLE_SELECT)
    kwargs.setdefault("prompt", "Which two of these were Left Opposition leaders?")
    kwargs.setdefault("options", ["Trotsky", "Zinoviev", "Bukharin", "Rykov"])
    kwargs.setdefault("answer", kwargs["options"][:2])
    if "topic" not in kwargs:
        kwargs["topic"] = make_topic()
    return Question.objects.create(**kwargs)


def add_choose_two_to_bank():
    """The CHOOSE_TWO questions in the bank, unless the bank already has some of that kind."""
    from quizzes.models import Kind, Question

    if Question.objects.in_bank().filter(kind=Kind.MULTIPLE_SELECT).exists():
        return
    for slug, prompt, options, right in CHOOSE_TWO:
        # Stored shuffled, as the generator would: the right options are not always first.
        stored = options[right:] + options[:right] if len(prompt) % 2 else options[::-1]
        make_question(
            topic=Topic.objects.get(slug=slug),
            prompt=prompt,
            options=stored,
            answer=options[:right],
            explanation="Written for the tests until the generator makes these.",
        )


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
