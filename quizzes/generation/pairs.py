"""Linked claims as matching questions: each policy to its aim, each cause to its consequence.

A link (`topics.ClaimLink`) pairs two claims with the short words a question shows for each
side; the `to` claim's sentence states the link, and the explanation cites it. A question is
four links of one relation from one part of the course, chosen so that no answer is open to
argument: no two links on one claim (a chain such as "the halt of 1930" caused by resistance and
causing households to leave would have two right answers), none the curators marked as not to
be asked together, no two left or right items alike, and no right item that shares a word with
another left item (a false clue) or with its own (a giveaway).
"""

from quizzes.generation.claims import claim_events, usable
from quizzes.generation.questions import MAX_PROMPT_LENGTH, QuestionSpec
from quizzes.generation.registry import template
from quizzes.generation.sets import sample_sets
from quizzes.generation.wording import GENERAL_WORDS, fold, full_stop, shares_stem, similar, sources

COURSE_END = 1941  # the last year the course covers: links are between its events
PAIRS = 4  # the matching kind takes 4 or 5 pairs; four short pairs fit a phone
# Sampling passes, each of `sets.SET_ROUNDS` rounds: a part of the course has only six to ten
# links, so one pass gives two or three questions and may leave a link out of all of them.
PASSES = 2
MAX_SIDE_LENGTH = 60  # the loader allows no more; a link an admin lengthened is left out
PROMPTS = {
    "aim": "Match each policy or move to its aim.",
    "cause": "Match each cause to its consequence.",
}


def _claims_of(link):
    return {link.from_claim, link.to_claim}


def askable_links(course, relation):
    """Links of the relation whose claims are both in the course and usable for questions."""
    found = []
    for link in sorted(getattr(course.kb, "links", ()), key=lambda item: item.id):
        claims = [course.claim.get(claim_id) for claim_id in _claims_of(link)]
        if link.relation != relation or not all(claims):
            continue
        if not all(usable(course, claim) for claim in claims):
            continue
        if any(claim.year and claim.year > COURSE_END for claim in claims):
            continue  # the opening of the archives in 1991 is the history of the history
        if max(len(link.from_text), len(link.to_text)) > MAX_SIDE_LENGTH:
            continue
        if shares_stem(link.from_text, link.to_text, GENERAL_WORDS):
            continue  # the right item echoes its own left item
        found.append(link)
    return found


def compatible(first, second):
    """Whether two links can share a question without giving or blurring each other's answer."""
    if _claims_of(first) & _claims_of(second):
        return False
    if first.id in second.not_with or second.id in first.not_with:
        return False
    if fold(first.from_text) == fold(second.from_text) or similar(first.to_text, second.to_text):
        return False
    return not (
        shares_stem(second.from_text, first.to_text, GENERAL_WORDS)
        or shares_stem(first.from_text, second.to_text, GENERAL_WORDS)
    )


def matching_links(course, t, relation):
    links = askable_links(course, relation)

    def topic_of(link):
        return course.claim[link.to_claim].topic_id

    groups, seen = [], set()
    for n in range(PASSES):
        for group in sample_sets(course, f"{t.name}:{n}", links, topic_of, compatible, (PAIRS,)):
            identity = frozenset(link.id for link in group)
            if identity not in seen:
                seen.add(identity)
                groups.append(group)
    for group in groups:
        key = t.key("+".join(sorted(link.slug for link in group)))
        left = [link.from_text for link in group]
        answer = [link.to_text for link in group]
        rng = course.rng(key)
        right = list(answer)
        while right == answer:  # never handed over with every pair side by side
            rng.shuffle(right)
        prompt = PROMPTS[relation]
        if len(prompt) > MAX_PROMPT_LENGTH:
            continue
        claims = [course.claim[claim_id] for link in group for claim_id in sorted(_claims_of(link))]
        yield QuestionSpec(
            key=key,
            template=t.name,
            kind="matching",
            prompt=prompt,
            options={"left": left, "right": right},
            answer=dict(zip(left, answer, strict=True)),
            explanation=" ".join(
                f"{link.from_text}: {full_stop(course.claim[link.to_claim].text)}" for link in group
            ),
            difficulty=2,
            topic_id=course.common_topic(topic_of(link) for link in group),
            sources=sources(
                facts=[f for claim in claims for f in claim.facts],
                events=[e for claim in claims for e in claim_events(course, claim)],
            ),
        )


@template
def match_policy_aims(course, t):
    yield from matching_links(course, t, "aim")


@template
def match_causes(course, t):
    yield from matching_links(course, t, "cause")
