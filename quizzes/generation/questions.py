"""QuestionSpec and the builders of each answer shape; each returns None when unfair.

The answer shapes per kind are fixed because `quizzes/marking.py` reads them:
- multiple_choice: options = 4 distinct strings, answer = one of them.
- multiple_select: options = 4 or 5 distinct strings, answer = the 2 right ones, in option order.
- true_false: options = ["True", "False"], answer = bool.
- typed / cloze: options = [], answer = {"text", "accept", "reject", "kind"}.
- matching: options = {"left": [...], "right": [...]}, answer = {left: right}.
- ordering: options = titles (never already in order), answer = the titles in order.
"""

import re
from dataclasses import dataclass, replace

from quizzes.generation.distractors import central_figure
from quizzes.generation.wording import (
    GENERAL_WORDS,
    OPTION_LIMIT,
    content_words,
    fold,
    full_stop,
    gives_away,
    sentence,
)

MAX_PROMPT_LENGTH = 200  # a prompt a phone shows without scrolling
MAX_OPTION_LENGTH = OPTION_LIMIT  # an option wraps at most three lines (the marker takes 200)


@dataclass(frozen=True)
class QuestionSpec:
    key: str  # template + source ids: the question's identity across rebuilds
    template: str
    kind: str
    prompt: str
    options: list | dict
    answer: object
    explanation: str
    difficulty: int  # 1 recognise, 2 recall a name or term, 3 recall a year or number / long order
    topic_id: int  # the most specific topic
    sources: dict  # {"facts", "people", "events", "terms", "quotes"}: sorted id lists


def multiple_choice(course, t, *, key, prompt, answer, distractors, forms=(), **fields):
    """Four options. `forms` are other ways of writing the answer: never in prompt or options."""
    taken = {fold(f) for f in (answer, *forms)}
    # An option that wraps more than three lines on a phone is too long to read as a choice.
    distractors = [d for d in distractors if fold(d) not in taken and len(d) <= MAX_OPTION_LENGTH]
    if len(distractors) < 3 or len(answer) > MAX_OPTION_LENGTH or too_long(prompt):
        return None
    if gives_away(prompt, [answer, *forms]):
        return None
    options = course.shuffled(key, [answer, *distractors[:3]])
    return QuestionSpec(
        key=key,
        template=t.name,
        kind="multiple_choice",
        prompt=prompt,
        options=options,
        answer=answer,
        **fields,
    )


def multiple_select(course, t, *, key, prompt, answers, distractors, **fields):
    """Two right options among four or five; none two alike once folded."""
    options, seen = [], set()
    for text in [*answers, *distractors]:
        if fold(text) not in seen and len(text) <= MAX_OPTION_LENGTH:
            seen.add(fold(text))
            options.append(text)
    if len(answers) != 2 or options[:2] != list(answers) or len(options) < 4 or too_long(prompt):
        return None
    options = course.shuffled(key, options[:5])
    return QuestionSpec(
        key=key,
        template=t.name,
        kind="multiple_select",
        prompt=prompt,
        options=options,
        answer=[o for o in options if o in answers],
        **fields,
    )


def typed(course, t, *, key, prompt, text, accept, reject, answer_kind, kind="typed", echoes=(),
          **fields):  # fmt: skip
    """A typed or cloze answer. The marker treats a response as near a reject as to an accepted
    form as wrong, so a reject that folds (spaces aside) like an accepted form is dropped.
    `echoes` are also accepted but may show in the prompt: the answer with a word of the prompt
    around the blank ('Volga region' in 'the _____ region')."""
    accepted = list(dict.fromkeys(a for a in accept if fold(a) != fold(text)))
    accepted_forms = {fold(a).replace(" ", "") for a in (text, *accepted, *echoes)}
    rejected = list(
        dict.fromkeys(r for r in reject if fold(r).replace(" ", "") not in accepted_forms)
    )
    if gives_away(prompt, [text, *accepted]) or too_long(prompt):
        return None
    accepted += [e for e in echoes if fold(e) not in {fold(a) for a in (text, *accepted)}]
    answer = {"text": text, "accept": accepted, "reject": rejected, "kind": answer_kind}
    return QuestionSpec(
        key=key, template=t.name, kind=kind, prompt=prompt, options=[], answer=answer, **fields
    )


def too_long(prompt):
    return len(prompt) > MAX_PROMPT_LENGTH


def true_false(t, *, key, statement, truth, **fields):
    prompt = f"True or false: {full_stop(sentence(statement))}"
    if too_long(prompt):
        return None
    return QuestionSpec(
        key=key,
        template=t.name,
        kind="true_false",
        prompt=prompt,
        options=["True", "False"],
        answer=truth,
        **fields,
    )


TITLE_YEARS_RE = re.compile(r"(?<!\d)(1[89]\d\d)(?:\s*[-–]\s*(\d{2,4}))?(?!\d)")
YEAR_RE = re.compile(r"1[89]\d\d")


def title_years(title):
    """The years a topic's title shows: both ends of '1928-32'."""
    years = set()
    for first, last in TITLE_YEARS_RE.findall(title):
        years |= {first, first[: 4 - len(last)] + last} if last else {first}
    return years


def asked_year(course, question):
    """The year a question asks for, or None: a year key, or the year of the event an event's
    true/false states (right or wrong, its topic's title would settle it)."""
    answer = question.answer.get("text") if isinstance(question.answer, dict) else question.answer
    if isinstance(answer, str) and YEAR_RE.fullmatch(answer):
        return answer
    events = question.sources.get("events", [])
    if question.template.startswith("event_year_") and events:
        return str(course.event[events[0]].start_year)
    return None


def asked_text(question):
    """The words a question asks for, or None: a choice, or a typed answer's text."""
    if question.kind == "multiple_choice":
        return question.answer
    if question.kind in ("typed", "cloze"):
        return question.answer["text"]
    return None


def title_gives_away(course, question, topic_id=None):
    """Whether a topic title shows what the question asks for: topic practice shows the title
    ('The Second Five-Year Plan 1933-37' over 'In which year did it begin?', 'Ordzhonikidze and
    Nestor Lakoba' over 'Who said ...?'). By default, the question's own topic."""
    topic = course.topics.get(question.topic_id if topic_id is None else topic_id)
    if topic is None:
        return False
    year = asked_year(course, question)
    if year:
        return year in title_years(topic.title)
    shown = content_words(topic.title) - GENERAL_WORDS
    words = content_words(asked_text(question) or "") - GENERAL_WORDS
    if words and words <= shown:
        return True
    return question.kind == "multiple_choice" and _alone_names(course, question, topic.title)


def _alone_names(course, question, title):
    """Whether the right option alone names someone the title names: under 'Ordzhonikidze and
    Nestor Lakoba', the one role that names Lakoba."""
    named = course.people_in(question.answer) & course.people_in(title)
    named -= {getattr(central_figure(course), "id", None)}  # Stalin is in half the titles
    others = [o for o in question.options if o != question.answer]
    return bool(named) and not any(course.people_in(o) & named for o in others)


def filed_where_fair(course, question):
    """The question, filed where its topic's title does not give it away: under its own topic,
    else under its part of the course; None if both titles would."""
    if not title_gives_away(course, question):
        return question
    section = course.section(question.topic_id)
    if section and section != question.topic_id and not title_gives_away(course, question, section):
        return replace(question, topic_id=section)
    return None
