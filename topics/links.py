"""The rules a link between two claims must keep (see the README, "Links between claims").

A link pairs two claims as cause and consequence, or as a policy and its aim, with the short
words a matching question shows for each side. `link_problems` checks a link's own fields; the
model's `clean()` (the admin) and the loader (the shipped file) both use it.
"""

import re

from topics.claims import ARTEFACTS, SLUG

RELATIONS = ("cause", "aim")
MAX_SIDE_LENGTH = 60  # an option a phone shows on one or two lines beside its partner
PRONOUN_RE = re.compile(r"\b(?:he|him|his|she|her)\b", re.IGNORECASE)


def side_problems(text, name):
    """Why `text` is not a short option: too long, a sentence, or one of the notes' artefacts."""
    if not isinstance(text, str) or not text.strip():
        return [(name, "is empty")]
    problems = []
    if len(text) > MAX_SIDE_LENGTH:
        problems.append((name, f"is {len(text)} characters (at most {MAX_SIDE_LENGTH})"))
    if text != text.strip() or "\n" in text or "  " in text:
        problems.append((name, "has stray spaces or line breaks"))
    opening = text.lstrip("'")
    if not (opening[:1].isupper() or opening[:1].isdigit()):
        problems.append((name, "does not begin with a capital letter"))
    if text.endswith((".", ";", ",", ":")):
        problems.append((name, "ends with punctuation (it is an option, not a sentence)"))
    for pattern, artefact in ARTEFACTS:
        if pattern.search(text):
            problems.append((name, f"holds {artefact}"))
    if PRONOUN_RE.search(text):
        # 'Many saw him as a latecomer' fits only a left item about a person: a giveaway.
        problems.append((name, "holds a pronoun (name who is meant, or leave them out)"))
    return problems


def link_problems(*, slug, relation, from_text, to_text):
    """Every rule the link breaks, as [(field, message)]; an empty list means it is fine."""
    problems = []
    if not isinstance(slug, str) or not SLUG.match(slug):
        problems.append(("slug", f"{slug!r} is not kebab-case"))
    if relation not in RELATIONS:
        problems.append(("relation", f"{relation!r} is not one of {list(RELATIONS)}"))
    problems += side_problems(from_text, "from_text")
    problems += side_problems(to_text, "to_text")
    if isinstance(from_text, str) and from_text.strip() and from_text == to_text:
        problems.append(("to_text", "is the same as from_text"))
    return problems
