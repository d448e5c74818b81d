"""Quality gates: what a head of history would refuse to set, as failing sweeps over whole banks.

Each `*_problems` function lists every question that breaks one rule of ../shared/QUALITY.md.
They run over the sample bank and over the bank generated from the shipped course in the test
database (the bank tests/conftest.py saved there), then over quizzes built from that bank.
"""

import random
import re

import pytest

from quizzes.bank import bank_specs, save_bank
from quizzes.builder import build_quiz, ideas_of, replacement_for
from quizzes.generation import (
    BLANK,
    MAX_OPTION_LENGTH,
    MAX_PROMPT_LENGTH,
    Course,
    event_dates,
    event_years,
    fold,
    person_forms,
    role_group,
    term_forms,
)
from quizzes.generation.claims import detail_class, holder_class, typeable
from quizzes.generation.distractors import (
    SAME_PERIOD_YEARS,
    STAND_IN,
    central_figure,
    event_kind,
    same_period,
    term_class,
)
from quizzes.generation.events import POINT_RE
from quizzes.generation.lists import NOT_AN_ITEM_RE, list_of
from quizzes.generation.quotes import doubtful
from quizzes.generation.wording import GENERAL_WORDS, event_verb, shares_stem
from quizzes.models import Kind, Question
from tests.quizzes.kb_sample import sample_kb
from topics.models import Topic

NUMBERED_RE = re.compile(r"^\s*(?:\d+\s*[.):]|[ivx]+\.\s|[a-z]\)\s|[-–•*]\s?)")
BRACKETED_HEADING_RE = re.compile(r"\([^)]*\)\s*:|\[[^\]]*\]")
SLASH_RE = re.compile(r"[A-Za-z]\s?/\s?[A-Za-z]")
DASH_FRAGMENT_RE = re.compile(r"\s[-–—]\s|^[-–—]|[-–—]$")
ENDS_LIKE_A_SENTENCE_RE = re.compile(r"[.?]['\"’”]?$")
YEAR_RE = re.compile(r"^(18|19)\d\d$")
TAKE_PLACE_RE = re.compile(r"\b(?:take|took) place\b")
NUMBER_RE = re.compile(r"^[\d.,]+(?:-[\d.,]+)?(?:%| million| thousand| billion|x)?$")


def _claims(kb):
    return {claim.slug: claim for claim in kb.claims}


def _claim_of(kb, question):
    return _claims(kb).get(question.key.split(":")[1])


def _statement(question):
    return question.prompt.removeprefix("True or false: ")


def _options(question):
    if question.kind == "matching":
        return question.options["left"] + question.options["right"]
    return list(question.options) if question.kind != "true_false" else []


# The rules ------------------------------------------------------------------------------------


def prompt_problems(kb, bank):
    """A prompt is one well-formed sentence or question, short enough for a phone: no numbering,
    no bracketed heading, no slash or dash fragments."""
    problems = []
    for x in bank:
        text = x.prompt.replace(BLANK, "blank")
        if NUMBERED_RE.match(x.prompt):
            problems.append(f"{x.key}: begins with numbering: {x.prompt}")
        if BRACKETED_HEADING_RE.search(x.prompt):
            problems.append(f"{x.key}: a bracketed heading: {x.prompt}")
        if SLASH_RE.search(text) or DASH_FRAGMENT_RE.search(text):
            problems.append(f"{x.key}: a slash or dash fragment: {x.prompt}")
        if not (x.prompt[:1].isupper() and ENDS_LIKE_A_SENTENCE_RE.search(x.prompt)):
            problems.append(f"{x.key}: not a sentence or a question: {x.prompt}")
        if len(re.findall(r"\w+", text)) < 4:
            problems.append(f"{x.key}: too short to be a question: {x.prompt}")
        if len(x.prompt) > MAX_PROMPT_LENGTH:
            problems.append(f"{x.key}: prompt of {len(x.prompt)} characters")
        if x.kind == "cloze" and x.prompt.count(BLANK) != 1:
            problems.append(f"{x.key}: a blank is not one blank")
    return problems


def statement_problems(kb, bank):
    """True/false only on whole sentences: a fact or statistic claim as written, its
    misconception, or it with one key detail swapped; or an event and its year."""
    problems = []
    events = {event.id: event for event in kb.events}
    for x in bank:
        if x.kind != "true_false":
            continue
        statement = _statement(x)
        if x.template in ("event_year_true", "event_year_false"):
            event = events[x.sources["events"][0]]
            subject = event.subject or event.title
            said = rf"(?i:{re.escape(subject[0])}){re.escape(subject[1:])} "
            said += rf"{re.escape(event_verb(event))} in \d{{4}}\."
            if not re.fullmatch(said, statement):
                problems.append(f"{x.key}: not an event and its year: {statement}")
            continue
        claim = _claim_of(kb, x)
        if claim is None or x.template not in ("claim_true", "claim_false"):
            problems.append(f"{x.key}: a statement from no claim: {statement}")
            continue
        if claim.type not in ("fact", "statistic"):
            problems.append(f"{x.key}: true/false on a {claim.type}: {statement}")
        allowed = {claim.text} if x.answer else {claim.misconception} | _swaps(claim, statement)
        if statement not in allowed:
            problems.append(f"{x.key}: not the claim, its misconception or one swap: {statement}")
    return problems


def _swaps(claim, statement):
    """The statement, if it is the claim with exactly one detail changed and nothing else."""
    for detail in claim.details:
        start = claim.text.find(detail.text)
        before, after = claim.text[:start], claim.text[start + len(detail.text) :]
        middle = statement[len(before) : len(statement) - len(after)]
        fits = statement.startswith(before) and statement.endswith(after)
        if fits and middle and fold(middle) != fold(detail.text):
            return {statement}
    return set()


def _answer_forms(kb, x):
    """The answer and every other way of writing it (aliases, accepted forms)."""
    if x.kind in ("typed", "cloze"):
        # The answer with the word after the blank ("Volga region" in "the _____ region") is
        # taken too, and shows only that word, which the prompt must hold.
        after = re.search(r"_____ ([A-Za-z]+)", x.prompt)
        echo = fold(f"{x.answer['text']} {after.group(1)}") if after else None
        forms = [x.answer["text"], *(a for a in x.answer["accept"] if fold(a) != echo)]
    elif x.kind == "multiple_choice":
        forms = [x.answer]
    else:
        return []
    for person in kb.people:
        if set(map(fold, forms)) & set(map(fold, person_forms(person))):
            forms += person_forms(person)
    for term in kb.terms:
        if set(map(fold, forms)) & set(map(fold, term_forms(term))):
            forms += term_forms(term)
    return [form for form in forms if fold(form)]


def giveaway_problems(kb, bank):
    """No prompt holds its answer, an alias of it, its stem or its plural."""
    problems = []
    for x in bank:
        for form in _answer_forms(kb, x):
            if YEAR_RE.match(form) or NUMBER_RE.match(form):
                shown = re.search(rf"(?<![\w.,]){re.escape(form)}(?![\w])", x.prompt)
            elif len(form) > 60:
                shown = fold(form) in fold(x.prompt)  # a definition or a view, asked by name
            else:
                shown = shares_stem(x.prompt, form, GENERAL_WORDS)
            if shown:
                problems.append(f"{x.key}: the prompt shows {form!r}: {x.prompt}")
                break
    return problems


def option_type(kb, option):
    """What kind of thing an option is: a year, a number, a person (and role group), a term
    (and class), an event, or a sentence (roles, definitions, views, claims)."""
    if YEAR_RE.match(option):
        return "year"
    if NUMBER_RE.match(option):
        return "number"
    for person in kb.people:
        if fold(option) in map(fold, person_forms(person)):
            return f"person:{role_group(person)}"
    holders = {c.held_by for c in kb.claims if c.type == "interpretation"}
    if option in holders:
        return "historian" if not re.search(r"(s|ism)$", option) else "school"
    if option in {event.title for event in kb.events}:
        return "event"
    for term in kb.terms:
        if fold(option) in map(fold, term_forms(term)):
            return f"term:{term_class(term.definition)}"
    return "sentence"


def _typer(kb, x):
    """How to type a question's options: a blanked claim detail by the class of its kind of
    detail (a group of people or a body, a country or a town); a holder of a view as a school
    or a person; anything else by what it is in the knowledge base."""
    course = Course(kb, 0)
    claim = _claim_of(kb, x)
    if x.template == "claim_detail_mcq" and claim:
        kind = next(d.kind for d in claim.details if d.text == x.answer)
        if kind not in ("year", "number"):
            return lambda option: detail_class(course, option, kind)
    if x.template == "claim_historian_mcq":
        return lambda option: holder_class(course, option)
    return lambda option: option_type(kb, option)


def _same_type(answer_type, option_type_):
    if answer_type == option_type_:
        return True
    # A historian the course holds as a person is still a historian.
    historian = {"historian", "person:historian"}
    if {answer_type, option_type_} <= historian:
        return True
    # Only party leaders must stand among party leaders; an ordinary person among anyone.
    return (
        answer_type.startswith("person:")
        and answer_type != "person:leader"
        and (option_type_.startswith("person:"))
    )


def option_problems(kb, bank):
    """Options of the answer's type, none two alike once folded, none too long for a phone."""
    problems = []
    for x in bank:
        options = _options(x)
        folded = [fold(o) for o in options]
        if x.kind == "matching":
            folded = [fold(o) for o in x.options["left"]] + [fold(o) for o in x.options["right"]]
            if len(set(x.options["right"])) != len(x.options["right"]):
                problems.append(f"{x.key}: two options alike")
        elif len(set(folded)) != len(folded):
            problems.append(f"{x.key}: two options alike once folded: {options}")
        long = [o for o in options if len(o) > MAX_OPTION_LENGTH]
        if long:
            problems.append(f"{x.key}: an option over {MAX_OPTION_LENGTH} characters: {long[0]}")
        if x.kind == "multiple_choice":
            type_of = _typer(kb, x)
            answer_type = type_of(x.answer)
            odd = [o for o in options if not _same_type(answer_type, type_of(o))]
            if odd:
                problems.append(f"{x.key}: {odd} not of the answer's type {answer_type}")
    return problems


def key_problems(kb, bank):
    """A year or number key agrees with its claim or event."""
    problems = []
    for x in bank:
        if x.kind in ("typed", "cloze"):
            key = x.answer["text"]
        elif x.kind == "multiple_choice":
            key = x.answer
        else:
            continue
        if not (YEAR_RE.match(key) or NUMBER_RE.match(key)):
            continue
        claim = _claim_of(kb, x)
        if x.template.startswith("claim_"):
            details = [d.text for d in claim.details] if claim else []
            if key not in details or key not in claim.text:
                problems.append(f"{x.key}: key {key} is not a detail of its claim")
            elif claim.type == "statistic" and YEAR_RE.match(key):
                problems.append(f"{x.key}: keyed on the year of a statistic")
        elif x.template.startswith("event_year"):
            event = next(e for e in kb.events if e.id == x.sources["events"][0])
            if key != str(event.start_year) or int(key) not in event_years(event):
                problems.append(f"{x.key}: key {key} is not when the event began")
    return problems


RANGE_ANSWER_RE = re.compile(r"\d[\d.,]*\s*(?:-|–|to|and)\s*\d|\bbetween\b", re.IGNORECASE)
FOUR_DIGIT_RE = re.compile(r"\b(?:18|19)\d\d\b")


def review_problems(kb, bank):
    """The review's rules: no event marked not for questions in any option or prompt; no typed
    range; a swapped year at least two off; no second right historian; no promise or comparison
    among the options of a "choose two"."""
    problems = []
    barred = {fold(e.title) for e in kb.events if getattr(e, "not_for_questions", "")}
    for x in bank:
        texts = [str(o) for o in _options(x)]
        texts += [x.prompt] if x.template.startswith(("event_year", "year_event")) else []
        if any(fold(title) in fold(text) for title in barred for text in texts):
            problems.append(f"{x.key}: asks about an event marked not for questions")
        if x.kind in ("typed", "cloze") and RANGE_ANSWER_RE.search(x.answer["text"]):
            problems.append(f"{x.key}: a range to type")
        claim = _claim_of(kb, x)
        if x.template == "claim_false" and claim and _statement(x) != claim.misconception:
            true_years = {int(y) for y in FOUR_DIGIT_RE.findall(claim.text)}
            for year in {int(y) for y in FOUR_DIGIT_RE.findall(_statement(x))} - true_years:
                if any(abs(year - y) < 2 for y in true_years):
                    problems.append(f"{x.key}: year {year} is only one off")
        if x.template == "claim_historian_mcq" and claim:
            also = {fold(name) for name in getattr(claim, "also_held_by", ())}
            if also & {fold(o) for o in x.options if o != x.answer}:
                problems.append(f"{x.key}: offers a historian who argued it too")
        if x.template == "choose_two" and any(NOT_AN_ITEM_RE.search(o) for o in x.options):
            problems.append(f"{x.key}: a promise or a comparison offered as a reason or result")
    return problems


MURDER_RE = re.compile(r"\bthe (?:murder|killing|assassination)\b", re.IGNORECASE)
SIMPLE_RATIOS = (0.25, 0.5, 0.75, 1.5, 2, 3)


def _patterned(answer, wrong):
    """Whether every wrong share is a simple multiple or fraction of the answer (33%, 66%,
    99%): the answer stands out as the one the others were made from."""
    return all(any(abs(w - answer * r) < 1 for r in SIMPLE_RATIOS) for w in wrong)


def _list_kind(kb, claim):
    topic = next((t for t in kb.topics if t.id == claim.topic_id), None)
    found = list_of(topic.title) if topic else None
    return found[0] if found else None


def second_review_problems(kb, bank):
    """The second review's rules: no wrong reason that is an argument about a policy; which
    event offers only events of one kind and period; who-was offers people of the answer's
    group and years, never the course's central figure; a doubtful quote asked only as
    reported; no typed phrase of the sentence's own; no patterned percentages; no murder
    without its victim; no matched role over 60 characters; no part larger than its whole."""
    problems = []
    course = Course(kb, 0)
    by_text = {fold(c.text.rstrip(".")): c for c in kb.claims}
    centre = central_figure(course)
    by_name = {p.name: p for p in kb.people}
    doubtful_quotes = {q.id for q in kb.quotes if doubtful(q)}
    for x in bank:
        whole = re.search(rf"\b[Oo]f the (\d+)\b.*{re.escape(BLANK)}", x.prompt)
        larger = whole and any(
            float(o.replace(",", "")) >= int(whole.group(1)) for o in _options(x)
        )
        if larger and x.kind == "multiple_choice":
            problems.append(f"{x.key}: a part offered larger than its whole: {x.options}")
        if x.template == "match_people" and any(len(r) > 60 for r in x.options["right"]):
            problems.append(f"{x.key}: a role too long to match on a phone")
        if MURDER_RE.search(x.prompt) and not course.people_in(x.prompt):
            problems.append(f"{x.key}: whose murder? {x.prompt}")
        if x.template == "choose_two" and "reasons" in x.prompt:
            for option in set(x.options) - set(x.answer):
                claim = by_text.get(fold(option.rstrip(".")))
                if claim and _list_kind(kb, claim) in ("for", "against"):
                    problems.append(f"{x.key}: an argument offered as a wrong reason: {option}")
        if x.template == "claim_event_mcq":
            events = {e.title: e for e in kb.events}
            answer = events[x.answer]
            for option in x.options:
                other = events[option]
                if event_kind(other.title) != event_kind(answer.title):
                    problems.append(f"{x.key}: {option!r} is not of the answer's kind")
                if abs(other.start_year - answer.start_year) > SAME_PERIOD_YEARS:
                    problems.append(f"{x.key}: {option!r} is from another period")
        if x.template.startswith("person_from_role") and x.sources["people"] == [centre.id]:
            problems.append(f"{x.key}: asks who the course's own subject was")
        if re.search(rf"\b(?:October|power in) {re.escape(BLANK)}", x.prompt) and "1917" in str(
            x.answer
        ):
            problems.append(f"{x.key}: blanks the year of the October revolution")
        if x.template == "person_from_role_mcq":
            answer = by_name[x.answer]
            allowed = {role_group(answer), STAND_IN.get(role_group(answer))}
            for option in set(x.options) - {x.answer}:
                other = by_name[option]
                if other.id == centre.id or role_group(other) not in allowed:
                    problems.append(f"{x.key}: {option} is of another group")
                if not same_period(answer, other):
                    problems.append(f"{x.key}: {option} is of another period")
        doubted = set(x.sources["quotes"]) & doubtful_quotes
        as_fact = "reported to" not in x.prompt and not x.prompt.startswith("Who were these")
        if x.template.startswith("quote_") and doubted and as_fact:
            problems.append(f"{x.key}: a doubtful attribution asked as fact: {x.prompt}")
        if x.template == "claim_cloze":
            claim = _claim_of(kb, x)
            detail = next(d for d in claim.details if d.text == x.answer["text"])
            if not typeable(claim, detail):
                problems.append(f"{x.key}: a phrase with many fair wordings to type")
        if x.kind == "multiple_choice" and all(re.fullmatch(r"\d+%", o) for o in x.options):
            wrong = [int(o[:-1]) for o in x.options if o != x.answer]
            if _patterned(int(x.answer[:-1]), wrong):
                problems.append(f"{x.key}: patterned percentages: {x.options}")
    return problems


def event_problems(kb, bank):
    """The event review's rules: a false year only for an event that happens at a point
    (one year, with a month or of a kind that happens on a day), never inside a span of the same
    part of the course, never before or in the year of an earlier event of its topic; no title
    that names its year asked for it; no 'took place' forced onto an event with its own verb."""
    problems = []
    course = Course(kb, 0)
    events = {event.id: event for event in kb.events}
    for x in bank:
        if not x.template.startswith("event_year"):
            continue
        event = events[x.sources["events"][0]]
        if TAKE_PLACE_RE.search(x.prompt) and event.verb != "took place":
            problems.append(f"{x.key}: 'take place' forced onto {event.title!r}")
        if x.kind == "true_false" and re.search(r"\b19\d\d\b", event.title):
            problems.append(f"{x.key}: the title gives its year away: {x.prompt}")
        if x.template != "event_year_false":
            continue
        wrong = int(re.search(r"(\d{4})\.$", x.prompt).group(1))
        if event.end_year not in (None, event.start_year):
            problems.append(f"{x.key}: a false year for a process ({event_dates(event)})")
        if not (event.month or POINT_RE.search(event.title)):
            problems.append(f"{x.key}: a false year for an event of no one day: {event.title}")
        section = course.section(event.topic_id)
        for other in kb.events:
            same_part = course.section(other.topic_id) == section
            if same_part and other.end_year and wrong in event_years(other):
                problems.append(f"{x.key}: {wrong} falls in {other.title} ({event_dates(other)})")
            earlier = other.topic_id == event.topic_id and other.start_year < event.start_year
            if earlier and wrong <= other.start_year:
                problems.append(f"{x.key}: {wrong} is not after {other.title} ({other.start_year})")
    return problems


# What many people felt or how something was seen: any pupil guesses True.
SOFT_STATEMENT_RE = re.compile(
    r"\bmany \w+ (?:feared|saw)\b|\bappealed to\b|\bthe party believed\b"
    r"|\b(?:was|were|is) (?:often )?(?:seen|described) as\b",
    re.IGNORECASE,
)
HEDGE_BEFORE_BLANK_RE = re.compile(
    r"\b(?:about|at most|nearly|almost|around|roughly|some|more than|less than)\s+_____"
)
FRACTION_FORMS = {
    "a quarter": {"quarter", "one quarter", "one fourth", "25%"},
    "half": {"a half", "one half", "50%"},
    "three-quarters": {"three quarters", "75%"},
}
ASIDE_YEAR_BLANK_RE = re.compile(r", (?:published|founded|introduced) in _____,")


def third_review_problems(kb, bank):
    """The third review's rules: no soft claim as true or false; a typed blank is fair to mark
    (no hedged number, a place only with its other names, a fraction in all its forms, the word
    after the blank taken too); no year blanked in an aside when the claim has a telling detail;
    no wrong year before a year the claim dates as earlier."""
    problems = []
    for x in bank:
        claim = _claim_of(kb, x) if x.template.startswith("claim_") else None
        if claim is None:
            continue
        if x.kind == "true_false" and SOFT_STATEMENT_RE.search(claim.text):
            problems.append(f"{x.key}: a soft claim as true or false: {claim.text}")
        if x.template == "claim_cloze":
            detail = next(d for d in claim.details if d.text == x.answer["text"])
            accepted = {fold(a) for a in x.answer["accept"]}
            if HEDGE_BEFORE_BLANK_RE.search(x.prompt):
                problems.append(f"{x.key}: a hedged number to type: {x.prompt}")
            if detail.kind == "place" and not detail.accept:
                problems.append(f"{x.key}: a place typed with no other names: {x.prompt}")
            wanted = {fold(w) for w in FRACTION_FORMS.get(fold(detail.text), ())}
            if wanted - accepted:
                problems.append(f"{x.key}: {detail.text} not taken as {wanted - accepted}")
            after = re.search(r"_____ (region|province|trial|rising)\b", x.prompt)
            if after and fold(f"{detail.text} {after.group(1)}") not in accepted:
                problems.append(f"{x.key}: '{detail.text} {after.group(1)}' is marked wrong")
        if ASIDE_YEAR_BLANK_RE.search(x.prompt) and any(d.kind != "year" for d in claim.details):
            problems.append(f"{x.key}: blanks the year of an aside: {x.prompt}")
        if x.template == "claim_detail_mcq" and YEAR_RE.match(x.answer):
            written = [int(y) for y in re.findall(r"\b(1[89]\d\d)\b(?!s)", claim.text)]
            earlier = [y for y in written if y < int(x.answer)]
            if earlier and any(int(o) < min(earlier) for o in x.options):
                problems.append(f"{x.key}: a year before {min(earlier)}: {x.options}")
    return problems


def _inflected(text):
    words = re.findall(r"[a-z']+", fold(text))
    return [re.sub(r"men$", "man", word).removesuffix("s") for word in words]


def _glossary_forms(kb):
    return {fold(form) for term in kb.terms for form in term_forms(term)}


def _named_as(kb, text, noun):
    """Whether the course calls the text a `noun`: 'the Cheka secret police', 'the Okhrana, the
    tsar's secret police', or a glossary definition such as 'The Soviet secret police'."""
    pattern = re.compile(rf"\b{re.escape(text)}(?:, the [\w' ]{{0,20}}?)? {noun}\b")
    if any(pattern.search(claim.text) for claim in kb.claims):
        return True
    return any(
        fold(text) in {fold(f) for f in term_forms(term)} and noun in term.definition.lower()
        for term in kb.terms
    )


def fourth_review_problems(kb, bank):
    """The fourth review's rules: an ordinary word or phrase is typed only with its other fair
    answers listed ('the party chose its chair' is right too), never with only its plural; a
    blank before a noun naming its class offers only things of that class ('the _____ secret
    police': no Politburo)."""
    problems = []
    glossary = _glossary_forms(kb)
    for x in bank:
        claim = _claim_of(kb, x) if x.template.startswith("claim_") else None
        if claim is None:
            continue
        if x.template == "claim_cloze" and x.answer["kind"] in ("term", "text"):
            text = x.answer["text"]
            words = text.split()[1:] if claim.text.startswith(text) else text.split()
            ordinary = fold(text) not in glossary and not any(w[:1].isupper() for w in words)
            others = [a for a in x.answer["accept"] if _inflected(a) != _inflected(text)]
            if ordinary and not others:
                problems.append(f"{x.key}: '{text}' typed with no other answer: {x.prompt}")
        if x.template == "claim_detail_mcq":
            head = re.search(r"_____ (secret police|police|youth league)\b", x.prompt)
            if head:
                unfit = [o for o in x.options if not _named_as(kb, o, head.group(1))]
                if unfit:
                    problems.append(f"{x.key}: {unfit} are no {head.group(1)}: {x.prompt}")
    return problems


# Nominal event titles asked as if they were clauses: "In which year was the introduction of
# internal passports?"
NOMINAL_EVENT_RE = re.compile(
    r"\b(?:was|were) (?:the |an? )?(?:introduction|start|death|founding|murder|execution|"
    r"suicide|publication|adoption|granting|expulsion|purge)\b(?:[^?.]*)(?:\?|in \d{4}\.)$"
)
# Towns no wrong option may name before they bore that name, and the towns of Georgia for a
# sentence that places its answer there.
TOWN_FIRST_YEARS = {"Magnitogorsk": 1929, "Magadan": 1929, "Komsomolsk-on-Amur": 1932,
                    "Leningrad": 1924, "Stalingrad": 1925}  # fmt: skip
GEORGIAN_TOWNS = {"Gori", "Tbilisi", "Tiflis", "Batumi", "Batum", "Kutaisi", "Sukhumi"}


def fifth_review_problems(kb, bank):
    """The fifth review's rules: an event is asked and stated as a clause ('In which year were
    internal passports introduced?'), not as a noun with 'was'; a blank after 'such as' or
    'including' (one example of an open list) is never asked; a town is offered only in years
    it bore its name, and beside a town of Georgia only towns of Georgia; a book's title is
    not asked as words someone said; a miner is never offered beside party figures; a place
    in the glossary (Magnitogorsk) is not asked as a term."""
    problems = []
    people = {p.name: p for p in kb.people}
    terms = {t.id: t for t in kb.terms}
    for x in bank:
        if x.template.startswith("event_year") and NOMINAL_EVENT_RE.search(x.prompt):
            problems.append(f"{x.key}: an event asked as a noun: {x.prompt}")
        if x.kind in ("cloze", "multiple_choice") and re.search(
            r"\b(?:such as|including)(?: the)? _____", x.prompt
        ):
            problems.append(f"{x.key}: one example of an open list blanked: {x.prompt}")
        claim = _claim_of(kb, x) if x.template == "claim_detail_mcq" else None
        if claim and claim.year:
            for option in x.options:
                first = TOWN_FIRST_YEARS.get(option)
                if first and first > claim.year and option != x.answer:
                    problems.append(f"{x.key}: {option} before {first}: {x.prompt}")
            if x.answer in GEORGIAN_TOWNS and "Georgia" in x.prompt:
                outside = set(x.options) - GEORGIAN_TOWNS
                if outside:
                    problems.append(f"{x.key}: {sorted(outside)} are not in Georgia")
        if x.template == "quote_speaker_mcq" and re.match(r"Who wrote: '[A-Z][^']*'\?$", x.prompt):
            quote = next(q for q in kb.quotes if q.id == x.sources["quotes"][0])
            if quote.context.startswith("The title of"):
                problems.append(f"{x.key}: a title asked as words said: {x.prompt}")
        if x.template in ("term_definition_mcq", "definition_term_mcq", "definition_term_typed",
                          "match_terms"):  # fmt: skip
            for term_id in x.sources["terms"]:
                term = terms[term_id]
                if re.match(r"An? (?:[\w-]+ ){0,6}(?:city|dam|power station|region)\b",
                            term.definition):  # fmt: skip
                    problems.append(f"{x.key}: a place asked as a term: {term.term}")
        if x.template == "person_from_role_mcq":
            answer = people.get(x.answer)
            groups = {role_group(people[o]) for o in x.options if o in people}
            if answer and role_group(answer) != "worker" and "worker" in groups:
                problems.append(f"{x.key}: a worker among {x.options}")
    return problems


TITLE_YEARS_RE = re.compile(r"(?<!\d)(1[89]\d\d)(?:\s*[-–]\s*(\d{2,4}))?(?!\d)")


def _title_years(title):
    """The years a topic's title shows: both ends of '1928-32'."""
    years = set()
    for first, last in TITLE_YEARS_RE.findall(title):
        years |= {first, first[: 4 - len(last)] + last} if last else {first}
    return years


def _asked_year(x, kb):
    """The year a question asks for, or None: a year key, or the event year a true/false states."""
    answer = x.answer.get("text") if isinstance(x.answer, dict) else x.answer
    if isinstance(answer, str) and re.fullmatch(r"1[89]\d\d", answer):
        return answer
    if x.template.startswith("event_year_") and x.sources["events"]:
        event = next(e for e in kb.events if e.id == x.sources["events"][0])
        return str(event.start_year)
    return None


def sixth_review_problems(kb, bank):
    """The sixth review's rules: a year is never asked under a topic whose title shows it ('In
    which year did the Second Five-Year Plan begin?' under 'The Second Five-Year Plan 1933-37',
    shown in topic practice); an explanation never pastes a point of the notes or cites the
    notes' cards; words nobody is known to have said are never asked as a quote; a role or
    definition cut to fit is never cut after its 'and' ('head of the government 1930-41 and?')."""
    titles = {topic.id: topic.title for topic in kb.topics}
    quotes = {quote.id: quote for quote in kb.quotes}
    problems = []
    for x in bank:
        year = _asked_year(x, kb)
        if year and year in _title_years(titles.get(x.topic_id, "")):
            problems.append(f"{x.key}: {year} is in the topic's title {titles[x.topic_id]!r}")
        if re.search(r"The notes say: |\bcards? \d", x.explanation):
            problems.append(f"{x.key}: the notes pasted or cited by card: {x.explanation}")
        texts = [x.prompt, *(x.options if isinstance(x.options, list) else ())]
        if any(re.search(r"\b(?:and|or|but|then)\W*$", text) for text in texts):
            problems.append(f"{x.key}: cut after a conjunction: {texts}")
        if x.template.startswith("quote_"):
            quote = quotes[x.sources["quotes"][0]]
            if re.search(r"\bno (?:reliable )?source\b", quote.context):
                problems.append(f"{x.key}: words with no source asked as a quote: {quote.text}")
    return problems


TERM_TEMPLATES = ("term_definition_mcq", "definition_term_mcq", "definition_term_typed")
WORD_RE = re.compile(r"[A-Za-z]+")


def _shares_a_word(text, term):
    """A word of the term in the text: the same word or plural ('a public trial' for show
    trial), the same first five letters ('political' for Politburo, 'Dnieper' for Dnieprostroi)
    or one word inside the other ('plan' in Gosplan, 'agitation' for agitprop by 'agit')."""
    ours = {w.lower() for w in WORD_RE.findall(text) if len(w) >= 3}
    theirs = {w.lower() for w in WORD_RE.findall(term) if len(w) >= 3} - {"the", "and", "for"}
    for a in theirs:
        for b in ours:
            if a == b or a + "s" == b or (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5]):
                return f"{b!r} for {a!r}"
            if (len(b) >= 4 and b in a) or (len(a) >= 4 and a in b):
                return f"{b!r} inside {a!r}"
        # agitprop: made of the openings of two words of the text ('agitation and propaganda')
        for cut in range(3, len(a) - 2):
            head, tail = a[:cut], a[cut:]
            if any(w.startswith(head) for w in ours) and any(w.startswith(tail) for w in ours):
                return f"{a!r} spelled out"
    return None


def term_meaning_problems(kb, bank):
    """No term is asked by, or matched to, a meaning that holds a word of it or spells it out
    ('Which term means: the State Planning Commission...' for Gosplan, 'What does show trial
    mean?' beside 'A public trial staged for propaganda'); a term's wrong options are terms of
    its kind (no NKVD or Red Army among party bodies)."""
    from quizzes.generation.distractors import term_kind

    terms = {term.id: term for term in kb.terms}
    by_name = {fold(term.term): term for term in kb.terms}
    problems = []
    for x in bank:
        if x.template in TERM_TEMPLATES:
            term = terms[x.sources["terms"][0]]
            shown = [x.prompt.removeprefix("Which term means: ")]
            if x.template == "term_definition_mcq":
                shown = [x.answer]
            pairs = [(term, text) for text in shown]
        elif x.template == "match_terms":
            pairs = [(by_name[fold(left)], right) for left, right in x.answer.items()]
        else:
            continue
        for term, text in pairs:
            found = _shares_a_word(text, term.term)
            aliases = [a for a in term.aliases if len(a) > 3 and fold(a) in fold(text)]
            if found or aliases:
                problems.append(f"{x.key}: {term.term!r} given away by {found or aliases}: {text}")
        if x.template == "definition_term_mcq":
            wanted = term_kind(term.definition)
            for option in x.options:
                other = by_name.get(fold(option))
                if other and term_kind(other.definition) != wanted:
                    problems.append(f"{x.key}: {option!r} is no {wanted} like {term.term!r}")
    return problems


# A dispute, a struggle, a rivalry, a gradual recovery: no one year to ask for.
VAGUE_RE = re.compile(
    r"\b(disputes?|struggles?|debates?|rivalry|rivalries|gradual)\b", re.IGNORECASE
)
NOTED_RANGE_RE = re.compile(r"(?<!\d)(19\d\d)\s*[-–]\s*(\d{1,4})(?!\d)")


def event_year_rule_problems(kb, bank):
    """No vague process (a dispute, a struggle) is asked or offered by its year; 'Which of these
    ... in 1928?' never says 'began' over options that cannot begin (a speech); a typed year
    takes both years of a two-year range ('1924-25') the notes date an event of one year by."""
    events = {event.id: event for event in kb.events}
    facts = {fact.id: fact for fact in kb.facts}
    problems = []
    for x in bank:
        if not (
            x.template.startswith(("event_year", "year_event", "match_event"))
            or x.template in ("which_first", "ordering")
        ):
            continue
        for event_id in x.sources["events"]:
            if VAGUE_RE.search(events[event_id].title):
                problems.append(f"{x.key}: a vague process asked by year: {x.prompt}")
        for option in _options(x):
            if VAGUE_RE.search(option):
                problems.append(f"{x.key}: a vague process offered: {option}")
        if x.template == "year_event_mcq" and re.search(r"\bbegan\b", x.prompt):
            problems.append(f"{x.key}: 'began' over options that may not begin: {x.options}")
        if x.template == "event_year_typed" and not events[x.sources["events"][0]].end_year:
            event = events[x.sources["events"][0]]
            linked = set(event.facts) | {f.id for f in kb.facts if event.id in f.events}
            taken = {x.answer["text"], *x.answer["accept"]}
            for fact_id in linked:
                for first, last in NOTED_RANGE_RE.findall(facts[fact_id].text):
                    start, end = int(first), int(first[: 4 - len(last)] + last)
                    if end == start + 1 and start <= event.start_year <= end:
                        missing = {str(y) for y in range(start, end + 1)} - taken
                        if missing:
                            problems.append(
                                f"{x.key}: the notes' {first}-{last} not taken: {sorted(missing)}"
                            )
    return problems


def dates_matching_problems(kb, bank):
    """In 'Match each event to its date' one range among single years pairs itself."""
    problems = []
    for x in bank:
        if x.template == "match_event_years":
            ranges = [bool(re.search(r"\d-\d", date)) for date in x.options["right"]]
            if any(ranges) and not all(ranges):
                problems.append(f"{x.key}: a range among single years: {x.options['right']}")
    return problems


ALL_GATES = [
    dates_matching_problems,
    term_meaning_problems,
    event_year_rule_problems,
    event_problems,
    prompt_problems,
    statement_problems,
    giveaway_problems,
    option_problems,
    key_problems,
    review_problems,
    second_review_problems,
    third_review_problems,
    fourth_review_problems,
    fifth_review_problems,
    sixth_review_problems,
]


# The banks ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_bank():
    kb = sample_kb()
    return kb, bank_specs(kb)


@pytest.fixture(scope="module")
def course_bank(django_db_setup, django_db_blocker):
    from topics.snapshot import load_knowledge_base

    with django_db_blocker.unblock():
        kb = load_knowledge_base()
        return kb, bank_specs(kb)


@pytest.mark.parametrize("gate", ALL_GATES, ids=lambda gate: gate.__name__)
def test_the_sample_bank_passes_the_gate(sample_bank, gate):
    kb, bank = sample_bank
    assert gate(kb, bank) == []


@pytest.mark.django_db
@pytest.mark.parametrize("gate", ALL_GATES, ids=lambda gate: gate.__name__)
def test_the_course_bank_passes_the_gate(course_bank, gate):
    kb, bank = course_bank
    assert gate(kb, bank) == []


@pytest.mark.django_db
def test_the_saved_bank_is_the_generated_bank(course_bank):
    _, bank = course_bank
    saved = set(Question.objects.active().filter(author__isnull=True).values_list("key", flat=True))
    assert saved == {question.key for question in bank}


@pytest.mark.django_db
def test_the_course_bank_is_big_and_covers_every_topic_and_kind(course_bank):
    kb, bank = course_bank
    assert len(bank) >= 1000
    assert {question.kind for question in bank} == set(Kind.values)
    asked = {question.topic_id for question in bank}
    with_claims = {c.topic_id for c in kb.claims if c.type in ("fact", "statistic")}
    assert with_claims - asked == set()


@pytest.mark.django_db
def test_building_the_bank_again_changes_nothing(course_bank):
    kb, bank = course_bank
    summary = save_bank(bank_specs(kb))
    assert not summary.changed_anything
    assert summary.kept == len(bank)


# One idea per quiz ----------------------------------------------------------------------------


def _shared_ideas(quiz):
    ideas = ideas_of(Question.objects.filter(quizzes=quiz))
    seen, shared = set(), set()
    for found in ideas.values():
        shared |= seen & found
        seen |= found
    return shared


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(6))
def test_no_quiz_holds_two_questions_on_one_idea_even_after_swaps(teacher, seed):
    sections = list(Topic.objects.filter(parent=None))
    rng = random.Random(seed)
    chosen = rng.sample(sections, k=rng.randint(1, len(sections)))
    quiz = build_quiz(owner=teacher, title="Q", topics=chosen, count=30, seed=seed)
    assert quiz.items.count() >= 10
    assert _shared_ideas(quiz) == set()
    for item in quiz.items.select_related("question"):
        replacement = replacement_for(quiz, item, seed=seed)
        if replacement is not None:
            item.question_id = replacement
            item.save(update_fields=["question"])
    assert _shared_ideas(quiz) == set()
