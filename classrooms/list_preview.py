"""A pasted class list between "Check the list" and "Make the accounts".

The rows wait in the teacher's session (kept on the server), one list per class, so the preview
survives a reload without the list being pasted again. They hold names only: no passwords. Each
preview has a random id, which the confirm form sends back: a form from an older preview (another
tab, the back button) cannot make the accounts of a newer list.
"""

import secrets
from dataclasses import asdict

from classrooms.accounts import RosterRow

MAX_KEPT_TEXT = 20_000  # characters of the pasted list kept to edit it again; 60 names are ~1,500


def session_key(classroom):
    return f"class-list-preview-{classroom.pk}"


def keep(session, classroom, *, roster, duplicates, text, list_format):
    preview = {
        "id": secrets.token_urlsafe(12),
        "description": roster.description,
        "rows": [asdict(row) for row in roster.rows],
        "duplicates": {str(number): reason for number, reason in duplicates.items()},
        "text": text if len(text) <= MAX_KEPT_TEXT else "",
        "list_format": list_format,
    }
    session[session_key(classroom)] = preview
    return preview


def load(session, classroom):
    """The class's preview, or None."""
    return session.get(session_key(classroom))


def forget(session, classroom):
    session.pop(session_key(classroom), None)


def rows_of(preview):
    return [RosterRow(**row) for row in preview["rows"]]


def duplicates_of(preview):
    return {int(number): reason for number, reason in preview["duplicates"].items()}
