"""A quiz as a paper worksheet, with its answer key in the same letters and numbers."""

from string import ascii_uppercase

from quizzes.models import Kind


def worksheet_item(question):
    """A question as the paper worksheet shows it, and its key in the same letters and numbers."""
    item = {"question": question}
    if question.kind == Kind.MULTIPLE_CHOICE:
        # Alphabetical, so an option's place never tells (nor differs between sheet and key).
        options = sorted(question.options, key=str.casefold)
        item["options"] = list(zip(ascii_uppercase, options, strict=False))
        item["key"] = ascii_uppercase[options.index(question.answer)]
    elif question.kind == Kind.ORDERING:
        item["options"] = question.options  # never stored in order
        item["key"] = [question.options.index(event) + 1 for event in question.answer]
    elif question.kind == Kind.MATCHING:
        right = question.options["right"]
        item["options"] = {
            "left": list(enumerate(question.options["left"], start=1)),
            "right": list(zip(ascii_uppercase, right, strict=False)),
        }
        item["key"] = [
            (number, ascii_uppercase[right.index(question.answer[left])], question.answer[left])
            for number, left in item["options"]["left"]
        ]
    return item
