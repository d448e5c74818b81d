"""A plain, read-only snapshot of the knowledge base.

Question generation works on these dataclasses rather than on model instances, so it can be
tested without a database and run anywhere. `topics.snapshot.load_knowledge_base()` builds one
from the database in a fixed number of queries.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TopicItem:
    id: int
    slug: str
    title: str
    parent_id: int | None  # None for a section of the course


@dataclass(frozen=True)
class FactItem:
    id: int
    topic_id: int
    text: str  # display text, spelling corrected
    original_text: str  # as written in the notes
    kind: str  # "bullet", "numbered", "timeline" or "paragraph"
    source: str  # e.g. "card 13 of 30"
    people: tuple[int, ...] = ()
    events: tuple[int, ...] = ()
    terms: tuple[int, ...] = ()
    not_for_questions: str = ""  # why no question uses this point; blank: it may be used


@dataclass(frozen=True)
class PersonItem:
    id: int
    slug: str
    name: str  # the usual short name: "Stalin", "Zinoviev"
    full_name: str  # "Joseph Stalin"; may equal name
    aliases: tuple[str, ...]  # other accepted names and spellings
    role: str  # one line: "General Secretary of the Communist Party from 1922"
    facts: tuple[int, ...] = ()
    in_notes: bool = True  # False for people the course adds (rivals of the period)


# The verbs an event may take besides "was ..." and "were ...", by their first word in the past
# tense, with the form a question asks with: "In which year did the Civil War break out?",
# "In which year did Trotsky join the Bolshevik party?"
EVENT_VERBS = {
    "began": "begin",
    "broke": "break",
    "took": "take",
    "died": "die",
    "joined": "join",
    "attacked": "attack",
    "mined": "mine",
    "stood": "stand",
}


def is_event_verb(verb):
    first = verb.split(" ")[0]
    return first in EVENT_VERBS or first in ("was", "were")


def asking_form(verb):
    """'broke out' is asked 'did ... break out'; None for 'was ...' and 'were ...'."""
    first, _, rest = verb.partition(" ")
    if first not in EVENT_VERBS:
        return None
    return f"{EVENT_VERBS[first]} {rest}".strip()


@dataclass(frozen=True)
class EventItem:
    id: int
    slug: str
    title: str
    start_year: int
    end_year: int | None  # None for a single year
    month: int | None  # 1-12 where the notes give one
    topic_id: int
    people: tuple[int, ...] = ()
    facts: tuple[int, ...] = ()
    not_for_questions: str = ""  # why no question asks about it (a contested date); blank: usable
    verb: str = ""  # what the title does in its year: "was issued", "broke out"; blank: default
    subject: str = ""  # what the verb is said of, if not the title: "internal passports"


@dataclass(frozen=True)
class TermItem:
    id: int
    slug: str
    term: str
    definition: str
    aliases: tuple[str, ...]
    topic_id: int
    facts: tuple[int, ...] = ()


@dataclass(frozen=True)
class QuoteItem:
    id: int
    text: str  # the quoted words, without quotation marks
    speaker_id: int | None  # Person who said or wrote it
    about_id: int | None  # Person it is about
    year: int | None
    topic_id: int
    context: str  # one line: where or why it was said
    facts: tuple[int, ...] = ()


@dataclass(frozen=True)
class ClaimDetailItem:
    text: str  # appears verbatim, once, in the claim's text
    kind: str  # "person", "group", "year", "number", "term", "place" or "phrase"
    accept: tuple[str, ...] = ()  # other answers a marker accepts for it


@dataclass(frozen=True)
class ClaimItem:
    """One checked sentence about the past, written from one or more points of the notes."""

    id: int
    slug: str
    text: str  # one whole sentence in British English, readable on its own
    type: str  # "fact", "statistic", "interpretation" or "judgement"
    topic_id: int
    facts: tuple[int, ...] = ()  # the notes' points it was written from
    details: tuple[ClaimDetailItem, ...] = ()  # the details worth asking for, nothing trivial
    held_by: str = ""  # interpretation: who argues it ("Robert Conquest", "Soviet histories")
    view: str = ""  # interpretation: the view without its holder, "the Terror was planned"
    also_held_by: tuple[str, ...] = ()  # others who argued it too: never a wrong "who argued"
    misconception: str = ""  # a plausible false version of the sentence, for true/false
    correction: str = ""  # where the notes are wrong or doubtful: what they say, what is right
    year: int | None = None  # the year it is about, for distractors of the same period
    list_item: bool = True  # under a heading of reasons or results: one of them, not context


@dataclass(frozen=True)
class ClaimLinkItem:
    """Two claims paired as cause and consequence ("cause") or as a policy and its aim ("aim")."""

    id: int
    slug: str
    relation: str  # "cause" or "aim"
    from_claim: int  # the cause, or the policy
    to_claim: int  # the consequence, or the aim: its sentence states the link
    from_text: str  # what a matching question shows on the left, under 60 characters
    to_text: str  # what it shows on the right
    not_with: tuple[int, ...] = ()  # links never in one question with it (either way round)


@dataclass(frozen=True)
class KnowledgeBase:
    topics: tuple[TopicItem, ...] = ()
    facts: tuple[FactItem, ...] = ()
    people: tuple[PersonItem, ...] = ()
    events: tuple[EventItem, ...] = ()
    terms: tuple[TermItem, ...] = ()
    quotes: tuple[QuoteItem, ...] = ()
    claims: tuple[ClaimItem, ...] = ()
    links: tuple[ClaimLinkItem, ...] = ()
    _index: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def topic(self, topic_id):
        return self._lookup("topics", topic_id)

    def fact(self, fact_id):
        return self._lookup("facts", fact_id)

    def person(self, person_id):
        return self._lookup("people", person_id)

    def event(self, event_id):
        return self._lookup("events", event_id)

    def term(self, term_id):
        return self._lookup("terms", term_id)

    def quote(self, quote_id):
        return self._lookup("quotes", quote_id)

    def claim(self, claim_id):
        return self._lookup("claims", claim_id)

    def _lookup(self, kind, item_id):
        if kind not in self._index:
            self._index[kind] = {item.id: item for item in getattr(self, kind)}
        return self._index[kind][item_id]
