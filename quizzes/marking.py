"""Marking algorithms: one response to one question, plain data in, a `Mark` out.

Pure standard library, so it is tested without a database and can run anywhere. Each kind's
algorithm takes (options, answer key, response) and returns (score 0..1, feedback);
`quizzes.kinds.mark` picks the algorithm for a question's kind and makes the `Mark`. A malformed
response raises `Malformed`, which `mark` turns into a zero `Mark` with `error` set.
"""

import math
import re
import unicodedata
from dataclasses import dataclass
from itertools import combinations
from typing import Any

MAX_TEXT_LENGTH = 200
MAX_ITEMS = 20
NO_ANSWER = "No answer given."

TEXT_KINDS = {"name", "term", "text"}
NUMBER_KINDS = {"number", "year"}


@dataclass(frozen=True)
class QuestionKey:
    """The three fields marking needs; a `Question` model instance works just as well."""

    kind: str
    options: Any
    answer: Any


@dataclass(frozen=True)
class Mark:
    score: float
    correct: bool
    feedback: str
    expected: str
    error: str | None = None

    @property
    def valid(self) -> bool:
        return self.error is None


class Malformed(Exception):
    """A response of the wrong shape; the message is the `Mark.error` sentence."""


# Comparison form --------------------------------------------------------------------------------

_APOSTROPHES = "'‘’`"


def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces, no leading "the"."""
    kept = []
    # Decompose before and after case folding: each can produce what the other must undo.
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    for char in folded:
        if unicodedata.combining(char) or char in _APOSTROPHES:
            continue  # "Zinóviev" -> "zinoviev", "Stalin's" -> "stalins"
        kept.append(char if char.isalnum() else " ")
    words = "".join(kept).split()
    while len(words) > 1 and words[0] == "the":  # a loop, so normalising twice changes nothing
        words = words[1:]
    return " ".join(words)


# Numbers ---------------------------------------------------------------------------------------

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_FRACTIONS = {
    "half": 1 / 2,
    "a half": 1 / 2,
    "one half": 1 / 2,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "two thirds": 2 / 3,
    "a quarter": 1 / 4,
    "one quarter": 1 / 4,
    "quarter": 1 / 4,
    "a fourth": 1 / 4,
    "one fourth": 1 / 4,
    "three quarters": 3 / 4,
    "three fourths": 3 / 4,
}
_NUMBER_WORDS = {
    *_UNITS,
    *_TENS,
    *_SCALES,
    "hundred",
    "half",
    "third",
    "thirds",
    "quarter",
    "fourth",
    "fourths",
}
_DECIMAL = re.compile(r"\d+(\.\d+)?")
_FRACTION = re.compile(r"(\d+)\s*/\s*(\d+)")
_THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_PERCENT = re.compile(r"\s*(%|percent|per cent)$")
_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")


def parse_number(text: str) -> int | float | None:
    """A number typed in digits or words ("25,000", "twenty-five thousand", "36%", "1/4").

    Percent signs are dropped ("36%" is 36), whole results come back as `int`, and anything that
    is not one number in a recognised form gives None rather than a guess.
    """
    cleaned = _THOUSANDS_COMMA.sub("", " ".join(text.casefold().split())).rstrip(".!? ")
    cleaned = _WORD_HYPHEN.sub(" ", _PERCENT.sub("", cleaned))  # "twenty-five"
    value = _parse_digits(cleaned)
    if value is None:
        value = _FRACTIONS.get(cleaned)
    if value is None:
        value = _parse_number_words(cleaned.split())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _parse_digits(text: str) -> int | float | None:
    try:
        if _DECIMAL.fullmatch(text):
            return float(text) if "." in text else int(text)
        fraction = _FRACTION.fullmatch(text)
        if fraction and int(fraction[2]):
            return int(fraction[1]) / int(fraction[2])
    except (ValueError, OverflowError):  # past int()'s digit limit: not a number a student means
        pass
    return None


def _parse_number_words(tokens: list[str]) -> int | float | None:
    """English number words, strictly: "ten ten" or "twenty twelve" is None, not 20 or 32.

    `previous` records what the last token was, so each token can check it may follow it.
    """
    total, group, previous, scale_cap = 0, 0, None, math.inf
    for position, token in enumerate(tokens):
        if token == "and" and previous in ("hundred", "scale"):
            previous = "and"
        elif position == 0 and token == "a":
            group, previous = 1, "a"
        elif position == 0 and _DECIMAL.fullmatch(token):  # "25 thousand", "2.5 million"
            group, previous = _parse_digits(token), "digits"
            if group is None:
                return None
        elif token in _UNITS and previous in (None, "hundred", "scale", "and", "tens"):
            if previous == "tens" and not 0 < _UNITS[token] < 10:
                return None
            group, previous = group + _UNITS[token], "units"
        elif token in _TENS and previous in (None, "hundred", "scale", "and"):
            group, previous = group + _TENS[token], "tens"
        elif token == "hundred" and previous in ("units", "digits", "a") and group < 100:
            group, previous = group * 100, "hundred"
        elif _SCALES.get(token, math.inf) < scale_cap and previous not in (None, "scale", "and"):
            total, group, previous = total + group * _SCALES[token], 0, "scale"
            scale_cap = _SCALES[token]  # "a thousand million" would be ambiguous; refuse it
        else:
            return None
    if previous in (None, "a", "and"):
        return None
    return total + group


def _leading_number(text: str) -> int | float | None:
    """The number a response starts with, allowing a unit after it ("10 million tonnes").

    The words after the number must hold no other number, so "1928 or 1929" is no number at all.
    """
    words = text.split()
    for cut in range(len(words), 0, -1):
        value = parse_number(" ".join(words[:cut]))
        if value is not None:
            return None if any(map(_is_numeric_word, words[cut:])) else value
    return None


def _is_numeric_word(word: str) -> bool:
    return any(char.isdigit() for char in word) or normalise(word) in _NUMBER_WORDS


def _same_number(first: int | float | None, second: int | float | None) -> bool:
    if first is None or second is None:
        return False
    if isinstance(first, int) and isinstance(second, int):
        return first == second
    try:
        return math.isclose(first, second, rel_tol=1e-9)  # 0.25 from "1/4" and from "a quarter"
    except OverflowError:  # an int too big for a float is not any answer we set
        return False


# Spelling tolerance ----------------------------------------------------------------------------


def _edit_distance(first: str, second: str) -> int:
    """Damerau-Levenshtein (optimal string alignment): a swapped pair of letters is one edit."""
    before_previous: list[int] = []
    previous = list(range(len(second) + 1))
    for i, first_char in enumerate(first, start=1):
        current = [i]
        for j, second_char in enumerate(second, start=1):
            value = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (first_char != second_char),
            )
            if i > 1 and j > 1 and first_char == second[j - 2] and first[i - 2] == second_char:
                value = min(value, before_previous[j - 2] + 1)
            current.append(value)
        before_previous, previous = previous, current
    return previous[-1]


def _allowed_edits(word: str) -> int:
    # Slack grows with length: one slip in "NEP" makes another word, two in "Zinoviev" do not.
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 7 else 2


def _close_enough(response: str, target: str) -> bool:
    """Both normalised. Each word may be misspelt within its own allowance; digits never.

    Failing that (say, a missing or extra space), the whole phrase without spaces may be at
    most one edit away.
    """
    if re.findall(r"\d+", response) != re.findall(r"\d+", target):
        return False
    response_words, target_words = response.split(), target.split()
    if len(response_words) == len(target_words) and all(
        _edit_distance(said, meant) <= _allowed_edits(meant)
        for said, meant in zip(response_words, target_words, strict=True)
    ):
        return True
    compact_target = target.replace(" ", "")
    allowed = min(1, _allowed_edits(compact_target))
    return _edit_distance(response.replace(" ", ""), compact_target) <= allowed


def _nearest(response: str, forms: list[str]) -> float:
    compact = response.replace(" ", "")
    return min((_edit_distance(compact, form.replace(" ", "")) for form in forms), default=math.inf)


# Kinds -----------------------------------------------------------------------------------------


def _not_quite(expected: str) -> tuple[float, str]:
    return 0.0, f"Not quite: the answer is {expected.rstrip('.')}."


def _right_or_wrong(is_right: bool, expected: str) -> tuple[float, str]:
    return (1.0, "Correct.") if is_right else _not_quite(expected)


def _checked_text(value: Any, problem: str) -> str:
    if not isinstance(value, str):
        raise Malformed(problem)
    if len(value.strip()) > MAX_TEXT_LENGTH:
        raise Malformed(f"This answer is too long (over {MAX_TEXT_LENGTH} characters).")
    return value.strip()


def _checked_count(items: Any) -> None:
    if len(items) > MAX_ITEMS:
        raise Malformed(f"This answer has too many items (more than {MAX_ITEMS}).")


def mark_choice(options: list[str], answer: str, response: Any) -> tuple[float, str]:
    choice = _checked_text(response, "This answer should be the text of one option.")
    if choice not in {option.strip() for option in options}:
        raise Malformed("That choice is not one of the options.")
    return _right_or_wrong(choice == answer.strip(), answer)


def as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return {"true": True, "false": False}.get(value.strip().lower())
    return None


def mark_true_false(_options: list[str], answer: Any, response: Any) -> tuple[float, str]:
    chosen = as_bool(response)
    if chosen is None:
        raise Malformed("This answer should be True or False.")
    return _right_or_wrong(chosen == as_bool(answer), str(as_bool(answer)))


def mark_typed(_options: list[str], answer: dict, response: Any) -> tuple[float, str]:
    text = _checked_text(response, "This answer should be text.")
    if not normalise(text):
        return 0.0, NO_ANSWER  # only punctuation, e.g. "?"
    targets = [answer["text"], *answer.get("accept", [])]
    rejects = answer.get("reject", [])
    kind = answer.get("kind", "text")
    if kind in NUMBER_KINDS:
        return _mark_number(text, targets, rejects, year=kind == "year")
    if kind not in TEXT_KINDS:
        raise ValueError(f"Cannot mark a typed answer of unknown kind {kind!r}.")
    return _mark_words(text, targets, rejects)


def _mark_words(text: str, targets: list[str], rejects: list[str]) -> tuple[float, str]:
    response = normalise(text)
    forms = [(normalise(target), target) for target in targets if normalise(target)]
    reject_forms = [normalise(reject) for reject in rejects if normalise(reject)]
    # A tie counts against the student: "Totsky" is as near "Trotsky" as "Tomsky".
    if reject_forms and _nearest(response, reject_forms) <= _nearest(
        response, [form for form, _ in forms]
    ):
        return _not_quite(targets[0])
    if any(response == form for form, _ in forms):
        return 1.0, "Correct."
    for form, target in forms:
        if _close_enough(response, form):
            return 1.0, f"Correct — note the spelling: {target.rstrip('.')}."
    plain = _without_qualifiers(response)
    plain_rejects = {_without_qualifiers(reject) for reject in reject_forms}
    qualified = any(plain == _without_qualifiers(form) for form, _ in forms)
    if plain and plain not in plain_rejects and qualified:
        return 1.0, "Correct."
    return _not_quite(targets[0])


# Words a pupil adds that change nothing: "People's Commissar for War", "local party officials".
QUALIFIERS = {"party", "local", "peoples"}


def _without_qualifiers(normalised: str) -> str:
    """The words less qualifiers, but never the last word: "Industrial Party" keeps "party"."""
    words = normalised.split()
    kept = [word for word in words[:-1] if word not in QUALIFIERS]
    return " ".join(kept + words[-1:])


_IN_YEAR = re.compile(r"^\s*in\s+", re.IGNORECASE)


def _mark_number(
    text: str, targets: list[str], rejects: list[str], *, year: bool
) -> tuple[float, str]:
    if year:
        text = _IN_YEAR.sub("", text)  # "in 1928"

    def matches(candidate: str) -> bool:
        # An alias like "10m" that is not a number we parse still counts when typed as is.
        same_value = _same_number(_leading_number(text), _leading_number(candidate))
        return same_value or normalise(text) == normalise(candidate)

    if any(map(matches, rejects)):
        return _not_quite(targets[0])
    return _right_or_wrong(any(map(matches, targets)), targets[0])


def mark_matching(options: dict, answer: dict, response: Any) -> tuple[float, str]:
    pairs = _checked_pairs(response, options)
    if not pairs:
        return 0.0, NO_ANSWER
    total = len(answer)
    matched = sum(pairs.get(left.strip()) == right.strip() for left, right in answer.items())
    if matched == total:
        return 1.0, f"Correct: all {total} pairs matched."
    return matched / total, f"{matched} of {total} pairs matched."


def _checked_pairs(response: Any, options: dict) -> dict[str, str]:
    """The student's pairs, stripped; a left item with no right item ("" or None) is skipped."""
    if not isinstance(response, dict):
        raise Malformed("This answer should pair left-hand items with right-hand items.")
    _checked_count(response)
    lefts = {item.strip() for item in options["left"]}
    rights = {item.strip() for item in options["right"]}
    seen, pairs = set(), {}
    for raw_left, raw_right in response.items():
        problem = "Every pair should be two pieces of text."
        left = _checked_text(raw_left, problem)
        right = "" if raw_right is None else _checked_text(raw_right, problem)
        if left not in lefts:
            raise Malformed("A left-hand item is not one of the options.")
        if left in seen:
            raise Malformed("Each left-hand item can be matched only once.")
        seen.add(left)
        if right and right not in rights:
            raise Malformed("A right-hand item is not one of the options.")
        if right:
            pairs[left] = right
    # A right-hand item used twice is a mistake the page allows, not a malformed answer: each
    # pair is marked on its own, and only one of the two can be right.
    return pairs


def mark_ordering(_options: list[str], answer: list[str], response: Any) -> tuple[float, str]:
    """Kendall-style partial credit: the fraction of pairs of items in the right relative order.

    Swapping two neighbours loses one pair; the reverse of the right order scores 0.
    """
    rank = {item.strip(): position for position, item in enumerate(answer)}
    order = _checked_order(response, rank)
    if not any(order):
        return 0.0, NO_ANSWER
    # Places left blank ("") or an item chosen twice (the page's selects allow both) leave
    # those items unplaced: only pairs of placed items can count, out of every pair.
    placed_items = [item for index, item in enumerate(order) if item and item not in order[:index]]
    positions = [rank[item] for item in placed_items]
    pairs = len(rank) * (len(rank) - 1) // 2
    in_order = sum(first < second for first, second in combinations(positions, 2))
    if in_order == pairs:
        return 1.0, "Correct: all in the right order."
    in_place = sum(rank[item] == index for index, item in enumerate(order) if item)
    feedback = (
        f"{in_place} of {len(rank)} in the right place, "
        f"and {in_order} of {pairs} pairs in the right order."
    )
    if len(positions) < len(rank):
        feedback += f" {len(rank) - len(positions)} not placed."
    return in_order / pairs, feedback


def _checked_order(response: Any, rank: dict[str, int]) -> list[str]:
    if not isinstance(response, list | tuple):
        raise Malformed("This answer should be a list of the items in order.")
    _checked_count(response)
    order = [_checked_text(item, "Every item in the order should be text.") for item in response]
    if not order:
        return order
    if len(order) > len(rank):
        raise Malformed("The order has more places than there are items.")
    if not {item for item in order if item} <= rank.keys():
        raise Malformed("The order includes an item that is not one of the options.")
    return order


def mark_choices(options: list[str], answer: list[str], response: Any) -> tuple[float, str]:
    """Choose k of the options (k = the number of right ones): each right choice earns 1/k,
    each wrong one takes 1/k away, floored at 0. Choosing more than k is refused, as the page
    refuses it: ticking every box must not be a way to collect the marks.
    """
    if not isinstance(response, list | tuple):
        raise Malformed("This answer should be a list of the options chosen.")
    _checked_count(response)
    chosen = [
        _checked_text(item, "Every choice should be the text of an option.") for item in response
    ]
    chosen = [item for item in chosen if item]
    if not set(chosen) <= {option.strip() for option in options}:
        raise Malformed("A choice is not one of the options.")
    if len(set(chosen)) != len(chosen):
        raise Malformed("An option is chosen more than once.")
    right = {item.strip() for item in answer}
    k = len(right)
    if len(chosen) > k:
        raise Malformed(f"Choose at most {k}: this answer has {len(chosen)} choices.")
    if not chosen:
        return 0.0, NO_ANSWER
    hits = sum(item in right for item in chosen)
    misses = len(chosen) - hits
    if hits == k:
        return 1.0, "Correct: both right." if k == 2 else f"Correct: all {k} right."
    feedback = f"{hits} of {k} right"
    if misses:
        feedback += f", and {misses} wrong (a wrong choice takes away what a right one earns)"
    return max(0, hits - misses) / k, feedback + "."
