"""The templates, each registered once by the decorator on the function that makes it.

A template's name is part of every question's stored identity (`Question.template`, and the
start of `Question.key`), so it is written in one place only: the function's name, or the
`name=` given to the decorator. The bank is every registered template's questions, in the order
the family modules register them (fixed by the imports in `quizzes/generation/__init__.py`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from quizzes.generation.course import Course
from quizzes.generation.questions import filed_where_fair

TEMPLATES = []


@dataclass(frozen=True)
class Template:
    name: str
    family: str  # the module it lives in: "events", "claims"...
    make: Callable  # make(course, template) -> iterable of QuestionSpec or None

    def key(self, *parts):
        """The question's key: the template's name, then what the question is about."""
        return ":".join((self.name, *map(str, parts)))


def template(function=None, *, name=None):
    """Register a template: `@template` (named after the function) or `@template(name=...)`."""

    def register(function):
        made = Template(name or function.__name__, function.__module__.rsplit(".", 1)[-1], function)
        if any(other.name == made.name for other in TEMPLATES):
            raise ValueError(f"Two templates are named {made.name!r}.")
        TEMPLATES.append(made)
        return function

    return register(function) if function else register


def template_names():
    return [t.name for t in TEMPLATES]


def generate_bank(kb, seed=0, kinds=None):
    """Every question the templates can make from `kb`, in a fixed order; with `kinds`, only
    questions of those kinds (the ones the app can show)."""
    course = Course(kb, seed)
    bank, keys = [], set()
    for made in TEMPLATES:
        for question in made.make(course, made):
            if question is None or (kinds is not None and question.kind not in kinds):
                continue
            question = filed_where_fair(course, question)
            if question is None:
                continue
            if question.template != made.name or not question.key.startswith(made.name + ":"):
                raise ValueError(f"{question.key!r} does not carry its template {made.name!r}.")
            if question.key in keys:
                raise ValueError(f"Two questions share the key {question.key!r}.")
            keys.add(question.key)
            bank.append(question)
    return bank
