"""Key terms: what a term means, which term a meaning is."""

import re

from quizzes.generation.distractors import term_rivals, term_tiers
from quizzes.generation.questions import multiple_choice, typed
from quizzes.generation.registry import template
from quizzes.generation.wording import (
    clipped,
    fold,
    full_stop,
    mentions,
    person_forms,
    sentence,
    similar,
    sources,
    term_forms,
)

STEM_LENGTH = 5


def gives_itself_away(course, term):
    """Whether the definition names the person in the term ("a follower of Trotsky's ideas" for
    Trotskyite, "Lenin dictated" for Lenin's testament): the stem answers the question."""
    named = course.people_in(term.term) or {
        p.id for p in course.people if fold(term.term).startswith(fold(p.name)[:STEM_LENGTH])
    }
    stems = {
        fold(word)[:STEM_LENGTH]
        for person_id in named
        for form in person_forms(course.person[person_id])
        for word in re.findall(r"[A-Za-z]+", form)
        if len(word) >= STEM_LENGTH
    }
    meaning = course.mask(term.definition, term_forms(term))
    words = {fold(word) for word in re.findall(r"[A-Za-z]+", meaning)}
    return any(word.startswith(stem) for word in words for stem in stems)


def term_said(term):
    return f"{sentence(term.term)}: {full_stop(term.definition)}"


def _term_fields(term, difficulty):
    return {
        "explanation": term_said(term),
        "difficulty": difficulty,
        "topic_id": term.topic_id,
        "sources": sources(terms=[term.id]),
    }


TYPED_PROMPT_LENGTH = 150  # a typed question gives one clue, not a stack of them


def _definition_prompt(course, term, limit=None):
    """'Which term means: ...?'. An acronym's bracketed aside spells the acronym out ('the
    People's Commissariat for Internal Affairs' is the NKVD), so it goes. With `limit`, the
    definition loses its later clauses until the prompt fits, where a clause break allows."""
    definition = term.definition
    if re.fullmatch(r"[A-Z]{2,}", term.term):
        definition = re.sub(r"\s\([^)]*\)", "", definition)
    meaning = course.lower_first(course.mask(definition, term_forms(term)))
    prompt = f"Which term means: {meaning}?"
    if limit and len(prompt) > limit:
        shorter = clipped(meaning.rstrip("."), limit - len("Which term means: ?"))
        prompt = f"Which term means: {shorter}?" if shorter else prompt
    return prompt


@template
def term_definition_mcq(course, t):
    for term in course.terms:
        if gives_itself_away(course, term):
            continue
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
        if gives_itself_away(course, term):
            continue
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
        if gives_itself_away(course, term):
            continue
        key = t.key(f"t{term.id}")
        yield typed(
            course,
            t,
            key=key,
            prompt=_definition_prompt(course, term, limit=TYPED_PROMPT_LENGTH),
            text=term.term,
            accept=term_forms(term),
            reject=course.pick(
                key, term_tiers(course, term.topic_id, term_rivals(term), like=term)
            ),
            answer_kind="term",
            **_term_fields(term, 2),
        )
