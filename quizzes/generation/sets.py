"""Sets of items: which came first, chronological order, matching."""

import re

from quizzes.generation.distractors import role_rivals, term_kind, term_rivals
from quizzes.generation.questions import QuestionSpec, multiple_choice
from quizzes.generation.registry import template
from quizzes.generation.terms import asked_as_term, definition_shown, term_said
from quizzes.generation.wording import (
    YEAR_RE,
    clipped,
    event_dates,
    event_years,
    in_sentence,
    mentions,
    person_forms,
    sentence,
    short_role,
    similar,
    sources,
)

SET_ROUNDS = 3  # sampling passes per section for ordering and matching sets


def _by_section(course, items, topic_of):
    sections = {}
    for item in items:
        sections.setdefault(course.section(topic_of(item)), []).append(item)
    return sorted(sections.items())


def sample_sets(course, name, items, topic_of, compatible, sizes):
    """Groups of mutually compatible items from each section: SET_ROUNDS seeded passes, each a
    shuffle cut greedily into groups, so every item gets into some set. Returns unique groups."""
    groups, seen = [], set()
    for section, members in _by_section(course, items, topic_of):
        for round_ in range(SET_ROUNDS):
            rng = course.rng(f"{name}:s{section}:{round_}")
            pool = list(members)
            rng.shuffle(pool)
            while len(pool) >= min(sizes):
                size = rng.choice(sizes)
                group, rest = [], []
                for item in pool:
                    if len(group) < size and all(compatible(item, other) for other in group):
                        group.append(item)
                    else:
                        rest.append(item)
                if len(group) < min(sizes):
                    break
                identity = frozenset(item.id for item in group)
                if identity not in seen:
                    seen.add(identity)
                    groups.append(sorted(group, key=lambda item: item.id))
                pool = rest
    return groups


WHICH_FIRST_SPAN = 8  # years between the first and the last of the options, at most
REVOLUTION_RE = re.compile(r"\bRevolution\b")


def _orderable(event):
    return not YEAR_RE.search(event.title)  # a title that names its year orders itself


def _apart_in_time(first, second):
    """No shared year at all: an event inside another's span has no clear 'earlier'."""
    return not event_years(first) & event_years(second)


def _event_sets(course, name, sizes, *, single_years=False):
    events = [e for e in course.events if _orderable(e)]
    if single_years:  # one range among single years would give its own pair away
        events = [e for e in events if e.end_year in (None, e.start_year)]
    return sample_sets(course, name, events, lambda e: e.topic_id, _apart_in_time, sizes)


def _set_fields(course, difficulty, items, topic_of, **source_ids):
    return {
        "difficulty": difficulty,
        "topic_id": course.common_topic(topic_of(item) for item in items),
        "sources": sources(**source_ids),
    }


def _in_order(events):
    return sorted(events, key=lambda e: e.start_year)


def _order_explanation(events):
    listed = [f"{in_sentence(e.title)} ({event_dates(e)})" for e in _in_order(events)]
    return sentence("In order: " + ", ".join(listed) + ".")


def _ids(prefix, items):
    return ",".join(f"{prefix}{item.id}" for item in items)


@template
def which_first(course, t):
    for events in _event_sets(course, "which_first", (4,)):
        key = f"{t.name}:{_ids('e', events)}"
        first, *later = _in_order(events)
        if later[-1].start_year - first.start_year > WHICH_FIRST_SPAN:
            continue  # war communism (1918) among the events of 1928-32 is first by its looks
        if REVOLUTION_RE.search(first.title):
            continue  # the revolution that made the Soviet state comes before all its events
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt="Which of these happened first?",
            answer=first.title,
            distractors=[e.title for e in later],
            explanation=_order_explanation(events),
            **_set_fields(
                course,
                1,
                events,
                lambda e: e.topic_id,
                events=[e.id for e in events],
            ),
        )


@template
def ordering(course, t):
    for events in _event_sets(course, "ordering", (4, 5)):
        key = f"{t.name}:{_ids('e', events)}"
        answer = [e.title for e in _in_order(events)]
        rng = course.rng(key)
        options = list(answer)
        while options == answer:  # shuffled, but never handed over already in order
            rng.shuffle(options)
        yield QuestionSpec(
            key=key,
            template=t.name,
            kind="ordering",
            prompt="Put these events in chronological order, earliest first.",
            options=options,
            answer=answer,
            explanation=_order_explanation(events),
            **_set_fields(
                course,
                3 if len(events) == 5 else 2,
                events,
                lambda e: e.topic_id,
                events=[e.id for e in events],
            ),
        )


def _matching(course, t, key, prompt, pairs, explanation, fields):
    left = [left for left, _ in pairs]
    right = course.shuffled(key, [right for _, right in pairs])
    return QuestionSpec(
        key=key,
        template=t.name,
        kind="matching",
        prompt=prompt,
        options={"left": left, "right": right},
        answer=dict(pairs),
        explanation=explanation,
        **fields,
    )


@template
def match_people(course, t):
    # Each person beside the first clause of their role: five full roles are too much to read
    # on a phone, and a clause too vague to pick one person out keeps its person out.
    people = [
        p
        for p in course.people
        if p.role and short_role(p.role) and not mentions(p.role, person_forms(p))
    ]

    def compatible(first, second):
        return (
            role_rivals(course, first)(second)
            and not mentions(second.role, person_forms(first), ignore_case=False)
            # Two Leningrad party bosses in one set could be matched either way round.
            and not similar(short_role(first.role), short_role(second.role))
        )

    for group in sample_sets(
        course, "match_people", people, course.person_topic, compatible, (4, 5)
    ):
        key = f"{t.name}:{_ids('p', group)}"
        yield _matching(
            course,
            t,
            key,
            "Match each person to their role.",
            [(p.name, short_role(p.role)) for p in group],
            " ".join(course.who_was(p) for p in group),
            _set_fields(course, 2, group, course.person_topic, people=[p.id for p in group]),
        )


def _term_sets(course, terms):
    """Sets of terms of one class (four farms, four groups of people: confusable terms side by
    side), drawn from the whole course; terms no such set takes make mixed sets by part of the
    course."""
    classes = {}
    for term in terms:
        classes.setdefault(term_kind(term.definition), []).append(term)
    mixed, placed = [], set()
    for name, members in sorted(classes.items()):
        whole_course = members[0].topic_id
        groups = sample_sets(
            course,
            f"match_terms:{name}",
            members,
            lambda t, topic=whole_course: topic,
            lambda first, second: term_rivals(first)(second),
            TERM_SET_SIZES,
        )
        placed |= {term.id for group in groups for term in group}
        yield from groups
        # A term its class could not place (the Central Committee defines the Politburo and
        # the Orgburo, so never stands beside them) joins the mixed sets.
        mixed += [term for term in members if term.id not in placed]
    yield from sample_sets(
        course,
        "match_terms",
        sorted(mixed, key=lambda t: t.id),
        lambda t: t.topic_id,
        lambda first, second: term_rivals(first)(second),
        TERM_SET_SIZES,
    )


# Four meanings of at most 100 characters: five of 110 wrapped four lines each on a phone.
TERM_SET_SIZES = (4,)
MATCHED_DEFINITION_LIMIT = 100


def matched_definition(course, term):
    shown = definition_shown(course, term)
    return shown and clipped(shown, MATCHED_DEFINITION_LIMIT)


@template
def match_terms(course, t):
    terms = [
        term
        for term in course.terms
        if matched_definition(course, term) and asked_as_term(course, term)
    ]
    seen = set()
    for group in _term_sets(course, terms):
        key = f"{t.name}:{_ids('t', group)}"
        if key in seen:
            continue
        seen.add(key)
        pairs = [(t.term, matched_definition(course, t)) for t in group]
        yield _matching(
            course,
            t,
            key,
            "Match each term to its meaning.",
            pairs,
            " ".join(term_said(t) for t in group),
            _set_fields(course, 2, group, lambda t: t.topic_id, terms=[t.id for t in group]),
        )


@template
def match_event_years(course, t):
    for group in _event_sets(course, "match_event_years", (4, 5), single_years=True):
        key = f"{t.name}:{_ids('e', group)}"
        yield _matching(
            course,
            t,
            key,
            "Match each event to its date.",
            [(e.title, event_dates(e)) for e in group],
            " ".join(course.event_said(e) for e in _in_order(group)),
            _set_fields(
                course,
                2,
                group,
                lambda e: e.topic_id,
                events=[e.id for e in group],
            ),
        )
