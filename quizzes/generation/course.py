"""The knowledge base with the lookups templates share, and each question's own chance.

Every question takes its chance from its own key (`Course.rng`, `Course.rank`), never from a
shared stream, so adding an item to the knowledge base leaves unrelated questions exactly as
they were, and a new item only enters another question's options if it outranks the old ones.
"""

import hashlib
import random
import re
from collections import Counter
from dataclasses import replace

from quizzes.generation.wording import (
    MASK,
    event_statement,
    join,
    pattern_of,
    person_forms,
    sentence,
    spans_years,
)

# A dispute, struggle, debate or rivalry grows and fades, and so does a gradual recovery: no one
# year to ask for, nor to deny.
VAGUE_PROCESS_RE = re.compile(
    r"\b(disputes?|struggles?|debates?|rivalry|rivalries|conflicts?|gradual)\b", re.IGNORECASE
)


class Course:
    def __init__(self, kb, seed):
        self.kb = kb
        self.seed = seed
        self.topics = {topic.id: topic for topic in kb.topics}
        self.facts = sorted(kb.facts, key=lambda item: item.id)
        self.people = sorted(kb.people, key=lambda item: item.id)
        # Events marked not for questions (a contested start, a title that did not happen as
        # stated) and vague processes are never asked nor offered; their years still count as
        # a claim's own.
        self.all_events = sorted(kb.events, key=lambda item: item.id)
        self.events = [e for e in self.all_events if self.askable_event(e)]
        self.terms = sorted(kb.terms, key=lambda item: item.id)
        self.quotes = sorted(kb.quotes, key=lambda item: item.id)
        self.claims = [
            replace(claim, held_by=holder_name(claim.held_by))
            for claim in sorted(getattr(kb, "claims", ()), key=lambda item: item.id)
        ]
        self.person = {p.id: p for p in self.people}
        self.event = {e.id: e for e in self.all_events}
        self.term = {t.id: t for t in self.terms}
        self.fact = {f.id: f for f in self.facts}
        self.claim = {c.id: c for c in self.claims}
        self.capitalised, self.lowercase = self._word_cases()
        self.name_words = {
            word
            for p in self.people
            for word in re.findall(r"[A-Za-z][\w']+", " ".join(person_forms(p)))
        }
        self.person_topics = self._person_topics()
        self.event_facts = self._event_facts()
        self._cache = {}

    @staticmethod
    def askable_event(event):
        return not getattr(event, "not_for_questions", "") and not VAGUE_PROCESS_RE.search(
            event.title
        )

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
        from quizzes.generation.wording import fold

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
        # People the notes never name (added rivals such as Zhdanov) belong where the checked
        # claims speak of them, not to the first topic of the course.
        unlinked = {person_id for person_id, c in counts.items() if not c}
        for claim in self.claims:
            for person_id in self.people_in(claim.text) & unlinked:
                counts[person_id][claim.topic_id] += 1
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

    def people_in(self, text):
        return {p.id for p in self.people if _names(text, person_forms(p))}

    # Wording that depends on how the course itself writes words.

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
        if any(word.startswith(name) for name in self.name_words if len(name) >= 5):
            return text  # "Stalinism", "Leninist"
        if self.capitalised[key] > self.lowercase[key]:
            return text
        if not self.lowercase[key] and key.endswith(("ian", "ish", "ese", "an")):
            return text  # a nationality the course happens never to use mid-sentence
        return text[:1].lower() + text[1:]

    def role_phrase(self, role):
        """'Commissar for Heavy Industry; opposed the Terror' ->
        'the Commissar for Heavy Industry and opposed the Terror' (follows 'was')."""
        parts = [p.strip() for p in re.split(r";\s*", role.strip().rstrip(".")) if p.strip()]
        # "...; he died in 1935" reads "... and who died in 1935" after "Who was".
        parts = [re.sub(r"^(?:he|she) ", "who ", part) for part in parts]
        first = self.lower_first(parts[0])
        opening = first.split()[0].lower()
        if opening not in {"a", "an", "the", "one"} and not re.search(r"s?'s?$", opening):
            first = "the " + first
        return join([first, *(self.lower_first(part) for part in parts[1:])])

    def mask(self, definition, forms):
        """A definition with its own term hidden, so it never gives the term away."""
        text = definition.strip().rstrip(".")
        for form in sorted(forms, key=len, reverse=True):
            text = re.sub(rf"^{re.escape(form)}\s*[:–-]\s*", "", text, flags=re.IGNORECASE)
        pattern = pattern_of(tuple(forms), True, True)
        return sentence(pattern.sub(MASK, text)) if pattern else sentence(text)

    def who_was(self, person):
        return f"{person.full_name} was {self.role_phrase(person.role)}." if person.role else ""

    def event_said(self, event):
        said = event_statement(event, event.start_year)
        return f"{said} and ended in {event.end_year}." if spans_years(event) else f"{said}."


def holder_name(held_by):
    """Who holds a view, as an option can name them: 'Trotsky, in his autobiography My Life'
    is Trotsky; 'Intentionalist historians such as Robert Conquest' are Intentionalist
    historians."""
    return re.split(r",| such as ", held_by or "")[0].strip()


def _names(text, forms):
    pattern = pattern_of(tuple(forms), False, False)
    return bool(pattern and pattern.search(text))
