import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Quiz
from topics.models import Topic

# No 0/O or 1/I/L: codes are read off a board and typed on phones.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
CLOSING_GRACE = timedelta(minutes=2)


def new_join_code():
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class ClassroomQuerySet(models.QuerySet):
    def taught_by(self, teacher):
        return self.filter(teacher=teacher)

    def current(self):
        return self.filter(archived_at=None)

    def archived(self):
        return self.exclude(archived_at=None)


class Classroom(models.Model):
    name = models.CharField(max_length=100, help_text='For example "10B History".')
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classrooms_taught"
    )
    join_code = models.CharField(max_length=12, unique=True, default=new_join_code)
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Enrolment", related_name="classrooms"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Archived: out of the teacher's lists and the students' work, results kept, restorable.
    archived_at = models.DateTimeField(null=True, blank=True)
    # Topics the teacher has taught: with the topics of its homework, what Revise now draws on.
    taught_topics = models.ManyToManyField(Topic, blank=True, related_name="+")

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("classrooms:detail", kwargs={"pk": self.pk})

    @property
    def is_archived(self):
        return self.archived_at is not None

    def archive(self, now=None):
        self.archived_at = now or timezone.now()
        self.save(update_fields=["archived_at"])

    def restore(self):
        self.archived_at = None
        self.save(update_fields=["archived_at"])

    def has_results(self):
        """Any student has started any of its homework: deleting would lose their work."""
        return AssignmentAttempt.objects.filter(assignment__classroom=self).exists()

    def regenerate_join_code(self):
        self.join_code = new_join_code()
        self.save(update_fields=["join_code"])


class Enrolment(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="enrolments")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["student__last_name", "student__first_name", "student__username"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "student"], name="one_enrolment_per_class")
        ]

    def __str__(self):
        return f"{self.student} in {self.classroom}"


class AnswersShown(models.TextChoices):
    AFTER_SUBMIT = "after_submit", "Straight after submitting"
    AFTER_DUE = "after_due", "After the due date"


class LatePolicy(models.TextChoices):
    ACCEPT_LATE = "accept_late", "Accept and mark as late"
    CLOSE = "close", "Close at the due date"


class Layout(models.TextChoices):
    ONE_AT_A_TIME = "one", "One question at a time"
    ALL_ON_ONE_PAGE = "all", "All questions on one page"


class AssignmentQuerySet(models.QuerySet):
    def set_for(self, student):
        """Homework of the student's classes that is set for them: the whole class's, or set for
        chosen students of whom they are one. Archived or not."""
        return self.filter(
            Q(chosen_only=False) | Q(chosen_students=student),
            classroom__enrolments__student=student,
        )

    def for_student(self, student):
        """What a student sees and can do: set for them, and neither it nor its class archived."""
        return self.set_for(student).filter(archived_at=None, classroom__archived_at=None)

    def current(self):
        return self.filter(archived_at=None)


class Assignment(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="assignments")
    opens_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    attempts_allowed = models.PositiveSmallIntegerField(default=1)
    answers_shown = models.CharField(
        max_length=20, choices=AnswersShown.choices, default=AnswersShown.AFTER_SUBMIT
    )
    late_policy = models.CharField(
        max_length=20, choices=LatePolicy.choices, default=LatePolicy.ACCEPT_LATE
    )
    layout = models.CharField(max_length=3, choices=Layout.choices, default=Layout.ONE_AT_A_TIME)
    # A catch-up for some students: only they see it and only they count in its results. The
    # flag, not an empty list, says so, so a deleted account can't turn it into whole-class work.
    chosen_only = models.BooleanField(default=False)
    chosen_students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="chosen_homework"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(opens_at__lt=F("due_at")), name="opens_before_due"),
            models.CheckConstraint(
                condition=Q(attempts_allowed__gte=1, attempts_allowed__lte=10),
                name="attempts_allowed_1_to_10",
            ),
        ]

    def __str__(self):
        return f"{self.quiz} for {self.classroom}"

    def get_absolute_url(self):
        # The teacher's page of a homework (students reach theirs by "classrooms:homework").
        return reverse("classrooms:results", kwargs={"pk": self.pk})

    @property
    def is_archived(self):
        return self.archived_at is not None

    def archive(self, now=None):
        self.archived_at = now or timezone.now()
        self.save(update_fields=["archived_at"])

    def restore(self):
        self.archived_at = None
        self.save(update_fields=["archived_at"])

    def has_results(self):
        return self.attempts.exists()

    def has_opened(self, now):
        return self.opens_at <= now

    def is_past_due(self, now):
        return now > self.due_at

    def accepts_answers(self, now):
        """Open for work: started, and not closed by the due date.

        A closing homework still takes answers for CLOSING_GRACE after the due date, so that
        "Hand it in" pressed at 8:59:59 on a slow phone signal still counts."""
        if not self.has_opened(now):
            return False
        # Not `due_at + CLOSING_GRACE`: that overflows for a due date late on 9999-12-31.
        closed = self.late_policy == LatePolicy.CLOSE and now - CLOSING_GRACE > self.due_at
        return not closed

    def shows_answers(self, now):
        return self.answers_shown == AnswersShown.AFTER_SUBMIT or self.is_past_due(now)


class AssignmentAttempt(models.Model):
    """Links a quiz attempt to the assignment it was made for.

    `is_open` mirrors "not submitted yet" so the database itself can keep to one open attempt per
    student and assignment; `number` and `allowed` let it refuse attempts beyond the limit even
    when two requests race.
    """

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="attempts")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignment_attempts"
    )
    attempt = models.OneToOneField(
        Attempt, on_delete=models.CASCADE, related_name="assignment_link"
    )
    number = models.PositiveSmallIntegerField()
    allowed = models.PositiveSmallIntegerField()
    is_open = models.BooleanField(default=True)

    class Meta:
        ordering = ["assignment", "student", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "student", "number"], name="attempt_numbers_are_unique"
            ),
            models.UniqueConstraint(
                fields=["assignment", "student"],
                condition=Q(is_open=True),
                name="one_open_attempt_per_assignment",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=F("allowed")),
                name="no_more_attempts_than_allowed",
            ),
        ]

    def __str__(self):
        return f"{self.student} · {self.assignment} · attempt {self.number}"

    @property
    def is_late(self):
        """Handed in after the due date as it is now (so extending a deadline clears "late").

        The same rule as the teacher's results; needs `attempt` and `assignment` loaded."""
        submitted = self.attempt.submitted_at
        return submitted is not None and submitted > self.assignment.due_at


class LoginCode(models.Model):
    """A student's QR-code sign-in: only the SHA-256 of the token is kept (see quick_login.py).

    One per student; the teacher can revoke it, and resetting the password replaces it."""

    student = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_code"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"QR sign-in for {self.student}"


class BatchStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Making the accounts"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class AccountBatch(models.Model):
    """New student accounts made together, and then their login slips, sealed (see slips.py).

    A list is made in the background (classrooms.tasks): `done` counts the students whose
    passwords are ready, for the progress bar. The slips are encrypted, and unreadable after
    `expires_at` (an hour after they were made); `roster` is emptied once the accounts exist."""

    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="account_batches"
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_batches"
    )
    status = models.CharField(
        max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    roster = models.JSONField(default=list, blank=True)
    total = models.PositiveSmallIntegerField(default=0)
    done = models.PositiveSmallIntegerField(default=0)
    problem = models.TextField(blank=True)
    sealed = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "account batches"

    def __str__(self):
        return f"{self.total} accounts for {self.classroom} ({self.get_status_display()})"

    @property
    def is_finished(self):
        return self.status in {BatchStatus.DONE, BatchStatus.FAILED}
