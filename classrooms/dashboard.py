"""The student's dashboard: what is due, what is overdue, what is done, in three queries,
drawn once and kept in the cache until it changes."""

from collections import defaultdict
from contextlib import suppress
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from classrooms import results_cache
from classrooms.models import CLOSING_GRACE, Assignment, AssignmentAttempt, LatePolicy
from quizzes.models import Attempt


@dataclass
class HomeworkItem:
    assignment: Assignment
    attempts: list = field(default_factory=list)  # AssignmentAttempt links, oldest first
    closed: bool = False  # past a closing due date: it can no longer be done

    @property
    def submitted(self):
        return [link for link in self.attempts if not link.is_open]

    @property
    def in_progress(self):
        return any(link.is_open for link in self.attempts)

    @property
    def latest_score(self):
        submitted = self.submitted
        return submitted[-1].attempt.percent if submitted else None

    @property
    def was_late(self):
        return bool(self.submitted) and self.submitted[-1].is_late


DONE_SHOWN = 10  # handed-in homework shown at first, latest first; the rest is a click away


def student_dashboard(student, *, now, all_done=False):
    assignments = (
        Assignment.objects.for_student(student)
        .select_related("classroom", "quiz")
        .order_by("due_at", "pk")
    )
    links = defaultdict(list)
    for link in (
        AssignmentAttempt.objects.filter(student=student)
        .select_related("attempt", "assignment")
        .order_by("number")
    ):
        links[link.assignment_id].append(link)

    due, overdue, done, upcoming = [], [], [], []
    for assignment in assignments:
        item = HomeworkItem(
            assignment, links[assignment.pk], closed=not assignment.accepts_answers(now)
        )
        if item.submitted:
            done.append(item)
        elif not assignment.has_opened(now):
            upcoming.append(item)
        elif assignment.is_past_due(now):
            overdue.append(item)
        else:
            due.append(item)
    done.sort(key=lambda item: item.submitted[-1].attempt.submitted_at, reverse=True)
    practice = Attempt.objects.practice_history(student)
    shown = done if all_done else done[:DONE_SHOWN]
    return {
        "due": due,
        "overdue": overdue,
        "done": shown,
        "done_hidden": len(done) - len(shown),
        "upcoming": upcoming,
        "practice": practice,
        "now": now,
        "valid_until": next_change(assignments, now),
    }


def next_change(assignments, now):
    """When the first of these homeworks opens, falls due or closes: what the dashboard says
    about them ("coming up", "to do", "overdue", "closed") holds until then."""
    moments = []
    for assignment in assignments:
        moments += [assignment.opens_at, assignment.due_at]
        if assignment.late_policy == LatePolicy.CLOSE:
            with suppress(OverflowError):  # a due date late on 9999-12-31
                moments.append(assignment.due_at + CLOSING_GRACE)
    return min((moment for moment in moments if moment > now), default=None)


def homework_and_practice(student, *, now, all_done=False):
    """The dashboard's homework lists and practice list, drawn; from the cache while the
    student's work, classes and homework stay as they were (`results_cache.students_changed`)."""

    def build():
        context = student_dashboard(student, now=now, all_done=all_done)
        drawn = {
            "homework": render_to_string("classrooms/_dashboard_homework.html", context),
            "practice": render_to_string("classrooms/_dashboard_practice.html", context),
        }
        return drawn, context["valid_until"]

    name = "all" if all_done else "latest"
    return results_cache.fragment(results_cache.student_key(student.pk, name), build, now=now)
