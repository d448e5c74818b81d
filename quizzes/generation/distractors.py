"""Pools of wrong answers, nearest first: same kind, same period, same part of the course.

Each pool is a list of tiers for `Course.pick`; a candidate is never another way of writing the
answer, and the callers drop any that would also be right.
"""

import re

from quizzes.generation.wording import (
    event_years,
    fold,
    mentions,
    person_forms,
    similar,
    term_forms,
)

FRACTIONS = ("1/10", "1/5", "1/4", "1/3", "1/2", "2/3", "3/4")
# Every common way of writing a fraction: a student who types "one fourth" or "25%" for "a
# quarter" knows the answer.
FRACTION_FORMS = (
    ("1/4", "a quarter", "one quarter", "quarter", "one fourth", "a fourth", "25%", "25 per cent"),
    ("1/2", "a half", "half", "one half", "50%", "50 per cent"),
    ("1/3", "a third", "one third", "third"),
    ("2/3", "two thirds", "two-thirds"),
    ("3/4", "three quarters", "three-quarters", "three fourths", "75%", "75 per cent"),
)
FRACTION_WORDS = {form: [other for other in forms if other != form]
                  for forms in FRACTION_FORMS for form in forms}  # fmt: skip
SIMPLE_NUMBER_RE = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(\s?%|\s(?:million|billion|thousand)|x)?")

# A person's role group, from the words of their role: a distractor comes from the same group,
# so a question about a party leader never offers Marx (a philosopher) or Stakhanov (a miner).
ROLE_GROUPS = (
    ("historian", re.compile(r"\bhistorian", re.IGNORECASE)),
    ("police", re.compile(r"\b(NKVD|OGPU|Cheka|secret police)\b.*\b(head|chief|ran|led)|"
                          r"\b(head|chief)\b.*\b(NKVD|OGPU|Cheka)\b", re.IGNORECASE)),
    ("soldier", re.compile(r"\b(Marshals?|commander|general(?! Secretary))\b", re.IGNORECASE)),
    ("thinker", re.compile(r"\b(philosopher|theorist of communism|economist)\b", re.IGNORECASE)),
    # Workers held up as models: Stakhanov among the figures of Kirov's murder stands out.
    ("worker", re.compile(r"\b(miner|worker|peasant)\b", re.IGNORECASE)),
    # Minor figures: ordinary people and officials below the leadership. Stalin or Trotsky
    # among them, or one of them among the Politburo, stands out.
    ("minor", re.compile(r"\b(bodyguard|assassin|shot Kirov|party member|"
                         r"Central Committee member|party official|Leader of Abkhazia)\b",
                         re.IGNORECASE)),
)  # fmt: skip
# Groups whose own members are too few for three wrong answers: the leaders of the same years
# stand in (Molotov beside Yezhov, Beria and Yagoda). Historians and thinkers have no stand-ins.
STAND_IN = {"police": "leader", "soldier": "leader", "worker": "minor"}
SAME_PERIOD_MARGIN = 3  # years: roles this far apart still belong to the same period


# A term's class, from the first words of its definition: "A collective farm..." is a farm,
# "The party committee that..." a party body. Wrong options come from the same class, so a policy is
# never offered beside a post, nor a farm beside a group of people.
TERM_CLASSES = {
    # One person apart from a group ("The party group led by Trotsky"), and a party's member
    # ("A member of Lenin's revolutionary Marxist party") apart from a social type or a label
    # ("A richer peasant", "Someone accused of sabotage"): "Which term means: a member of ...?"
    # offers members only.
    "member": ("member", "follower"),
    "person": ("worker", "peasant", "engineer", "someone", "anyone"),
    "people": ("members", "followers", "workers", "peasants", "traders", "opponents", "group"),
    "body": ("body", "committee", "commission", "organisation", "police", "inspectorate"),
    "force": ("army", "forces"),
    "post": ("post", "minister"),
    "policy": ("policy", "plan", "method", "way", "campaign", "seizure", "abandonment", "taking",
               "merging"),
    # The party's own drives (a purge, the cult of Lenin, agitprop): never offered as the policy
    # "under which the state ran industry", nor a policy as one of them.
    "drive": ("campaigns", "recruitment", "removal", "worship"),
    "idea": ("interpretation", "view", "theory", "argument", "idea"),
    "economy": ("economy",),
    "farm": ("farm", "plot", "patch", "depot", "depots"),
    "place": ("dam", "city", "region", "camps", "camp", "town"),
}  # fmt: skip
TERM_CLASS_OF_WORD = {word: name for name, words in TERM_CLASSES.items() for word in words}


def term_class(definition):
    """'farm', 'body', 'policy'...: the class of the first of its first seven words with one,
    else 'other:' and its first four words (so two 'other' terms rarely match)."""
    words = re.findall(r"[a-z']+", definition.lower())
    for word in words[:7]:
        if word in TERM_CLASS_OF_WORD:
            return TERM_CLASS_OF_WORD[word]
    return "other:" + " ".join(words[:4])


# A body is the party's ("The party committee...", "The Communist youth organisation") or the
# state's ("The government body...", the secret police): the NKVD is no rival for the Orgburo.
PARTY_WORDS = frozenset({"party", "party's", "communist"})


def term_kind(definition):
    """The term's class, with a body split into a 'party body' and a 'state body' by whether
    its opening names the party: what a term's wrong options and matching sets share."""
    name = term_class(definition)
    if name != "body":
        return name
    opening = set(re.findall(r"[a-z']+", definition.lower())[:8])
    return "party body" if opening & PARTY_WORDS else "state body"


DEATH_RE = re.compile(
    r"(\w+)(,?)\s+(?:early\s+)?(?:death|murder|suicide|died|killed himself|shot in|executed)\b"
    r"[^;]*?\b(19\d\d)"
)


def death_year(person):
    """The year the role says the person died, if it does: never a rival in later years.
    'at whose apartment Lakoba died in 1936' is someone else's death, so it does not count."""
    for match in DEATH_RE.finditer(person.role or ""):
        word = match.group(1)
        if match.group(2) or not word[0].isupper() or word in ("His", "Whose"):
            return int(match.group(3))
    return None


EXILE_RE = re.compile(r"\b(?:deported|expelled|exiled) from the USSR in (1[89]\d\d)\b")


def gone_year(person):
    """The year the person died or was driven out of the USSR (Trotsky, deported in 1929):
    never a wrong answer for what someone did there later."""
    exiled = EXILE_RE.search(person.role or "")
    years = [y for y in (death_year(person), exiled and int(exiled.group(1))) if y]
    return min(years) if years else None


def role_group(person):
    """'historian', 'police', 'soldier', 'thinker', 'worker', 'minor' or 'leader' (the party's
    own)."""
    for name, pattern in ROLE_GROUPS:
        if pattern.search(person.role or ""):
            return name
    return "leader"


def people_tiers(course, sections, eligible, form="name", like=None):
    """People of the same sections first. With `like`, people of its role group first; others
    only when it is not a party leader (Marx or Stakhanov never stand among party leaders)."""
    group = role_group(like) if like else None
    tiers = [[], [], [], []]
    for person in course.people:
        if not eligible(person):
            continue
        same = group is None or role_group(person) == group
        if not same and (group == "leader" or role_group(person) == "historian"):
            continue  # nor a historian of today beside the people of the past
        label = getattr(person, form) or person.name
        near = bool(course.person_sections(person) & sections)
        tiers[(0 if same else 2) + (0 if near else 1)].append(label)
    return tiers


def role_years(person):
    """The first and last years the role names, or None: 'Commissar for War 1918-25' counts
    1918 and 1925; a role without years belongs to any period."""
    role = person.role or ""
    years = [int(y) for y in re.findall(r"\b(1[89]\d\d)\b", role)]
    years += [int(y[:2] + r) for y, r in re.findall(r"\b(1[89]\d\d)[-–](\d\d)\b", role)]
    return (min(years), max(years)) if years else None


def same_period(first, second):
    a, b = role_years(first), role_years(second)
    if a is None or b is None:
        return True
    return a[0] - SAME_PERIOD_MARGIN <= b[1] and b[0] - SAME_PERIOD_MARGIN <= a[1]


def central_figure(course):
    """The person the course is about (linked to most points): never a wrong 'who was...'."""

    def build():
        counts = {p.id: sum(p.id in f.people for f in course.facts) for p in course.people}
        return max(course.people, key=lambda p: (counts[p.id], -p.id), default=None)

    return course.cached("central_figure", build)


def peer_tiers(course, person, eligible):
    """Wrong answers for 'Who was ...?': people of the answer's role group and period, nearest
    part of the course first; for a small group, the leaders of its years after them. Never the
    course's central figure, nor anyone of another group (Marx among party leaders)."""
    group, centre = role_group(person), central_figure(course)
    sections = course.person_sections(person)
    tiers = [[], [], [], []]
    for other in course.people:
        if other.id == getattr(centre, "id", None) or not eligible(other):
            continue
        gone, years = gone_year(other), role_years(person)
        if not same_period(person, other) or (gone and years and gone <= years[0]):
            continue  # Trotsky (deported 1929) or Kirov (murdered 1934) for a role of 1937
        other_group = role_group(other)
        if other_group != group and other_group != STAND_IN.get(group):
            continue
        near = bool(course.person_sections(other) & sections)
        tiers[(0 if other_group == group else 2) + (0 if near else 1)].append(other.name)
    return tiers


def term_tiers(course, topic_id, eligible, label=lambda term: term.term, like=None, kind=None):
    """Terms nearest the topic first; with `like`, only terms of its class (by `kind`, which
    the key-term templates give as `term_kind`: party and state bodies apart)."""
    kind = kind or term_class
    section = course.section(topic_id)
    tiers = [[], [], []]
    wanted = kind(like.definition) if like else None
    for term in course.terms:
        if eligible(term) and (wanted is None or kind(term.definition) == wanted):
            same_section = course.section(term.topic_id) == section
            tiers[0 if term.topic_id == topic_id else 1 if same_section else 2].append(label(term))
    return tiers


# An event's kind, from the words of its title: "Which event is this about?" offers only events of
# the answer's kind, or a claim about the Red Army beating the Whites picks out the one war among
# a death, a revolution and the founding of Gosplan.
EVENT_KINDS = (
    ("recovery", re.compile(r"\brecovery\b", re.IGNORECASE)),
    ("death", re.compile(r"\b(death|murder|suicide|execution|shooting)\b", re.IGNORECASE)),
    ("trial", re.compile(r"\b(trial|purges?|affair|expulsion|defeat)\b", re.IGNORECASE)),
    ("plan", re.compile(r"\bFive-Year Plan\b", re.IGNORECASE)),
    ("famine", re.compile(r"\bfamine\b", re.IGNORECASE)),
    ("dispute", re.compile(r"\bdispute\b", re.IGNORECASE)),
    ("war", re.compile(r"(?<!pre-)\b(war|revolution|Barbarossa)\b(?! communism)", re.IGNORECASE)),
    ("measure", re.compile(r"\b(introduction|adoption|decree|granting|nationalisation|"
                           r"founding|setting up|sanction|operation|halt|resumption|start of)\b",
                           re.IGNORECASE)),
)  # fmt: skip
SAME_PERIOD_YEARS = 10  # an event offered beside another starts within this many years of it


def event_kind(title):
    """'death', 'trial', 'plan', 'famine', 'war', 'measure'..., or the title itself (a kind of its
    own, which no other event shares)."""
    for name, pattern in EVENT_KINDS:
        if pattern.search(title):
            return name
    return "other:" + title


def event_tiers(course, event, eligible):
    section = course.section(event.topic_id)
    tiers = [[], [], []]
    for other in course.events:
        if eligible(other):
            close = abs(other.start_year - event.start_year) <= 4
            same_section = course.section(other.topic_id) == section
            tiers[0 if close and same_section else 1 if close else 2].append(other.title)
    return tiers


def near_years(course, key, year, banned, n=3):
    """Years a few either side of `year`, none of `banned`: nearest first."""
    near = [year + d for d in (-2, -1, 1, 2)]
    wider = [year + d for d in (-5, -4, -3, 3, 4, 5)]
    tiers = [[str(y) for y in tier if y not in banned] for tier in (near, wider)]
    return course.pick(key, tiers, n=n)


def role_rivals(course, person):
    """People who may be offered as wrong answers to a question about this person's role: not
    anyone whose role could also fit, anyone named in the role, anyone sharing a name."""

    def eligible(other):
        return (
            other.id != person.id
            and bool(other.role)
            and not similar(person.role, other.role)
            and not mentions(person.role, person_forms(other), ignore_case=False)
            and not {fold(f) for f in person_forms(other)} & {fold(f) for f in person_forms(person)}
        )

    return eligible


def term_rivals(term):
    """Terms that may be wrong answers for this one: not the same idea, nor one defined by it."""

    def eligible(other):
        return (
            other.id != term.id
            and not similar(term.definition, other.definition)
            and not mentions(other.definition, term_forms(term), plurals=True)
            and not mentions(term.definition, term_forms(other), plurals=True)
            and not {fold(f) for f in term_forms(other)} & {fold(f) for f in term_forms(term)}
        )

    return eligible


def linked_years(course, event_ids):
    years = set()
    for event_id in event_ids:
        if event_id in course.event:
            years |= event_years(course.event[event_id])
    return years


# Numbers.


def round_figures(value):
    """Two significant figures, so invented numbers look like the notes' own."""
    if value >= 10:
        digits = len(str(int(value))) - 2
        return round(value / 10**digits) * 10**digits
    return round(value, 1) if value < 1 else round(value * 2) / 2


def number_options(surface):
    """Numbers of the same kind and size as `surface`, written the same way; none for ranges."""
    if "/" in surface:
        value = _fraction_value(surface)
        return [f for f in FRACTIONS if _fraction_value(f) != value]
    match = SIMPLE_NUMBER_RE.fullmatch(surface)
    if not match:
        return []
    digits, unit = match.group(1), match.group(2) or ""
    value = float(digits.replace(",", ""))
    whole = "." not in digits
    if unit == "%" and whole and 10 <= value <= 95:
        return percent_options(int(value))
    options = []
    # Never within a quarter of the answer: "about 5 million" beside 6 million is arguable.
    for factor in (0.5, 2, 1.5, 3, 0.25, 4, 0.4, 2.5):
        new = round_figures(value * factor)
        if new == value or new < 1 or (unit.strip() == "%" and new >= 100 >= value):
            continue
        if whole or new == int(new):
            new = round(new)  # "3 million", not "3.0 million"
            if new == value or new < 1:
                continue
        commas = "," in digits or (whole and new >= 10000 and value >= 10000)
        options.append((f"{new:,}" if commas else str(new)) + unit)
    return list(dict.fromkeys(options))


def percent_options(value):
    """Shares a plain number of points away, nearest first: multiples of the answer (33%, 66%,
    99%) or fractions of it (93%, 46%, 23%) leave it standing out as the one the others are
    made from. Steps of 10 and 15 points cross tens, so no last digit is shared by all."""
    options = []
    for step in (10, -10, 15, -15, 25, -25, 35, -35):
        new = value + step
        if value / 4 <= new <= 99:
            options.append(f"{new}%")
    return options


def _fraction_value(text):
    top, bottom = text.split("/")
    return int(top) / int(bottom)


def number_accepts(surface):
    """Other ways a student may fairly write the number: '80' for '80%', '25000' for '25,000'."""
    if "/" in surface or not re.search(r"\d", surface):
        return FRACTION_WORDS.get(surface.lower(), [])
    accepts = []
    bare = surface.replace(",", "")
    if bare != surface:
        accepts.append(bare)
    if surface.endswith("%"):
        number = surface.rstrip("%").strip()
        accepts += [number, f"{number} per cent", f"{number} percent"]
    match = re.fullmatch(r"(\d+(?:\.\d+)?) (million|thousand|billion)", surface)
    if match:
        scale = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[match.group(2)]
        value = round(float(match.group(1)) * scale)
        accepts += [f"{value:,}", str(value)]
    if surface.endswith("x"):
        accepts += [surface[:-1], f"{surface[:-1]} times"]
    return accepts
