"""The question numbers under a homework question: answered, not answered, to come back to.

Drawn here rather than in the template: twenty links with four conditions and an address each
were most of the question page's drawing time, and a class on phones asks for that page once
per question.
"""

from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe


def question_nav(assignment_pk, states, *, number, one_at_a_time):
    """The <li>s of the question numbers; `states` is `taking.question_states`."""
    prefix = ""
    if one_at_a_time:
        # One reverse for the page, not one per question: the addresses differ only at the end.
        first = reverse("classrooms:question", args=[assignment_pk, 1])
        assert first.endswith("/1/"), first
        prefix = first.removesuffix("1/")
    rows = []
    for n, question_id, is_answered, is_flagged in states:
        current = one_at_a_time and n == number
        classes = "page-link" + (" is-answered" if is_answered else "")
        classes += " is-flagged" if is_flagged else ""
        label = f"Question {n}, {'answered' if is_answered else 'not answered'}"
        label += ", to come back to" if is_flagged else ""
        rows.append(
            (
                " active" if current else "",
                classes,
                question_id,
                f"{prefix}{n}/" if one_at_a_time else f"#question-{n}",
                label,
                mark_safe(' aria-current="page"') if current else "",  # a constant
                n,
            )
        )
    return format_html_join(
        "\n",
        '<li class="page-item{}"><a class="{}" data-nav-question="{}" href="{}" aria-label="{}"{}>'
        '{}<span class="nav-flag" aria-hidden="true">⚑</span></a></li>',
        rows,
    )
