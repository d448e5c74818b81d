"""The rules a checked claim must keep (see the README, "Claims").

One pure function, `claim_problems`, checks a claim's fields; the model's `clean()` (the admin) and
the loader (the shipped files) both use it, so a claim an admin saves and a claim a file ships
obey the same rules.
"""

import re

TYPES = ("fact", "statistic", "interpretation", "judgement")
DETAIL_KINDS = ("person", "group", "year", "number", "term", "place", "phrase")
MAX_LENGTH = 200  # a sentence that fits a phone screen
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The notes' artefacts that must never reach a sentence a student reads.
ARTEFACTS = [
    (re.compile(r"[–—]|(?<=\s)-|-(?=\s)|^-"), "a dash"),
    (re.compile(r"/"), "a slash"),
    (re.compile(r"[()\[\]{}]"), "brackets"),
    (re.compile(r"^\s*(?:\d+|[a-z])[.)]\s"), "numbering"),
    (re.compile(r"\b(?:e\.g|i\.e|etc|vs)\b\.?|&", re.IGNORECASE), "shorthand"),
    (re.compile(r"\b[A-Z] and [A-Z]\b"), "initials for names"),
]
# A full stop, question or exclamation mark followed by more words: a second sentence (but not
# the stop after an initial, as in "Robert V. Daniels").
INNER_STOP = re.compile(r"(?<!\b[A-Z])[.!?]['\"’]?\s+\S")


def sentence_problems(text, name):
    """Why `text` is not one well-formed sentence for a phone, as [(field, message)]."""
    if not isinstance(text, str) or not text.strip():
        return [(name, "is empty")]
    problems = []
    if len(text) > MAX_LENGTH:
        problems.append((name, f"is {len(text)} characters (at most {MAX_LENGTH})"))
    if text != text.strip() or "\n" in text or "  " in text:
        problems.append((name, "has stray spaces or line breaks"))
    if not (text[0].isupper() or text[0].isdigit()):
        problems.append((name, "does not begin with a capital letter"))
    if not text.endswith("."):
        problems.append((name, "does not end with a full stop"))
    if INNER_STOP.search(text[:-1]):
        problems.append((name, "is more than one sentence"))
    for pattern, artefact in ARTEFACTS:
        if pattern.search(text):
            problems.append((name, f"holds {artefact}"))
    return problems


def _whole(phrase, text):
    """Whether `phrase` occurs in `text` as whole words, ignoring case."""
    return re.search(rf"(?<!\w){re.escape(phrase.casefold())}(?!\w)", text.casefold()) is not None


def detail_problems(detail, claim_text, claim_type, year, heading):
    if not isinstance(detail, dict) or not isinstance(detail.get("text"), str):
        return ["a detail needs a text"]
    text = detail["text"]
    label = f"detail {text!r}"
    problems = []
    unknown = set(detail) - {"text", "kind", "accept"}
    if unknown:
        problems.append(f"{label} has unknown fields {sorted(unknown)}")
    if detail.get("kind") not in DETAIL_KINDS:
        problems.append(f"{label} has kind {detail.get('kind')!r}, not one of {list(DETAIL_KINDS)}")
    accept = detail.get("accept", [])
    if not isinstance(accept, list) or not all(isinstance(a, str) and a.strip() for a in accept):
        problems.append(f"{label}: accept must be a list of answers")
    count = claim_text.count(text) if text else 0
    if count != 1:
        problems.append(f"{label} appears {count} times in the text (once expected)")
    if _whole("Stalin", text):
        problems.append(f"{label}: Stalin is never a detail worth asking for")
    if heading and _whole(text, heading):
        problems.append(f"{label} is a word of the topic's heading {heading!r}")
    if detail.get("kind") == "year":
        found = re.findall(r"\b1[89]\d\d\b", text)
        if not found:
            problems.append(f"{label} is a year detail without a year")
        elif claim_type == "statistic" and year and str(year) in found:
            problems.append(f"{label} is the year of the statistic")
        elif re.search(rf"\b1[89]\d\d,? (?:to|and|until) {re.escape(text)}(?!\w)", claim_text):
            problems.append(f"{label} is the end of a date range")
    return problems


def claim_problems(
    *,
    slug,
    text,
    type,
    details=(),
    held_by="",
    view="",
    misconception="",
    correction="",
    year=None,
    heading="",
):
    """Every rule a claim breaks, as [(field, message)]; an empty list means the claim is fine.

    `heading` is the title of the claim's topic: its words are never a detail to ask for."""
    problems = []
    if not isinstance(slug, str) or not SLUG.match(slug):
        problems.append(("slug", f"{slug!r} is not kebab-case"))
    problems += sentence_problems(text, "text")
    text = text if isinstance(text, str) else ""
    if type not in TYPES:
        problems.append(("type", f"{type!r} is not one of {list(TYPES)}"))
    if type == "interpretation":
        if not (held_by or "").strip():
            problems.append(("held_by", "an interpretation names who holds it"))
        if not (view or "").strip():
            problems.append(("view", "an interpretation states the view"))
    elif held_by or view:
        problems.append(("held_by", "only an interpretation has held_by and view"))
    if misconception:
        if type not in ("fact", "statistic"):
            problems.append(("misconception", "only a fact or statistic has a misconception"))
        problems += sentence_problems(misconception, "misconception")
        if misconception == text:
            problems.append(("misconception", "is the same as the text"))
    if correction and (not isinstance(correction, str) or "\n" in correction):
        problems.append(("correction", "must be one line"))
    if year is not None and (not isinstance(year, int) or not 1800 <= year <= 1991):
        problems.append(("year", f"{year!r} is not a year between 1800 and 1991"))
    if not isinstance(details, (list, tuple)):
        problems.append(("details", "must be a list"))
        details = []
    seen = set()
    for detail in details:
        problems += [("details", p) for p in detail_problems(detail, text, type, year, heading)]
        key = detail.get("text") if isinstance(detail, dict) else None
        if key in seen:
            problems.append(("details", f"detail {key!r} is listed twice"))
        seen.add(key)
    return problems
