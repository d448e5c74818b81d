"""The student's dashboard: what is due, what is overdue, what is done, in three queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from classrooms.models import Assignment, AssignmentAttempt
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
    }
