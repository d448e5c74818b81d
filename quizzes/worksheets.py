"""A quiz as a paper worksheet, with its answer key in the same letters and numbers."""

from quizzes import kinds


def worksheet_item(question):
    """A question as the paper worksheet shows it, and its key in the same letters and numbers."""
    behaviour = kinds.kind_of(question.kind)
    return {
        "question": question,
        "kind": behaviour,
        "expected": kinds.expected(question),
        **behaviour.sheet_item(question.options, question.answer),
    }
