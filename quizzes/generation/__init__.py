"""Knowledge base -> question bank: `generate_bank(kb, seed)`.

Pure (no Django) and seeded: the same knowledge base and seed always give the same list in the
same order. One module per family of templates (events, people, terms, quotes, claims, lists,
sets, pairs); `registry.template` registers each template once, under the name stored with its
questions. Adding a template is one decorated function in its family's module.
"""

# The families register their templates in this order, which is the order of the bank.
from quizzes.generation import events, people, terms, quotes, claims, lists, sets, pairs  # noqa: F401, I001
from quizzes.generation.course import Course
from quizzes.generation.distractors import number_accepts, number_options, role_group
from quizzes.generation.questions import (
    MAX_OPTION_LENGTH,
    MAX_PROMPT_LENGTH,
    QuestionSpec,
)
from quizzes.generation.registry import TEMPLATES, generate_bank, template, template_names
from quizzes.generation.wording import (
    BLANK,
    MASK,
    event_dates,
    event_forms,
    event_years,
    fold,
    person_forms,
    similar,
    term_forms,
)

KINDS = (
    "multiple_choice",
    "multiple_select",
    "true_false",
    "typed",
    "cloze",
    "matching",
    "ordering",
)

__all__ = [
    "BLANK",
    "KINDS",
    "MASK",
    "MAX_OPTION_LENGTH",
    "MAX_PROMPT_LENGTH",
    "TEMPLATES",
    "Course",
    "QuestionSpec",
    "event_dates",
    "event_forms",
    "event_years",
    "fold",
    "generate_bank",
    "number_accepts",
    "number_options",
    "person_forms",
    "role_group",
    "similar",
    "template",
    "template_names",
    "term_forms",
]
