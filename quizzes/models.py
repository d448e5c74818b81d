import math
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from quizzes import kinds
from quizzes.memory import lasts
from topics.models import Event, Fact, Person, Quote, Term, Topic


class Kind(models.TextChoices):
    """The kinds of question as stored; what each one does is in `quizzes.kinds`."""

    MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"
    TRUE_FALSE = "true_false", "True or false"
    TYPED = "typed", "Typed answer"
    CLOZE = "cloze", "Fill in the blank"
    MATCHING = "matching", "Matching"
    ORDERING = "ordering", "Chronological order"
    MULTIPLE_SELECT = "multiple_select", "Choose two"


class Status(models.TextChoices):
    ACTIVE = "active", "Active"
    RETIRED = "retired", "Retired"


class RetiredBecause(models.TextChoices):
    NOT_RETIRED = "", "-"
    ADMIN = "admin", "Retired by an admin"
    CHANGED = "changed", "Its sources changed"
    VANISHED = "vanished", "Its sources are gone"


class Difficulty(models.IntegerChoices):
    EASY = 1, "Easy"
    MEDIUM = 2, "Medium"
    HARD = 3, "Hard"


class QuestionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Status.ACTIVE)

    def in_bank(self):
        """Generated questions anyone may use (teachers' own questions stay in their quizzes)."""
        return self.active().filter(author__isnull=True)


class Question(models.Model):
    kind = models.CharField(max_length=20, choices=Kind.choices)
    prompt = models.TextField()
    options = models.JSONField(default=list, blank=True)
    answer = models.JSONField()
    explanation = models.TextField(blank=True)
    difficulty = models.PositiveSmallIntegerField(
        choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="questions")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    retired_because = models.CharField(
        max_length=10, choices=RetiredBecause.choices, default="", blank=True
    )
    # Origin: the generator template that made it, or blank for a question written by hand.
    template = models.CharField(max_length=40, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="written_questions",
        help_text="The teacher who wrote it; blank for the generated bank.",
    )
    # Identity across rebuilds: the generator's key and a hash of the content it produced.
    key = models.CharField(max_length=200, blank=True, editable=False)
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    # The idea it tests (quizzes.memory.idea_of): the versions of one idea share one memory.
    idea = models.CharField(max_length=160, blank=True, db_index=True, editable=False)
    source_facts = models.ManyToManyField(Fact, blank=True, related_name="questions")
    source_people = models.ManyToManyField(Person, blank=True, related_name="questions")
    source_events = models.ManyToManyField(Event, blank=True, related_name="questions")
    source_terms = models.ManyToManyField(Term, blank=True, related_name="questions")
    source_quotes = models.ManyToManyField(Quote, blank=True, related_name="questions")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["topic__order", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(status="active") & ~Q(key=""),
                name="one_active_question_per_key",
            ),
            models.UniqueConstraint(
                fields=["key", "fingerprint"],
                condition=~Q(key=""),
                name="question_versions_are_unique",
            ),
            models.CheckConstraint(
                condition=Q(difficulty__gte=1, difficulty__lte=3), name="question_difficulty_1_to_3"
            ),
        ]

    def __str__(self):
        return self.prompt if len(self.prompt) <= 90 else f"{self.prompt[:87]}..."

    def save(self, *args, **kwargs):
        # The marker trusts the shape of options and answer, so nothing malformed is ever stored.
        self.clean()
        super().save(*args, **kwargs)

    def notes_to_read(self):
        """One source fact per topic, for the "Read the notes" links under feedback: a question
        drawn from several points of one topic links to that topic once."""
        by_topic = {}
        for fact in self.source_facts.all():
            by_topic.setdefault(fact.topic_id, fact)
        return list(by_topic.values())

    def clean(self):
        errors = kinds.question_data_errors(self.kind, self.prompt, self.options, self.answer)
        if errors:
            raise ValidationError({"answer": errors})

    @property
    def behaviour(self):
        """What its kind does (`quizzes.kinds`): marking, reading, showing, describing."""
        return kinds.kind_of(self.kind)

    @property
    def expected_answer(self):
        return kinds.expected(self)

    @property
    def origin(self):
        return self.template or "written by hand"

    @property
    def is_generated(self):
        return bool(self.template)

    def retire(self, because):
        self.status = Status.RETIRED
        self.retired_because = because
        self.save(update_fields=["status", "retired_because"])


class QuizAnswered(Exception):
    """Students have started the quiz, so its questions are fixed."""


class QuizQuerySet(models.QuerySet):
    def annotate_size(self):
        return self.annotate(size=models.Count("items"))


class Quiz(models.Model):
    title = models.CharField(max_length=150)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quizzes"
    )
    is_practice = models.BooleanField(
        default=False, help_text="Made on the fly for a student's own revision."
    )
    shuffle_questions = models.BooleanField(default=False)
    shuffle_options = models.BooleanField(default=True)
    # A teacher's "try it as a student" copy: a practice quiz, so it counts in no class's results.
    preview_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="previews"
    )
    questions = models.ManyToManyField(Question, through="QuizQuestion", related_name="quizzes")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = QuizQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "quizzes"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("quizzes:detail", kwargs={"pk": self.pk})

    def ordered_questions(self):
        return [item.question for item in self.items.select_related("question__topic")]

    @contextmanager
    def changing(self):
        """A transaction holding the quiz's row while its questions change. Raises QuizAnswered if
        a student has started it.

        Starting an attempt takes the same lock, so the two never interleave: an attempt begun
        first makes the change refused, and one begun after the change gets the new questions.
        """
        with transaction.atomic():
            list(Quiz.objects.select_for_update().filter(pk=self.pk).values_list("pk"))
            if self.attempts.exists():
                raise QuizAnswered
            yield

    def append(self, question):
        with self.changing():
            last = self.items.aggregate(last=models.Max("position"))["last"] or 0
            return QuizQuestion.objects.create(quiz=self, question=question, position=last + 1)

    @transaction.atomic
    def renumber(self, items=None):
        """Positions 1..n in the given order (default: the current one)."""
        items = list(items if items is not None else self.items.order_by("position", "pk"))
        for position, item in enumerate(items, start=1):
            item.position = position
        QuizQuestion.objects.bulk_update(items, ["position"])

    def move(self, item, step):
        items = list(self.items.order_by("position", "pk"))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        target = index + step
        if 0 <= target < len(items):
            items[index], items[target] = items[target], items[index]
            self.renumber(items)


class QuizQuestion(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="quiz_items")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="question_once_per_quiz"),
        ]

    def __str__(self):
        return f"{self.position}. {self.question}"


class AttemptQuerySet(models.QuerySet):
    def practice_history(self, user, limit=10):
        """The user's latest practice attempts, with their quizzes."""
        return (
            self.filter(user=user, quiz__is_practice=True, quiz__preview_of=None)
            .select_related("quiz")
            .order_by("-started_at")[:limit]
        )


class Attempt(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True, help_text="Fraction of marks, 0 to 1.")
    # The order the student sees, fixed at the start so a reload does not reshuffle.
    question_order = models.JSONField(default=list)
    option_orders = models.JSONField(default=dict)
    # Practice one question at a time: each answer is marked as it is given, its feedback shown.
    one_at_a_time = models.BooleanField(default=False)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=1),
                name="attempt_score_0_to_1",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.quiz}"

    def get_absolute_url(self):
        return reverse("quizzes:attempt", kwargs={"pk": self.pk})

    def step_url(self, number):
        return reverse("quizzes:step", kwargs={"pk": self.pk, "number": number})

    @property
    def is_submitted(self):
        return self.submitted_at is not None

    @property
    def percent(self):
        # Halves go up, as on the teacher's pages (Python's round() would send 12.5 to 12).
        return None if self.score is None else math.floor(self.score * 100 + 0.5)


class Response(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses")
    answer = models.JSONField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    feedback = models.TextField(blank=True)
    answered_at = models.DateTimeField(default=timezone.now)
    # Goes up by one with every save. A page sends back the version it showed, so a save from a
    # page older than the answer (another device, a late request) is refused, not written over it.
    version = models.PositiveIntegerField(default=1)
    # "Come back to this": the student's own note, kept apart from the answer and its version.
    flagged = models.BooleanField(default=False)

    class Meta:
        # No default ordering: responses are read by the thousand into dicts and sums, and a
        # sort nobody uses cost the results pages their time.
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="one_response_per_question"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=1),
                name="response_score_0_to_1",
            ),
        ]

    def __str__(self):
        return f"{self.attempt} · {self.question_id}"

    @property
    def is_correct(self):
        return self.score == 1


# Memory: what each student remembers of each idea (see quizzes/memory.py)


class ReviewSource(models.TextChoices):
    PRACTICE = "practice", "Practice"
    HOMEWORK = "homework", "Homework"
    REVISE = "revise", "Revise now"
    FLASHCARD = "flashcard", "Flashcard"


class MemoryState(models.Model):
    """One student's memory of one idea: an FSRS card. Written by one upsert per review batch.

    `topic` is the topic of the idea's questions, kept here so the maps sum memories by topic
    without joining the bank."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memories"
    )
    idea = models.CharField(max_length=160)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    state = models.PositiveSmallIntegerField(
        help_text="FSRS state: 1 learning, 2 review, 3 relearning."
    )
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(help_text="Days until predicted recall falls to 90%.")
    difficulty = models.FloatField()
    due = models.DateTimeField()
    last_review = models.DateTimeField()
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            # Also the index for "this student's memories" and for a class's (student IN ...).
            models.UniqueConstraint(fields=["student", "idea"], name="one_memory_per_idea"),
            models.CheckConstraint(condition=Q(stability__gt=0), name="memory_stability_positive"),
        ]
        indexes = [models.Index(fields=["student", "due"], name="memory_due_by_student")]

    def __str__(self):
        return f"{self.student} · {self.idea}"


class Review(models.Model):
    """The review log: every marked answer and self-rating, to fit FSRS to this school later."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    idea = models.CharField(max_length=160)
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(
        help_text="FSRS rating: 1 Again, 2 Hard, 3 Good, 4 Easy."
    )
    source = models.CharField(max_length=10, choices=ReviewSource.choices)
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["reviewed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=4), name="review_rating_1_to_4"
            )
        ]
        indexes = [models.Index(fields=["student", "idea", "reviewed_at"], name="review_by_card")]

    def __str__(self):
        return f"{self.student} · {self.idea} · {self.rating}"


class SessionMode(models.TextChoices):
    QUESTIONS = "questions", "Questions"
    FLASHCARDS = "flashcards", "Flashcards"


class RevisionSession(models.Model):
    """A short Revise now session: its ideas are chosen at the start and kept in its items."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="revision_sessions"
    )
    mode = models.CharField(
        max_length=10, choices=SessionMode.choices, default=SessionMode.QUESTIONS
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["student", "started_at"], name="session_by_student")]

    def __str__(self):
        return f"{self.student} · {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("classrooms:revise_session", kwargs={"pk": self.pk})


class RevisionItem(models.Model):
    """One question (or card) of a session, with what the memory was before and after it."""

    session = models.ForeignKey(RevisionSession, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    idea = models.CharField(max_length=160)
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    option_order = models.JSONField(default=list, blank=True)
    recall_before = models.FloatField(null=True, blank=True, help_text="Blank: a new idea.")
    stability_before = models.FloatField(null=True, blank=True)
    answer = models.JSONField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    stability_after = models.FloatField(null=True, blank=True)
    due_after = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="one_item_per_position")
        ]

    def __str__(self):
        return f"{self.session} · {self.position}"

    @property
    def is_answered(self):
        return self.answered_at is not None

    @property
    def lasted_before(self):
        return lasts(self.stability_before)

    @property
    def lasts_after(self):
        return lasts(self.stability_after)

    @property
    def option_orders(self):
        """The shape `taking.display_options` reads from an attempt: the options' order."""
        return {str(self.question_id): self.option_order}


class AcceptedAnswer(models.Model):
    """A typed answer a teacher accepted after the marker refused it.

    Kept apart from `Question.answer` because a bank rebuild rewrites generated questions' keys:
    stored here, per quiz, the teacher's decision outlives the rebuild and stays within her own
    quiz (another teacher's quiz of the same question is marked as before). `response` set: the
    answer is accepted for that one student's response only; empty: for everyone who takes the
    quiz, now and later (`quizzes.overrides`).
    """

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="accepted_answers")
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="accepted_answers"
    )
    text = models.CharField(max_length=500)  # normalised, as `marking.normalise` leaves it
    response = models.ForeignKey(
        Response, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "question", "text"],
                condition=Q(response__isnull=True),
                name="one_accepted_answer_for_everyone",
            ),
        ]

    def __str__(self):
        return f"{self.question_id}: {self.text}"
