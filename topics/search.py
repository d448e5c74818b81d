"""Searching the knowledge base: topics, points of the notes, people, events, terms and quotes.

PostgreSQL ranks whole words with its full-text search (English stemming: "purges" finds
"purge"); SQLite, the embedded default, matches the words as substrings. Either way one query
per kind of thing, whatever the size of the course.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.urls import reverse

from topics.models import Event, Fact, Person, Quote, Term, Topic

MIN_LENGTH = 2
MAX_LENGTH = 100
PER_KIND = 8


@dataclass(frozen=True)
class Hit:
    title: str
    detail: str
    url: str


@dataclass(frozen=True)
class Group:
    label: str
    hits: list


def _topic_hit(topic):
    return Hit(
        topic.title, topic.parent.title if topic.parent else "Section", topic.get_absolute_url()
    )


def _fact_hit(fact):
    return Hit(fact.text, fact.topic.title, fact.get_absolute_url())


def _person_hit(person):
    return Hit(person.full_name or person.name, person.role, person.get_absolute_url())


def _event_hit(event):
    years = f"{event.start_year}-{event.end_year}" if event.end_year else str(event.start_year)
    return Hit(event.title, years, reverse("topics:timeline") + f"#event-{event.slug}")


def _term_hit(term):
    return Hit(term.term, term.definition, reverse("topics:glossary") + f"#term-{term.slug}")


def _quote_hit(quote):
    speaker = quote.speaker.name if quote.speaker else "Unattributed"
    return Hit(f"“{quote.text}”", speaker, quote.topic.get_absolute_url())


# (label, queryset, the fields searched, the most telling field first, how a hit reads)
KINDS = [
    ("Topics", Topic.objects.select_related("parent"), ["title"], _topic_hit),
    ("People", Person.objects.all(), ["name", "full_name", "aliases", "role"], _person_hit),
    ("Key terms", Term.objects.all(), ["term", "aliases", "definition"], _term_hit),
    ("Events", Event.objects.all(), ["title"], _event_hit),
    ("Quotes", Quote.objects.select_related("speaker", "topic"), ["text", "context"], _quote_hit),
    ("Notes", Fact.objects.select_related("topic"), ["text"], _fact_hit),
]


def clean_query(text):
    """The words to search for, or "" when there is nothing worth searching."""
    words = " ".join((text or "").replace("\x00", "").split())[:MAX_LENGTH]
    return words if len(words) >= MIN_LENGTH else ""


# Spellings a student may type for the course's own: American -ize for the British -ise the notes
# use, and the other common transliterations of Russian names.
SPELLINGS = [
    (re.compile(r"iz(e|ed|es|ing|ation|ations)$"), r"is\1"),
    (re.compile(r"yev$"), "iev"),  # Zinovyev: Zinoviev
    (re.compile(r"ii$"), "y"),  # Tukhachevskii: Tukhachevsky
    (re.compile(r"^ye"), "e"),  # Yezhov, Yenukidze: Ezhov, Enukidze
]


def variants(word):
    """The word as typed, and as the course spells it where that differs."""
    spelled = [word]
    for pattern, replacement in SPELLINGS:
        changed = pattern.sub(replacement, word.casefold())
        if changed != word.casefold() and changed not in spelled:
            spelled.append(changed)
    return spelled


def search(text):
    """Groups of hits, best first inside each group; kinds with no hit are left out."""
    query = clean_query(text)
    if not query:
        return []
    find = _full_text if connection.vendor == "postgresql" else _substrings
    groups = []
    for label, queryset, fields, hit in KINDS:
        rows = find(queryset, fields, query)[:PER_KIND]
        if rows:
            groups.append(Group(label, [hit(row) for row in rows]))
    return groups


def _full_text(queryset, fields, query):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    weights = ["A", "B", "C", "D"]
    vector = SearchVector(fields[0], weight="A", config="english")
    for index, name in enumerate(fields[1:], start=1):
        vector += SearchVector(name, weight=weights[min(index, 3)], config="english")
    either = " ".join(
        "(" + " or ".join(variants(word)) + ")" if len(variants(word)) > 1 else word
        for word in query.split()
    )
    search_query = SearchQuery(either, search_type="websearch", config="english")
    return (
        queryset.annotate(rank=SearchRank(vector, search_query))
        .filter(rank__gt=0)
        .order_by("-rank", "pk")
    )


def _substrings(queryset, fields, query):
    """Rows holding every word of the query in one of the fields (case-insensitive)."""
    condition = Q()
    for word in query.split()[:8]:
        any_field = Q()
        for name in fields:
            for spelling in variants(word):
                any_field |= Q(**{f"{name}__icontains": spelling})
        condition &= any_field
    return queryset.filter(condition).order_by("pk")
