"""The notes' own sentences as questions (to be replaced by questions on checked claims)."""

import re
from dataclasses import dataclass

from quizzes.generation.distractors import (
    event_tiers,
    number_accepts,
    number_options,
    people_tiers,
    term_rivals,
    term_tiers,
)
from quizzes.generation.questions import QuestionSpec, multiple_choice, typed
from quizzes.generation.registry import template
from quizzes.generation.terms import term_said
from quizzes.generation.wording import (
    BLANK,
    STOPWORDS,
    YEAR_RE,
    event_forms,
    event_years,
    fold,
    full_stop,
    leaks,
    mentions,
    pattern_of,
    person_forms,
    quoted,
    replace_spans,
    sentence,
    similar,
    sources,
    term_forms,
)

NUMBER_RE = re.compile(
    r"(?<![\w.,/–-])"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?P<range>\s?[-–]\s?\d+(?:,\d{3})*(?:\.\d+)?)?"
    r"(?P<fraction>/\d+)?"
    r"(?P<unit>\s?%|\s(?:million|billion|thousand)\b|x\b)?"
)
NOT_A_CLAIM_RE = re.compile(r"\b(vs\.?|versus)(?!\w)", re.IGNORECASE)
YEAR_QUALIFIER_RE = re.compile(
    r"\b(before|after|until|till|by|since|from|pre|post|around|about|c\.)\s+$", re.IGNORECASE
)
NUMBER_QUALIFIER_RE = re.compile(
    r"\b(less than|fewer than|more than|over|under|up to|at least|almost|nearly|about|around|"
    r"some|approximately|roughly|c\.|circa)\s+$",
    re.IGNORECASE,
)
HEADING_YEARS_RE = re.compile(
    r"\s*(?:\b(?:of|in|by|from|since)\s+)?\b1[89]\d\d(?:\s*[-–]\s*\d{2,4})?\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Detail:
    kind: str  # "year", "number", "name" or "term"
    ident: object  # the year, the number as written, the person's or term's id
    surface: str  # as first written in the fact
    spans: tuple  # every (start, end) of it in the text: all are blanked together

    @property
    def slug(self):
        return {"year": "y", "number": "n", "name": "p", "term": "t"}[self.kind] + re.sub(
            r"\W+", "-", str(self.ident)
        )


def _year_matches(text):
    for match in YEAR_RE.finditer(text):
        yield match.start(1), match.end(1), "year", int(match.group(1))


def _number_matches(text):
    for match in NUMBER_RE.finditer(text):
        if match.end() < len(text) and text[match.end()].isalnum():
            continue  # "3rd", "1920s"
        num, unit = match["num"], match["unit"]
        value = float(num.replace(",", ""))
        if match["fraction"]:
            denominator = int(match["fraction"][1:])
            if unit or match["range"] or not 0 < value < denominator <= 10:
                continue  # "10/15 million" is a range written with a slash, not a fraction
        elif not unit and (match["range"] or value < 10 or 1900 <= value <= 1949):
            continue  # years and year ranges are years; "2 week course" is too small to test
        surface = match.group(0).strip()
        yield match.start(), match.start() + len(surface), "number", surface


def _name_matches(course, text):
    for person in course.people:
        pattern = pattern_of(tuple(f for f in person_forms(person) if len(f) >= 3), False)
        for match in pattern.finditer(text) if pattern else ():
            yield match.start(), match.end(), "name", person.id


def _term_matches(course, text):
    for term in course.terms:
        pattern = pattern_of(tuple(f for f in term_forms(term) if len(f) >= 3), True, True)
        for match in pattern.finditer(text) if pattern else ():
            yield match.start(), match.end(), "term", term.id


def find_details(course, text):
    """The testable details of a text, in order of first appearance; overlaps keep the longest."""
    found = [
        *_year_matches(text),
        *_number_matches(text),
        *_name_matches(course, text),
        *_term_matches(course, text),
    ]
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept, end = [], -1
    for match in found:
        if match[0] >= end:
            kept.append(match)
            end = match[1]
    grouped = {}
    for start, stop, kind, ident in kept:
        grouped.setdefault((kind, ident), []).append((start, stop))
    return [
        Detail(kind, ident, text[spans[0][0] : spans[0][1]], tuple(spans))
        for (kind, ident), spans in grouped.items()
    ]


def details(course, fact):
    return course.cached(("details", fact.id), lambda: find_details(course, fact.text))


def _substance(text):
    """Words that carry meaning (and numbers): 'Part of the _____' has one, too few to test."""
    words = re.findall(r"[A-Za-z][\w'-]*|\d[\d,.%]*", text.replace(BLANK, " "))
    return [w for w in words if w[0].isdigit() or (len(w) > 2 and w.lower() not in STOPWORDS)]


def is_testable(course, fact):
    """Something to ask (a year, number, person, event or term) and enough words to ask it in."""
    linked = fact.people or fact.events or fact.terms or details(course, fact)
    return bool(linked) and len(_substance(fact.text)) >= 2


def _headings(course, fact, dated):
    """The note's heading, so a fragment like 'Had been a Menshevik until 1917' has a subject:
    as written, then without its years ('The murder of Kirov 1934' would answer a question on
    the year, or contradict a false one). With `dated`, only the version without years."""
    topic = course.topics.get(fact.topic_id)
    if topic is None:
        return []
    undated = HEADING_YEARS_RE.sub("", topic.title).strip(" :,;-–")
    versions = [undated] if dated else [topic.title, undated]
    return [v for v in versions if _substance(v)]


def _headed(course, fact, instruction, body, hidden, dated=False):
    """'Fill in the blank (Trotsky's power bases): ...', with no heading rather than one that
    shows any of `hidden` (the answer, or what a false statement swapped)."""
    for heading in _headings(course, fact, dated):
        if not leaks(heading, hidden):
            return f"{instruction} ({heading}): {body}"
    return f"{instruction}: {body}"


def _blanked(course, fact, detail):
    body = sentence(replace_spans(fact.text, detail.spans, BLANK)).rstrip(".")
    forms = _detail_forms(course, detail)
    return _headed(course, fact, "Fill in the blank", body, forms, dated=detail.kind == "year")


def _fill_ins(course):
    """{blanked note: the fillers the notes give it}: two notes reading 'Part of the _____'
    (Politburo, Orgburo) make each filler a right answer for the other's blank."""

    def build():
        fills = {}
        for fact in course.facts:
            for detail in details(course, fact):
                blanked = fold(replace_spans(fact.text, detail.spans, BLANK))
                fills.setdefault(blanked, set()).update(
                    fold(f) for f in _detail_forms(course, detail)
                )
        return fills

    return course.cached("fill_ins", build)


def _fits_elsewhere(course, fact, detail):
    return _fill_ins(course).get(fold(replace_spans(fact.text, detail.spans, BLANK)), set())


def _askable(course, fact, detail):
    return len(_substance(replace_spans(fact.text, detail.spans, BLANK))) >= 2


def _range_partner(text, detail):
    """The other end of a range the year is in ("1936-1939", "1928-32", "between 1928 and
    1940"): (that year, whether it comes after), or (None, None)."""
    start, end = detail.spans[0]
    after = re.match(r"\s?(?:[-–]\s?(\d{2,4})\b|(?:to|and)\s(19\d\d)\b)", text[end:])
    if after:
        digits = after.group(1) or after.group(2)
        return int(digits) if len(digits) == 4 else 1900 + int(digits), True
    before = re.search(r"\b(19\d\d)\s?(?:[-–]|\s(?:to|and))\s?$", text[:start])
    return (int(before.group(1)), False) if before else (None, None)


def _linked_years(course, fact):
    years = set()
    for event_id in fact.events:
        if event_id in course.event:
            years |= event_years(course.event[event_id])
    return years


def _year_options(course, key, fact, detail, n=3):
    """Wrong years near the true one: not in the text, not spanned by the fact's events, and
    on the right side of the other end of a range."""
    year = detail.ident
    banned = _linked_years(course, fact) | {int(y) for y in YEAR_RE.findall(fact.text)}
    partner, partner_after = _range_partner(fact.text, detail)

    def fits(candidate):
        if candidate in banned:
            return False
        if partner is None:
            return True
        return candidate < partner if partner_after else candidate > partner

    tiers = [[year + d for d in (-2, -1, 1, 2)], [year + d for d in (-5, -4, -3, 3, 4, 5)]]
    return course.pick(key, [[str(y) for y in tier if fits(y)] for tier in tiers], n=n)


def _same_calling(person, other):
    """Both historians, both heads of something: the first word of the role, or more."""
    first = person.role.split()[0].lower()
    return first == other.role.split()[0].lower() or similar(person.role, other.role)


def _person_options(course, key, fact, detail, n=3):
    """Other people, not linked to the fact and not named in it: a wrong name, never a right one."""
    person = course.person[detail.ident]
    named = course.people_in(fact.text)
    form = "full_name" if detail.surface == person.full_name != person.name else "name"
    taken = {fold(f) for f in person_forms(person)}

    def eligible(other):
        return (
            other.id not in {person.id, *fact.people, *named}
            and not {fold(f) for f in person_forms(other)} & taken
        )

    # People with a role like the right one (a fellow historian, another NKVD chief) make the
    # best wrong answers here: the sentence is about what the notes record, not about a role.
    alike = [
        getattr(other, form)
        for other in course.people
        if eligible(other) and person.role and other.role and _same_calling(person, other)
    ]
    sections = {course.section(fact.topic_id)}
    return course.pick(key, [alike, *people_tiers(course, sections, eligible, form=form)], n=n)


def _term_options(course, key, fact, detail, n=3):
    term = course.term[detail.ident]
    rival = term_rivals(term)

    def eligible(other):
        return (
            other.id not in fact.terms
            and rival(other)
            and not mentions(fact.text, term_forms(other), plurals=True)
        )

    return course.pick(key, term_tiers(course, fact.topic_id, eligible), n=n)


def _number_choices(course, key, fact, detail, n=3):
    in_text = {fold(m[3]) for m in _number_matches(fact.text)}
    candidates = [o for o in number_options(detail.surface) if fold(o) not in in_text]
    return course.pick(key, [candidates], n=n)


def wrong_values(course, key, fact, detail, n=3):
    """Plausible wrong fillers for a detail, of the same kind as the right one, never one that
    another note gives for the same words."""
    choose = {
        "year": _year_options,
        "number": _number_choices,
        "name": _person_options,
        "term": _term_options,
    }[detail.kind]
    also_right = _fits_elsewhere(course, fact, detail)
    return [v for v in choose(course, key, fact, detail, n=n + 2) if fold(v) not in also_right][:n]


def _option_form(course, detail):
    """The answer as an option, written like the wrong ones: 'Kulak' beside 'Sovkhoz', not
    'kulaks'; 'Malia' beside 'Nove', not 'M. Malia'. A different word ('nationalised') stays."""
    if detail.kind == "name":
        person = course.person[detail.ident]
        return person.full_name if detail.surface == person.full_name else person.name
    if detail.kind == "term":
        term = course.term[detail.ident]
        if fold(detail.surface).removesuffix("s") in {fold(term.term), fold(term.term) + "e"}:
            return term.term
    return detail.surface


def _detail_forms(course, detail):
    if detail.kind == "name":
        return (detail.surface, *person_forms(course.person[detail.ident]))
    if detail.kind == "term":
        return (detail.surface, *term_forms(course.term[detail.ident]))
    if detail.kind == "number":
        return (detail.surface, *number_accepts(detail.surface))
    return (detail.surface,)


def _detail_note(course, fact, detail):
    """What the explanation adds about the detail: who the person was, what the term means."""
    if detail.kind == "name":
        return " " + course.who_was(course.person[detail.ident])
    if detail.kind == "term":
        return " " + term_said(course.term[detail.ident])
    return ""


def _fact_fields(course, fact, difficulty, detail=None):
    linked = {"people": list(fact.people), "events": list(fact.events), "terms": list(fact.terms)}
    if detail and detail.kind in ("name", "term"):
        linked["people" if detail.kind == "name" else "terms"].append(detail.ident)
    note = _detail_note(course, fact, detail) if detail else ""
    return {
        "explanation": course.notes_say(fact) + note,
        "difficulty": difficulty,
        "topic_id": fact.topic_id,
        "sources": sources(facts=[fact.id], **linked),
    }


def _cloze_rejects(course, key, fact, detail):
    reject = wrong_values(course, key, fact, detail)
    if detail.kind == "name":  # the other people in the sentence are wrong too
        others = sorted(course.people_in(fact.text) - {detail.ident})
        reject += [course.person[i].name for i in others]
    elif detail.kind == "year":
        reject = [str(detail.ident + d) for d in (-1, 1)] + reject
    also_right = _fits_elsewhere(course, fact, detail)
    return [r for r in reject if fold(r) not in also_right]


@template
def fact_cloze(course, t):
    for fact in course.facts:
        for detail in details(course, fact):
            if not _askable(course, fact, detail):
                continue
            key = f"{t.name}:f{fact.id}:{detail.slug}"
            yield typed(
                course,
                t,
                kind="cloze",
                key=key,
                prompt=_blanked(course, fact, detail),
                text=detail.surface,
                accept=_detail_forms(course, detail),
                reject=_cloze_rejects(course, key, fact, detail),
                answer_kind=detail.kind,  # a detail's kinds are the marker's answer kinds
                **_fact_fields(
                    course,
                    fact,
                    3 if detail.kind in ("year", "number") else 2,
                    detail,
                ),
            )


@template
def fact_detail_mcq(course, t):
    for fact in course.facts:
        for detail in details(course, fact):
            if not _askable(course, fact, detail):
                continue
            key = f"{t.name}:f{fact.id}:{detail.slug}"
            yield multiple_choice(
                course,
                t,
                key=key,
                prompt=_blanked(course, fact, detail),
                answer=_option_form(course, detail),
                distractors=wrong_values(course, key, fact, detail),
                forms=_detail_forms(course, detail),
                **_fact_fields(course, fact, 1, detail),
            )


def _swappable(fact, detail):
    """Whether changing the detail surely makes the sentence false. 'By 1937' moved to 'by 1938',
    'until 1917' to 'until 1916', 'less than 10%' to 'less than 15%', or one end of a range,
    can leave it true, so those are never swapped."""
    start, end = detail.spans[0]
    before, after = fact.text[:start], fact.text[end:]
    if detail.kind == "year":
        return not (
            _range_partner(fact.text, detail)[0]
            or YEAR_QUALIFIER_RE.search(before)
            or (re.match(r"\s*(onwards|on)\b", after))
        )
    if detail.kind == "number":
        return bool(number_options(detail.surface)) and not NUMBER_QUALIFIER_RE.search(before)
    return detail.kind == "name"


def _is_claim(text):
    return not NOT_A_CLAIM_RE.search(text) and len(_substance(text)) >= 2


def _statement(course, fact, text, hidden, dated=False):
    return _headed(course, fact, "True or false", full_stop(sentence(text)), hidden, dated)


@template
def fact_true(course, t):
    """The fact as written is true."""
    for fact in course.facts:
        if not is_testable(course, fact) or not _is_claim(fact.text):
            continue
        yield QuestionSpec(
            key=t.key(f"f{fact.id}"),
            template=t.name,
            kind="true_false",
            prompt=_statement(course, fact, fact.text, ()),
            options=["True", "False"],
            answer=True,
            **_fact_fields(course, fact, 1),
        )


@template
def fact_false(course, t):
    """The same sentence with one year, number or person swapped for a wrong one is false."""
    for fact in course.facts:
        if not is_testable(course, fact) or not _is_claim(fact.text):
            continue
        for kind in ("year", "number", "name"):
            yield _false_fact(course, t, fact, [d for d in details(course, fact) if d.kind == kind])


@template
def fact_heading(course, t):
    """For points with no name, year, number or term to ask about (reasons, arguments...): which
    of these points do the notes make under this heading? The wrong options are points made
    under other headings, of the same section first."""
    for fact in course.facts:
        topic = course.topics.get(fact.topic_id)
        if topic is None or topic.parent_id is None or is_testable(course, fact):
            continue
        if fact.kind == "numbered" or len(fact.text.split()) < 3:
            continue
        key = f"{t.name}:f{fact.id}"
        section = course.section(fact.topic_id)
        near, far = [], []
        for other in course.facts:
            if other.topic_id == fact.topic_id or other.kind == "numbered":
                continue
            if not 0.5 <= len(other.text) / len(fact.text) <= 2:
                continue
            (near if course.section(other.topic_id) == section else far).append(other.text)
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=f'Which of these points do the notes make under "{topic.title}"?',
            answer=fact.text,
            distractors=course.pick(key, [near, far], taken=[fact.text]),
            **_fact_fields(course, fact, 2),
        )


def _false_fact(course, t, fact, candidates):
    candidates = [d for d in candidates if _swappable(fact, d)]
    if not candidates:
        return None
    key = f"{t.name}:f{fact.id}:{candidates[0].kind}"
    # Swapping the first person named (usually who acted) makes a claim that is false; swapping
    # an object ("Stalin had access to Bukharin") can make one that is merely unrecorded.
    detail = candidates[0] if candidates[0].kind == "name" else course.rng(key).choice(candidates)
    wrong = wrong_values(course, key, fact, detail, n=1)
    if not wrong:
        return None
    fields = _fact_fields(course, fact, 1, detail)
    fields["explanation"] = "False. " + fields["explanation"]
    text = replace_spans(fact.text, detail.spans, wrong[0])
    return QuestionSpec(
        key=key,
        template=t.name,
        kind="true_false",
        prompt=_statement(
            course, fact, text, [*_detail_forms(course, detail), wrong[0]], detail.kind == "year"
        ),
        options=["True", "False"],
        answer=False,
        **fields,
    )


def _note_prompt(question, fact):
    return f'{question} "{quoted(sentence(fact.text))}"?'


@template
def fact_person_mcq(course, t):
    """A note about someone it does not name: who is it about?"""
    for fact in course.facts:
        # A note that names someone else ("The testament said Stalin...") is about that person
        # as much as the linked one, so only notes that name nobody are asked.
        linked = [i for i in fact.people if i in course.person]
        if len(linked) != 1 or course.people_in(fact.text) or not is_testable(course, fact):
            continue
        key = f"{t.name}:f{fact.id}"
        person = course.person[linked[0]]

        def eligible(other, person=person):
            return other.id != person.id

        fields = _fact_fields(course, fact, 1)
        fields["explanation"] += " " + course.who_was(person)
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=_note_prompt("Who is this note about:", fact),
            answer=person.name,
            distractors=course.pick(
                key, people_tiers(course, {course.section(fact.topic_id)}, eligible)
            ),
            forms=person_forms(person),
            **fields,
        )


@template
def fact_event_mcq(course, t):
    """A note that does not name its event: which event is it about?"""
    for fact in course.facts:
        unnamed = [
            i
            for i in fact.events
            if i in course.event and not leaks(fact.text, event_forms(course.event[i]))
        ]
        if not unnamed or not is_testable(course, fact):
            continue
        key = f"{t.name}:f{fact.id}"
        event = course.event[course.rng(key).choice(sorted(unnamed))]
        named = course.people_in(fact.text)

        def eligible(other, fact=fact, named=named):
            # "The death of Lenin" would fit "Lenin and Sverdlov died at the right time" too.
            return (
                other.id not in fact.events
                and not leaks(fact.text, event_forms(other))
                and not course.people_in(other.title) & named
            )

        fields = _fact_fields(course, fact, 1)
        fields["explanation"] += " " + course.event_said(event)
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=_note_prompt("Which event is this note about:", fact),
            answer=event.title,
            distractors=course.pick(key, event_tiers(course, event, eligible)),
            forms=event_forms(event),
            **fields,
        )


@template
def fact_term_mcq(course, t):
    """A note that describes a term without using it: which term?"""
    for fact in course.facts:
        unnamed = [
            i
            for i in fact.terms
            if i in course.term
            and not mentions(fact.text, term_forms(course.term[i]), plurals=True)
        ]
        if not unnamed or not is_testable(course, fact):
            continue
        key = f"{t.name}:f{fact.id}"
        term = course.term[course.rng(key).choice(sorted(unnamed))]
        rival = term_rivals(term)

        def eligible(other, fact=fact, rival=rival):
            return (
                other.id not in fact.terms
                and rival(other)
                and not mentions(fact.text, term_forms(other), plurals=True)
            )

        fields = _fact_fields(course, fact, 1)
        fields["explanation"] += " " + term_said(term)
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=_note_prompt("Which term does this note describe:", fact),
            answer=term.term,
            distractors=course.pick(key, term_tiers(course, fact.topic_id, eligible)),
            forms=term_forms(term),
            **fields,
        )
