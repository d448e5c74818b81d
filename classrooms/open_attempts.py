"""A student's open attempt at a homework, with the homework and its quiz, from the shared cache.

Every question page and every autosave starts from them. Read from the database they were one
query of four tables with a subquery that checks the homework is still set for the student:
about half of the question page's time. The copy kept here is stored beside the student's version
(`results_cache.students_changed`), and is used only while that version is the one it was stored
under; both are read in one round trip. The version is bumped, at once on every app server and
again when the transaction commits, by everything that could make the copy wrong
(`results_cache.connect_signals`): handing in, a new attempt, a re-mark (any save or deletion of
the student's attempts or of their links to homework), joining or leaving a class, and any save
or deletion of the homework or its class or a change of its chosen students (a due date, closing,
the layout, another quiz, archiving).

What must not rest on the cache alone does not: every save of an answer or a flag checks in the
database that the attempt is not handed in and that the student is still in the class
(`assignments.py`). Writes that send no signal (a queryset's `update()`, raw SQL) are seen within
ENTRY_TIMEOUT.
"""

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS

from classrooms import assignments, results_cache
from classrooms.models import Assignment
from quizzes.models import Attempt, Quiz

ENTRY_TIMEOUT = 10 * 60  # seconds


def _key(student_pk, assignment_pk):
    return f"open-attempt:{student_pk}:{assignment_pk}"


def _values(instance):
    fields = instance._meta.concrete_fields
    return {field.attname: getattr(instance, field.attname) for field in fields}


def _instance(model, values):
    # By name, in the model's own order: a field added since the entry was stored is deferred
    # (read on first use), and one removed since is dropped, so no value lands in another field.
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(DEFAULT_DB_ALIAS, names, [values[name] for name in names])


def open_work(assignment_pk, student):
    """(the homework with its quiz, the student's open attempt at it), or None when they have
    no open attempt at homework set for them."""
    version_key = results_cache.student_version_key(student.pk)
    key = _key(student.pk, assignment_pk)
    found = cache.get_many([version_key, key])
    entry = found.get(key)
    if entry is not None and entry["version"] == found.get(version_key):
        assignment = _instance(Assignment, entry["assignment"])
        assignment.quiz = _instance(Quiz, entry["quiz"])
        return assignment, _instance(Attempt, entry["attempt"])
    # The version is read before the database: a change after this point bumps it, so what
    # the query reads is never kept under the version that follows the change.
    version = found.get(version_key) or results_cache.student_version(student.pk)
    link = assignments.open_link(assignment_pk, student)
    if link is None:  # not kept: the next request asks the database again
        return None
    assignment, attempt = link.assignment, link.attempt
    entry = {
        "version": version,
        "assignment": _values(assignment),
        "quiz": _values(assignment.quiz),
        "attempt": _values(attempt),
    }
    cache.set(key, entry, ENTRY_TIMEOUT)
    return assignment, attempt
