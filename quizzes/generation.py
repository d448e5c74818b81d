"""Knowledge base -> question bank: `generate_bank(kb, seed)`.

Pure and seeded. The same knowledge base and seed always give the same list in the same order.
Every question takes its chance from its own key (`Course.rng`, `Course.rank`), never from a
shared stream, so adding an item to the knowledge base leaves unrelated questions exactly as
they were, and a new item only enters another question's options if it outranks the old ones.

The answer shapes per kind are fixed because `quizzes/marking.py` reads them:
- multiple_choice: options = 4 distinct strings, answer = one of them.
- true_false: options = ["True", "False"], answer = bool.
- typed / cloze: options = [], answer = {"text", "accept", "reject", "kind"}.
- matching: options = {"left": [...], "right": [...]}, answer = {left: right}.
- ordering: options = titles (never already in order), answer = the titles in order.
"""

import hashlib
import random
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from quizzes.marking import MAX_TEXT_LENGTH, normalise

BLANK = "_____"
MASK = "…"
KINDS = ("multiple_choice", "true_false", "typed", "cloze", "matching", "ordering")
SET_ROUNDS = 3  # sampling passes per section for ordering and matching sets

# Words that say nothing about who or what a role or definition is about.
STOPWORDS = frozenset({
    "a", "an", "and", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have",
    "his", "her", "in", "into", "is", "it", "its", "later", "of", "on", "or", "than", "that",
    "the", "their", "them", "then", "these", "this", "those", "to", "under", "was", "were",
    "which", "while", "who", "whom", "whose", "with",
})  # fmt: skip
# Capitalised words too common in this course to mark two roles or definitions as the same.
COMMON_CAPITALS = frozenset({
    "Soviet", "USSR", "Russia", "Russian", "Stalin", "Lenin", "Communist", "Party", "Bolshevik",
    "Bolsheviks",
})  # fmt: skip
FRACTIONS = ("1/10", "1/5", "1/4", "1/3", "1/2", "2/3", "3/4")
FRACTION_WORDS = {"1/4": ["a quarter", "one quarter"], "1/2": ["a half", "half"],
                  "1/3": ["a third", "one third"], "2/3": ["two thirds"],
                  "3/4": ["three quarters"]}  # fmt: skip

YEAR_RE = re.compile(r"(?<![\w.,/])(19[0-4]\d)(?![\w%]|'s\b|,\d)")
NUMBER_RE = re.compile(
    r"(?<![\w.,/–-])"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?P<range>\s?[-–]\s?\d+(?:,\d{3})*(?:\.\d+)?)?"
    r"(?P<fraction>/\d+)?"
    r"(?P<unit>\s?%|\s(?:million|billion|thousand)\b|x\b)?"
)
# "Permanent Revolution (1924) vs Socialism in One Country (1925)" sets two things side by side
# and claims nothing, so it cannot be true or false.
NOT_A_CLAIM_RE = re.compile(r"\b(vs\.?|versus)(?!\w)", re.IGNORECASE)
# Words before a year or number that make a claim about a bound, not a value: moving the value
# can leave the claim true ("by 1937" is also "by 1938"; "less than 10%" also "less than 15%").
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
SIMPLE_NUMBER_RE = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(\s?%|\s(?:million|billion|thousand)|x)?")


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


def generate_bank(kb, seed=0):
    """Every question the templates can make from `kb`, in a fixed order."""
    course = Course(kb, seed)
    bank, keys = [], set()
    for template in TEMPLATES:
        for question in template(course):
            if question is None:
                continue
            if question.key in keys:
                raise ValueError(f"Two questions share the key {question.key!r}.")
            keys.add(question.key)
            bank.append(question)
    return bank


# Text helpers ----------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def fold(text):
    """The form the marker compares answers in (case, accents, punctuation, a leading "the"):
    two options that fold alike would be the same answer to a student typing."""
    return normalise(str(text))


@lru_cache(maxsize=4096)
def _pattern(forms, ignore_case=True, plurals=False):
    forms = sorted({form for form in forms if form}, key=len, reverse=True)
    if not forms:
        return None
    suffix = r"(?:s|es)?" if plurals else ""
    flags = re.IGNORECASE if ignore_case else 0
    body = "|".join(map(re.escape, forms))
    return re.compile(rf"(?<!\w)(?:{body}){suffix}(?!\w)", flags)


def mentions(text, forms, *, ignore_case=True, plurals=False):
    pattern = _pattern(tuple(forms), ignore_case, plurals)
    return bool(pattern and pattern.search(text))


def leaks(prompt, forms):
    """Whether the prompt shows any form of its answer (whole words, any case)."""
    return mentions(prompt, [str(form) for form in forms])


@lru_cache(maxsize=65536)
def _content_words(text):
    return frozenset(
        w for w in re.findall(r"[a-z']+", text.lower()) if len(w) > 2 and w not in STOPWORDS
    )


@lru_cache(maxsize=65536)
def _salient_words(text):
    """Capitalised words that are not the first of a clause: names of groups, bodies, places."""
    words = set()
    for clause in re.split(r"[;:.]\s*", text):
        for word in re.findall(r"[A-Za-z][\w']*", clause)[1:]:
            word = re.sub(r"'s$", "", word)
            if word[0].isupper() and word not in COMMON_CAPITALS:
                words.add(word)
    return frozenset(words)


@lru_cache(maxsize=65536)
def similar(first, second):
    """Whether two roles or definitions may describe the same thing, so one cannot be a
    distractor for the other: a shared proper name ("the Right", "the NKVD") or half the words."""
    if fold(first) == fold(second) or _salient_words(first) & _salient_words(second):
        return True
    a, b = _content_words(first), _content_words(second)
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.5


def _sentence(text):
    text = text.strip()
    return text[:1].upper() + text[1:]


def _full_stop(text):
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


def _join(parts):
    parts = list(parts)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _in_sentence(title):
    """'The Shakhty trial' inside a sentence reads 'the Shakhty trial'."""
    return title[0].lower() + title[1:] if re.match(r"(The|A|An) ", title) else title


def _strip_article(title):
    return re.sub(r"^(The|A|An) ", "", title)


def _quoted(text):
    return text.strip().rstrip(".")


def _replace_spans(text, spans, replacement):
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


# Items -----------------------------------------------------------------------------------------


def person_forms(person):
    return tuple(dict.fromkeys(f for f in (person.name, person.full_name, *person.aliases) if f))


def term_forms(term):
    return tuple(dict.fromkeys(f for f in (term.term, *term.aliases) if f))


def event_forms(event):
    return tuple(dict.fromkeys((event.title, _strip_article(event.title))))


def event_years(event):
    return set(range(event.start_year, (event.end_year or event.start_year) + 1))


def spans_years(event):
    return event.end_year is not None and event.end_year != event.start_year


def event_dates(event):
    return f"{event.start_year}-{event.end_year}" if spans_years(event) else str(event.start_year)


def sources(*, facts=(), people=(), events=(), terms=(), quotes=()):
    lists = {"facts": facts, "people": people, "events": events, "terms": terms, "quotes": quotes}
    return {name: sorted(set(ids)) for name, ids in lists.items()}


class Course:
    """The knowledge base with the lookups templates share, and each question's own chance."""

    def __init__(self, kb, seed):
        self.kb = kb
        self.seed = seed
        self.topics = {topic.id: topic for topic in kb.topics}
        self.facts = sorted(kb.facts, key=lambda item: item.id)
        self.people = sorted(kb.people, key=lambda item: item.id)
        self.events = sorted(kb.events, key=lambda item: item.id)
        self.terms = sorted(kb.terms, key=lambda item: item.id)
        self.quotes = sorted(kb.quotes, key=lambda item: item.id)
        self.person = {p.id: p for p in self.people}
        self.event = {e.id: e for e in self.events}
        self.term = {t.id: t for t in self.terms}
        self.fact = {f.id: f for f in self.facts}
        self.capitalised, self.lowercase = self._word_cases()
        self.name_words = {
            word
            for p in self.people
            for word in re.findall(r"[A-Za-z][\w']+", " ".join(person_forms(p)))
        }
        self.person_topics = self._person_topics()
        self.event_facts = self._event_facts()
        self._cache = {}

    def cached(self, key, build):
        """Work several templates share (a fact's details), done once per bank."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    # Chance: every question draws from its own key, so questions never disturb each other.

    def rng(self, key):
        return random.Random(f"{self.seed}:{key}")

    def rank(self, key, text):
        digest = hashlib.blake2b(f"{self.seed}:{key}:{text}".encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big")

    def pick(self, key, tiers, *, taken=(), n=3, alike=None):
        """Up to n distinct strings, nearer tiers first; inside a tier the candidates are ranked
        by a hash of (seed, key, candidate), so a newcomer displaces one only if it outranks it.

        With `alike`, candidates too like one already chosen wait for a second pass: three
        versions of one wrong answer would leave the right one standing out."""
        seen = {fold(text) for text in taken}
        chosen = []
        for strict in (True, False) if alike else (False,):
            for tier in tiers:
                for text in sorted(set(tier), key=lambda t: (self.rank(key, t), t)):
                    if len(chosen) == n:
                        return chosen
                    if fold(text) in seen or (strict and any(alike(text, c) for c in chosen)):
                        continue
                    seen.add(fold(text))
                    chosen.append(text)
        return chosen

    def shuffled(self, key, items):
        items = list(items)
        self.rng(key).shuffle(items)
        return items

    # Topics.

    def section(self, topic_id):
        topic, seen = self.topics.get(topic_id), set()
        while topic and topic.parent_id in self.topics and topic.id not in seen:
            seen.add(topic.id)
            topic = self.topics[topic.parent_id]
        return topic.id if topic else topic_id

    def common_topic(self, topic_ids):
        topic_ids = set(topic_ids)
        if len(topic_ids) == 1:
            return topic_ids.pop()
        sections = {self.section(topic_id) for topic_id in topic_ids}
        return sections.pop() if len(sections) == 1 else min(sections)

    def _person_topics(self):
        """Each person's topics, most linked first: from facts, events and quotes."""
        counts = {person.id: Counter() for person in self.people}
        for fact in self.facts:
            for person_id in fact.people:
                counts.get(person_id, Counter())[fact.topic_id] += 1
        for event in self.events:
            for person_id in event.people:
                counts.get(person_id, Counter())[event.topic_id] += 1
        for quote in self.quotes:
            for person_id in (quote.speaker_id, quote.about_id):
                if person_id in counts:
                    counts[person_id][quote.topic_id] += 1
        order = {topic.id: position for position, topic in enumerate(self.kb.topics)}
        return {
            person_id: sorted(c, key=lambda t: (-c[t], order.get(t, t)))
            for person_id, c in counts.items()
        }

    def person_topic(self, person):
        topics = self.person_topics[person.id]
        return topics[0] if topics else self.kb.topics[0].id

    def person_sections(self, person):
        return {self.section(topic_id) for topic_id in self.person_topics[person.id]}

    def _event_facts(self):
        linked = {event.id: set(event.facts) for event in self.events}
        for fact in self.facts:
            for event_id in fact.events:
                linked.setdefault(event_id, set()).add(fact.id)
        return {event_id: sorted(ids) for event_id, ids in linked.items()}

    # Wording.

    def _word_cases(self):
        """How often the course writes each word capitalised, and in lower case, mid-sentence."""
        texts = [f.text for f in self.facts] + [p.role for p in self.people]
        texts += [t.definition for t in self.terms] + [e.title for e in self.events]
        capitalised, lowercase = Counter(), Counter()
        for text in texts:
            for clause in re.split(r"(?:[.:;!?(]|\s[-–]\s)\s*", text):
                for word in re.findall(r"[A-Za-z][\w']*", clause)[1:]:
                    counts = capitalised if word[0].isupper() else lowercase
                    counts[re.sub(r"'s$", "", word).lower()] += 1
        return capitalised, lowercase

    def lower_first(self, text):
        """Lower-case the first word for use inside a sentence, unless it is an acronym, a name,
        or a word the course itself capitalises ("Commissar", "Leningrad", "Georgian")."""
        match = re.match(r"[A-Za-z][\w']*", text)
        if not match or not text[0].isupper():
            return text
        word = re.sub(r"'s$", "", match.group(0))
        key = word.lower()
        if (len(word) > 1 and word.isupper()) or word in self.name_words:
            return text
        if self.capitalised[key] > self.lowercase[key]:
            return text
        if not self.lowercase[key] and key.endswith(("ian", "ish", "ese", "an")):
            return text  # a nationality the course happens never to use mid-sentence
        return text[:1].lower() + text[1:]

    def role_phrase(self, role):
        """'Commissar for Heavy Industry; opposed the Terror' ->
        'the Commissar for Heavy Industry and opposed the Terror' (follows 'was')."""
        parts = [p.strip() for p in re.split(r";\s*", role.strip().rstrip(".")) if p.strip()]
        first = self.lower_first(parts[0])
        opening = first.split()[0].lower()
        if opening not in {"a", "an", "the", "one"} and not re.search(r"s?'s?$", opening):
            first = "the " + first
        return _join([first, *(self.lower_first(part) for part in parts[1:])])

    def mask(self, definition, forms):
        """A definition with its own term hidden, so it never gives the term away."""
        text = definition.strip().rstrip(".")
        for form in sorted(forms, key=len, reverse=True):
            text = re.sub(rf"^{re.escape(form)}\s*[:–-]\s*", "", text, flags=re.IGNORECASE)
        pattern = _pattern(tuple(forms), True, True)
        return _sentence(pattern.sub(MASK, text)) if pattern else _sentence(text)

    def notes_say(self, fact):
        return f"The notes say: {_full_stop(fact.text)}"

    def who_was(self, person):
        return f"{person.full_name} was {self.role_phrase(person.role)}." if person.role else ""

    def event_said(self, event):
        if spans_years(event):
            return f"{event.title} began in {event.start_year} and ended in {event.end_year}."
        return f"{event.title} took place in {event.start_year}."

    # Candidate pools, nearest first.

    def people_in(self, text):
        return {p.id for p in self.people if mentions(text, person_forms(p), ignore_case=False)}

    def people_tiers(self, sections, eligible, form="name"):
        near, far = [], []
        for person in self.people:
            if eligible(person):
                label = getattr(person, form) or person.name
                (near if self.person_sections(person) & sections else far).append(label)
        return [near, far]

    def term_tiers(self, topic_id, eligible, label=lambda term: term.term):
        section = self.section(topic_id)
        tiers = [[], [], []]
        for term in self.terms:
            if eligible(term):
                same_section = self.section(term.topic_id) == section
                tiers[0 if term.topic_id == topic_id else 1 if same_section else 2].append(
                    label(term)
                )
        return tiers

    def event_tiers(self, event, eligible):
        section = self.section(event.topic_id)
        tiers = [[], [], []]
        for other in self.events:
            if eligible(other):
                close = abs(other.start_year - event.start_year) <= 4
                same_section = self.section(other.topic_id) == section
                tiers[0 if close and same_section else 1 if close else 2].append(other.title)
        return tiers


# Question builders: each returns None when the question would not be fair -----------------------


def multiple_choice(course, *, key, prompt, answer, distractors, forms=(), **fields):
    """Four options. `forms` are other ways of writing the answer: never in prompt or options."""
    taken = {fold(f) for f in (answer, *forms)}
    # The marker refuses responses longer than MAX_TEXT_LENGTH, so no option may be longer.
    distractors = [d for d in distractors if fold(d) not in taken and len(d) <= MAX_TEXT_LENGTH]
    if len(distractors) < 3 or len(answer) > MAX_TEXT_LENGTH or leaks(prompt, [answer, *forms]):
        return None
    options = course.shuffled(key, [answer, *distractors[:3]])
    return QuestionSpec(
        key=key, kind="multiple_choice", prompt=prompt, options=options, answer=answer, **fields
    )


def typed(course, *, key, prompt, text, accept, reject, answer_kind, kind="typed", **fields):
    """A typed or cloze answer. The marker treats a response as near a reject as to an accepted
    form as wrong, so a reject that folds (spaces aside) like an accepted form is dropped."""
    accepted = list(dict.fromkeys(a for a in accept if fold(a) != fold(text)))
    accepted_forms = {fold(a).replace(" ", "") for a in (text, *accepted)}
    rejected = list(
        dict.fromkeys(r for r in reject if fold(r).replace(" ", "") not in accepted_forms)
    )
    if leaks(prompt, [text, *accepted]):
        return None
    answer = {"text": text, "accept": accepted, "reject": rejected, "kind": answer_kind}
    return QuestionSpec(key=key, kind=kind, prompt=prompt, options=[], answer=answer, **fields)


def true_false(*, key, statement, truth, **fields):
    return QuestionSpec(
        key=key,
        kind="true_false",
        prompt=f"True or false: {_full_stop(_sentence(statement))}",
        options=["True", "False"],
        answer=truth,
        **fields,
    )


# Events ----------------------------------------------------------------------------------------


def _event_notes(course, event):
    """The first fact about the event, to quote in explanations: (text, [fact id])."""
    fact_ids = course.event_facts.get(event.id, [])
    if not fact_ids:
        return "", []
    return " " + course.notes_say(course.fact[fact_ids[0]]), fact_ids[:1]


def _near_years(course, key, event, n=3):
    """Years a few either side of the start that the event does not span: nearest first."""
    years = event_years(event)
    near = [event.start_year + d for d in (-2, -1, 1, 2)]
    wider = [event.start_year + d for d in (-5, -4, -3, 3, 4, 5)]
    tiers = [[str(y) for y in tier if y not in years] for tier in (near, wider)]
    return course.pick(key, tiers, n=n)


def _event_question(event):
    verb = "begin" if spans_years(event) else "take place"
    return f"In which year did {_in_sentence(event.title)} {verb}?"


def _event_fields(course, event, template, difficulty):
    notes, fact_ids = _event_notes(course, event)
    return {
        "template": template,
        "explanation": course.event_said(event) + notes,
        "difficulty": difficulty,
        "topic_id": event.topic_id,
        "sources": sources(events=[event.id], facts=fact_ids),
    }


def event_year_typed(course):
    for event in course.events:
        key = f"event_year_typed:e{event.id}"
        others = sorted(event_years(event) - {event.start_year})
        yield typed(
            course,
            key=key,
            prompt=_event_question(event),
            text=str(event.start_year),
            accept=[],
            reject=[str(y) for y in others] + _near_years(course, key, event, n=4),
            answer_kind="year",
            **_event_fields(course, event, "event_year_typed", 3),
        )


def event_year_mcq(course):
    for event in course.events:
        key = f"event_year_mcq:e{event.id}"
        yield multiple_choice(
            course,
            key=key,
            prompt=_event_question(event),
            answer=str(event.start_year),
            distractors=_near_years(course, key, event),
            **_event_fields(course, event, "event_year_mcq", 1),
        )


def year_event_mcq(course):
    for event in course.events:
        key = f"year_event_mcq:e{event.id}"
        year = event.start_year
        verb = "began" if spans_years(event) else "took place"

        def eligible(other, year=year, event=event):
            # Never another event of that year, nor one whose title names a year.
            return (
                other.id != event.id
                and year not in event_years(other)
                and not YEAR_RE.search(other.title)
            )

        yield multiple_choice(
            course,
            key=key,
            prompt=f"Which of these events {verb} in {year}?",
            answer=event.title,
            distractors=course.pick(key, course.event_tiers(event, eligible)),
            **_event_fields(course, event, "year_event_mcq", 1),
        )


def event_year_true_false(course):
    for event in course.events:
        verb = "began" if spans_years(event) else "took place"
        true_key = f"event_year_true:e{event.id}"
        yield true_false(
            key=true_key,
            statement=f"{event.title} {verb} in {event.start_year}",
            truth=True,
            **_event_fields(course, event, "event_year_true", 1),
        )
        false_key = f"event_year_false:e{event.id}"
        wrong = _near_years(course, false_key, event, n=1)
        if wrong:
            fields = _event_fields(course, event, "event_year_false", 1)
            fields["explanation"] = "False. " + fields["explanation"]
            yield true_false(
                key=false_key,
                statement=f"{event.title} {verb} in {wrong[0]}",
                truth=False,
                **fields,
            )


# People ----------------------------------------------------------------------------------------


def _role_rivals(course, person):
    """People who must not be offered as wrong answers to a question about this person's role:
    anyone whose role could also fit, anyone named in the role, anyone sharing a name."""

    def eligible(other):
        return (
            other.id != person.id
            and bool(other.role)
            and not similar(person.role, other.role)
            and not mentions(person.role, person_forms(other), ignore_case=False)
            and not {fold(f) for f in person_forms(other)} & {fold(f) for f in person_forms(person)}
        )

    return eligible


def _person_fields(course, person, template, difficulty):
    return {
        "template": template,
        "explanation": course.who_was(person),
        "difficulty": difficulty,
        "topic_id": course.person_topic(person),
        "sources": sources(people=[person.id]),
    }


def _who_was_prompt(course, person):
    return f"Who was {course.role_phrase(person.role)}?"


def person_from_role_mcq(course):
    for person in course.people:
        if not person.role:
            continue
        key = f"person_from_role_mcq:p{person.id}"
        tiers = course.people_tiers(course.person_sections(person), _role_rivals(course, person))
        yield multiple_choice(
            course,
            key=key,
            prompt=_who_was_prompt(course, person),
            answer=person.name,
            distractors=course.pick(key, tiers, taken=person_forms(person)),
            forms=person_forms(person),
            **_person_fields(course, person, "person_from_role_mcq", 1),
        )


def person_from_role_typed(course):
    for person in course.people:
        if not person.role:
            continue
        key = f"person_from_role_typed:p{person.id}"
        tiers = course.people_tiers(course.person_sections(person), _role_rivals(course, person))
        named = [course.person[i].name for i in sorted(course.people_in(person.role))]
        yield typed(
            course,
            key=key,
            prompt=_who_was_prompt(course, person),
            text=person.name,
            accept=person_forms(person),
            reject=course.pick(key, tiers, taken=person_forms(person)) + named,
            answer_kind="name",
            **_person_fields(course, person, "person_from_role_typed", 2),
        )


def person_role_mcq(course):
    for person in course.people:
        if not person.role or mentions(person.role, person_forms(person)):
            continue  # a role that names its own person would answer the question
        key = f"person_role_mcq:p{person.id}"
        rival = _role_rivals(course, person)

        def eligible(other, person=person, rival=rival):
            return rival(other) and not mentions(other.role, person_forms(person))

        tiers = course.people_tiers(course.person_sections(person), eligible, form="role")
        yield multiple_choice(
            course,
            key=key,
            prompt=f"Which of these best describes {person.name}?",
            answer=_quoted(person.role),
            distractors=[
                _quoted(role)
                for role in course.pick(key, tiers, taken=[person.role], alike=similar)
            ],
            **_person_fields(course, person, "person_role_mcq", 1),
        )


# Terms -----------------------------------------------------------------------------------------


def _term_rivals(term):
    """Terms that must not be wrong answers for this one: the same idea, or one defined by it."""

    def eligible(other):
        return (
            other.id != term.id
            and not similar(term.definition, other.definition)
            and not mentions(other.definition, term_forms(term), plurals=True)
            and not mentions(term.definition, term_forms(other), plurals=True)
            and not {fold(f) for f in term_forms(other)} & {fold(f) for f in term_forms(term)}
        )

    return eligible


def _term_fields(course, term, template, difficulty):
    return {
        "template": template,
        "explanation": _term_said(term),
        "difficulty": difficulty,
        "topic_id": term.topic_id,
        "sources": sources(terms=[term.id]),
    }


def _term_said(term):
    return f"{_sentence(term.term)}: {_full_stop(term.definition)}"


def _definition_prompt(course, term):
    meaning = course.lower_first(course.mask(term.definition, term_forms(term)))
    return f"Which term means: {meaning}?"


def term_definition_mcq(course):
    for term in course.terms:
        key = f"term_definition_mcq:t{term.id}"
        tiers = course.term_tiers(
            term.topic_id,
            _term_rivals(term),
            label=lambda other: course.mask(other.definition, term_forms(other)),
        )
        yield multiple_choice(
            course,
            key=key,
            prompt=f"What does '{term.term}' mean?",
            answer=course.mask(term.definition, term_forms(term)),
            distractors=course.pick(key, tiers, alike=similar),
            **_term_fields(course, term, "term_definition_mcq", 1),
        )


def definition_term_mcq(course):
    for term in course.terms:
        key = f"definition_term_mcq:t{term.id}"
        prompt = _definition_prompt(course, term)
        rival = _term_rivals(term)

        def eligible(other, prompt=prompt, rival=rival):
            return rival(other) and not mentions(prompt, term_forms(other), plurals=True)

        yield multiple_choice(
            course,
            key=key,
            prompt=prompt,
            answer=term.term,
            distractors=course.pick(key, course.term_tiers(term.topic_id, eligible)),
            forms=term_forms(term),
            **_term_fields(course, term, "definition_term_mcq", 1),
        )


def definition_term_typed(course):
    for term in course.terms:
        key = f"definition_term_typed:t{term.id}"
        prompt = _definition_prompt(course, term)
        yield typed(
            course,
            key=key,
            prompt=prompt,
            text=term.term,
            accept=term_forms(term),
            reject=course.pick(key, course.term_tiers(term.topic_id, _term_rivals(term))),
            answer_kind="term",
            **_term_fields(course, term, "definition_term_typed", 2),
        )


# Quotes ----------------------------------------------------------------------------------------


def _quote_verb(quote):
    written = re.search(r"\b(wr[io]t\w*|article|book|letter|testament|Pravda)\b", quote.context)
    return ("wrote", "writing") if written else ("said", "talking")


def _quote_fields(course, quote, template):
    verb = _quote_verb(quote)[0]
    speaker = course.person.get(quote.speaker_id)
    about = course.person.get(quote.about_id)
    if speaker:
        said = f"{speaker.full_name} {verb} this" + (f" about {about.name}" if about else "")
    else:
        said = f"These words are about {about.name}" if about else "Nobody knows who said this"
    said += f" in {quote.year}" if quote.year else ""
    context = f" {_full_stop(_sentence(quote.context))}" if quote.context else ""
    people = [p.id for p in (speaker, about) if p]
    return {
        "template": template,
        "explanation": f"{said}.{context}",
        "difficulty": 1,
        "topic_id": quote.topic_id,
        "sources": sources(quotes=[quote.id], people=people, facts=quote.facts[:1]),
    }


def quote_speaker_mcq(course):
    for quote in course.quotes:
        speaker = course.person.get(quote.speaker_id)
        if speaker is None:
            continue  # an unknown speaker has no right answer
        about = course.person.get(quote.about_id)
        key = f"quote_speaker_mcq:q{quote.id}"
        named = course.people_in(quote.text)

        def eligible(other, speaker=speaker, about=about, named=named):
            return other.id not in {speaker.id, getattr(about, "id", None), *named}

        sections = {course.section(quote.topic_id)}
        about_part = f" this about {about.name}" if about else ""
        yield multiple_choice(
            course,
            key=key,
            prompt=f"Who {_quote_verb(quote)[0]}{about_part}: '{_quoted(quote.text)}'?",
            answer=speaker.name,
            distractors=course.pick(key, course.people_tiers(sections, eligible)),
            forms=person_forms(speaker),
            **_quote_fields(course, quote, "quote_speaker_mcq"),
        )


def quote_about_mcq(course):
    for quote in course.quotes:
        about = course.person.get(quote.about_id)
        if about is None:
            continue
        speaker = course.person.get(quote.speaker_id)
        key = f"quote_about_mcq:q{quote.id}"
        named = course.people_in(quote.text)

        def eligible(other, speaker=speaker, about=about, named=named):
            return other.id not in {about.id, getattr(speaker, "id", None), *named}

        if speaker:
            prompt = f"Who was {speaker.name} {_quote_verb(quote)[1]} about: "
        else:
            prompt = "Who were these words about: "
        yield multiple_choice(
            course,
            key=key,
            prompt=f"{prompt}'{_quoted(quote.text)}'?",
            answer=about.name,
            distractors=course.pick(
                key, course.people_tiers({course.section(quote.topic_id)}, eligible)
            ),
            forms=person_forms(about),
            **_quote_fields(course, quote, "quote_about_mcq"),
        )


# Facts: the details a sentence of the notes can be tested on -----------------------------------


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
        pattern = _pattern(tuple(f for f in person_forms(person) if len(f) >= 3), False)
        for match in pattern.finditer(text) if pattern else ():
            yield match.start(), match.end(), "name", person.id


def _term_matches(course, text):
    for term in course.terms:
        pattern = _pattern(tuple(f for f in term_forms(term) if len(f) >= 3), True, True)
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
    body = _sentence(_replace_spans(fact.text, detail.spans, BLANK)).rstrip(".")
    forms = _detail_forms(course, detail)
    return _headed(course, fact, "Fill in the blank", body, forms, dated=detail.kind == "year")


def _fill_ins(course):
    """{blanked note: the fillers the notes give it}: two notes reading 'Part of the _____'
    (Politburo, Orgburo) make each filler a right answer for the other's blank."""

    def build():
        fills = {}
        for fact in course.facts:
            for detail in details(course, fact):
                blanked = fold(_replace_spans(fact.text, detail.spans, BLANK))
                fills.setdefault(blanked, set()).update(
                    fold(f) for f in _detail_forms(course, detail)
                )
        return fills

    return course.cached("fill_ins", build)


def _fits_elsewhere(course, fact, detail):
    return _fill_ins(course).get(fold(_replace_spans(fact.text, detail.spans, BLANK)), set())


def _askable(course, fact, detail):
    return len(_substance(_replace_spans(fact.text, detail.spans, BLANK))) >= 2


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


def _round(value):
    """Two significant figures, so invented numbers look like the notes' own."""
    if value >= 10:
        digits = len(str(int(value))) - 2
        return round(value / 10**digits) * 10**digits
    return round(value, 1) if value < 1 else round(value * 2) / 2


def number_options(surface):
    """Numbers of the same kind and size as `surface`, written the same way; none for ranges."""
    if "/" in surface:
        value = _fraction_value(surface)
        return [f for f in FRACTIONS if _fraction_value(f) != value]
    match = SIMPLE_NUMBER_RE.fullmatch(surface)
    if not match:
        return []
    digits, unit = match.group(1), match.group(2) or ""
    value = float(digits.replace(",", ""))
    whole = "." not in digits
    options = []
    for factor in (0.5, 2, 1.5, 3, 0.25, 4, 0.75, 1.25):
        new = _round(value * factor)
        if new == value or new < 1 or (unit.strip() == "%" and new >= 100 >= value):
            continue
        if whole:
            new = round(new)
            if new == value or new < 1:
                continue
        commas = "," in digits or (whole and new >= 10000 and value >= 10000)
        options.append((f"{new:,}" if commas else str(new)) + unit)
    return list(dict.fromkeys(options))


def _fraction_value(text):
    top, bottom = text.split("/")
    return int(top) / int(bottom)


def number_accepts(surface):
    """Other ways a student may fairly write the number: '80' for '80%', '25000' for '25,000'."""
    accepts = []
    if "/" in surface:
        return FRACTION_WORDS.get(surface, [])
    bare = surface.replace(",", "")
    if bare != surface:
        accepts.append(bare)
    if surface.endswith("%"):
        number = surface.rstrip("%").strip()
        accepts += [number, f"{number} per cent", f"{number} percent"]
    match = re.fullmatch(r"(\d+(?:\.\d+)?) (million|thousand|billion)", surface)
    if match:
        scale = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[match.group(2)]
        value = round(float(match.group(1)) * scale)
        accepts += [f"{value:,}", str(value)]
    if surface.endswith("x"):
        accepts += [surface[:-1], f"{surface[:-1]} times"]
    return accepts


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
    return course.pick(key, [alike, *course.people_tiers(sections, eligible, form=form)], n=n)


def _term_options(course, key, fact, detail, n=3):
    term = course.term[detail.ident]
    rival = _term_rivals(term)

    def eligible(other):
        return (
            other.id not in fact.terms
            and rival(other)
            and not mentions(fact.text, term_forms(other), plurals=True)
        )

    return course.pick(key, course.term_tiers(fact.topic_id, eligible), n=n)


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
        return " " + _term_said(course.term[detail.ident])
    return ""


def _fact_fields(course, fact, template, difficulty, detail=None):
    linked = {"people": list(fact.people), "events": list(fact.events), "terms": list(fact.terms)}
    if detail and detail.kind in ("name", "term"):
        linked["people" if detail.kind == "name" else "terms"].append(detail.ident)
    note = _detail_note(course, fact, detail) if detail else ""
    return {
        "template": template,
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


def fact_cloze(course):
    for fact in course.facts:
        for detail in details(course, fact):
            if not _askable(course, fact, detail):
                continue
            key = f"fact_cloze:f{fact.id}:{detail.slug}"
            yield typed(
                course,
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
                    "fact_cloze",
                    3 if detail.kind in ("year", "number") else 2,
                    detail,
                ),
            )


def fact_detail_mcq(course):
    for fact in course.facts:
        for detail in details(course, fact):
            if not _askable(course, fact, detail):
                continue
            key = f"fact_detail_mcq:f{fact.id}:{detail.slug}"
            yield multiple_choice(
                course,
                key=key,
                prompt=_blanked(course, fact, detail),
                answer=_option_form(course, detail),
                distractors=wrong_values(course, key, fact, detail),
                forms=_detail_forms(course, detail),
                **_fact_fields(course, fact, "fact_detail_mcq", 1, detail),
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
    return _headed(course, fact, "True or false", _full_stop(_sentence(text)), hidden, dated)


def fact_true_false(course):
    """The fact as written is true; the same sentence with one year, number or person swapped
    for a wrong one of the same kind is false."""
    for fact in course.facts:
        if not is_testable(course, fact) or not _is_claim(fact.text):
            continue
        yield QuestionSpec(
            key=f"fact_true:f{fact.id}",
            kind="true_false",
            prompt=_statement(course, fact, fact.text, ()),
            options=["True", "False"],
            answer=True,
            **_fact_fields(course, fact, "fact_true", 1),
        )
        for kind in ("year", "number", "name"):
            yield _false_fact(course, fact, [d for d in details(course, fact) if d.kind == kind])


def fact_heading_mcq(course):
    """For points with no name, year, number or term to ask about (reasons, arguments...): which
    of these points do the notes make under this heading? The wrong options are points made
    under other headings, of the same section first."""
    for fact in course.facts:
        topic = course.topics.get(fact.topic_id)
        if topic is None or topic.parent_id is None or is_testable(course, fact):
            continue
        if fact.kind == "numbered" or len(fact.text.split()) < 3:
            continue
        key = f"fact_heading:f{fact.id}"
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
            key=key,
            prompt=f'Which of these points do the notes make under "{topic.title}"?',
            answer=fact.text,
            distractors=course.pick(key, [near, far], taken=[fact.text]),
            **_fact_fields(course, fact, "fact_heading", 2),
        )


def _false_fact(course, fact, candidates):
    candidates = [d for d in candidates if _swappable(fact, d)]
    if not candidates:
        return None
    key = f"fact_false:f{fact.id}:{candidates[0].kind}"
    # Swapping the first person named (usually who acted) makes a claim that is false; swapping
    # an object ("Stalin had access to Bukharin") can make one that is merely unrecorded.
    detail = candidates[0] if candidates[0].kind == "name" else course.rng(key).choice(candidates)
    wrong = wrong_values(course, key, fact, detail, n=1)
    if not wrong:
        return None
    fields = _fact_fields(course, fact, "fact_false", 1, detail)
    fields["explanation"] = "False. " + fields["explanation"]
    text = _replace_spans(fact.text, detail.spans, wrong[0])
    return QuestionSpec(
        key=key,
        kind="true_false",
        prompt=_statement(
            course, fact, text, [*_detail_forms(course, detail), wrong[0]], detail.kind == "year"
        ),
        options=["True", "False"],
        answer=False,
        **fields,
    )


def _note_prompt(question, fact):
    return f'{question} "{_quoted(_sentence(fact.text))}"?'


def fact_person_mcq(course):
    """A note about someone it does not name: who is it about?"""
    for fact in course.facts:
        # A note that names someone else ("The testament said Stalin...") is about that person
        # as much as the linked one, so only notes that name nobody are asked.
        linked = [i for i in fact.people if i in course.person]
        if len(linked) != 1 or course.people_in(fact.text) or not is_testable(course, fact):
            continue
        key = f"fact_person_mcq:f{fact.id}"
        person = course.person[linked[0]]

        def eligible(other, person=person):
            return other.id != person.id

        fields = _fact_fields(course, fact, "fact_person_mcq", 1)
        fields["explanation"] += " " + course.who_was(person)
        yield multiple_choice(
            course,
            key=key,
            prompt=_note_prompt("Who is this note about:", fact),
            answer=person.name,
            distractors=course.pick(
                key, course.people_tiers({course.section(fact.topic_id)}, eligible)
            ),
            forms=person_forms(person),
            **fields,
        )


def fact_event_mcq(course):
    """A note that does not name its event: which event is it about?"""
    for fact in course.facts:
        unnamed = [
            i
            for i in fact.events
            if i in course.event and not leaks(fact.text, event_forms(course.event[i]))
        ]
        if not unnamed or not is_testable(course, fact):
            continue
        key = f"fact_event_mcq:f{fact.id}"
        event = course.event[course.rng(key).choice(sorted(unnamed))]
        named = course.people_in(fact.text)

        def eligible(other, fact=fact, named=named):
            # "The death of Lenin" would fit "Lenin and Sverdlov died at the right time" too.
            return (
                other.id not in fact.events
                and not leaks(fact.text, event_forms(other))
                and not course.people_in(other.title) & named
            )

        fields = _fact_fields(course, fact, "fact_event_mcq", 1)
        fields["explanation"] += " " + course.event_said(event)
        yield multiple_choice(
            course,
            key=key,
            prompt=_note_prompt("Which event is this note about:", fact),
            answer=event.title,
            distractors=course.pick(key, course.event_tiers(event, eligible)),
            forms=event_forms(event),
            **fields,
        )


def fact_term_mcq(course):
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
        key = f"fact_term_mcq:f{fact.id}"
        term = course.term[course.rng(key).choice(sorted(unnamed))]
        rival = _term_rivals(term)

        def eligible(other, fact=fact, rival=rival):
            return (
                other.id not in fact.terms
                and rival(other)
                and not mentions(fact.text, term_forms(other), plurals=True)
            )

        fields = _fact_fields(course, fact, "fact_term_mcq", 1)
        fields["explanation"] += " " + _term_said(term)
        yield multiple_choice(
            course,
            key=key,
            prompt=_note_prompt("Which term does this note describe:", fact),
            answer=term.term,
            distractors=course.pick(key, course.term_tiers(fact.topic_id, eligible)),
            forms=term_forms(term),
            **fields,
        )


# Sets: which came first, ordering, matching ----------------------------------------------------


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


def _orderable(event):
    return not YEAR_RE.search(event.title)  # a title that names its year orders itself


def _apart_in_time(first, second):
    """No shared year at all: an event inside another's span has no clear 'earlier'."""
    return not event_years(first) & event_years(second)


def _event_sets(course, name, sizes):
    events = [e for e in course.events if _orderable(e)]
    return sample_sets(course, name, events, lambda e: e.topic_id, _apart_in_time, sizes)


def _set_fields(course, template, difficulty, items, topic_of, **source_ids):
    return {
        "template": template,
        "difficulty": difficulty,
        "topic_id": course.common_topic(topic_of(item) for item in items),
        "sources": sources(**source_ids),
    }


def _in_order(events):
    return sorted(events, key=lambda e: e.start_year)


def _order_explanation(events):
    listed = [f"{_in_sentence(e.title)} ({event_dates(e)})" for e in _in_order(events)]
    return _sentence("In order: " + ", ".join(listed) + ".")


def _ids(prefix, items):
    return ",".join(f"{prefix}{item.id}" for item in items)


def which_came_first(course):
    for events in _event_sets(course, "which_first", (4,)):
        key = f"which_first:{_ids('e', events)}"
        first, *later = _in_order(events)
        yield multiple_choice(
            course,
            key=key,
            prompt="Which of these happened first?",
            answer=first.title,
            distractors=[e.title for e in later],
            explanation=_order_explanation(events),
            **_set_fields(
                course,
                "which_first",
                1,
                events,
                lambda e: e.topic_id,
                events=[e.id for e in events],
            ),
        )


def ordering(course):
    for events in _event_sets(course, "ordering", (4, 5)):
        key = f"ordering:{_ids('e', events)}"
        answer = [e.title for e in _in_order(events)]
        rng = course.rng(key)
        options = list(answer)
        while options == answer:  # shuffled, but never handed over already in order
            rng.shuffle(options)
        yield QuestionSpec(
            key=key,
            kind="ordering",
            prompt="Put these events in chronological order, earliest first.",
            options=options,
            answer=answer,
            explanation=_order_explanation(events),
            **_set_fields(
                course,
                "ordering",
                3 if len(events) == 5 else 2,
                events,
                lambda e: e.topic_id,
                events=[e.id for e in events],
            ),
        )


def _matching(course, key, prompt, pairs, explanation, fields):
    left = [left for left, _ in pairs]
    right = course.shuffled(key, [right for _, right in pairs])
    return QuestionSpec(
        key=key,
        kind="matching",
        prompt=prompt,
        options={"left": left, "right": right},
        answer=dict(pairs),
        explanation=explanation,
        **fields,
    )


def match_people(course):
    people = [
        p
        for p in course.people
        if p.role and len(p.role) <= MAX_TEXT_LENGTH and not mentions(p.role, person_forms(p))
    ]

    def compatible(first, second):
        return _role_rivals(course, first)(second) and not mentions(
            second.role, person_forms(first), ignore_case=False
        )

    for group in sample_sets(
        course, "match_people", people, course.person_topic, compatible, (4, 5)
    ):
        key = f"match_people:{_ids('p', group)}"
        yield _matching(
            course,
            key,
            "Match each person to their role.",
            [(p.name, _quoted(p.role)) for p in group],
            " ".join(course.who_was(p) for p in group),
            _set_fields(
                course, "match_people", 2, group, course.person_topic, people=[p.id for p in group]
            ),
        )


def match_terms(course):
    def compatible(first, second):
        return _term_rivals(first)(second)

    terms = [
        t for t in course.terms if len(course.mask(t.definition, term_forms(t))) <= MAX_TEXT_LENGTH
    ]
    for group in sample_sets(
        course, "match_terms", terms, lambda t: t.topic_id, compatible, (4, 5)
    ):
        key = f"match_terms:{_ids('t', group)}"
        pairs = [(t.term, course.mask(t.definition, term_forms(t))) for t in group]
        yield _matching(
            course,
            key,
            "Match each term to its meaning.",
            pairs,
            " ".join(_term_said(t) for t in group),
            _set_fields(
                course, "match_terms", 2, group, lambda t: t.topic_id, terms=[t.id for t in group]
            ),
        )


def match_event_years(course):
    for group in _event_sets(course, "match_event_years", (4, 5)):
        key = f"match_event_years:{_ids('e', group)}"
        yield _matching(
            course,
            key,
            "Match each event to its date.",
            [(e.title, event_dates(e)) for e in group],
            " ".join(course.event_said(e) for e in _in_order(group)),
            _set_fields(
                course,
                "match_event_years",
                2,
                group,
                lambda e: e.topic_id,
                events=[e.id for e in group],
            ),
        )


TEMPLATES = (
    event_year_typed,
    event_year_mcq,
    year_event_mcq,
    event_year_true_false,
    person_from_role_mcq,
    person_from_role_typed,
    person_role_mcq,
    term_definition_mcq,
    definition_term_mcq,
    definition_term_typed,
    quote_speaker_mcq,
    quote_about_mcq,
    fact_cloze,
    fact_detail_mcq,
    fact_true_false,
    fact_heading_mcq,
    fact_person_mcq,
    fact_event_mcq,
    fact_term_mcq,
    which_came_first,
    ordering,
    match_people,
    match_terms,
    match_event_years,
)
