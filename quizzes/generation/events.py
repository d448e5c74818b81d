"""Events: in which year, which event, true or false on the year."""

import re

from quizzes.generation.distractors import event_tiers, near_years
from quizzes.generation.questions import multiple_choice, true_false, typed
from quizzes.generation.registry import template
from quizzes.generation.wording import (
    GENERAL_WORDS,
    YEAR_RE,
    content_words,
    event_question,
    event_statement,
    event_years,
    sources,
    spans_years,
    stems,
)

# Kinds of event that happen on a day, so a wrong year is plainly wrong. A process (the
# nationalisation of industry, the introduction of requisitioning) has no one year to deny.
POINT_RE = re.compile(
    r"\b(death|murder|suicide|execution|trial|decree|congress|speech|expulsion|founding|"
    r"publication|halt|affair)\b",
    re.IGNORECASE,
)


def _event_notes(course, event):
    """What explanations add about the event: (text, [fact id]). A checked claim written from
    one of its points of the notes and about it (its year and a word of its title, subject or
    people), since the point itself may be a fragment or wrong ('managers of the Shakhty coal
    mine put on trial'), and a point of a timeline names several events; else nothing more
    (the question still cites the point, and its feedback links to the notes)."""
    fact_ids = course.event_facts.get(event.id, [])
    if not fact_ids:
        return "", []
    for fact_id in fact_ids:
        claim = next(
            (c for c in course.claims if fact_id in c.facts and _about_event(course, c, event)),
            None,
        )
        if claim:
            return " " + claim.text, [fact_id]
    return "", fact_ids[:1]


def _about_event(course, claim, event):
    if claim.type not in ("fact", "statistic") or str(event.start_year) not in claim.text:
        return False
    named = " ".join([event.title, getattr(event, "subject", "")])
    named += " " + " ".join(course.person[p].name for p in event.people if p in course.person)
    return bool(content_words(named) & content_words(claim.text) - GENERAL_WORDS)


# "1927-8", "1924-25", "1936-1939": a range of years as the notes write it.
RANGE_RE = re.compile(r"(?<!\d)(19\d\d)\s*[-–]\s*(\d{1,4})(?!\d)")


def noted_years(course, event):
    """The event's years and, for an event of one year, both years of a two-year range its notes
    date it by ('Socialism in One Country (Stalin, 1924-25)'): a pupil who answers either has
    the notes on their side. (A longer range, 'the dispute ran 1924-27', is how long something
    lasted; a span's own range likewise.)"""
    years = event_years(event)
    if spans_years(event):
        return years
    for fact_id in course.event_facts.get(event.id, []):
        for first, last in RANGE_RE.findall(course.fact[fact_id].text):
            start, end = int(first), int(first[: 4 - len(last)] + last)
            if end == start + 1 and start <= event.start_year <= end:
                years |= {start, end}
    return years


def _near_years(course, key, event, n=3):
    """Years a few either side of the start that the event does not span: nearest first."""
    return near_years(course, key, event.start_year, noted_years(course, event), n=n)


def happens_at_a_point(event):
    """Whether the event has one year that no one could argue with: a single year, a month known
    or a kind that happens on a day, and no year in its title to give it away."""
    if spans_years(event) or YEAR_RE.search(event.title):
        return False
    return bool(event.month or POINT_RE.search(event.title))


def related_events(course, event):
    """Events of the same topic, written from the same point of the notes, or of the same part
    of the course and about the same thing ('halt to collectivisation', 'mass collectivisation')."""
    facts, words = set(event.facts), stems(event.title) - GENERAL_WORDS
    section = course.section(event.topic_id)

    def related(other):
        if other.topic_id == event.topic_id or facts & set(other.facts):
            return True
        return course.section(other.topic_id) == section and bool(words & stems(other.title))

    return [other for other in course.all_events if other.id != event.id and related(other)]


def period_spans(course, event):
    """The years of spans in the same part of the course: the Civil War (1918-21) beside the
    decree nationalising industry, which a later decree of 1920 extended."""
    section = course.section(event.topic_id)
    years = set()
    for other in course.all_events:
        if spans_years(other) and course.section(other.topic_id) == section:
            years |= event_years(other)
    return years


def false_years(course, key, event):
    """Wrong years for a true/false on the event's year that are not arguably right: none in a
    span of the same part of the course or of a related event, none in the January after a
    December event, none before or in the year of a related event that came first (a decree on
    the kulaks cannot precede the drive it belongs to)."""
    banned = noted_years(course, event) | period_spans(course, event)
    if event.month == 12:
        banned.add(event.start_year + 1)
    floor = None
    for other in related_events(course, event):
        if spans_years(other):
            banned |= event_years(other)
        if other.start_year < event.start_year:
            floor = max(floor or other.start_year, other.start_year)
    if floor is not None:
        banned |= set(range(event.start_year - 10, floor + 1))
    return near_years(course, key, event.start_year, banned, n=1)


def _event_fields(course, event, difficulty):
    notes, fact_ids = _event_notes(course, event)
    return {
        "explanation": course.event_said(event) + notes,
        "difficulty": difficulty,
        "topic_id": event.topic_id,
        "sources": sources(events=[event.id], facts=fact_ids),
    }


@template
def event_year_typed(course, t):
    for event in course.events:
        key = t.key(f"e{event.id}")
        noted = noted_years(course, event) - event_years(event)
        others = sorted(event_years(event) - {event.start_year})
        yield typed(
            course,
            t,
            key=key,
            prompt=event_question(event),
            text=str(event.start_year),
            accept=[str(y) for y in sorted(noted)],
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
            prompt=event_question(event),
            answer=str(event.start_year),
            distractors=_near_years(course, key, event),
            **_event_fields(course, event, 1),
        )


@template
def year_event_mcq(course, t):
    for event in course.events:
        if YEAR_RE.search(event.title):
            continue  # "Which of these events took place in 1905?": the 1905 Revolution
        key = t.key(f"e{event.id}")
        year = event.start_year

        def eligible(other, year=year, event=event):
            # Never another event of that year, nor one whose title names a year.
            return (
                other.id != event.id
                and year not in noted_years(course, other)
                and not YEAR_RE.search(other.title)
            )

        # "Happened", not "began": the options mix processes, speeches and deaths, and a speech
        # does not begin.
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=f"Which of these happened in {year}?",
            answer=event.title,
            distractors=course.pick(key, event_tiers(course, event, eligible)),
            **_event_fields(course, event, 1),
        )


@template
def event_year_true(course, t):
    for event in course.events:
        if YEAR_RE.search(event.title):
            continue  # "The 1905 Revolution broke out in 1905" gives itself away
        yield true_false(
            t,
            key=t.key(f"e{event.id}"),
            statement=event_statement(event, event.start_year),
            truth=True,
            **_event_fields(course, event, 1),
        )


@template
def event_year_false(course, t):
    for event in course.events:
        key = t.key(f"e{event.id}")
        wrong = false_years(course, key, event) if happens_at_a_point(event) else []
        if not wrong:
            continue
        fields = _event_fields(course, event, 1)
        fields["explanation"] = "False. " + fields["explanation"]
        yield true_false(
            t,
            key=key,
            statement=event_statement(event, wrong[0]),
            truth=False,
            **fields,
        )
