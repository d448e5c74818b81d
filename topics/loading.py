"""Loading notes and the shipped course into the knowledge base.

Two entry points share one mechanism:
- `import_notes(text, source_name)`: any notes file in the site's card format becomes sections,
  sub-topics and facts, with the notes' own wording.
- `load_course()`: the shipped notes plus `content/course.json`, the hand-curated layer on top of
  them (sections, corrected spelling, people, events, terms and quotes), then the checked claims
  of `content/claims/*.json` and the points marked not for questions, then the links between
  claims of `content/links.json`.

Rows are matched on natural keys (slugs, a fact's card and position), so loading the same input
again changes nothing. Rows that admins created or edited are never touched.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from topics import content_version
from topics.claims import claim_problems
from topics.knowledge import EVENT_VERBS, is_event_verb
from topics.links import link_problems
from topics.models import Claim, ClaimLink, Event, Fact, Origin, Person, Quote, Term, Topic
from topics.notes import parse_notes

CONTENT_DIR = Path(__file__).resolve().parent / "content"
COURSE_FILE = CONTENT_DIR / "course.json"
COURSE_SCHEMA = "ussr-revision/course@1"
CLAIMS_DIR_NAME = "claims"  # beside the course file
CLAIMS_SCHEMA = "ussr-revision/claims@1"
LINKS_FILE_NAME = "links.json"  # beside the course file
LINKS_SCHEMA = "ussr-revision/links@1"


class ContentError(ValueError):
    """The course data does not fit the notes (a bad slug, an unmatched fact reference...)."""


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    counts: dict = field(default_factory=dict)

    def count(self, kind, outcome):
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def __str__(self):
        parts = ", ".join(f"{n} {kind}" for kind, n in self.counts.items())
        return (
            f"{parts} ({self.created} created, {self.updated} updated, {self.unchanged} unchanged)"
        )


# ---------------------------------------------------------------------------------------------
# The outline: what the notes say, as plain data, before anything is written.


@dataclass
class FactPlan:
    key: str
    text: str
    original_text: str
    kind: str
    source: str


@dataclass
class TopicPlan:
    slug: str
    title: str
    facts: list = field(default_factory=list)
    children: list = field(default_factory=list)


def build_outline(notes, source_name, course=None):
    """Group the parsed notes into sections and sub-topics, applying the course layer if given."""
    course = course or {}
    sections = _sections(notes, course)
    topic_titles = course.get("topic_titles", {})
    card_headings = course.get("card_headings", {})
    fix = Corrector(course.get("spelling", {}), course.get("fact_text", {}))
    for card in notes.cards:
        section = sections[card.number]
        for group, numbered_points in _numbered_groups(card):
            heading = group.heading or card_headings.get(str(card.number))
            topic = _subtopic(section, heading, topic_titles, fix) if heading else section
            for number, point in numbered_points:
                topic.facts.append(
                    FactPlan(
                        key=f"{source_name}:{card.number}:{number}",
                        text=fix.fact(point.text),
                        original_text=point.text,
                        kind=point.kind,
                        source=f"card {card.number} of {card.total}",
                    )
                )
    return _unique(sections.values())


def _numbered_groups(card):
    """Yield each group with its points numbered by position on the card (a stable fact key)."""
    number = 0
    for group in card.groups:
        numbered = []
        for point in group.points:
            number += 1
            numbered.append((number, point))
        yield group, numbered


def _sections(notes, course):
    """Map each card number to its section: as the course says, or by the card's own title."""
    by_card = {}
    if course.get("sections"):
        for entry in course["sections"]:
            plan = TopicPlan(slug=entry["slug"], title=entry["title"])
            for number in entry["cards"]:
                by_card[number] = plan
        missing = [card.number for card in notes.cards if card.number not in by_card]
        if missing:
            raise ContentError(f"cards {missing} are in no section of the course data")
        return by_card
    by_slug = {}
    for card in notes.cards:
        slug = slugify(card.title)
        by_card[card.number] = by_slug.setdefault(slug, TopicPlan(slug=slug, title=card.title))
    return by_card


def _subtopic(section, heading, topic_titles, fix):
    slug = slugify(heading)
    for child in section.children:
        if child.slug == slug:
            return child
    title = topic_titles.get(slug) or fix.heading(heading)
    child = TopicPlan(slug=slug, title=title)
    section.children.append(child)
    return child


def _unique(sections):
    seen = []
    for section in sections:
        if section not in seen:
            seen.append(section)
    return seen


class Corrector:
    """Turns a point as written into display text: whole-word spelling fixes, then overrides."""

    def __init__(self, spelling, overrides):
        self.overrides = overrides
        self.pattern = None
        if spelling:
            words = sorted(spelling, key=len, reverse=True)
            self.pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)")
        self.spelling = spelling

    def words(self, text):
        if self.pattern is None:
            return text
        return self.pattern.sub(lambda match: self.spelling[match.group(1)], text)

    def fact(self, text):
        return capitalise(self.overrides.get(text) or self.words(text))

    def heading(self, text):
        return capitalise(self.words(text))


def capitalise(text):
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------------
# Writing: upserts on natural keys that leave admin rows alone.


def upsert(model, lookup, values, tally, kind):
    """Create or update one row that this loader (`values["origin"]`) owns; returns the row.

    Rows that admins created or edited, and rows another loader owns, come back untouched.
    """
    row = model.objects.filter(**lookup).first()
    if row is None:
        row = model.objects.create(**lookup, **values)
        tally.count(kind, "created")
        return row
    if not row.is_owned_by(values["origin"]):
        tally.count(kind, "unchanged")  # an admin's row, or another loader's: not ours to change
        return row
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=changed)
        tally.count(kind, "updated")
    else:
        tally.count(kind, "unchanged")
    return row


def set_links(row, relation, targets, origin=Origin.COURSE):
    """Set a many-to-many relation on a row the loader owns, writing only when it differs."""
    if not row.is_owned_by(origin):
        return
    manager = getattr(row, relation)
    wanted = {target.pk for target in targets}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(wanted)


def write_outline(outline, origin, tally):
    """Save sections, sub-topics and facts in course order; returns {fact key: Fact}."""
    facts = {}
    order = 0
    for section in outline:
        section_row = None
        for plan in [section, *section.children]:
            order += 1
            topic = upsert(
                Topic,
                {"slug": plan.slug},
                {"title": plan.title, "parent": section_row, "order": order, "origin": origin},
                tally,
                "topics",
            )
            section_row = section_row or topic  # the first row is the section itself
            for position, fact in enumerate(plan.facts, start=1):
                values = {
                    "topic": topic,
                    "order": position,
                    "text": fact.text,
                    "original_text": fact.original_text,
                    "kind": fact.kind,
                    "source": fact.source,
                    "origin": origin,
                }
                facts[fact.key] = upsert(Fact, {"key": fact.key}, values, tally, "facts")
    return facts


def import_notes(text, source_name, *, dry_run=False):
    """Load any notes file into topics and facts in one transaction; returns a Tally."""
    notes = parse_notes(text)
    outline = build_outline(notes, slugify(source_name))
    with transaction.atomic():
        tally = Tally()
        write_outline(outline, Origin.NOTES, tally)
        if dry_run:
            transaction.set_rollback(True)
        else:
            content_version.bump()
    return tally


# ---------------------------------------------------------------------------------------------
# The shipped course.


def read_course(path=COURSE_FILE):
    try:
        course = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ContentError(f"cannot read the course data {path}: {error}") from None
    if not isinstance(course, dict) or course.get("schema") != COURSE_SCHEMA:
        raise ContentError(f"{path} is not course data (schema {COURSE_SCHEMA!r} expected)")
    return course


def load_course(path=COURSE_FILE, *, dry_run=False):
    """Load (or update) the shipped course and its claims; returns a Tally. All or nothing."""
    course = read_course(path)
    claim_files = read_claim_files(Path(path).parent / CLAIMS_DIR_NAME)
    links = read_links_file(Path(path).parent / LINKS_FILE_NAME)
    notes_path = Path(path).parent / course["notes"]
    notes = parse_notes(notes_path.read_bytes())
    source_name = slugify(Path(course["notes"]).stem)
    outline = build_outline(notes, source_name, course)
    with transaction.atomic():
        tally = Tally()
        facts = write_outline(outline, Origin.COURSE, tally)
        linker = FactLinker(facts.values())
        people = load_people(course["people"], linker, tally, course.get("spelling", {}))
        topics = {topic.slug: topic for topic in Topic.objects.all()}
        load_events(course["events"], topics, people, linker, tally)
        load_terms(course["terms"], topics, linker, tally)
        load_quotes(course["quotes"], topics, people, linker, tally)
        linker.save()
        load_claims(claim_files, linker, tally)
        load_links(links, tally)
        if dry_run:
            transaction.set_rollback(True)
        else:
            content_version.bump()
    return tally


class FactLinker:
    """Collects which facts mention which people, events and terms, then writes the links once."""

    def __init__(self, facts):
        self.facts = list(facts)
        self.links = {fact.pk: {"people": [], "events": [], "terms": []} for fact in self.facts}

    def matching(self, substrings, label):
        """Facts whose notes wording contains any of the substrings; each must match something.

        A substring that is a whole point's wording means that point alone: a short point such
        as "Politburo and Orgburo" is also part of longer ones."""
        found = []
        for substring in substrings:
            hits = [fact for fact in self.facts if substring == fact.original_text]
            hits = hits or [fact for fact in self.facts if substring in fact.original_text]
            if not hits:
                raise ContentError(f"{label}: no fact of the notes contains {substring!r}")
            found.extend(hit for hit in hits if hit not in found)
        return found

    def mentioning(self, names):
        """Facts that name any of `names` as a whole word (case-insensitive)."""
        names = [name for name in names if name]
        if not names:
            return []
        pattern = re.compile(
            r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)", re.IGNORECASE
        )
        return [f for f in self.facts if pattern.search(f.original_text) or pattern.search(f.text)]

    def link(self, relation, target, facts):
        for fact in facts:
            if target not in self.links[fact.pk][relation]:
                self.links[fact.pk][relation].append(target)

    def save(self):
        for fact in self.facts:
            for relation, targets in self.links[fact.pk].items():
                set_links(fact, relation, targets)


def _resolve(mapping, slug, label):
    if slug is None:
        return None
    try:
        return mapping[slug]
    except KeyError:
        raise ContentError(f"{label}: unknown slug {slug!r}") from None


def load_people(entries, linker, tally, spelling=None):
    people = {}
    for entry in entries:
        # A misspelling in the notes is corrected, never accepted as an answer: "Kykov" stays
        # in the spelling map (the notes' own wording) and out of Rykov's aliases.
        typos = [alias for alias in entry.get("aliases", []) if alias in (spelling or {})]
        if typos:
            raise ContentError(
                f"person {entry['slug']}: aliases {typos} are misspellings in the spelling map"
            )
        values = {
            "name": entry["name"],
            "full_name": entry.get("full_name") or entry["name"],
            "aliases": "\n".join(entry.get("aliases", [])),
            "role": entry["role"],
            "in_notes": entry.get("in_notes", True),
            "origin": Origin.COURSE,
        }
        person = upsert(Person, {"slug": entry["slug"]}, values, tally, "people")
        people[entry["slug"]] = person
        names = [entry["name"], entry.get("full_name"), *entry.get("aliases", [])]
        facts = linker.mentioning(names) + linker.matching(entry.get("facts", []), entry["slug"])
        linker.link("people", person, facts)
    return people


def load_events(entries, topics, people, linker, tally):
    for entry in entries:
        label = f"event {entry['slug']}"
        verb = entry.get("verb", "")
        longest = Event._meta.get_field("verb").max_length
        if len(verb) > longest:  # SQLite would store it; PostgreSQL refuses it
            raise ContentError(f"{label}: verb {verb!r} is longer than {longest} characters")
        if verb and not is_event_verb(verb):
            raise ContentError(
                f"{label}: verb {verb!r} begins with neither 'was'/'were' nor one of "
                f"{sorted(EVENT_VERBS)}"
            )
        values = {
            "title": entry["title"],
            "start_year": entry["start_year"],
            "end_year": entry.get("end_year"),
            "month": entry.get("month"),
            "not_for_questions": entry.get("not_for_questions", ""),
            "verb": entry.get("verb", ""),
            "subject": entry.get("subject", ""),
            "topic": _resolve(topics, entry["topic"], label),
            "origin": Origin.COURSE,
        }
        event = upsert(Event, {"slug": entry["slug"]}, values, tally, "events")
        set_links(event, "people", [_resolve(people, s, label) for s in entry.get("people", [])])
        linker.link("events", event, linker.matching(entry.get("facts", []), label))


def load_terms(entries, topics, linker, tally):
    for entry in entries:
        label = f"term {entry['slug']}"
        values = {
            "term": entry["term"],
            "definition": entry["definition"],
            "aliases": "\n".join(entry.get("aliases", [])),
            "topic": _resolve(topics, entry["topic"], label),
            "origin": Origin.COURSE,
        }
        term = upsert(Term, {"slug": entry["slug"]}, values, tally, "terms")
        names = [entry["term"], *entry.get("aliases", [])]
        facts = linker.mentioning(names) + linker.matching(entry.get("facts", []), label)
        linker.link("terms", term, facts)


def load_quotes(entries, topics, people, linker, tally):
    for entry in entries:
        label = f"quote {entry['slug']}"
        values = {
            "text": entry["text"],
            "speaker": _resolve(people, entry.get("speaker"), label),
            "about": _resolve(people, entry.get("about"), label),
            "year": entry.get("year"),
            "topic": _resolve(topics, entry["topic"], label),
            "context": entry.get("context", ""),
            "origin": Origin.COURSE,
        }
        quote = upsert(Quote, {"slug": entry["slug"]}, values, tally, "quotes")
        set_links(quote, "facts", linker.matching(entry.get("facts", []), label))


# ---------------------------------------------------------------------------------------------
# Checked claims: content/claims/*.json (schema ussr-revision/claims@1).

CLAIM_FIELDS = {"slug", "facts", "text", "type", "details", "held_by", "view"}
CLAIM_FIELDS |= {"also_held_by", "misconception", "correction", "year", "list_item", "topic"}
REQUIRED_CLAIM_FIELDS = ("slug", "facts", "text", "type")


def read_claim_files(directory):
    """[(file name, document)] for every claims file, sorted by name; checks each file's shape."""
    files = []
    for path in sorted(Path(directory).glob("*.json")) if Path(directory).is_dir() else []:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            message = str(error).splitlines()[0]
            raise ContentError(f"cannot read the claims file {path.name}: {message}") from None
        if not isinstance(document, dict) or document.get("schema") != CLAIMS_SCHEMA:
            raise ContentError(f"{path.name} is not a claims file (schema {CLAIMS_SCHEMA!r})")
        if not isinstance(document.get("claims"), list):
            raise ContentError(f"{path.name}: 'claims' must be a list")
        if not isinstance(document.get("not_for_questions", []), list):
            raise ContentError(f"{path.name}: 'not_for_questions' must be a list")
        files.append((path.name, document))
    return files


def load_claims(files, linker, tally):
    """Upsert every claim of every file, link it to its facts, then mark the unused points."""
    seen = {}
    reasons = {}
    for name, document in files:
        for entry in document["claims"]:
            label = _claim_label(name, entry)
            if entry["slug"] in seen:
                raise ContentError(f"{label}: slug already used in {seen[entry['slug']]}")
            seen[entry["slug"]] = name
            load_claim(entry, label, linker, tally)
        for entry in document.get("not_for_questions", []):
            fact_label = f"{name}: not_for_questions {entry.get('fact')!r}"
            reason = entry.get("reason") if isinstance(entry, dict) else None
            if not isinstance(reason, str) or not reason.strip() or "\n" in reason:
                raise ContentError(f"{fact_label}: a one-line reason is required")
            if not isinstance(entry.get("fact"), str) or not entry["fact"]:
                raise ContentError(f"{fact_label}: 'fact' must be words of the notes")
            for fact in linker.matching([entry["fact"]], fact_label):
                reasons[fact.pk] = reason.strip()
    mark_not_for_questions(linker.facts, reasons, tally)


def _claim_label(name, entry):
    if not isinstance(entry, dict):
        raise ContentError(f"{name}: every claim must be an object")
    label = f"{name}: claim {entry.get('slug')!r}"
    missing = [field for field in REQUIRED_CLAIM_FIELDS if field not in entry]
    if missing:
        raise ContentError(f"{label} lacks the field {missing[0]!r}")
    unknown = sorted(set(entry) - CLAIM_FIELDS)
    if unknown:
        raise ContentError(f"{label} has unknown fields {unknown}")
    return label


def load_claim(entry, label, linker, tally):
    substrings = entry["facts"]
    if not isinstance(substrings, list) or not substrings:
        raise ContentError(f"{label}: 'facts' must list words of the notes")
    facts = linker.matching(substrings, label)
    values = {
        "text": entry["text"],
        "type": entry["type"],
        "topic": _claim_topic(entry, facts, label),
        "details": entry.get("details", []),
        "held_by": entry.get("held_by", ""),
        "view": entry.get("view", ""),
        "also_held_by": entry.get("also_held_by", []),
        "misconception": entry.get("misconception", ""),
        "correction": entry.get("correction", ""),
        "year": entry.get("year"),
        "list_item": entry.get("list_item", True),
    }
    if not isinstance(values["list_item"], bool):
        raise ContentError(f"{label}: 'list_item' must be true or false")
    problems = claim_problems(
        slug=entry["slug"],
        heading=values["topic"].title,
        **{name: value for name, value in values.items() if name not in ("topic", "list_item")},
    )
    if problems:
        field, message = problems[0]
        raise ContentError(f"{label}: {field} {message}")
    values["details"] = [_normal_detail(detail) for detail in values["details"]]
    claim = upsert(
        Claim, {"slug": entry["slug"]}, {**values, "origin": Origin.COURSE}, tally, "claims"
    )
    set_links(claim, "facts", facts)


def _claim_topic(entry, facts, label):
    """The topic a claim is filed under: the one it names, else its first point's. A point
    of the notes sits under the heading before it, which is not always what it is about
    (Beria's review of cases, under 'Ordzhonikidze and Nestor Lakoba')."""
    slug = entry.get("topic")
    if slug is None:
        return facts[0].topic
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise ContentError(f"{label}: no topic {slug!r}")
    return topic


def _normal_detail(detail):
    """A detail as stored: always with its accept list, so reloading compares like with like."""
    return {
        "text": detail["text"],
        "kind": detail["kind"],
        "accept": list(detail.get("accept", [])),
    }


def mark_not_for_questions(facts, reasons, tally):
    """Set each loaded fact's reason (blank: usable); admins' facts and edits stay as they are."""
    for fact in facts:
        wanted = reasons.get(fact.pk, "")
        if not fact.is_owned_by(Origin.COURSE) or (not wanted and not fact.not_for_questions):
            continue
        if fact.not_for_questions == wanted:
            tally.count("points not for questions", "unchanged")
            continue
        fact.not_for_questions = wanted
        fact.save(update_fields=["not_for_questions"])
        # A point no file marks any more is counted apart: the summary names the marked ones.
        tally.count("points not for questions" if wanted else "points back in questions", "updated")


# ---------------------------------------------------------------------------------------------
# Links between claims: content/links.json (schema ussr-revision/links@1).

LINK_FIELDS = {"slug", "relation", "from", "to", "from_text", "to_text", "not_with"}
REQUIRED_LINK_FIELDS = ("slug", "relation", "from", "to", "from_text", "to_text")


def read_links_file(path):
    """The links file's entries; no file means no links."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        message = str(error).splitlines()[0]
        raise ContentError(f"cannot read the links file {path.name}: {message}") from None
    if not isinstance(document, dict) or document.get("schema") != LINKS_SCHEMA:
        raise ContentError(f"{path.name} is not a links file (schema {LINKS_SCHEMA!r})")
    if not isinstance(document.get("links"), list):
        raise ContentError(f"{path.name}: 'links' must be a list")
    return document["links"]


def load_links(entries, tally):
    """Upsert every link on its slug, then the pairs never asked together. Claims are found by
    slug among all claims, so a link may join a shipped claim to one an admin wrote."""
    claims = Claim.objects.in_bulk(field_name="slug")
    rows, labels = {}, {}
    for entry in entries:
        label = _link_label(entry)
        if entry["slug"] in rows:
            raise ContentError(f"{label}: slug listed twice")
        values = {
            "relation": entry["relation"],
            "from_claim": _resolve(claims, entry["from"], label),
            "to_claim": _resolve(claims, entry["to"], label),
            "from_text": entry["from_text"],
            "to_text": entry["to_text"],
        }
        problems = link_problems(
            slug=entry["slug"],
            relation=entry["relation"],
            from_text=entry["from_text"],
            to_text=entry["to_text"],
        )
        if problems:
            field, message = problems[0]
            raise ContentError(f"{label}: {field} {message}")
        rows[entry["slug"]] = upsert(
            ClaimLink, {"slug": entry["slug"]}, {**values, "origin": Origin.COURSE}, tally, "links"
        )
        labels[entry["slug"]] = label
    for entry in entries:
        label = labels[entry["slug"]]
        others = entry.get("not_with", [])
        if not isinstance(others, list) or entry["slug"] in others:
            raise ContentError(f"{label}: not_with must list the slugs of other links")
        set_links(rows[entry["slug"]], "not_with", [_resolve(rows, s, label) for s in others])


def _link_label(entry):
    if not isinstance(entry, dict):
        raise ContentError(f"{LINKS_FILE_NAME}: every link must be an object")
    label = f"{LINKS_FILE_NAME}: link {entry.get('slug')!r}"
    missing = [field for field in REQUIRED_LINK_FIELDS if field not in entry]
    if missing:
        raise ContentError(f"{label} lacks the field {missing[0]!r}")
    unknown = sorted(set(entry) - LINK_FIELDS)
    if unknown:
        raise ContentError(f"{label} has unknown fields {unknown}")
    if not all(isinstance(entry[field], str) for field in ("from", "to")):
        raise ContentError(f"{label}: 'from' and 'to' must be claim slugs")
    return label
