"""Questions on the checked claims: one well-formed sentence about the past each.

The notes' own wording never reaches a prompt: a blank, a true/false statement or a "which
event" question is always a claim's sentence (or its hand-written misconception). A claim's key
details are the only things blanked or swapped, and the generator still refuses the trivial ones
(Stalin, the topic's own word, the end of a range, the year of a statistic) in case the data
lets one through.
"""

import re

from quizzes.generation.distractors import (
    SAME_PERIOD_YEARS,
    central_figure,
    event_kind,
    event_tiers,
    gone_year,
    linked_years,
    near_years,
    number_accepts,
    number_options,
    people_tiers,
    role_group,
    round_figures,
    term_class,
    term_rivals,
    term_tiers,
)
from quizzes.generation.questions import (
    MAX_OPTION_LENGTH,
    MAX_PROMPT_LENGTH,
    multiple_choice,
    true_false,
    typed,
)
from quizzes.generation.registry import template
from quizzes.generation.wording import (
    BLANK,
    STOPWORDS,
    YEAR_RE,
    event_forms,
    event_years,
    fold,
    full_stop,
    mentions,
    person_forms,
    quoted,
    salient_words,
    shares_stem,
    similar,
    sources,
    stem,
    stems,
    term_forms,
)

ASKED_TYPES = ("fact", "statistic")  # the only claims that can be true or false
# The marker's answer kind for each kind of detail.
ANSWER_KINDS = {"person": "name", "group": "term", "year": "year", "number": "number",
                "term": "term", "place": "name", "phrase": "text"}  # fmt: skip
# Details whose wrong versions come from a pool of the same kind in other claims.
POOLED_KINDS = ("group", "term", "place")
# Words before a year or number that make a claim about a bound, not a value: moving the value
# can leave the claim true ("by 1937" is also "by 1938"; "less than 10%" also "less than 15%").
YEAR_QUALIFIER_RE = re.compile(
    r"\b(before|after|until|till|by|since|from|pre|post|around|about|c\.|early|late|mid)\s+$",
    re.IGNORECASE,
)
NUMBER_QUALIFIER_RE = re.compile(
    r"\b(less than|fewer than|more than|over|under|up to|at least|at most|almost|nearly|about|"
    r"around|"
    r"some|approximately|roughly|c\.|circa|perhaps|possibly)\s+$",
    re.IGNORECASE,
)
# What may come before a sentence's subject: nothing, or an opening phrase ("In 1924, ").
SUBJECT_OPENING_RE = re.compile(
    r"(?:(?:In|By|From|During|After|Before|On|At|Under|As|Between|When)\b[^,;]{0,60},\s*|"
    r"In (?:the )?(?:\w+ )?19\d\ds? )?"
)
# A sentence about what many people felt, or how something was seen, cannot be checked: any
# pupil guesses True ("Many communists feared that the gap between rich and poor ..."), and its
# false version is as unfalsifiable. Such claims are asked only as blanks, never true or false.
SOFT_RE = re.compile(
    r"\b(?:many|most|some)\s+(?:[\w']+\s+){0,2}(?:feared|saw|believed|thought|felt|hoped|"
    r"regarded|considered|distrusted)\b|\bappealed to\b|"
    r"\b(?:was|were|is|are)\s+(?:often\s+|widely\s+)?(?:seen|regarded|viewed|described)\s+as\b|"
    r"\b(?:the party|Marxists) believed\b",
    re.IGNORECASE,
)
PLURAL_WORDS = frozenset({"people", "men", "women", "police", "kolkhozy", "sovkhozy", "peasantry"})
# Words too general to count as the answer showing in a "which event is this about" prompt.
# Words every view of the Terror or the economy shares; they do not make two views alike.
VIEW_WORDS = frozenset({"terror", "purge", "stalin's", "system", "revolution", "lenin", "party"})
PRONOUN_RE = re.compile(r"\b(he|him|his|she|her|they|them)\b", re.IGNORECASE)
NUMBER_WORDS_RE = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|hundred|thousand|million)",
    re.IGNORECASE,
)
GENERIC_WORDS = frozenset({"stalin", "soviet", "ussr", "policy", "introduction", "start", "end"})


# Claims and their details --------------------------------------------------------------------


# Two numbers joined as a range: "between 5.5 and 8.5 million", "1936-38", "5 to 7 million".
RANGE_RE = re.compile(r"\d[\d.,]*\s*(?:-|–|to|and)\s*\d|\bbetween\b", re.IGNORECASE)


def usable(course, claim):
    """A claim whose points are all marked not for questions gives no question."""
    facts = [course.fact[i] for i in claim.facts if i in course.fact]
    return bool(facts) and not all(getattr(f, "not_for_questions", "") for f in facts)


def asked_claims(course):
    return [claim for claim in course.claims if usable(course, claim)]


def detail_slug(detail):
    return re.sub(r"[^a-z0-9]+", "-", fold(detail.text)).strip("-") or "x"


def span(claim, detail):
    start = claim.text.find(detail.text)
    return (start, start + len(detail.text)) if start >= 0 else None


def range_partner(text, start, end):
    """The other end of a range the year at text[start:end] is in ("1936-1939", "1928-32",
    "between 1928 and 1940"): (that year, whether it comes after), or (None, None)."""
    after = re.match(r"\s?(?:[-–]\s?(\d{2,4})\b|(?:to|and)\s(19\d\d)\b)", text[end:])
    if after:
        digits = after.group(1) or after.group(2)
        return int(digits) if len(digits) == 4 else 1900 + int(digits), True
    before = re.search(r"\b(19\d\d)\s?(?:[-–]|\s(?:to|and))\s?$", text[:start])
    return (int(before.group(1)), False) if before else (None, None)


def person_of(course, text):
    """The course's person written `text` (any of their names), or None."""
    folded = fold(text)
    for person in course.people:
        if folded in {fold(form) for form in person_forms(person)}:
            return person
    return None


def term_of(course, text):
    folded = fold(text)
    for term in course.terms:
        forms = {fold(form) for form in term_forms(term)}
        if folded in forms or folded.removesuffix("s") in forms:
            return term
    return None


def _topic_stems(course, claim):
    topic = course.topics.get(claim.topic_id)
    words = stems(topic.title) if topic else frozenset()
    return words - {"stalin"}


# Pairs a pupil can complete from the other half: "stood apart from both factions until he
# joined the Bolsheviks" leaves only the Mensheviks.
CONTRAST_PAIRS = (
    ("menshevik", "bolshevik"), ("left", "right"), ("kolkhoz", "sovkhoz"), ("yagoda", "yezhov"),
    ("reds", "whites"),
)  # fmt: skip


def contrast_in_sentence(claim, detail):
    start, end = span(claim, detail)
    rest = stems(claim.text[:start] + " " + claim.text[end:])
    answer = stems(detail.text)
    return any(
        (stem(a) in answer and stem(b) in rest) or (stem(b) in answer and stem(a) in rest)
        for a, b in CONTRAST_PAIRS
    )


# "_____ and the Right of the party wanted...": Rykov and Tomsky fill it as truly as Bukharin.
GROUP_AFTER_RE = re.compile(r"\s(?:and|or) the (?:Left|Right|United Opposition)\b")


# "projects such as _____", "every rival party, including the _____": an example from an open
# list, which other members of the list would fill as truly as the answer.
OPEN_LIST_RE = re.compile(r"\b(?:such as|including|for example|e\.g\.)\s(?:that of |in |the )?$")


def trivial(course, claim, detail):
    """Why blanking or swapping this detail would test nothing worth knowing ('' if it is fine)."""
    where = span(claim, detail)
    if where is None:
        return "not in the text"
    if OPEN_LIST_RE.search(claim.text[: where[0]]):
        return "one example among others"
    if contrast_in_sentence(claim, detail):
        return "its opposite is in the sentence"
    if detail.kind == "person" and GROUP_AFTER_RE.match(claim.text[where[1] :]):
        return "one of a group the sentence names"
    if detail.kind == "person" and in_a_list(claim.text, *where):
        return "one of a list of people"
    stalin = person_of(course, "Stalin")
    if stalin and fold(detail.text) in {fold(f) for f in person_forms(stalin)}:
        return "Stalin"
    if detail.kind == "year":
        if claim.type == "statistic":
            return "the year of a statistic"
        partner, after = range_partner(claim.text, *where)
        if partner is not None and not after:
            return "the end of a range"
        before = claim.text[: where[0]]
        if re.search(r"\b[Rr]evolution of $", before):
            return "the year in a revolution's name"
        if detail.text == "1917" and re.search(
            r"\b(?:October|(?:tak|took|seiz)\w* power in)\s+$", before
        ):
            return "the year of the October revolution"
        if detail.text == str(SOVIET_START) and partner is not None and after:
            return "the first Soviet year, at the start of a range"
    elif stems(detail.text) & _topic_stems(course, claim):
        return "the topic's own word"
    elif detail.kind == "place" and named_after(claim, detail):
        return "named after someone the sentence names"
    return ""


def named_after(claim, detail):
    """Whether the place bears the name of a word of the rest of the sentence: 'Petrograd was
    renamed _____' after 'Lenin's death' is Leningrad."""
    start, end = span(claim, detail)
    rest = claim.text[:start] + claim.text[end:]
    words = {w.lower() for w in re.findall(r"[A-Z][a-z]{3,}", rest)}
    return any(detail.text.lower().startswith(w) and detail.text.lower() != w for w in words)


def in_a_list(text, start, end):
    """Whether the span is the first or a middle name of a list of three or more ('Bukharin,
    _____ and Yagoda were shot'): eighteen were shot, and any of them fits. The last of a list
    stays askable, as in 'Stalin, Zinoviev and _____ formed a triumvirate', and so does either
    of a pair ('allied with _____ and Kamenev')."""
    return bool(
        re.search(r"[A-Z][\w'-]+,\s$", text[:start]) or re.match(r",\s[A-Z][\w'-]+", text[end:])
    )


def blanked(claim, detail):
    start, end = span(claim, detail)
    return claim.text[:start] + BLANK + claim.text[end:]


def blank_prompt(claim, detail, instruction="Fill in the blank:"):
    """The claim with its blank, after what to do (left out when it would not fit a phone).

    A question with options says so ("Choose the word for the blank"), so the page's label
    "Multiple choice" and the prompt agree."""
    body = blanked(claim, detail)
    prompt = f"{instruction} {body}"
    return prompt if len(prompt) <= MAX_PROMPT_LENGTH else body


def _substance(text):
    words = re.findall(r"[A-Za-z][\w'-]*|\d[\d,.%]*", text.replace(BLANK, " "))
    return [w for w in words if w[0].isdigit() or (len(w) > 2 and w.lower() not in STOPWORDS)]


# Words before a blank that make any later (or smaller) answer true as well: "By _____ the
# USSR made its own machinery", "more than _____ workers".
BOUND_BEFORE_RE = re.compile(
    r"\b(by|before|after|until|till|since|more than|less than|fewer than|over|under|up to|"
    r"at least|almost|nearly)\s+$",
    re.IGNORECASE,
)


# A year set off as an aside ("The Great Terror, published in 1968, relied on ..."): the date
# is context, and the sentence's point is elsewhere.
ASIDE_YEAR_RE = re.compile(
    r",\s(?:published|founded|introduced|written|built|set up|created|formed|launched|begun)\s"
    r"(?:in\s)?(?:[A-Z]\w+\s)?$"
)


def aside_year(claim, detail):
    start, end = span(claim, detail)
    return bool(ASIDE_YEAR_RE.search(claim.text[:start])) and claim.text[end:].startswith(",")


def askable(course, claim, detail):
    if trivial(course, claim, detail) or len(_substance(blanked(claim, detail))) < 3:
        return False
    if detail.kind == "year" and aside_year(claim, detail):
        # Blank the more telling detail when the claim has one; the aside's year only if not.
        others = [d for d in claim.details if d is not detail and d.kind != "year"]
        if any(askable(course, claim, other) for other in others):
            return False
    start, _ = span(claim, detail)
    bounded = detail.kind in ("year", "number") and BOUND_BEFORE_RE.search(claim.text[:start])
    return not bounded


def detail_forms(course, detail):
    """Every way of writing the detail a marker takes, and a prompt must never show."""
    forms = [detail.text, *detail.accept]
    if detail.kind == "person":
        person = person_of(course, detail.text)
        forms += person_forms(person) if person else []
    elif detail.kind in ("term", "group", "phrase"):
        term = term_of(course, detail.text)
        forms += term_forms(term) if term else []
    elif detail.kind == "number":
        forms += number_accepts(detail.text)
    return tuple(dict.fromkeys(forms))


def claim_years(course, claim):
    """Every year the claim is true of: written in it, its own year, its events' years."""
    # The years its correction names are true of it too ("opened to the public in May 1935"
    # after trial runs in 1934): never a wrong year for it.
    years = {int(y) for y in YEAR_RE.findall(f"{claim.text} {claim.correction}")}
    years |= {claim.year} if claim.year else set()
    events = {e for i in claim.facts if i in course.fact for e in course.fact[i].events}
    return years | linked_years(course, events)


def claim_section(course, claim):
    return course.section(claim.topic_id)


def claim_events(course, claim):
    return sorted({e for i in claim.facts if i in course.fact for e in course.fact[i].events})


def claim_people(course, claim):
    return {p for i in claim.facts if i in course.fact for p in course.fact[i].people}


def explanation(claim, *, false=False):
    """The claim, and where the notes are wrong or doubtful, what they say and what is right."""
    text = ("False. " if false else "") + full_stop(claim.text)
    return f"{text} {full_stop(claim.correction)}" if claim.correction else text


def claim_fields(course, claim, difficulty, details=()):
    people, terms = [], []
    for detail in details:
        person = person_of(course, detail.text) if detail.kind == "person" else None
        term = term_of(course, detail.text) if detail.kind in ("term", "group") else None
        people += [person.id] if person else []
        terms += [term.id] if term else []
    return {
        "explanation": explanation(claim),
        "difficulty": difficulty,
        "topic_id": claim.topic_id,
        "sources": sources(
            facts=claim.facts, events=claim_events(course, claim), people=people, terms=terms
        ),
    }


# Wrong values for a detail: same kind, same period, fits the sentence, never also right ------


def _plural(text):
    text = re.split(r" of ", text)[0]  # "enemy of the people" is one enemy
    words = re.findall(r"[A-Za-z']+", text)
    if not words or words[-1].isupper():  # "MTS", "NKVD": acronyms are not plurals
        return False
    last = words[-1].lower()
    return last in PLURAL_WORDS or (last.endswith("s") and not last.endswith(("ss", "us", "is")))


def _article(text):
    return bool(re.match(r"(the|a|an)\s", text, re.IGNORECASE))


def fits_like(answer, candidate):
    """Whether a candidate reads in the answer's place: singular for singular, an article where
    the answer has one ('allied with the _____' takes 'the Right', not 'kulaks')."""
    return _plural(answer) == _plural(candidate) and _article(answer) == _article(candidate)


def fill_ins(course):
    """{a claim with one detail blanked: every filler some claim gives it}."""

    def build():
        fills = {}
        for claim in course.claims:
            for detail in claim.details:
                if span(claim, detail) is None:
                    continue
                fills.setdefault(fold(blanked(claim, detail)), set()).update(
                    fold(form) for form in detail_forms(course, detail)
                )
        return fills

    return course.cached("claim_fill_ins", build)


def detail_pool(course, kind):
    """[(text, section, year)] of every detail of this kind in any claim."""

    def build():
        pool = []
        for claim in course.claims:
            for detail in claim.details:
                if detail.kind == kind:
                    pool.append((detail.text, claim_section(course, claim), claim.year))
        return pool

    return course.cached(("detail_pool", kind), build)


def historians(course):
    """{name as written: its views} for everyone an interpretation is attributed to by name."""

    def build():
        names = {}
        for claim in course.claims:
            named = claim.type == "interpretation" and claim.held_by
            if named and is_person(course, claim.held_by):
                # Trotsky argued views too, but he is a party leader, not a historian.
                person = person_of(course, claim.held_by)
                if person is None or role_group(person) == "historian":
                    names.setdefault(claim.held_by, []).append(claim.view)
        for person in course.people:
            if role_group(person) == "historian" and not any(
                fold(form) in {fold(n) for n in names} for form in person_forms(person)
            ):
                names.setdefault(person.full_name, [])
        return names

    return course.cached("historians", build)


def is_person(course, holder):
    """'Robert Conquest', 'Malia' or 'R. W. Davies and Stephen Wheatcroft' are people;
    'Revisionist historians', 'Trotskyists' or 'Richard Pipes and the continuity school' are
    a school."""
    return all(_a_name(course, part) for part in holder.split(" and "))


def _a_name(course, text):
    if person_of(course, text):
        return True
    words = text.split()
    if len(words) == 1:
        return not re.search(r"(ists|ites|ians|ism)$", text)  # 'Trotskyists' are a school
    return len(words) <= 4 and all(w[0].isupper() for w in words)


def surname(name):
    return fold(name.split()[-1])


COUNTRIES = frozenset({
    "britain", "great britain", "england", "france", "germany", "nazi germany", "italy", "japan",
    "poland", "finland", "usa", "united states", "america", "mexico", "czechoslovakia", "spain",
    "china", "austria", "hungary", "romania", "turkey", "the west",
})  # fmt: skip
BUILDING_RE = re.compile(
    r"\b(Institute|Palace|Kremlin|headquarters|Square|Theatre|Hall|Prison|Lubyanka|Metro|Canal|"
    r"Dam)\b"
)
# Regions, rivers and republics, so that a town is offered beside towns ("Petrograd was
# renamed _____": Leningrad, not the Volga or the Caucasus).
REGION_RE = re.compile(
    r"\b(Volga|Caucasus|Urals|Siberia|Ukraine|Kuban|Donbass|Kazakhstan|Abkhazia|Georgia|Crimea|"
    r"Kolyma|Far East|Central Asia|Belorussia|Byelorussia|Karelia|Baltic|River|region|province)\b"
)
FOREIGN_TOWNS = frozenset({
    "new york", "vienna", "paris", "london", "berlin", "geneva", "mexico city", "coyoacan",
    "prinkipo", "istanbul", "constantinople", "munich", "zurich", "oslo", "warsaw",
})  # fmt: skip
# Towns of the Soviet Union a wrong option may name: (area, first and last year under that
# name). A town is offered beside towns of its own area when the sentence names that area
# ("born in _____, Georgia": Tbilisi or Kutaisi, not Magadan), and only in years it bore that
# name (Magnitogorsk, founded in 1929, is no wrong answer for 1924, nor Petrograd for 1934).
SOVIET_TOWNS = {
    "Gori": ("Georgia", None, None), "Kutaisi": ("Georgia", None, None),
    "Tiflis": ("Georgia", None, 1935), "Tbilisi": ("Georgia", 1936, None),
    "Batum": ("Georgia", None, 1935), "Batumi": ("Georgia", 1936, None),
    "Sukhumi": ("Georgia", 1936, None),
    "Moscow": ("Russia", None, None), "Petrograd": ("Russia", 1914, 1924),
    "Leningrad": ("Russia", 1924, None), "Stalingrad": ("Russia", 1925, None),
    "Tambov": ("Russia", None, None), "Shakhty": ("Russia", None, None),
    "Ivanovo": ("Russia", 1932, None), "Kharkov": ("Ukraine", None, None),
    "Kiev": ("Ukraine", None, None), "Magnitogorsk": ("Urals", 1929, None),
    "Kuznetsk": ("Siberia", None, None), "Novosibirsk": ("Siberia", 1926, None),
    "Alma-Ata": ("Central Asia", 1921, None), "Tashkent": ("Central Asia", None, None),
    "Frunze": ("Central Asia", 1926, None), "Ashkhabad": ("Central Asia", None, None),
    "Magadan": ("Far East", 1929, None),
    "Vladivostok": ("Far East", None, None), "Komsomolsk-on-Amur": ("Far East", 1932, None),
}  # fmt: skip
# Areas as a sentence may name them: Abkhazia lies in Georgia, Kolyma in the Far East.
AREA_WORDS = {
    "Georgia": ("Georgia", "Abkhazia", "Georgian"),
    "Far East": ("Kolyma", "Far East"),
    "Central Asia": ("Central Asia", "Kazakhstan"),
}


# Regions spoken of with "the": "on his way to the _____" takes the Caucasus, never Siberia.
THE_REGIONS = {"caucasus", "north caucasus", "volga", "urals", "donbass", "kuban", "crimea"}


def takes_the(place):
    return fold(place).removeprefix("the ") in THE_REGIONS


# Regions inside others: "the Ukraine coal mines" is near enough right for the Donbass's, so
# neither is offered beside the other.
REGIONS_WITHIN = {
    "Donbass": ("Ukraine",),
    "Abkhazia": ("Georgia", "Caucasus"),
    "Kuban": ("Caucasus", "North Caucasus"),
    "Georgia": ("Caucasus",),
    "Kolyma": ("Far East", "Siberia"),
    "Far East": ("Siberia",),
    "Kazakhstan": ("Central Asia",),
    "Mexico": ("America", "the Americas", "North America"),
}


def nested(first, second):
    """Whether one region lies inside the other."""
    inside = {fold(k): {fold(v) for v in vs} for k, vs in REGIONS_WITHIN.items()}
    a, b = fold(first), fold(second)
    return b in inside.get(a, ()) or a in inside.get(b, ())


def _town(name):
    return next((v for k, v in SOVIET_TOWNS.items() if fold(k) == fold(name)), None)


# Countries under a name of a few years only: no "Nazi Germany" for 1929.
NAMED_COUNTRIES = {"Nazi Germany": (1933, 1945)}


def named_then(claim, place):
    """Whether the place bore this name in the claim's year (any year, for a claim with none)."""
    years = NAMED_COUNTRIES.get(place) or (_town(place) or (None, None, None))[1:]
    first, last = years
    return not claim.year or not ((first and first > claim.year) or (last and last < claim.year))


def town_fits(claim, answer, town):
    """Whether a town may stand beside this answer: it bore that name at the time, and where
    the sentence names the answer's area, it lies in that area."""
    area = (_town(answer) or (None,))[0]
    other = _town(town)
    if not named_then(claim, town):
        return False
    words = AREA_WORDS.get(area, (area,)) if area else ()
    if any(re.search(rf"\b{re.escape(word)}\b", claim.text) for word in words):
        return bool(other) and other[0] == area
    return True


FACTION_RE = re.compile(r"\b(Opposition|Left|Right|faction|wing)\b")
# Political parties: the Mensheviks are offered beside other parties, never beside the Whites
# or the political commissars ("every rival party, including the _____").
PARTY_RE = re.compile(
    r"^(the )?(Mensheviks|Bolsheviks|Socialist Revolutionaries|SRs|Left SRs|Kadets|Anarchists|"
    r"Industrial Party|Octobrists)$",
    re.IGNORECASE,
)


def detail_class(course, text, kind):
    """What a detail is, finer than its kind: a party leader or a historian, a group of people
    or a body, a farm or a policy, a country or a town. Wrong options share the answer's."""
    if kind == "person":
        person = person_of(course, text)
        if person:
            return "person:" + role_group(person)
        known = surname(text) in {surname(h) for h in historians(course)}
        return "person:historian" if known else "person:unknown"
    if kind == "group" and PARTY_RE.match(text):
        return "group:party"
    term = term_of(course, text) if kind in ("group", "term") else None
    if term:
        found = term_class(term.definition)
        # A group in a sentence is people ("the kulaks"), though the glossary defines one.
        return f"{kind}:{'people' if kind == 'group' and found in ('person', 'member') else found}"
    if kind == "group":
        if _plural(text) or FACTION_RE.search(text):
            return "group:people"
        # "the Secretariat" is a body; "the working class" or "the capitalist world" is not.
        return "group:body" if text.removeprefix("the ")[:1].isupper() else "group:collective"
    if kind == "place":
        if BUILDING_RE.search(text):
            return "place:building"
        if fold(text) in COUNTRIES:
            return "place:country"
        if fold(text) in FOREIGN_TOWNS:
            return "place:foreign town"
        return "place:region" if REGION_RE.search(text) else "place:town"
    return f"{kind}:unknown" if kind == "term" else kind


SOVIET_START = 1917


def _wrong_years(course, key, claim, detail, n):
    year = int(detail.text)
    start, end = span(claim, detail)
    partner, partner_after = range_partner(claim.text, start, end)
    banned = claim_years(course, claim) | {year}
    candidates = near_years(course, key, year, banned, n=n + 4)
    # Nothing before what the claim dates as coming first: Trotsky's denial of Lenin's testament
    # "of 1922-23" cannot be in 1920. (Not its correction's years, which may be the notes'
    # mistake, nor its events', which may span the years on either side of it.)
    earlier = [int(y) for y in re.findall(r"\b(1[89]\d\d)\b(?!s)", claim.text) if int(y) < year]
    if earlier:
        candidates = [y for y in candidates if int(y) >= min(earlier)]
    if partner is not None:
        candidates = [y for y in candidates if (int(y) < partner) == partner_after]
        # "Commissar from _____ to 1923": the years inside the range first, which he might
        # have begun in, not the years before any Soviet post existed.
        inside = [y for y in candidates if min(year, partner) < int(y) < max(year, partner)]
        candidates = inside + [y for y in candidates if y not in inside]
    if year > SOVIET_START:
        # Nothing Soviet happened before 1917: "Commissar from 1915" rules itself out.
        candidates = [y for y in candidates if int(y) >= SOVIET_START]
    # "By the end of 1920 the Reds had won": by any later year it was true as well.
    if re.search(
        rf"\b(?:by|before)\b(?:\s+(?:the\s+end\s+of|late|early|mid-?))?\s+{year}\b",
        claim.text,
        re.I,
    ):
        candidates = [y for y in candidates if int(y) < year]
    return candidates[:n]


def scaled_range(text):
    """'5.5-8.5 million' -> the same range scaled by plausible factors, written alike."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(\s?%|\s(?:million|thousand))?", text)
    if not match:
        return []
    low, high, unit = float(match.group(1)), float(match.group(2)), match.group(3) or ""
    options = []
    for factor in (0.5, 2, 3, 0.25):
        a, b = round_figures(low * factor), round_figures(high * factor)
        if (unit.strip() == "%" and b >= 100) or a >= b or a <= 0:
            continue
        options.append(f"{a:g}-{b:g}" + unit)
    return [o for o in dict.fromkeys(options) if o != text]


def _wrong_numbers(course, key, claim, detail, n):
    in_text = {fold(m) for m in re.findall(r"\d[\d,.]*", claim.text)}
    candidates = number_options(detail.text) or scaled_range(detail.text)
    candidates = [c for c in candidates if fold(c) not in in_text]
    # "Of the 139 members ..., _____ were shot": no part may be larger than the whole.
    whole = re.search(r"\b[Oo]f the (\d[\d,]*)\b", claim.text[: span(claim, detail)[0]])
    if whole:
        limit = float(whole.group(1).replace(",", ""))
        candidates = [c for c in candidates if (_value(c) or 0) < limit]
    # From half to twice the answer first: beside 162 million, 40 and 490 million
    # leave the answer standing out as the only size that could be right.
    value = _value(detail.text)
    near = [c for c in candidates if value and 0.5 <= (_value(c) or 0) / value <= 2]
    far = [c for c in candidates if c not in near]
    return course.pick(key, [near, far], n=n)


def _value(text):
    match = re.match(r"\d[\d,]*(?:\.\d+)?", text)
    return float(match.group(0).replace(",", "")) if match else None


def _wrong_people(course, key, claim, detail, n):
    answer = person_of(course, detail.text)
    named = course.people_in(claim.text) | claim_people(course, claim)
    sentence = blanked(claim, detail)
    full = " " in detail.text
    if answer is None:
        # Someone the course does not hold as a person: only a historian (or another holder of
        # a view) has a pool of the same kind, the other historians; anyone else has none.
        if surname(detail.text) not in {surname(h) for h in historians(course)}:
            return []
        others = [h for h in historians(course) if surname(h) != surname(detail.text)]
        others = [h if full else h.split()[-1] for h in others if not mentions(sentence, [h])]
        return course.pick(key, [others], n=n)
    group = role_group(answer)
    answer_forms = {fold(f) for f in detail_forms(course, detail)}

    def eligible(other):
        died = gone_year(other)
        return (
            other.id != answer.id
            and other.id not in named
            and role_group(other) == group
            and not (died and claim.year and died <= claim.year)
            # A role that shares a name with the sentence ("Leningrad") may fit it too.
            and not salient_words(other.role) & salient_words(sentence)
            and not {fold(f) for f in person_forms(other)} & answer_forms
        )

    form = "full_name" if full and fold(detail.text) == fold(answer.full_name) else "name"
    tiers = people_tiers(course, {claim_section(course, claim)}, eligible, form=form)
    if group == "historian":
        tiers.append([h if full else h.split()[-1] for h in historians(course)])
    return course.pick(key, tiers, n=n)


# Nouns that, written straight after a blank or in apposition to it, name what fills it:
# "backed by the _____ secret police" and "the _____, the tsar's secret police" take only a
# secret police (Cheka, NKVD, Okhrana), never the Politburo; "in _____ province" only a
# province, never a town.
CLASS_NOUNS = ("secret police", "police", "youth league", "province")
APPOSITION = r"(?:,\s(?:the|a)\s(?:[a-z][\w']*\s){0,2}?|\s)"  # "the tsar's", never a name


def class_noun(claim, detail):
    """The class noun written after the detail, or ''."""
    after = claim.text[span(claim, detail)[1] :]
    return next((noun for noun in CLASS_NOUNS if re.match(rf"{APPOSITION}{noun}\b", after)), "")


def named_as(course, text, noun):
    """Whether some claim or the glossary calls this text a `noun`: 'the Cheka secret police',
    'the Okhrana, the tsar's secret police', or a definition such as 'The Soviet secret police'."""
    name = re.escape(text)
    pattern = re.compile(rf"\b{name}(?:,\s(?:the|a)\s[\w' ]{{0,20}}?)?\s{noun}\b")
    if any(pattern.search(other.text) for other in course.claims):
        return True
    term = term_of(course, text)
    return bool(term and re.search(rf"\b{noun}\b", term.definition, re.IGNORECASE))


FOUNDED_RE = re.compile(
    r"\b(?:set up|founded|created|formed|introduced|began)(?: in)? (1[89]\d\d)\b", re.IGNORECASE
)


def founded(term):
    """The year the glossary says a body or a thing began, if it says: 'set up in 1921'."""
    match = FOUNDED_RE.search(term.definition)
    return int(match.group(1)) if match else None


YEARS_BEFORE_NAMED = 5


def _wrong_pooled(course, key, claim, detail, n):
    """A group, term or place from other claims (and for terms, the glossary): nearest first."""
    section = claim_section(course, claim)
    taken = {fold(f) for f in detail_forms(course, detail)}
    sentence = blanked(claim, detail)

    wanted = detail_class(course, detail.text, detail.kind)
    noun = class_noun(claim, detail) if detail.kind in ("group", "term", "place") else ""

    def eligible(text):
        return (
            fold(text) not in taken
            and (not noun or named_as(course, text, noun))
            and (noun or detail_class(course, text, detail.kind) == wanted)
            and fits_like(detail.text, text)
            and (detail.kind != "place" or named_then(claim, text))
            and (detail.kind != "place" or not nested(detail.text, text))
            and (wanted != "place:region" or takes_the(text) == takes_the(detail.text))
            and not mentions(sentence, [text], plurals=True)
            and not salient_words(" x " + text) & salient_words(" x " + detail.text)
        )

    if detail.kind == "term":
        # Only the glossary knows what a term is (a farm, a policy, a body), so only glossary
        # terms of the answer's class are offered; a term outside it gets no wrong options.
        term = term_of(course, detail.text)
        if term is None:
            return []
        rival = term_rivals(term)

        def then(other):
            return not (claim.year and (founded(other) or 0) > claim.year)

        glossary = term_tiers(
            course,
            claim.topic_id,
            lambda other: rival(other) and eligible(other.term) and then(other),
            like=term,
        )
        if noun:
            # The claims name more of a class the sentence states than the glossary holds:
            # the Cheka and the OGPU beside the NKVD for 'the tsar's secret police'.
            named = {text for kind in ("term", "group") for text, *_ in detail_pool(course, kind)}
            glossary.append(sorted(text for text in named if eligible(text)))
        return course.pick(key, glossary, n=n)
    near, period, far = [], [], []
    first_named = {}
    for text, _, year in detail_pool(course, detail.kind):
        if year:
            first_named[text] = min(year, first_named.get(text, year))
    for text, other_section, year in detail_pool(course, detail.kind):
        if not eligible(text):
            continue
        founded_later = (
            first_named.get(text, claim.year or 0) > (claim.year or 0) + YEARS_BEFORE_NAMED
        )
        if claim.year and detail.kind != "place" and founded_later:
            continue  # no body the course first names years later: no Komsomol for 1905
        if wanted == "place:town" and not town_fits(claim, detail.text, text):
            continue
        close = claim.year is None or year is None or abs(year - claim.year) <= 5
        (near if other_section == section and close else period if close else far).append(text)
    if wanted == "place:town":
        area = (_town(detail.text) or (None,))[0]
        towns = [t for t in SOVIET_TOWNS if eligible(t) and town_fits(claim, detail.text, t)]
        # Towns of the answer's own area before the rest of the Union: Moscow or Tambov
        # beside Leningrad, not Magadan.
        far += towns
        if area:
            tiers = [near, period, far]
            same = [t for tier in tiers for t in tier if (_town(t) or (None,))[0] == area]
            rest = [[t for t in tier if t not in same] for tier in tiers]
            return course.pick(key, [same, *rest], n=n, alike=_overlap)
    if noun:
        # The glossary knows more of the class than the claims name: the NKVD, 'the Soviet
        # secret police from 1934'.
        far += [term.term for term in course.terms if eligible(term.term)]
    # Never two options that share a word ("Germany" beside "Nazi Germany").
    return course.pick(key, [near, period, far], n=n, alike=_overlap)


def _overlap(first, second):
    return shares_stem(first, second, GENERIC_WORDS)


def wrong_values(course, key, claim, detail, n=3):
    """Wrong fillers of the detail's own kind; never one any claim gives for the same words."""
    choose = {
        "year": _wrong_years,
        "number": _wrong_numbers,
        "person": _wrong_people,
        "group": _wrong_pooled,
        "term": _wrong_pooled,
        "place": _wrong_pooled,
    }.get(detail.kind)
    if choose is None:
        return []
    also_right = fill_ins(course).get(fold(blanked(claim, detail)), set())
    values = choose(course, key, claim, detail, n + 2)
    return [v for v in values if fold(v) not in also_right and len(v) <= MAX_OPTION_LENGTH][:n]


# Templates ------------------------------------------------------------------------------------


def typeable(claim, detail):
    """Whether a typed blank has one answer a student could write: a name, term, year or
    number, or a phrase the past itself fixed: quoted ('second serfdom') or a title ('Dizzy
    with Success'). A phrase of the sentence's own ('more than doubled', 'rapid
    industrialisation') has many fair wordings, so it is asked only with options."""
    if detail.kind != "phrase":
        return True
    quotes = re.finditer(r"(?<!\w)'(.+?)'(?!\w)", claim.text)
    quoted = any(detail.text in quote.group(1) for quote in quotes)
    title = all(word[:1].isupper() for word in detail.text.split() if len(word) > 3)
    return quoted or title


def common_noun(course, claim, detail):
    """Whether the detail is an ordinary word or phrase ('chairman', 'wreckers', 'armaments'),
    not a name ('Mensheviks', 'OGPU') nor a glossary term ('war communism'), each of which
    has one name the course teaches. A capital that only starts the sentence does not count."""
    if detail.kind not in ("term", "group", "phrase") or term_of(course, detail.text):
        return False
    words = detail.text.split()
    if claim.text.startswith(detail.text):
        words = words[1:]
    return not any(word[:1].isupper() for word in words)


def alternatives(detail):
    """The other answers the data lists for a detail, not counting its plural or singular."""

    def inflected(text):  # 'chairmen' is only the plural of 'chairman'
        return [re.sub(r"men$", "man", stem(w)) for w in re.findall(r"[a-z']+", fold(text))]

    # In order: 'personality cult' is another answer for 'cult of personality'.
    return [form for form in detail.accept if inflected(form) != inflected(detail.text)]


def typed_well(course, claim, detail):
    """Whether a typed answer can be marked fairly. A place has many fair names (Trotsky was
    deported to Turkey, landing at Constantinople, and lived on Prinkipo), and so has an
    ordinary word ('the party chose its chairman', or its chair, or its leader), so each is
    typed only when the data lists its other answers; a hedged number ('at most about a
    quarter') is only approximately right, so any near value is fair and only options can ask
    it."""
    if detail.kind == "place":
        return bool(detail.accept)
    if common_noun(course, claim, detail):
        return bool(alternatives(detail))
    if detail.kind == "number":
        return not NUMBER_QUALIFIER_RE.search(claim.text[: span(claim, detail)[0]])
    return True


# Words after a blank that a pupil may write with the answer, as part of its name.
ECHO_WORDS = frozenset({
    "region", "province", "river", "basin", "republic", "trial", "trials", "rising", "canal",
    "dam", "soviet", "congress", "opposition", "plan", "decree", "campaign", "camps", "purge",
})  # fmt: skip


def echoed(claim, detail):
    """The answer with the word after the blank, which a pupil may type as part of its name:
    'Volga region' in 'the _____ region', 'Shakhty trial' in 'the _____ trial'."""
    after = re.match(r"\s([A-Za-z]+)\b", claim.text[span(claim, detail)[1] :])
    if detail.kind in ("year", "number") or not after or after.group(1).lower() not in ECHO_WORDS:
        return ()
    return (f"{detail.text} {after.group(1)}",)


@template
def claim_cloze(course, t):
    """The claim with one key detail blanked, typed in."""
    for claim in asked_claims(course):
        if claim.type == "interpretation":
            continue  # asked as "which historian argued...", never as a blank
        for detail in claim.details:
            if not askable(course, claim, detail):
                continue
            if detail.kind == "phrase" and len(detail.text.split()) > 4:
                continue  # a long phrase cannot be typed from memory word for word
            if not typeable(claim, detail):
                continue
            if RANGE_RE.search(detail.text):
                continue  # "between 5.5 and 8.5 million": a range cannot be typed exactly
            if not typed_well(course, claim, detail):
                continue
            key = t.key(claim.slug, detail_slug(detail))
            difficulty = 3 if detail.kind in ("year", "number") else 2
            reject = wrong_values(course, key, claim, detail)
            if detail.kind == "person":
                reject += [course.person[i].name for i in sorted(course.people_in(claim.text))]
            yield typed(
                course,
                t,
                kind="cloze",
                key=key,
                prompt=blank_prompt(claim, detail),
                text=detail.text,
                accept=detail_forms(course, detail),
                echoes=echoed(claim, detail),
                reject=reject,
                answer_kind=ANSWER_KINDS[detail.kind],
                **claim_fields(course, claim, difficulty, [detail]),
            )


LEADER = "stalin"


def _without_the_leader(course, values):
    """Stalin, the course's subject, is never offered as a wrong person: beside his rivals and
    victims ("_____ was removed from the Politburo") he stands out as the one it cannot be."""
    leader = course.person.get(next((p.id for p in course.people if p.slug == LEADER), None))
    if leader is None:
        return values
    forms = {fold(form) for form in person_forms(leader)}
    return [v for v in values if fold(v) not in forms]


@template
def claim_detail_mcq(course, t):
    """The same blank with four options of the detail's kind and period."""
    for claim in asked_claims(course):
        if claim.type == "interpretation":
            continue
        for detail in claim.details:
            if not askable(course, claim, detail) or detail.kind == "phrase":
                continue
            key = t.key(claim.slug, detail_slug(detail))
            yield multiple_choice(
                course,
                t,
                key=key,
                prompt=blank_prompt(claim, detail, "Choose what fills the blank:"),
                answer=detail.text,
                distractors=_without_the_leader(
                    course, wrong_values(course, key, claim, detail, n=4)
                )[:3],
                forms=detail_forms(course, detail),
                **claim_fields(course, claim, 1, [detail]),
            )


def statement_fits(claim_text):
    return len(f"True or false: {claim_text}") <= MAX_PROMPT_LENGTH


def checkable(claim):
    """A fact or statistic that a pupil could know to be true or false, not a soft one."""
    return claim.type in ASKED_TYPES and not SOFT_RE.search(claim.text)


@template
def claim_true(course, t):
    for claim in asked_claims(course):
        if checkable(claim) and statement_fits(claim.text):
            yield true_false(
                t,
                key=t.key(claim.slug),
                statement=claim.text,
                truth=True,
                **claim_fields(course, claim, 1),
            )


def swappable(course, claim, detail):
    """Whether changing the detail surely makes the sentence false: never a bound ('by 1937'),
    either end of a range, nor 'less than 10%'."""
    if trivial(course, claim, detail):
        return False
    start, end = span(claim, detail)
    before, after = claim.text[:start], claim.text[end:]
    if detail.kind == "year":
        return not (
            range_partner(claim.text, start, end)[0]
            or YEAR_QUALIFIER_RE.search(before)
            or re.match(r"\s*(onwards|on)\b", after)
        )
    if detail.kind == "number":
        return not NUMBER_QUALIFIER_RE.search(before)
    # A person is swapped only as the subject: 'Bukharin called it a kulak grain strike' is
    # false, but 'Stalin allied with Bukharin' may be merely unrecorded, or true.
    return detail.kind == "person" and bool(SUBJECT_OPENING_RE.fullmatch(before))


MIN_YEAR_SWAP = 2


def false_version(course, key, claim):
    """(statement, detail swapped or None): the misconception, else one detail swapped."""
    if claim.misconception and fold(claim.misconception) != fold(claim.text):
        return claim.misconception, None
    candidates = [d for d in claim.details if swappable(course, claim, d)]
    # Who acted first: swapping the first person named makes a claim that is false; swapping an
    # object can make one that is merely unrecorded.
    candidates.sort(key=lambda d: (d.kind != "person", span(claim, d)[0]))
    for detail in candidates[:1] + course.shuffled(key, candidates[1:]):
        wrong = wrong_values(course, key, claim, detail, n=6 if detail.kind == "year" else 1)
        if detail.kind == "year":
            # A year one off is a quibble over dating (trial runs, the year a plan was approved),
            # not a false statement: at least two years off.
            wrong = [y for y in wrong if abs(int(y) - int(detail.text)) >= MIN_YEAR_SWAP]
        if wrong:
            start, end = span(claim, detail)
            return claim.text[:start] + wrong[0] + claim.text[end:], detail
    return None, None


@template
def claim_false(course, t):
    for claim in asked_claims(course):
        if not checkable(claim):
            continue
        key = t.key(claim.slug)
        statement, detail = false_version(course, key, claim)
        if statement is None or not statement_fits(statement):
            continue
        fields = claim_fields(course, claim, 1, [detail] if detail else [])
        fields["explanation"] = explanation(claim, false=True)
        yield true_false(t, key=key, statement=statement, truth=False, **fields)


ARGUED_RE = re.compile(
    r"\b(argued|argues|believed|believe|claimed|claim|maintained|insisted|thought|suggested|"
    r"concluded|contended|saw|see|sees|held|hold|holds|said|wrote|called)\b"
)


def interpretations(course):
    """Interpretations that argue something: 'Conquest estimated about 7 million arrests' is a
    figure, not a view anyone could argue 'that'."""
    return [
        c
        for c in asked_claims(course)
        if c.type == "interpretation" and c.held_by and c.view and ARGUED_RE.search(c.text)
    ]


def holders(course, person):
    """{holder: [their views]} of one class: people, or schools of thought."""
    found = {}
    for claim in course.claims:
        if claim.type != "interpretation" or not claim.held_by:
            continue
        # Those who argued it too hold the view as well: never a wrong "who argued this?".
        for holder in (claim.held_by, *getattr(claim, "also_held_by", ())):
            if holder != CONSENSUS and is_person(course, holder) == person:
                found.setdefault(holder, []).append(claim.view)
    if person:
        for name, views in historians(course).items():
            found.setdefault(name, views)
    return found


# Written among a view's other holders: a view most historians share ("Stalin directed the
# Terror") is asked as "Which of these did Khlevniuk argue?", never "Who argued ...?".
CONSENSUS = "most historians"


def debaters(course, topic_id):
    """Everyone an interpretation of this topic is attributed to."""
    return {
        holder
        for claim in course.claims
        if claim.type == "interpretation" and claim.topic_id == topic_id
        for holder in (claim.held_by, *getattr(claim, "also_held_by", ()))
    }


def holder_class(course, holder):
    """A school of thought, or a person of a role group ('person:historian' for a name the
    course does not hold: Conquest, Khrushchev)."""
    if not is_person(course, holder):
        return "school"
    person = person_of(course, holder)
    return "person:" + role_group(person) if person else "person:historian"


def holder_named(course, holder):
    """A person as named; a school inside a sentence ('did functionalist historians argue')."""
    return holder if is_person(course, holder) else course.lower_first(holder)


def view_clause(course, view):
    return course.lower_first(quoted(view))


@template
def claim_historian_mcq(course, t):
    """Which historian (or school) argued this view? The others argued something else."""
    for claim in interpretations(course):
        person = is_person(course, claim.held_by)
        key = t.key(claim.slug)
        # "Who", not "Which historian": Khrushchev or Trotsky argued views too.
        prompt = f"Who argued that {view_clause(course, claim.view)}?"
        forms = [claim.held_by, claim.held_by.split()[-1]] if person else [claim.held_by]
        if stems(claim.held_by) & stems(claim.view) - {"stalin"} or len(prompt) > MAX_PROMPT_LENGTH:
            continue  # 'Revisionist historians argued that the revisionist view...'
        if CONSENSUS in getattr(claim, "also_held_by", ()):
            continue  # most historians hold it: any other name offered may have held it too

        kind = holder_class(course, claim.held_by)

        def eligible(holder, views, claim=claim, kind=kind):
            # Never the same people: 'Richard Pipes' beside 'Richard Pipes and the continuity
            # school', 'J. Arch Getty' beside 'J. Arch Getty and Oleg Naumov'.
            names = salient_words(" x " + holder) | {holder.split()[0]}
            if names & (salient_words(" x " + claim.held_by) | {claim.held_by.split()[0]}):
                return False
            if holder_class(course, holder) != kind:
                return False
            return not any(similar(view, claim.view) for view in views if view)

        full = " " in claim.held_by
        # Where the topic holds a debate, only historians recorded on the other side of it are
        # offered (Lenoe, Khlevniuk and Kirilina, who found no hand of Stalin in Kirov's murder,
        # beside Knight, who did): a historian of another debate may well have agreed,
        # unrecorded. With fewer than three of them, no question.
        debating = debaters(course, claim.topic_id)
        names = [[], []]
        for h, views in holders(course, person).items():
            if fold(h) != fold(claim.held_by) and eligible(h, views):
                names[0 if h in debating else 1].append(h if full or not person else h.split()[-1])
        if person and names[0]:  # schools of thought are labels no one holds two of
            names = names[:1]
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=prompt,
            answer=claim.held_by,
            distractors=course.pick(key, names),
            forms=forms,
            **claim_fields(course, claim, 2),
        )


@template
def claim_view_mcq(course, t):
    """Which view did this historian hold? The others are other people's views."""
    for claim in interpretations(course):
        answer = full_stop(claim.view[:1].upper() + claim.view[1:])
        if len(answer) > MAX_OPTION_LENGTH or PRONOUN_RE.search(claim.view):
            continue  # 'Stalin tricked him': a view that needs its holder to make sense
        key = t.key(claim.slug)
        section = claim_section(course, claim)
        own = {fold(v) for v in holders(course, True).get(claim.held_by, [])}
        own |= {fold(c.view) for c in course.claims if c.held_by == claim.held_by}
        near, far = [], []
        for other in interpretations(course):
            text = full_stop(other.view[:1].upper() + other.view[1:])
            if fold(other.view) in own or not other_view(course, claim, other):
                continue
            # Views on other questions of the same part of the course: rival views on the same
            # question (was the Terror planned?) may be the same school's, and so also right.
            if other.topic_id != claim.topic_id:
                (near if claim_section(course, other) == section else far).append(text)
        if len(near) < 2:
            continue  # views on other parts of the course only: the one on this part stands out
        distractors = course.pick(key, [near, far], alike=similar)
        if _names_alone(course, answer, distractors):
            continue
        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=f"Which of these did {holder_named(course, claim.held_by)} argue?",
            answer=answer,
            distractors=distractors,
            **claim_fields(course, claim, 2),
        )


def other_view(course, claim, other):
    """Whether another interpretation may stand as a wrong "Which of these did X argue?"."""
    return not (
        PRONOUN_RE.search(other.view)
        # Views sharing a key word may be versions of each other ("not a plan").
        or shares_stem(other.view, claim.view, GENERIC_WORDS | VIEW_WORDS)
        or other.held_by == claim.held_by
        # A view most historians share may well be this one's holder's too.
        or CONSENSUS in getattr(other, "also_held_by", ())
        # A school holds what its historians argued: beside "revisionist historians", only
        # other schools' views (Lenoe's "Nikolayev acted alone" may be theirs).
        or (not is_person(course, claim.held_by) and is_person(course, other.held_by))
        or similar(other.view, claim.view)
        or len(full_stop(other.view)) > MAX_OPTION_LENGTH
    )


def _names_alone(course, answer, others):
    """Whether the answer names someone (Stalin aside) no other option names: under the topic
    'Ordzhonikidze and Lakoba', the one view about Ordzhonikidze is the answer."""
    central = getattr(central_figure(course), "id", None)
    named = course.people_in(answer) - {central}
    return bool(named - set().union(*(course.people_in(o) for o in others)))


def _shows(text, answer):
    """Whether the text shows any content word of the answer, its stems or plurals, or its
    number in figures ('25,000' for the Twenty-Five Thousanders)."""
    salient = salient_words(" x " + answer) & salient_words(" x " + text)
    number = NUMBER_WORDS_RE.search(answer) and re.search(r"\d", text)
    return shares_stem(text, answer, GENERIC_WORDS) or bool(salient) or bool(number)


def event_names(course, event):
    """The event's title, and the glossary's other names for it: 'The Great Purges' is also
    the 'Great Terror'."""
    forms = list(event_forms(event))
    folded = {fold(form) for form in forms}
    for term in course.terms:
        if folded & {fold(form) for form in term_forms(term)}:
            forms += term_forms(term)
    return tuple(dict.fromkeys(forms))


def belongs_to(course, claim, event, forms):
    """Whether the claim is about the event its points are linked to, not merely written from
    the same point: it dates from the event's years, and no other claim of those points names
    the event (then that claim is the one about it: a point on the 1921 famine and the Tambov
    rising gives the famine to the claim on the famine)."""
    if claim.year is None or claim.year not in event_years(event):
        return False
    siblings = [c for c in course.claims if c.id != claim.id and set(c.facts) & set(claim.facts)]
    if len(siblings) > 2:
        return False  # a long point covers too much to say what one sentence of it is about
    return not any(_shows(other.text, form) for other in siblings for form in forms)


def about_prompt(question, claim):
    prompt = f'{question} "{quoted(claim.text)}"?'
    return prompt if len(prompt) <= MAX_PROMPT_LENGTH else None


@template
def claim_event_mcq(course, t):
    """A claim about one event that does not name it: which event is it about?"""
    for claim in asked_claims(course):
        events = [course.event[i] for i in claim_events(course, claim) if i in course.event]
        if len(events) != 1 or claim.type not in ASKED_TYPES or not course.askable_event(events[0]):
            continue
        event = events[0]
        forms = event_names(course, event)
        prompt = about_prompt("Which event is this about:", claim)
        if prompt is None or any(_shows(claim.text, form) for form in forms):
            continue
        if not belongs_to(course, claim, event, forms):
            continue
        key = t.key(claim.slug)
        section = claim_section(course, claim)

        def eligible(other, event=event, claim=claim, section=section):
            # Never an event that could also be meant: named in the claim, or one overlapping
            # the answer's years in the same part of the course. Only events of the answer's
            # kind and period: the one war among deaths and decrees is no question.
            overlapping = event_years(other) & event_years(event)
            return (
                other.id != event.id
                and event_kind(other.title) == event_kind(event.title)
                and abs(other.start_year - event.start_year) <= SAME_PERIOD_YEARS
                and not _shows(claim.text, other.title)
                # "The famine after the Civil War" beside "The Russian Civil War" is confusing.
                and not shares_stem(other.title, event.title, GENERIC_WORDS)
                and not (overlapping and course.section(other.topic_id) == section)
            )

        yield multiple_choice(
            course,
            t,
            key=key,
            prompt=prompt,
            answer=event.title,
            distractors=course.pick(key, event_tiers(course, event, eligible)),
            forms=forms,
            **claim_fields(course, claim, 1),
        )
