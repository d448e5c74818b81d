"""Key terms: what a term means, which term a meaning is."""

from quizzes.generation.distractors import term_rivals, term_tiers
from quizzes.generation.questions import multiple_choice, typed
from quizzes.generation.registry import template
from quizzes.generation.wording import (
    clipped,
    full_stop,
    mentions,
    sentence,
    similar,
    sources,
    term_forms,
)


def term_said(term):
    return f"{sentence(term.term)}: {full_stop(term.definition)}"


def _term_fields(term, difficulty):
    return {
        "explanation": term_said(term),
        "difficulty": difficulty,
        "topic_id": term.topic_id,
        "sources": sources(terms=[term.id]),
    }


def _definition_prompt(course, term):
    meaning = course.lower_first(course.mask(term.definition, term_forms(term)))
    return f"Which term means: {meaning}?"


@template
def term_definition_mcq(course, t):
    for term in course.terms:
        key = t.key(f"t{term.id}")
        tiers = term_tiers(
            course,
            term.topic_id,
            term_rivals(term),
            label=lambda other: clipped(course.mask(other.definition, term_forms(other))) or "",
            like=term,
        )
        tiers = [[label for label in tier if label] for tier in tiers]
        answer = clipped(course.mask(term.definition, term_forms(term)))
        if answer is None:
            continue
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=f"What does '{term.term}' mean?",
            answer=answer,
            distractors=course.pick(key, tiers, alike=similar),
            **_term_fields(term, 1),
        )


@template
def definition_term_mcq(course, t):
    for term in course.terms:
        key = t.key(f"t{term.id}")
        prompt = _definition_prompt(course, term)
        rival = term_rivals(term)

        def eligible(other, prompt=prompt, rival=rival):
            return rival(other) and not mentions(prompt, term_forms(other), plurals=True)

        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=prompt,
            answer=term.term,
            distractors=course.pick(key, term_tiers(course, term.topic_id, eligible, like=term)),
            forms=term_forms(term),
            **_term_fields(term, 1),
        )


@template
def definition_term_typed(course, t):
    for term in course.terms:
        key = t.key(f"t{term.id}")
        yield typed(
            course,
            t,
            key=key,
            prompt=_definition_prompt(course, term),
            text=term.term,
            accept=term_forms(term),
            reject=course.pick(
                key, term_tiers(course, term.topic_id, term_rivals(term), like=term)
            ),
            answer_kind="term",
            **_term_fields(term, 2),
        )
