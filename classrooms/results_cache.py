"""Rendered results, kept in the shared cache until the work or the class changes.

A results page only changes when a student saves or submits, when the class changes (students,
names, homework, dates) or when the course does. Each of those has a version number in the
cache; a fragment is stored under the versions it was made from, so bumping a version is all the
invalidation there is. Versions start at the clock's nanoseconds, so a version the cache lost
never comes back with a number an old fragment was stored under.

Versions are bumped at once and again after the transaction commits: the first keeps a request
that reads its own writes right, the second stops a reader that ran during the transaction from
caching what it saw under the new version.
"""

import time

from django.core.cache import cache
from django.db import transaction

from topics import content_version

FRAGMENT_TIMEOUT = 24 * 3600


def _work_key(assignment_pk):
    return f"results:work:{assignment_pk}"


def _class_work_key(classroom_pk):
    return f"results:class-work:{classroom_pk}"


def _roster_key(classroom_pk):
    return f"results:roster:{classroom_pk}"


def _bump_now(keys):
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # not in the cache (yet, or any more)
            cache.set(key, time.time_ns(), None)


def _bump(keys):
    _bump_now(keys)
    if transaction.get_connection().in_atomic_block:  # outside one, on_commit would run at once
        transaction.on_commit(lambda: _bump_now(keys))


def work_changed(assignment_pk, classroom_pk):
    """A student saved, submitted or started: that homework's results and the class's change."""
    _bump([_work_key(assignment_pk), _class_work_key(classroom_pk)])


def class_changed(classroom_pks):
    """Students, names, homework or dates changed: every results page of the class changes,
    and the dashboard of every student in it."""
    from classrooms.models import Enrolment

    _bump([_roster_key(pk) for pk in classroom_pks])
    enrolled = Enrolment.objects.filter(classroom_id__in=list(classroom_pks))
    students_changed(enrolled.values_list("student_id", flat=True))


def _student_key(student_pk):
    return f"results:student:{student_pk}"


def students_changed(student_pks):
    """Homework started, handed in or re-marked, practice done, a class joined or left: these
    students' dashboards change, and their open attempts kept in the cache (open_attempts.py)."""
    _bump([_student_key(pk) for pk in student_pks])


def student_version_key(student_pk):
    """The key of the student's version, for entries that read it in the same round trip."""
    return _student_key(student_pk)


def student_version(student_pk):
    [version] = _versions([_student_key(student_pk)])
    return version


def _versions(keys):
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key)
    return [found[key] for key in keys]


def assignment_key(assignment):
    """The key of the assignment's results: its work, its class and the course, read at once."""
    keys = [_work_key(assignment.pk), _roster_key(assignment.classroom_id), content_version.KEY]
    return f"results:page:{assignment.pk}:{'-'.join(map(str, _versions(keys)))}"


def class_key(classroom, page):
    keys = [_class_work_key(classroom.pk), _roster_key(classroom.pk), content_version.KEY]
    return f"results:overview:{classroom.pk}:{page}:{'-'.join(map(str, _versions(keys)))}"


def student_key(student_pk, name):
    """The key of a student's dashboard lists: their own version, bumped by students_changed."""
    [version] = _versions([_student_key(student_pk)])
    return f"results:dashboard:{student_pk}:{name}:{version}"


def fragment(key, build, *, now):
    """The HTML stored under `key`, or `build()`'s. `build` returns (html, valid_until): a page
    that says "overdue" or "not due yet" is only good until the next due date passes."""
    stored = cache.get(key)
    if stored is not None:
        html, valid_until = stored
        if valid_until is None or now < valid_until:
            return html
    html, valid_until = build()
    cache.set(key, (html, valid_until), FRAGMENT_TIMEOUT)
    return html


def connect_signals():
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from classrooms.models import Assignment, AssignmentAttempt, Classroom, Enrolment
    from quizzes.models import Attempt, Quiz

    User = get_user_model()

    def enrolment_or_assignment(sender, instance, **kwargs):
        class_changed([instance.classroom_id])
        if sender is Enrolment:  # a student who left is no longer found in the class
            students_changed([instance.student_id])

    def classroom_saved(sender, instance, **kwargs):  # a new name, archived or restored
        class_changed([instance.pk])

    def quiz_saved(sender, instance, **kwargs):  # a new title
        set_to = Assignment.objects.filter(quiz=instance).values_list("classroom_id", flat=True)
        classes = set(set_to)
        if classes:
            class_changed(classes)

    def attempt_saved(sender, instance, **kwargs):  # started, handed in, re-marked: practice too
        students_changed([instance.user_id])

    def attempt_link(sender, instance, **kwargs):
        assignment = instance._state.fields_cache.get("assignment")
        if assignment is None:
            found = Assignment.objects.filter(pk=instance.assignment_id)
            assignment = found.only("pk", "classroom_id").first()
        if assignment is not None:  # None: deleted with its homework, which says so itself
            work_changed(assignment.pk, assignment.classroom_id)
        students_changed([instance.student_id])

    def user_saved(sender, instance, update_fields=None, **kwargs):
        if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
            return  # signing in or a new password: nothing a results page shows
        taught = Classroom.objects.filter(teacher=instance).values_list("pk", flat=True)
        enrolled = Enrolment.objects.filter(student=instance).values_list("classroom_id", flat=True)
        classes = {*taught, *enrolled}
        if classes:
            class_changed(classes)

    for model in (Enrolment, Assignment):
        post_save.connect(enrolment_or_assignment, sender=model, weak=False)
        post_delete.connect(enrolment_or_assignment, sender=model, weak=False)
    post_save.connect(attempt_link, sender=AssignmentAttempt, weak=False)
    post_delete.connect(attempt_link, sender=AssignmentAttempt, weak=False)
    post_save.connect(user_saved, sender=User, weak=False)
    post_save.connect(classroom_saved, sender=Classroom, weak=False)
    post_save.connect(quiz_saved, sender=Quiz, weak=False)
    post_save.connect(attempt_saved, sender=Attempt, weak=False)
    post_delete.connect(attempt_saved, sender=Attempt, weak=False)

    def chosen_students_changed(sender, instance, action, **kwargs):
        # Homework set for chosen students: who it is for is part of its results.
        if action.startswith("post_") and isinstance(instance, Assignment):
            class_changed([instance.classroom_id])

    m2m_changed.connect(
        chosen_students_changed, sender=Assignment.chosen_students.through, weak=False
    )
