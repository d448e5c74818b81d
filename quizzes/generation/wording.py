"""Text helpers every family shares: folding, word matching, sentence shape, item forms."""

import re
from functools import lru_cache

from quizzes.marking import normalise
from topics.knowledge import asking_form

BLANK = "_____"
MASK = "…"

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
    "Bolsheviks", "Union", "Marshal", "Marshals",  # a Marshal of the Soviet Union: a rank, no name
})  # fmt: skip
STEM_SUFFIXES = ("isation", "ization", "ation", "ising", "izing", "ised", "ized", "ise", "ize",
                 "ists", "ist", "ism", "ies", "es", "s", "ing", "ed", "al", "y", "e")  # fmt: skip
YEAR_RE = re.compile(r"(?<![\w.,/])(19[0-4]\d)(?![\w%]|'s\b|,\d)")


@lru_cache(maxsize=65536)
def fold(text):
    """The form the marker compares answers in (case, accents, punctuation, a leading "the"):
    two options that fold alike would be the same answer to a student typing."""
    return normalise(str(text))


@lru_cache(maxsize=4096)
def pattern_of(forms, ignore_case=True, plurals=False):
    forms = sorted({form for form in forms if form}, key=len, reverse=True)
    if not forms:
        return None
    suffix = r"(?:s|es)?" if plurals else ""
    flags = re.IGNORECASE if ignore_case else 0
    body = "|".join(map(re.escape, forms))
    return re.compile(rf"(?<!\w)(?:{body}){suffix}(?!\w)", flags)


def mentions(text, forms, *, ignore_case=True, plurals=False):
    pattern = pattern_of(tuple(forms), ignore_case, plurals)
    return bool(pattern and pattern.search(text))


def leaks(prompt, forms):
    """Whether the prompt shows any form of its answer (whole words, any case)."""
    return mentions(prompt, [str(form) for form in forms])


@lru_cache(maxsize=65536)
def content_words(text):
    words = (re.sub(r"'s?$|^'", "", w) for w in re.findall(r"[a-z']+", text.lower()))
    return frozenset(w for w in words if len(w) > 2 and w not in STOPWORDS)


@lru_cache(maxsize=65536)
def salient_words(text):
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
    if fold(first) == fold(second) or salient_words(first) & salient_words(second):
        return True
    a, b = content_words(first), content_words(second)
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.5


def stem(word):
    """A rough stem, enough to see 'collectivisation' in 'collectivise' or 'kulaks' in 'kulak'."""
    word = word.lower().strip("'")
    for suffix in STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=65536)
def stems(text):
    """The stems of a text's content words: what a giveaway check compares."""
    return frozenset(stem(w) for w in content_words(text))


def shares_stem(text, answer, ignore=frozenset()):
    """Whether the text holds a word of the answer: the same stem, or the same first five
    letters of a long word ('collectivise' in 'collectivisation', 'famines' in 'famine')."""
    theirs = {w for w in content_words(answer) if stem(w) not in ignore and w not in ignore}
    ours = content_words(text)
    if {stem(w) for w in theirs} & {stem(w) for w in ours}:
        return True
    return any(a[:5] == b[:5] for a in theirs for b in ours if len(a) >= 6 and len(b) >= 6)


# Words too general to give an answer away when a prompt shares them ("Stalin's policy").
GENERAL_WORDS = frozenset({"stalin", "soviet", "ussr", "party", "communist", "russia"})
FIGURES_RE = re.compile(r"^[\d.,]+(?:-[\d.,]+)?(?:%| million| thousand| billion|x)?$")


def gives_away(prompt, forms):
    """Whether the prompt shows any form of its answer: a year or number as written, a name or
    term whole, by its stem or plural ('kulaks', 'collectivise' for 'collectivisation'). A long
    answer (a definition, a view) is asked about by name, so only its exact words count."""
    for form in map(str, forms):
        if not fold(form):
            continue
        if FIGURES_RE.match(form) or len(form) > 60:
            if re.search(rf"(?<![\w.,]){re.escape(form)}(?!\w)", prompt):
                return True
        elif shares_stem(prompt, form, GENERAL_WORDS):
            return True
    return False


def sentence(text):
    text = text.strip()
    return text[:1].upper() + text[1:]


def full_stop(text):
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


def join(parts):
    parts = list(parts)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def in_sentence(title):
    """'The Shakhty trial' inside a sentence reads 'the Shakhty trial'."""
    return title[0].lower() + title[1:] if re.match(r"(The|A|An) ", title) else title


def strip_article(title):
    return re.sub(r"^(The|A|An) ", "", title)


def quoted(text):
    return text.strip().rstrip(".")


OPTION_LIMIT = 120  # characters: an option that wraps at most three lines on a phone
CLAUSE_BREAK_RE = re.compile(
    r";|:|, (?:then|and|which|who|whose|where|as|so|but|from|with|in|to|until|after)\b"
)


def clipped(text, limit=OPTION_LIMIT):
    """The text, or its opening up to a clause break, within `limit` characters (None if no
    break leaves enough): 'Leningrad party boss ... in 1924, then joined the United Opposition'
    loses ', then ...'."""
    text = quoted(text)
    if len(text) <= limit:
        return text
    # A bracket is an aside: "...argued in The Soviet Tragedy (1994) that..." loses "(1994)".
    text = re.sub(r"\s\([^)]*\)", "", text)
    if len(text) <= limit:
        return text
    for match in reversed(list(CLAUSE_BREAK_RE.finditer(text))):
        if 30 <= match.start() <= limit:
            # "... 1930-41 and, from 1939, ..." is cut before "and", not after it.
            return TRAILING_CONJUNCTION_RE.sub("", text[: match.start()].rstrip(" ,;:"))
    return None


TRAILING_CONJUNCTION_RE = re.compile(r"[\s,]+(?:and|or|but|then)$")


SHORT_ROLE_LIMIT = 60  # characters: a role matched beside four others fits two lines


def short_role(role, leader="Stalin", limit=SHORT_ROLE_LIMIT):
    """A role's first clause, for matching: 'Head of the Moscow Soviet who sided with...' is
    'Head of the Moscow Soviet'. None when the clause is too long, or too vague to pick one
    person out ('Resentful party member', 'Stalin's closest ally'): it must name a place, a
    body or a year, or be someone else's ('Kirov's bodyguard'), and not be a mere member."""
    text = re.sub(r"\s\([^)]*\)", "", role.strip().rstrip("."))
    first = re.split(r"[;:]|, | (?:at )?(?:who|whose) ", text)[0].strip()
    if len(first) > limit and " and " in first:
        first = first.split(" and ")[0]
    words = first.split()
    if len(first) > limit or len(words) < 2 or words[-1].lower() in ("member", "who", "whose"):
        return None
    named = [w for w in words[1:] if w[:1].isupper() and not w.startswith(leader)]
    owner = words[0].endswith("'s") and not words[0].startswith(leader)
    return first if named or owner or re.search(r"\b1[89]\d\d\b", first) else None


def replace_spans(text, spans, replacement):
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


# Items: every way a person, term or event is written.


def person_forms(person):
    return tuple(dict.fromkeys(f for f in (person.name, person.full_name, *person.aliases) if f))


def term_forms(term):
    return tuple(dict.fromkeys(f for f in (term.term, *term.aliases) if f))


def event_forms(event):
    return tuple(dict.fromkeys((event.title, strip_article(event.title))))


def event_years(event):
    return set(range(event.start_year, (event.end_year or event.start_year) + 1))


def spans_years(event):
    return event.end_year is not None and event.end_year != event.start_year


def event_verb(event):
    """What the title does in its year: its own verb, else 'began' for a span and 'was' for a
    point ('The death of Lenin was in 1924'), never 'took place' forced onto a death."""
    return getattr(event, "verb", "") or ("began" if spans_years(event) else "was")


def event_subject(event):
    """What the verb is said of inside a sentence: 'internal passports' (were introduced), else
    the title ('the Shakhty trial')."""
    return getattr(event, "subject", "") or in_sentence(event.title)


def event_statement(event, year):
    """'The Shakhty trial was held in 1928', 'Internal passports were introduced in 1932',
    without a full stop."""
    subject = event_subject(event)
    return f"{subject[0].upper()}{subject[1:]} {event_verb(event)} in {year}"


def event_question(event):
    """'In which year was the Shakhty trial held?', 'In which year did Lenin die?'"""
    verb, subject = event_verb(event), event_subject(event)
    asked = asking_form(verb)
    if asked:
        return f"In which year did {subject} {asked}?"
    auxiliary, _, rest = verb.partition(" ")
    return f"In which year {auxiliary} {subject}{' ' + rest if rest else ''}?"


def event_dates(event):
    return f"{event.start_year}-{event.end_year}" if spans_years(event) else str(event.start_year)


def sources(*, facts=(), people=(), events=(), terms=(), quotes=()):
    lists = {"facts": facts, "people": people, "events": events, "terms": terms, "quotes": quotes}
    return {name: sorted(set(ids)) for name, ids in lists.items()}
