"""People: who had this role, what this person's role was."""

from quizzes.generation.distractors import (
    central_figure,
    gone_year,
    peer_tiers,
    people_tiers,
    role_rivals,
    role_years,
)
from quizzes.generation.questions import multiple_choice, typed
from quizzes.generation.registry import template
from quizzes.generation.wording import clipped, mentions, person_forms, sources


def _person_fields(course, person, difficulty):
    return {
        "explanation": course.who_was(person),
        "difficulty": difficulty,
        "topic_id": course.person_topic(person),
        "sources": sources(people=[person.id]),
    }


TYPED_PROMPT_LENGTH = 150  # a typed question gives one clue, not a stack of them


def _who_was_prompt(course, person, limit=None):
    """'Who was ...?'; with `limit`, the role loses its later clauses until the prompt fits,
    where a clause break allows."""
    prompt = f"Who was {course.role_phrase(person.role)}?"
    if limit and len(prompt) > limit:
        shorter = clipped(person.role, limit - len("Who was the ?"))
        prompt = f"Who was {course.role_phrase(shorter)}?" if shorter else prompt
    return prompt


def _asked_who(course, person):
    """Anyone with a role but the course's own subject: 'Who was the General Secretary...?'
    blanks Stalin, which tests nothing."""
    return bool(person.role) and person.id != getattr(central_figure(course), "id", None)


@template
def person_from_role_mcq(course, t):
    for person in course.people:
        if not _asked_who(course, person):
            continue
        key = t.key(f"p{person.id}")
        tiers = peer_tiers(course, person, role_rivals(course, person))
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=_who_was_prompt(course, person),
            answer=person.name,
            distractors=course.pick(key, tiers, taken=person_forms(person)),
            forms=person_forms(person),
            **_person_fields(course, person, 1),
        )


@template
def person_from_role_typed(course, t):
    for person in course.people:
        if not _asked_who(course, person):
            continue
        key = t.key(f"p{person.id}")
        tiers = peer_tiers(course, person, role_rivals(course, person))
        named = [course.person[i].name for i in sorted(course.people_in(person.role))]
        yield typed(
            course,
            t,
            key=key,
            prompt=_who_was_prompt(course, person, limit=TYPED_PROMPT_LENGTH),
            text=person.name,
            accept=person_forms(person),
            reject=course.pick(key, tiers, taken=person_forms(person)) + named,
            answer_kind="name",
            **_person_fields(course, person, 2),
        )


@template
def person_role_mcq(course, t):
    from quizzes.generation.wording import similar

    for person in course.people:
        if not person.role or mentions(person.role, person_forms(person)):
            continue  # a role that names its own person would answer the question
        key = t.key(f"p{person.id}")
        rival = role_rivals(course, person)

        centre = getattr(central_figure(course), "id", None)
        years = role_years(person)

        def eligible(other, person=person, rival=rival, centre=centre, years=years):
            # Never Stalin's own role ("General Secretary from 1922" rules itself out), nor
            # the role of someone dead or gone before this one's years (Lenin beside Beria).
            gone = gone_year(other)
            return (
                rival(other)
                and other.id != centre
                and not (gone and years and gone < years[0])
                and not mentions(other.role, person_forms(person))
            )

        tiers = people_tiers(
            course, course.person_sections(person), eligible, form="role", like=person
        )
        tiers = [[clipped(role) for role in tier if clipped(role)] for tier in tiers]
        answer = clipped(person.role)
        if answer is None:
            continue
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=f"Which of these best describes {person.name}?",
            answer=answer,
            distractors=course.pick(key, tiers, taken=[answer], alike=similar),
            **_person_fields(course, person, 1),
        )
