"""Key terms: what a term means, which term a meaning is."""

import re

from quizzes.generation.distractors import term_kind, term_rivals, term_tiers
from quizzes.generation.questions import multiple_choice, typed
from quizzes.generation.registry import template
from quizzes.generation.wording import (
    GENERAL_WORDS,
    clipped,
    content_words,
    fold,
    full_stop,
    mentions,
    person_forms,
    sentence,
    shares_stem,
    similar,
    sources,
    stem,
    term_forms,
)

STEM_LENGTH = 5


def names_its_person(course, term):
    """Whether the definition names the person in the term ("a follower of Trotsky's ideas" for
    Trotskyite, "Lenin dictated" for Lenin's testament)."""
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
    meaning = course.mask(shown_definition(term), term_forms(term))
    words = {fold(word) for word in re.findall(r"[A-Za-z]+", meaning)}
    return any(word.startswith(stem) for word in words for stem in stems)


def shares_a_word(text, term):
    """Whether the text holds a word of the term: the same stem or plural ('a public trial' for
    show trial, 'plans' for Five-Year Plan), the same first five letters ('political' for
    Politburo), or a word the term is built from ('plan' in Gosplan, 'total' in totalitarian)."""
    if shares_stem(text, term.term, GENERAL_WORDS):
        return True
    words = [fold(w) for w in re.findall(r"[A-Za-z]+", term.term)]
    parts = {stem(w) for w in content_words(text)}
    if any(len(part) >= 4 and part in word for word in words for part in parts):
        return True
    # Gosplan, agitprop: one word made of shortened words ('planning', 'propaganda').
    openings = {w[:4] for w in content_words(text) if len(w) >= 6}
    return len(words) == 1 and any(part in words[0][1:] for part in openings)


def gives_itself_away(course, term):
    """Whether the definition, as a question shows it, answers the question: it names the
    person in the term, or holds a word of the term. Such a term is not asked by its meaning."""
    shown = course.mask(shown_definition(term), term_forms(term))
    return names_its_person(course, term) or shares_a_word(shown, term)


# A glossary entry for a place ("A huge new iron and steel city...", "A remote region of
# north-east Siberia..."): a place is no term to define, and beside terms its meaning gives it
# away (a dam matched to "a power station"). Its claims ask about it instead.
PLACE_DEFINITION_RE = re.compile(
    r"^An? (?:[\w-]+ ){0,6}(?:city|town|dam|power station|region)\b", re.IGNORECASE
)


def asked_as_term(course, term):
    return not PLACE_DEFINITION_RE.match(term.definition) and not gives_itself_away(course, term)


# A bracketed name, "(the State Planning Commission)": what the term stands for.
EXPANSION_RE = re.compile(r"\s\(the [A-Z][^)]*\)")


def shown_definition(term):
    """The definition as prompts and options show it: a bracketed aside that spells the term
    out ('(the People's Commissariat for Internal Affairs)' for the NKVD, '(agitation and
    propaganda)' for agitprop) goes, and is left for the explanation."""
    definition = term.definition
    for aside in re.findall(r"\s\([^)]*\)", definition):
        if EXPANSION_RE.fullmatch(aside) or shares_a_word(aside, term):
            definition = definition.replace(aside, "")
    return definition


def definition_shown(course, term):
    """The definition as an option shows it: the term hidden, short enough for a phone."""
    return clipped(course.mask(shown_definition(term), term_forms(term)))


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
    """'Which term means: ...?', from the definition as shown (`shown_definition`). With
    `limit`, it loses its later clauses until the prompt fits, where a clause break allows."""
    # Asides go too: a prompt is one clue ('(his embalmed body, Petrograd renamed after him)'
    # made the cult of Lenin's two lines three and pointed at Lenin).
    shown = re.sub(r"\s\([^)]*\)", "", shown_definition(term))
    meaning = course.lower_first(course.mask(shown, term_forms(term)))
    prompt = f"Which term means: {meaning}?"
    if limit and len(prompt) > limit:
        shorter = clipped(meaning.rstrip("."), limit - len("Which term means: ?"))
        prompt = f"Which term means: {shorter}?" if shorter else prompt
    return prompt


@template
def term_definition_mcq(course, t):
    for term in course.terms:
        if not asked_as_term(course, term):
            continue
        key = t.key(f"t{term.id}")
        tiers = term_tiers(
            course,
            term.topic_id,
            term_rivals(term),
            label=lambda other: definition_shown(course, other) or "",
            like=term,
            kind=term_kind,
        )
        tiers = [[label for label in tier if label] for tier in tiers]
        answer = definition_shown(course, term)
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
        if not asked_as_term(course, term):
            continue
        key = t.key(f"t{term.id}")
        prompt = _definition_prompt(course, term)
        rival = term_rivals(term)

        def eligible(other, prompt=prompt, rival=rival):
            return rival(other) and not mentions(prompt, term_forms(other), plurals=True)

        # Every option begins with a capital: 'new bourgeoisie' among 'Whites' and 'Left
        # Opposition' stood out as the one in lower case.
        wrong = course.pick(
            key, term_tiers(course, term.topic_id, eligible, like=term, kind=term_kind)
        )
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=prompt,
            answer=sentence(term.term),
            distractors=[sentence(w) for w in wrong],
            forms=term_forms(term),
            **_term_fields(term, 1),
        )


@template
def definition_term_typed(course, t):
    for term in course.terms:
        if not asked_as_term(course, term):
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
                key, term_tiers(course, term.topic_id, term_rivals(term), like=term, kind=term_kind)
            ),
            answer_kind="term",
            **_term_fields(term, 2),
        )
