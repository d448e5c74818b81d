"""Quotes: who said it, who it was about."""

import re

from quizzes.generation.distractors import death_year, people_tiers
from quizzes.generation.questions import multiple_choice
from quizzes.generation.registry import template
from quizzes.generation.wording import full_stop, person_forms, quoted, sentence, sources

# Words no reliable source gives their speaker: asking who said them would teach a legend.
UNSOURCED_RE = re.compile(r"\bno (?:reliable )?source\b", re.IGNORECASE)
# A book's title is not something its author said: "Who wrote the book 'The Revolution
# Betrayed'?", not "Who wrote: 'The Revolution Betrayed'?"
TITLE_RE = re.compile(r"^The title of (?:[\w']+ ){1,3}?(book|pamphlet|article)\b")


def _askable(quote):
    """A one-word quote ('overenthusiastic') is too little to know a speaker by."""
    return len(quote.text.split()) >= 2 and not UNSOURCED_RE.search(quote.context or "")


# A context that says the words are only reported or attributed: the speaker is never keyed
# as fact. The question asks who is reported to have said them, and the explanation says why
# the attribution is doubtful.
DOUBTFUL_RE = re.compile(r"\b(is reported to|reportedly|attributed to|unsourced|doubtful)\b")


def doubtful(quote):
    return bool(DOUBTFUL_RE.search(quote.context or ""))


def _quote_verb(quote):
    """A speech reported in Pravda was said, not written."""
    if re.search(r"\b(speech|said|told)\b", quote.context):
        return ("said", "talking")
    written = re.search(r"\b(wr[io]t\w*|article|book|letter|testament|Pravda)\b", quote.context)
    return ("wrote", "writing") if written else ("said", "talking")


def _who_said(course, quote, about):
    """'Who said this about Stalin', or 'Who is reported to have said' where the words are only
    attributed; no 'about Beria' when the words name Beria themselves."""
    verb = _quote_verb(quote)[0]
    if doubtful(quote):
        verb = "is reported to have " + {"said": "said", "wrote": "written"}[verb]
    if about and about.id not in course.people_in(quote.text):
        return f"Who {verb} this about {about.name}"
    return f"Who {verb}"


def _speaker_prompt(course, quote, about):
    title = TITLE_RE.match(quote.context or "")
    if title:
        return f"Who wrote the {title.group(1)} '{quoted(quote.text)}'?"
    return f"{_who_said(course, quote, about)}: '{quoted(quote.text)}'?"


def alive(person, year):
    """Whether the person could be spoken of as living in that year: Sverdlov (died 1919) is no
    wrong answer for words Lenin wrote in 1922."""
    died = death_year(person)
    return not (year and died and died < year)


def _quote_fields(course, quote):
    verb = _quote_verb(quote)[0]
    speaker = course.person.get(quote.speaker_id)
    about = course.person.get(quote.about_id)
    year = f" in {quote.year}" if quote.year else ""
    if speaker and doubtful(quote):
        said = f"These words are attributed to {speaker.full_name}{year}, but the attribution"
        said += " is doubtful"
    elif speaker:
        said = f"{speaker.full_name} {verb} this" + (f" about {about.name}" if about else "")
        said += year
    else:
        said = f"These words are about {about.name}" if about else "Nobody knows who said this"
        said += year
    context = f" {full_stop(sentence(quote.context))}" if quote.context else ""
    people = [p.id for p in (speaker, about) if p]
    return {
        "explanation": f"{said}.{context}",
        "difficulty": 1,
        "topic_id": quote.topic_id,
        "sources": sources(quotes=[quote.id], people=people, facts=quote.facts[:1]),
    }


@template
def quote_speaker_mcq(course, t):
    for quote in course.quotes:
        speaker = course.person.get(quote.speaker_id)
        if speaker is None or not _askable(quote):
            continue  # an unknown speaker has no right answer
        about = course.person.get(quote.about_id)
        key = t.key(f"q{quote.id}")
        named = course.people_in(quote.text)

        def eligible(other, speaker=speaker, about=about, named=named, quote=quote):
            return other.id not in {speaker.id, getattr(about, "id", None), *named} and alive(
                other, quote.year
            )

        sections = {course.section(quote.topic_id)}
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=_speaker_prompt(course, quote, about),
            answer=speaker.name,
            distractors=course.pick(key, people_tiers(course, sections, eligible, like=speaker)),
            forms=person_forms(speaker),
            **_quote_fields(course, quote),
        )


@template
def quote_about_mcq(course, t):
    for quote in course.quotes:
        about = course.person.get(quote.about_id)
        if about is None or not _askable(quote):
            continue
        speaker = course.person.get(quote.speaker_id)
        key = t.key(f"q{quote.id}")
        named = course.people_in(quote.text)

        def eligible(other, speaker=speaker, about=about, named=named, quote=quote):
            return other.id not in {about.id, getattr(speaker, "id", None), *named} and alive(
                other, quote.year
            )

        if speaker and not doubtful(quote):
            prompt = f"Who was {speaker.name} {_quote_verb(quote)[1]} about: "
        else:
            prompt = "Who were these words about: "
        sections = {course.section(quote.topic_id)}
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=f"{prompt}'{quoted(quote.text)}'?",
            answer=about.name,
            distractors=course.pick(key, people_tiers(course, sections, eligible, like=about)),
            forms=person_forms(about),
            **_quote_fields(course, quote),
        )
