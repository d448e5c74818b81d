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
    # Topics the teacher has taught: with the topics of its homework, what Revise now draws on.
    taught_topics = models.ManyToManyField(Topic, blank=True, related_name="+")

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("classrooms:detail", kwargs={"pk": self.pk})

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
    def for_student(self, student):
        return self.filter(classroom__enrolments__student=student)


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
    created_at = models.DateTimeField(default=timezone.now, editable=False)

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
        return reverse("classrooms:assignment", kwargs={"pk": self.pk})

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
        closed = self.late_policy == LatePolicy.CLOSE and now > self.due_at + CLOSING_GRACE
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
