"""The notes' lists (reasons, results, arguments, power bases) as "Choose two" questions.

A list is the claims under one heading the rules below recognise; headings that ask the same
thing ("Why collectivise? Economic factors", "... Political factors") make one list. The right
options are two claims of the list; the wrong ones are claims of a list that answers a different
question about the same part of the course (the results of a policy for its reasons, Trotsky's
power bases for Stalin's), so every option is a real statement of the period, and none is right.
"""

import re
from dataclasses import dataclass

from quizzes.generation.claims import asked_claims, claim_events, claim_section, explanation
from quizzes.generation.questions import MAX_OPTION_LENGTH, multiple_select
from quizzes.generation.registry import template
from quizzes.generation.wording import fold, full_stop, similar, sources

ROUNDS = 2  # passes over a list: each claim is a right option in about two questions

# (heading pattern, what the list is, its question's words): the words complete
# "Which two of these were ...?". A heading matching none is not a list.
LIST_HEADINGS = (
    (r"Why collectivise\?.*", "reason", "reasons Stalin launched collectivisation"),
    (r"Why should peasants collectivise\?", "reason",
     "reasons the party gave peasants for joining collective farms"),
    (r"Why did Stalin emerge as leader\?", "reason", "reasons Stalin emerged as leader"),
    (r"Why Stalin made the 'Great Turn' in 1928", "reason",
     "reasons Stalin made the 'Great Turn' in 1928"),
    (r"Motives for the terror", "reason", "motives for the Terror"),
    (r"The state of the NEP in 1928: arguments for the NEP", "for",
     "arguments for keeping the NEP in 1928"),
    (r"The state of the NEP in 1928: arguments against the NEP", "against",
     "arguments against the NEP in 1928"),
    (r"Impact of the terror on the (?P<what>.+)", "result", "effects of the Terror on the {what}"),
    (r"Impact of the Plans on (?P<what>.+)", "result", "effects of the Five-Year Plans on {what}"),
    (r"How successful was collectivisation\?", "result", "results of collectivisation"),
    (r"(?P<who>Stalin|Trotsky)'s power ?bases", "base", "sources of {who}'s power in the 1920s"),
    (r"(?:Reasons for|Causes of) (?P<what>[^:?]+)", "reason", "reasons for {what}"),
    (r"(?:Results|Consequences|Effects) of (?P<what>[^:?]+)", "result", "results of {what}"),
)  # fmt: skip
# Which lists lend their claims as wrong options, nearest first: (kind, same section only).
# A result is never a reason, and a motive ("Stalin wanted...") is never a result; but two
# lists of results of one cause overlap (rearmament squeezed living standards: an effect on
# society and on the economy), so results lend only to results of another part of the course.
# A list about the same person never lends (Stalin's power bases are reasons he emerged as
# leader), nor do a rival's power bases, since they hold his weaknesses too.
WRONG_FROM = {
    "reason": (("result", True), ("for", True), ("against", True)),
    "result": (("reason", True), ("result", False)),
    "for": (("against", True),),
    "against": (("for", True),),
    "base": (("base", True),),
}


@dataclass(frozen=True)
class NotesList:
    kind: str
    words: str  # "reasons Stalin launched collectivisation"
    section: int
    claims: tuple  # the claims under its headings, by id
    topic_id: int  # its first heading


def list_of(title):
    for pattern, kind, words in LIST_HEADINGS:
        match = re.fullmatch(pattern, title.strip(), flags=re.IGNORECASE)
        if match:
            return kind, words.format(**{k: v for k, v in match.groupdict().items() if v})
    return None


def option_text(claim):
    return full_stop(claim.text)


def offerable(claim):
    """Interpretations are someone's view, not a reason or a result; long options wrap."""
    return claim.type != "interpretation" and len(option_text(claim)) <= MAX_OPTION_LENGTH


def notes_lists(course):
    def build():
        found = {}
        for claim in asked_claims(course):
            topic = course.topics.get(claim.topic_id)
            heading = list_of(topic.title) if topic else None
            if heading is None or not offerable(claim):
                continue
            entry = found.setdefault(
                (heading[1], claim_section(course, claim)),
                {"kind": heading[0], "claims": [], "topic_id": claim.topic_id},
            )
            entry["claims"].append(claim)
        return [
            NotesList(entry["kind"], words, section, tuple(entry["claims"]), entry["topic_id"])
            for (words, section), entry in sorted(found.items(), key=lambda item: item[0][::-1])
        ]

    return course.cached("notes_lists", build)


def _names_only_in(course, text, others):
    """People the option names that no other option names: an odd one out gives itself away."""
    named = course.people_in(text)
    return named - set().union(*(course.people_in(other) for other in others))


AIM_RE = re.compile(r"\b(would|aimed|aim|hoped|planned|so that|in order to|intended)\b")


def _before(claim, pair):
    """Whether a claim can be a wrong 'result' of what the pair are results of: it happened
    before them, and it is not an aim ('would give the party control'), which may have come
    true."""
    years = [c.year for c in pair if c.year]
    if claim.year is None or not years or AIM_RE.search(claim.text):
        return False
    return claim.year < min(years)


def _pairs(course, key, claims):
    """Disjoint pairs of the list's claims, a seeded shuffle per round; no pair of near twins."""
    pairs, seen = [], set()
    for round_ in range(ROUNDS):
        pool = course.shuffled(f"{key}:{round_}", claims)
        while len(pool) >= 2:
            first = pool.pop(0)
            partner = next((c for c in pool if not similar(c.text, first.text)), None)
            if partner is None:
                continue
            pool.remove(partner)
            pair = tuple(sorted((first, partner), key=lambda c: c.slug))
            if pair not in seen:
                seen.add(pair)
                pairs.append(pair)
    return pairs


@template
def choose_two(course, t):
    lists = notes_lists(course)
    for notes in lists:
        about = course.people_in(notes.words)
        tiers = [
            [
                c
                for other in lists
                if other.kind == kind
                and other.words != notes.words
                and (other.section == notes.section) == same_section
                and not course.people_in(other.words) & about
                for c in other.claims
            ]
            for kind, same_section in WRONG_FROM[notes.kind]
        ]
        pool = [c for tier in tiers for c in tier]
        list_key = t.key(re.sub(r"[^a-z0-9]+", "-", fold(notes.words)).strip("-"))
        for pair in _pairs(course, list_key, list(notes.claims)):
            key = f"{list_key}:{pair[0].slug}+{pair[1].slug}"
            right = [option_text(c) for c in pair]
            wrong = [
                [
                    option_text(c)
                    for c in tier
                    if not any(similar(c.text, r) for r in right)
                    and not _names_only_in(course, c.text, right)
                    and (notes.kind != "result" or _before(c, pair))
                ]
                for tier in tiers
            ]
            wrong = course.pick(key, wrong, taken=right, n=3, alike=similar)
            chosen = [c for c in pool if option_text(c) in wrong]
            claims = [*pair, *chosen]
            yield multiple_select(
                course,
                t,
                key=key,
                prompt=f"Which two of these were {notes.words}?",
                answers=right,
                distractors=wrong,
                explanation=" ".join(explanation(c) for c in pair),
                difficulty=2,
                topic_id=pair[0].topic_id,
                sources=sources(
                    facts=[f for c in claims for f in c.facts],
                    events=[e for c in claims for e in claim_events(course, c)],
                ),
            )
