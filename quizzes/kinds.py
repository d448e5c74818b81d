"""What each kind of question does, in one place.

One `QuestionKind` object per kind says how to check a question's options and answer, mark a
response (with an algorithm from `quizzes.marking`), read a response from a form, shuffle and
show the options, describe an answer in words, and which template partials show it on the
question page, the teacher's preview, the worksheet and its answer key.

Pure standard library (like `marking`), so kinds are tested without a database. The kinds' names
and labels, as the database stores them, are `quizzes.models.Kind`; a test holds the two
together. Adding a kind is one class here, its partials under `templates/quizzes/kinds/`, and a
`Kind` member with its migration.
"""

import re
import unicodedata
from string import ascii_uppercase
from typing import Any

from quizzes import marking
from quizzes.marking import MAX_TEXT_LENGTH, NO_ANSWER, Malformed, Mark

BLANK = "_____"
PARTIALS = "quizzes/kinds"


class AnswerError(ValueError):
    """A submitted answer that does not fit its question (a tampered or broken form)."""


def is_blank(answer: Any) -> bool:
    return (
        answer is None or answer in ("", [], {}) or (isinstance(answer, str) and not answer.strip())
    )


def _strings(items: Any) -> bool:
    """A list of non-blank texts, each short enough for the marker to accept as an answer."""
    return isinstance(items, list) and all(
        isinstance(i, str) and i.strip() and len(i) <= MAX_TEXT_LENGTH for i in items
    )


MATCHING_SHOWN_IN_SELECT = 24  # characters a closed select shows on a 360 px phone


def _words(text: str) -> str:
    return " ".join(text.split())


def _apply(order: Any, items: list) -> list:
    """`items` in a stored shuffle order; the stored order itself when the shuffle does not fit."""
    if not order or sorted(order) != list(range(len(items))):
        return list(items)
    return [items[index] for index in order]


def _one_of(value: Any, allowed: list) -> Any:
    if value in (None, ""):
        return None
    if value not in allowed:
        raise AnswerError("That is not one of the question's options.")
    return value


class QuestionKind:
    """The behaviour every kind has; each kind below overrides what it does differently.

    `options` and `answer` are a question's stored fields; a response (`given`) is an answer in
    the shape `read` returns and `mark` expects.
    """

    value = ""
    takes_text = False  # answers are typed, so their case does not matter in the results
    # The partials that show a question of the kind (each kind names its own):
    input_template = ""  # the question page (homework, practice)
    preview_template = ""  # the teacher's quiz preview
    sheet_template = ""  # the printed worksheet
    key_template = ""  # the worksheet's answer key
    feedback_template = f"{PARTIALS}/_feedback.html"  # feedback after submitting: "your answer"

    # Checking a question -----------------------------------------------------------------------

    def errors(self, prompt: str, options: Any, answer: Any) -> list[str]:
        raise NotImplementedError

    # Marking -----------------------------------------------------------------------------------

    def score(self, options: Any, answer: Any, given: Any) -> tuple[float, str]:
        """(score 0..1, feedback) for a response that is not blank; raises `Malformed`."""
        raise NotImplementedError

    # Options on the page -----------------------------------------------------------------------

    def shuffled(self, options: Any) -> list:
        """The items a shuffle reorders ([]: this kind is never shuffled)."""
        return []

    def display(self, options: Any, order: Any) -> Any:
        """The options as an attempt shows them, given its stored shuffle `order`."""
        return options

    def form_item(self, options: Any, answer: Any, saved: Any) -> dict:
        """What the input partial needs besides the question: the options and saved answer.

        `answer` is the key: the page may show only how many it holds, never what it holds.
        """
        return {"options": options}

    # Reading a response ------------------------------------------------------------------------

    def read(self, data: Any, name: str, options: Any, answer: Any) -> Any:
        """The response in POST `data` (fields named from `name`), or None when blank.

        `options` are as displayed; `answer` is the key, for how many choices it allows. Raises
        AnswerError for what no honest form sends.
        """
        raise NotImplementedError

    def fields(self, name: str, options: Any, given: Any) -> dict:
        """The form fields that show a response (the reverse of `read`): {field name: value},
        a list of values for boxes ticked together. For a page to put an answer back."""
        return {} if given is None else {name: str(given)}

    # Words ------------------------------------------------------------------------------------

    def describe(self, options: Any, given: Any) -> str:
        """A response (or an answer key in the same shape) in words, the same on every page."""
        return _words(given) if isinstance(given, str) else str(given)

    def expected(self, options: Any, answer: Any) -> str:
        """The right answer in words."""
        return self.describe(options, answer)

    # The worksheet ----------------------------------------------------------------------------

    def sheet_item(self, options: Any, answer: Any) -> dict:
        """The options as the worksheet prints them and the key in the same letters/numbers."""
        return {}


class ListOfOptions(QuestionKind):
    """Kinds whose options are one list, shuffled as a whole (choice, ordering, choose two)."""

    def shuffled(self, options):
        return options

    def display(self, options, order):
        return _apply(order, options)


class MultipleChoice(ListOfOptions):
    value = "multiple_choice"
    input_template = f"{PARTIALS}/_choice_input.html"
    preview_template = f"{PARTIALS}/_choice_preview.html"
    sheet_template = f"{PARTIALS}/_choice_sheet.html"
    key_template = f"{PARTIALS}/_choice_key.html"

    def errors(self, prompt, options, answer):
        if not _strings(options) or len(options) != 4 or len(set(options)) != 4:
            return ["A multiple-choice question needs four different options."]
        if answer not in options:
            return ["The answer must be one of the options."]
        return []

    def score(self, options, answer, given):
        return marking.mark_choice(options, answer, given)

    def form_item(self, options, answer, saved):
        return {
            "input_type": "radio",
            "choices": [(option, option, saved == option) for option in options],
        }

    def read(self, data, name, options, answer):
        return _one_of(data.get(name), options)

    def sheet_item(self, options, answer):
        # Alphabetical, so an option's place never tells (nor differs between sheet and key).
        ordered = sorted(options, key=str.casefold)
        return {
            "options": list(zip(ascii_uppercase, ordered, strict=False)),
            "key": ascii_uppercase[ordered.index(answer)],
        }


class TrueFalse(QuestionKind):
    value = "true_false"
    input_template = f"{PARTIALS}/_choice_input.html"
    preview_template = f"{PARTIALS}/_true_false_preview.html"
    sheet_template = f"{PARTIALS}/_true_false_sheet.html"
    key_template = f"{PARTIALS}/_true_false_key.html"

    def errors(self, prompt, options, answer):
        if options != ["True", "False"] or not isinstance(answer, bool):
            return ["A true/false question has the options True and False and a true/false answer."]
        return []

    def score(self, options, answer, given):
        return marking.mark_true_false(options, answer, given)

    def form_item(self, options, answer, saved):
        return {
            "input_type": "radio",
            "choices": [("true", "True", saved is True), ("false", "False", saved is False)],
        }

    def fields(self, name, options, given):
        return {} if given is None else {name: "true" if given else "false"}

    def read(self, data, name, options, answer):
        value = _one_of(data.get(name), ["true", "false"])
        return None if value is None else value == "true"

    def describe(self, options, given):
        value = marking.as_bool(given)
        return super().describe(options, given) if value is None else str(value)


class Typed(QuestionKind):
    value = "typed"
    takes_text = True
    input_template = f"{PARTIALS}/_text_input.html"
    preview_template = f"{PARTIALS}/_text_preview.html"
    sheet_template = f"{PARTIALS}/_text_sheet.html"
    key_template = f"{PARTIALS}/_text_key.html"
    lines = 2  # writing lines on the worksheet

    def errors(self, prompt, options, answer):
        errors = []
        if not isinstance(answer, dict) or not str(answer.get("text", "")).strip():
            errors.append("A typed answer needs the answer text.")
        elif not all(
            _strings(answer.get(name, [])) or answer.get(name) == []
            for name in ("accept", "reject")
        ):
            errors.append("Accepted and rejected answers must be lists of text.")
        if options:
            errors.append("A typed-answer question has no options.")
        return errors

    def score(self, options, answer, given):
        return marking.mark_typed(options, answer, given)

    def read(self, data, name, options, answer):
        text = data.get(name, "")
        if len(text) > MAX_TEXT_LENGTH:
            raise AnswerError(f"Answers are at most {MAX_TEXT_LENGTH} characters.")
        if any(unicodedata.category(char) == "Cc" and char not in "\t\n\r" for char in text):
            raise AnswerError("Answers cannot contain control characters.")
        return text.strip() or None

    def expected(self, options, answer):
        return answer["text"]

    def sheet_item(self, options, answer):
        return {"lines": range(self.lines)}


class Cloze(Typed):
    value = "cloze"
    lines = 1

    def errors(self, prompt, options, answer):
        errors = super().errors(prompt, options, answer)
        if BLANK not in prompt:
            errors.append(f"A fill-in-the-blank prompt needs a blank ({BLANK}).")
        return errors


class Matching(QuestionKind):
    value = "matching"
    input_template = f"{PARTIALS}/_matching_input.html"
    preview_template = f"{PARTIALS}/_matching_preview.html"
    sheet_template = f"{PARTIALS}/_matching_sheet.html"
    key_template = f"{PARTIALS}/_matching_key.html"

    def errors(self, prompt, options, answer):
        left, right = options["left"], options["right"]
        if not (_strings(left) and _strings(right)) or not 4 <= len(left) == len(right) <= 5:
            return ["A matching question needs 4 or 5 pairs."]
        if sorted(answer) != sorted(left) or sorted(answer.values()) != sorted(right):
            return ["The answer must pair every left item with a different right item."]
        return []

    def score(self, options, answer, given):
        return marking.mark_matching(options, answer, given)

    def shuffled(self, options):
        return options["right"]

    def display(self, options, order):
        return {"left": options["left"], "right": _apply(order, options["right"])}

    def form_item(self, options, answer, saved):
        saved = saved if isinstance(saved, dict) else {}
        pairs = [(n, left, saved.get(left, "")) for n, left in enumerate(options["left"], 1)]
        lettered = list(zip(ascii_uppercase, options["right"], strict=False))
        # A closed <select> on a phone shows about 25 characters: long answers are listed in
        # full, lettered, and each choice starts with its letter.
        listed = any(len(right) > MATCHING_SHOWN_IN_SELECT for right in options["right"])
        return {"options": options, "pairs": pairs, "lettered": lettered, "listed": listed}

    def fields(self, name, options, given):
        given = given or {}
        return {
            f"{name}-{n}": given[left] for n, left in enumerate(options["left"], 1) if left in given
        }

    def read(self, data, name, options, answer):
        pairs = {}
        for index, left in enumerate(options["left"], start=1):
            right = _one_of(data.get(f"{name}-{index}"), options["right"])
            if right:
                pairs[left] = right
        return pairs or None

    def describe(self, options, given):
        if not isinstance(given, dict):
            return super().describe(options, given)
        # Pairs in the question's own left-hand order, so equal answers read the same.
        lefts = {left: index for index, left in enumerate(options.get("left", []))}
        pairs = sorted(given.items(), key=lambda pair: lefts.get(pair[0], len(lefts)))
        return "; ".join(f"{left} → {right}" for left, right in pairs if right)

    def sheet_item(self, options, answer):
        right = options["right"]
        lefts = list(enumerate(options["left"], start=1))
        return {
            "options": {"left": lefts, "right": list(zip(ascii_uppercase, right, strict=False))},
            "key": [
                (number, ascii_uppercase[right.index(answer[left])], answer[left])
                for number, left in lefts
            ],
        }


class Ordering(ListOfOptions):
    value = "ordering"
    input_template = f"{PARTIALS}/_ordering_input.html"
    preview_template = f"{PARTIALS}/_ordering_preview.html"
    sheet_template = f"{PARTIALS}/_ordering_sheet.html"
    key_template = f"{PARTIALS}/_ordering_key.html"

    def errors(self, prompt, options, answer):
        if not _strings(options) or not 4 <= len(options) <= 5 or len(set(options)) != len(options):
            return ["An ordering question needs 4 or 5 different items."]
        if sorted(answer) != sorted(options):
            return ["The answer must put every item in order."]
        return []

    def score(self, options, answer, given):
        return marking.mark_ordering(options, answer, given)

    def form_item(self, options, answer, saved):
        saved = saved if isinstance(saved, list) else []
        positions = [
            (n, saved[n - 1] if n <= len(saved) else "") for n in range(1, len(options) + 1)
        ]
        return {"options": options, "positions": positions}

    def fields(self, name, options, given):
        return {f"{name}-{n}": item for n, item in enumerate(given or [], start=1)}

    def read(self, data, name, options, answer):
        picked = [data.get(f"{name}-{position}") for position in range(1, len(options) + 1)]
        if not any(picked):
            return None
        return [_one_of(item, options) or "" for item in picked]

    def describe(self, options, given):
        if not isinstance(given, list):
            return super().describe(options, given)
        # Places left blank are left out: the order of what was placed is what is marked.
        return ", then ".join(_words(str(item)) for item in given if item)

    def sheet_item(self, options, answer):
        return {"options": options, "key": [options.index(event) + 1 for event in answer]}


COUNTS = {2: "two", 3: "three"}


class MultipleSelect(ListOfOptions):
    """Choose two (or three) of four or five options; the prompt says how many."""

    value = "multiple_select"
    input_template = f"{PARTIALS}/_select_input.html"
    preview_template = f"{PARTIALS}/_select_preview.html"
    sheet_template = f"{PARTIALS}/_select_sheet.html"
    key_template = f"{PARTIALS}/_select_key.html"

    def errors(self, prompt, options, answer):
        if not _strings(options) or not 4 <= len(options) <= 5 or len(set(options)) != len(options):
            return ["A choose-two question needs 4 or 5 different options."]
        if (
            not isinstance(answer, list)
            or len(set(answer)) != len(answer)
            or len(answer) not in COUNTS
        ):
            return ["The answer must be two or three different options."]
        if not set(answer) <= set(options):
            return ["Every right answer must be one of the options."]
        if len(options) - len(answer) < 2:
            return ["At least two of the options must be wrong."]
        if not re.search(rf"\b({COUNTS[len(answer)]}|{len(answer)})\b", prompt, re.IGNORECASE):
            return [f"The prompt must say how many to choose ({COUNTS[len(answer)]})."]
        return []

    def score(self, options, answer, given):
        return marking.mark_choices(options, answer, given)

    def form_item(self, options, answer, saved):
        saved = saved if isinstance(saved, list) else []
        return {
            "choices": [(option, option, option in saved) for option in options],
            "picks": len(answer),
            "picks_word": COUNTS[len(answer)],
        }

    def fields(self, name, options, given):
        return {} if not given else {name: list(given)}

    def read(self, data, name, options, answer):
        chosen = [value for value in data.getlist(name) if value != ""]
        if not set(chosen) <= set(options):
            raise AnswerError("That is not one of the question's options.")
        if len(set(chosen)) != len(chosen):
            raise AnswerError("An option is chosen more than once.")
        if len(chosen) > len(answer):
            raise AnswerError(f"Choose at most {COUNTS[len(answer)]} options.")
        # In the order the page showed them; `describe` reads them in the question's own order.
        return [option for option in options if option in chosen] or None

    def describe(self, options, given):
        if not isinstance(given, list):
            return super().describe(options, given)
        place = {option: index for index, option in enumerate(options)}
        ordered = sorted(given, key=lambda item: place.get(item, len(place)))
        # Options are often whole sentences: "A; B", never "A.; B."
        return "; ".join(_words(str(item)).rstrip(".") for item in ordered if item)

    def sheet_item(self, options, answer):
        lettered = list(zip(ascii_uppercase, sorted(options, key=str.casefold), strict=False))
        return {  # alphabetical, as for multiple choice
            "options": lettered,
            "key": [letter for letter, option in lettered if option in answer],
            "picks_word": COUNTS[len(answer)],
        }


KINDS = {kind.value: kind for kind in (
    MultipleChoice(), TrueFalse(), Typed(), Cloze(), Matching(), Ordering(), MultipleSelect(),
)}  # fmt: skip


def kind_of(kind: Any) -> QuestionKind:
    """The behaviour of a kind given as a `Kind` member or its value; ValueError if unknown."""
    value = getattr(kind, "value", kind)  # a TextChoices member or a plain str
    if not isinstance(value, str) or value not in KINDS:
        raise ValueError(f"Unknown kind of question {value!r}.")
    return KINDS[value]


def question_data_errors(kind: Any, prompt: str, options: Any, answer: Any) -> list[str]:
    """What is wrong with a question's options and answer for its kind ([] when all is well)."""
    try:
        behaviour = kind_of(kind)
    except ValueError:
        return [f"Unknown kind {kind!r}."]
    try:
        return behaviour.errors(prompt, options, answer)
    except (TypeError, KeyError, AttributeError):
        return [f"The options and answer do not have the shape a {kind} question needs."]


def mark(question: Any, response: Any) -> Mark:
    """Mark a response to a question (anything with kind, options and answer).

    A malformed response never raises: it comes back as a zero `Mark` with `error` set. Only a
    question of an unknown kind raises, because that is a bug in the caller, not something a
    student typed.
    """
    try:
        behaviour = kind_of(question.kind)
    except ValueError as unknown:
        raise ValueError(f"Cannot mark a question of unknown kind {question.kind!r}.") from unknown
    expected = behaviour.expected(question.options, question.answer)
    if response is None or (isinstance(response, str) and not response.strip()):
        return Mark(0.0, False, NO_ANSWER, expected)
    try:
        score, feedback = behaviour.score(question.options, question.answer, response)
    except Malformed as problem:
        return Mark(0.0, False, str(problem), expected, error=str(problem))
    return Mark(score, score == 1, feedback, expected)


def describe(question: Any, given: Any) -> str:
    """A response in words ("" when blank): feedback, results, item analysis and CSV all use it."""
    if is_blank(given):
        return ""
    return kind_of(question.kind).describe(question.options, given)


def expected(question: Any) -> str:
    """A question's right answer in words, as feedback, results, CSV and the worksheet show it."""
    return kind_of(question.kind).expected(question.options, question.answer)
