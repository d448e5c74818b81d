"""The notes' lists (reasons, results, arguments, power bases) as "Choose two" questions.

A list is the claims under one heading the rules below recognise, less those the curators mark
as context, not items (`list_item`: "Stalin toured Siberia in 1928" under "Why collectivise?");
headings that ask the same thing ("Why collectivise? Economic factors", "... Political
factors") make one list. The right options are two claims of the list. The wrong ones are first
the misconceptions of its other items: false statements in the list's own shape ("Stalin was
Commissar for War from 1917 to 1923" among sources of his power), which no pupil can rule out by
their shape or their dates. Failing two of those, they are claims of a list that answers a
different question about the same part of the course (the results of a policy for its
reasons), so every option is a statement of the period, and none is right.
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
# leader), nor do a rival's power bases, since they hold his weaknesses too. Arguments about a
# policy never lend to reasons: the quarrel over the NEP was itself part of how Stalin rose and
# why he turned, so "the NEP divided the party" is arguably a reason. A list with no pool that
# is safe makes no question.
WRONG_FROM = {
    # Results as wrong reasons are ruled out by their dates alone ("rearmament in the late
    # 1930s" for a turn of 1928): a list of reasons takes only its own false items.
    "reason": (),
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


# A promise or a comparison is neither a reason nor a result: "Soviet propaganda promised a
# better life" justified the Great Turn, and "the famine killed more than the Terror" compares
# two events. Either, as a wrong option, would be arguably right.
NOT_AN_ITEM_RE = re.compile(r"\b(?:propaganda|promised)\b|\b(?:more|fewer|less)\b[^.]*\bthan\b")


def offerable(claim):
    """Interpretations are someone's view, not a reason or a result; long options wrap."""
    return (
        claim.type != "interpretation"
        and len(option_text(claim)) <= MAX_OPTION_LENGTH
        and not NOT_AN_ITEM_RE.search(claim.text)
    )


def notes_lists(course):
    def build():
        found = {}
        for claim in asked_claims(course):
            topic = course.topics.get(claim.topic_id)
            heading = list_of(topic.title) if topic else None
            if heading is None or not claim.list_item or not offerable(claim):
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


def _before(course, claim, results, *, same_section):
    """Whether a claim can be a wrong 'result' of what the claims are results of: it happened
    before all of them, and it is not an aim ('would give the party control'), which may have
    come true. A result of another part of the course must also come before that part's first
    event: compulsory schooling (1930) is arguably an effect of the Plans (begun 1928) too."""
    years = [c.year for c in results if c.year]
    if not same_section:
        sections = {claim_section(course, c) for c in results}
        years += [e.start_year for e in course.all_events if course.section(e.topic_id) in sections]
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


def _from_two_lists(course, key, tiers, right, lists):
    """Three wrong options drawn from at least two lists where two lists lend, or None: wrong
    options all from one list share a theme ("all about the NEP") that marks them out."""
    source = {option_text(c): other.words for other in lists for c in other.claims}
    wrong = course.pick(key, tiers, taken=right, n=3, alike=similar)
    lenders = {source[w] for tier in tiers for w in tier}
    if len({source[w] for w in wrong}) >= 2 or len(lenders) < 2 or not wrong:
        return wrong or None  # one list lending at all: its claims are the only wrong options
    first = source[wrong[0]]
    others = [[w for w in tier if source[w] != first] for tier in tiers]
    second = course.pick(key, others, taken=right + wrong[:-1], n=1, alike=similar)
    return [*wrong[:-1], *second] if second else None


def _false_items(course, notes, pair):
    """(option, claim) for each misconception of the list's other items that may stand beside
    the pair: never near either right option, never naming someone no item of the list names
    (Trotsky's name marks "Trotsky sat on the Orgburo" out among sources of Stalin's power)."""
    right = [option_text(c) for c in pair]
    items = [option_text(c) for c in notes.claims]
    found = []
    for claim in notes.claims:
        if claim in pair or not claim.misconception:
            continue
        text = full_stop(claim.misconception)
        if len(text) > MAX_OPTION_LENGTH or any(similar(text, r) for r in right):
            continue
        if undated(text) == undated(option_text(claim)):
            continue  # a true item with its date or figure moved tests that, not the reason
        if _names_only_in(course, text, items):
            continue
        found.append((text, claim))
    return found


MONTHS_RE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b",
    re.IGNORECASE,
)


def undated(text):
    """The text without its dates and figures: 'From June 1940' and 'From 1928' read alike."""
    return " ".join(MONTHS_RE.sub(" ", re.sub(r"[\d,.%]+", " ", fold(text))).split())


def _explained(course, pair, false_claims):
    said = " ".join(explanation(c) for c in pair)
    if not false_claims:
        return said
    truths = [c.text for c in false_claims]
    truths[0] = course.lower_first(truths[0])
    return f"{said} The other options are false. In fact, " + " ".join(truths)


MIN_FALSE_ITEMS = 2  # with fewer, the lists that lend their claims give the wrong options


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
            false = _false_items(course, notes, pair)
            if len(false) >= MIN_FALSE_ITEMS:
                wrong = course.pick(key, [[text for text, _ in false]], taken=right, n=2)
                others = [c for text, c in false if text in wrong]
                said = _explained(course, pair, others)
            else:
                wrong = _lent_options(course, key, notes, lists, tiers, right)
                if wrong is None:
                    continue
                others = [c for c in pool if option_text(c) in wrong]
                said = _explained(course, pair, [])
            claims = [*pair, *others]
            yield multiple_select(
                course,
                t,
                key=key,
                prompt=f"Which two of these were {notes.words}?",
                answers=right,
                distractors=wrong,
                explanation=said,
                difficulty=2,
                topic_id=pair[0].topic_id,
                sources=sources(
                    facts=[f for c in claims for f in c.facts],
                    events=[e for c in claims for e in claim_events(course, c)],
                ),
            )


def _lent_options(course, key, notes, lists, tiers, right):
    """Wrong options from the lists that lend their claims, or None."""
    wrong = [
        [
            option_text(c)
            for c in tier
            if not any(similar(c.text, r) for r in right)
            and not _names_only_in(course, c.text, right)
            # Before every result of the list, not only the pair's: compulsory schooling (1930)
            # is arguably an effect of the Plans on society, whose other results came later.
            and (
                notes.kind != "result"
                or _before(course, c, notes.claims, same_section=same_section)
            )
        ]
        for tier, (_, same_section) in zip(tiers, WRONG_FROM[notes.kind], strict=True)
    ]
    return _from_two_lists(course, key, wrong, right, lists)
