"""Events: in which year, which event, true or false on the year."""

from quizzes.generation.distractors import event_tiers, near_years
from quizzes.generation.questions import multiple_choice, true_false, typed
from quizzes.generation.registry import template
from quizzes.generation.wording import YEAR_RE, event_years, in_sentence, sources, spans_years


def _event_notes(course, event):
    """The first fact about the event, to quote in explanations: (text, [fact id])."""
    fact_ids = course.event_facts.get(event.id, [])
    if not fact_ids:
        return "", []
    return " " + course.notes_say(course.fact[fact_ids[0]]), fact_ids[:1]


def _near_years(course, key, event, n=3):
    """Years a few either side of the start that the event does not span: nearest first."""
    return near_years(course, key, event.start_year, event_years(event), n=n)


def _event_question(event):
    verb = "begin" if spans_years(event) else "take place"
    return f"In which year did {in_sentence(event.title)} {verb}?"


def _event_fields(course, event, difficulty):
    notes, fact_ids = _event_notes(course, event)
    return {
        "explanation": course.event_said(event) + notes,
        "difficulty": difficulty,
        "topic_id": event.topic_id,
        "sources": sources(events=[event.id], facts=fact_ids),
    }


def _verb(event):
    return "began" if spans_years(event) else "took place"


@template
def event_year_typed(course, t):
    for event in course.events:
        key = t.key(f"e{event.id}")
        others = sorted(event_years(event) - {event.start_year})
        yield typed(
            course,
            t,
            key=key,
            prompt=_event_question(event),
            text=str(event.start_year),
            accept=[],
            reject=[str(y) for y in others] + _near_years(course, key, event, n=4),
            answer_kind="year",
            **_event_fields(course, event, 3),
        )


@template
def event_year_mcq(course, t):
    for event in course.events:
        key = t.key(f"e{event.id}")
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=_event_question(event),
            answer=str(event.start_year),
            distractors=_near_years(course, key, event),
            **_event_fields(course, event, 1),
        )


@template
def year_event_mcq(course, t):
    for event in course.events:
        key = t.key(f"e{event.id}")
        year = event.start_year

        def eligible(other, year=year, event=event):
            # Never another event of that year, nor one whose title names a year.
            return (
                other.id != event.id
                and year not in event_years(other)
                and not YEAR_RE.search(other.title)
            )

        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=f"Which of these events {_verb(event)} in {year}?",
            answer=event.title,
            distractors=course.pick(key, event_tiers(course, event, eligible)),
            **_event_fields(course, event, 1),
        )


@template
def event_year_true(course, t):
    for event in course.events:
        yield true_false(
            t,
            key=t.key(f"e{event.id}"),
            statement=f"{event.title} {_verb(event)} in {event.start_year}",
            truth=True,
            **_event_fields(course, event, 1),
        )


@template
def event_year_false(course, t):
    for event in course.events:
        key = t.key(f"e{event.id}")
        wrong = _near_years(course, key, event, n=1)
        if not wrong:
            continue
        fields = _event_fields(course, event, 1)
        fields["explanation"] = "False. " + fields["explanation"]
        yield true_false(
            t,
            key=key,
            statement=f"{event.title} {_verb(event)} in {wrong[0]}",
            truth=False,
            **fields,
        )
