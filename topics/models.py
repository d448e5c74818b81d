from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch
from django.urls import reverse

from topics.claims import claim_problems
from topics.links import link_problems


class Origin(models.TextChoices):
    """Where a row came from. The loaders only ever change rows they created themselves."""

    COURSE = "course", "Shipped course"
    NOTES = "notes", "Imported notes"
    ADMIN = "admin", "Added in the admin"


class CuratedModel(models.Model):
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.ADMIN)
    # Set when an admin saves a loaded row, so reloading the course never undoes their fix.
    edited = models.BooleanField(
        default=False, help_text="Changed in the admin: loading the course leaves it alone."
    )

    class Meta:
        abstract = True

    def is_owned_by(self, origin):
        """Whether the loader for `origin` may change this row.

        Only its own rows, and none that an admin has edited since."""
        return self.origin == origin and not self.edited


def split_lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class TopicQuerySet(models.QuerySet):
    def sections(self):
        return self.filter(parent__isnull=True).order_by("order", "pk")

    def for_overview(self):
        subtopics = Topic.objects.annotate(fact_count=Count("facts")).order_by("order", "pk")
        return (
            self.sections()
            .annotate(fact_count=Count("facts"))
            .prefetch_related(Prefetch("children", queryset=subtopics))
        )


class Topic(CuratedModel):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveIntegerField(default=0)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title if self.parent_id is None else f"{self.title} ({self.parent})"

    def get_absolute_url(self):
        return reverse("topics:topic", kwargs={"slug": self.slug})


class FactKind(models.TextChoices):
    BULLET = "bullet", "Bullet point"
    NUMBERED = "numbered", "Numbered point"
    TIMELINE = "timeline", "Timeline entry"
    PARAGRAPH = "paragraph", "Paragraph"


class FactQuerySet(models.QuerySet):
    def with_links(self):
        """Facts with everything a page shows beside them, in three extra queries."""
        return self.prefetch_related(
            Prefetch("people", queryset=Person.objects.order_by("name")),
            Prefetch("events", queryset=Event.objects.order_by("start_year", "pk")),
            Prefetch("terms", queryset=Term.objects.order_by("term")),
        )


class Fact(CuratedModel):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="facts")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField(help_text="What students see: the point with its spelling corrected.")
    original_text = models.TextField(blank=True, help_text="The point as written in the notes.")
    kind = models.CharField(max_length=10, choices=FactKind.choices, default=FactKind.BULLET)
    source = models.CharField(max_length=100, blank=True, help_text='e.g. "card 13 of 30"')
    # The loader's identity for a point ("aqa-stalin-ussr-1924-1941:13:4"); empty for admin rows.
    key = models.CharField(max_length=200, unique=True, null=True, blank=True, editable=False)
    people = models.ManyToManyField("Person", blank=True, related_name="facts")
    events = models.ManyToManyField("Event", blank=True, related_name="facts")
    terms = models.ManyToManyField("Term", blank=True, related_name="facts")
    not_for_questions = models.CharField(
        max_length=250,
        blank=True,
        help_text="Why no question is set on this point (blank: it may be used). One line.",
    )

    objects = FactQuerySet.as_manager()

    class Meta:
        ordering = ["topic__order", "topic_id", "order", "pk"]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:77]}..."

    def get_absolute_url(self):
        return f"{self.topic.get_absolute_url()}#fact-{self.pk}"


class Person(CuratedModel):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=100, help_text='The usual short name, e.g. "Zinoviev".')
    full_name = models.CharField(max_length=150, blank=True)
    aliases = models.TextField(
        blank=True, help_text="Other accepted names and spellings, one per line."
    )
    role = models.CharField(max_length=250, help_text="One line that tells this person apart.")
    in_notes = models.BooleanField(
        default=True,
        help_text="Named in the notes; off for people the course adds (rivals of the period).",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topics:person", kwargs={"slug": self.slug})

    @property
    def alias_list(self):
        return split_lines(self.aliases)


class EventQuerySet(models.QuerySet):
    def chronological(self):
        return self.order_by("start_year", models.F("month").asc(nulls_last=True), "end_year", "pk")


class Event(CuratedModel):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="events")
    people = models.ManyToManyField(Person, blank=True, related_name="events")
    not_for_questions = models.CharField(
        max_length=250,
        blank=True,
        help_text="Why no question asks about this event, its year included (blank: it may be "
        "used): a contested start or a title that did not happen as stated. One line.",
    )
    verb = models.CharField(
        max_length=120,
        blank=True,
        help_text="What the title does in its year, in the past tense: 'was issued', 'was held', "
        "'broke out'. Blank: 'began' for a span, else 'was' ('The death of Lenin was in 1924').",
    )
    subject = models.CharField(
        max_length=200,
        blank=True,
        help_text="What the verb is said of, as it reads inside a sentence, when that is not "
        "the title: 'Gosplan' with 'was founded', 'Lenin' with 'died'. Blank: the title.",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start_year", "month", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="event_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(month__isnull=True) | models.Q(month__gte=1, month__lte=12),
                name="event_month_is_a_month",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.dates})"

    @property
    def dates(self):
        if self.end_year and self.end_year != self.start_year:
            return f"{self.start_year}-{self.end_year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.start_year}"
        return str(self.start_year)


MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


class Term(CuratedModel):
    slug = models.SlugField(max_length=120, unique=True)
    term = models.CharField(max_length=120)
    definition = models.TextField()
    aliases = models.TextField(blank=True, help_text="Other forms and spellings, one per line.")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="terms")

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def alias_list(self):
        return split_lines(self.aliases)


class Quote(CuratedModel):
    slug = models.SlugField(max_length=120, unique=True)
    text = models.TextField(help_text="The quoted words, without quotation marks.")
    speaker = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes_said"
    )
    about = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes_about"
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="quotes")
    context = models.CharField(max_length=250, blank=True)
    facts = models.ManyToManyField(Fact, blank=True, related_name="quotes")

    class Meta:
        ordering = ["topic__order", "pk"]

    def __str__(self):
        text = self.text if len(self.text) <= 60 else f"{self.text[:57]}..."
        return f"'{text}'" + (f" ({self.speaker})" if self.speaker_id else "")


class ClaimType(models.TextChoices):
    FACT = "fact", "Fact"
    STATISTIC = "statistic", "Statistic"
    INTERPRETATION = "interpretation", "Interpretation"
    JUDGEMENT = "judgement", "Judgement or anecdote"


class Claim(CuratedModel):
    """One checked sentence about the past, written from one or more points of the notes."""

    slug = models.SlugField(max_length=120, unique=True)
    text = models.CharField(
        max_length=200, help_text="One sentence in British English, readable on its own."
    )
    type = models.CharField(max_length=15, choices=ClaimType.choices)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="claims")
    facts = models.ManyToManyField(Fact, blank=True, related_name="claims")
    details = models.JSONField(
        default=list,
        blank=True,
        help_text='The details worth asking for: [{"text": "1922", "kind": "year", "accept": []}].',
    )
    held_by = models.CharField(max_length=150, blank=True, help_text="Interpretations: who.")
    view = models.CharField(max_length=250, blank=True, help_text="Interpretations: the view.")
    also_held_by = models.JSONField(
        default=list,
        blank=True,
        help_text="Interpretations: other historians who argued the same, never offered as wrong "
        "answers to who argued it.",
    )
    misconception = models.CharField(
        max_length=200, blank=True, help_text="A plausible false version, for true or false."
    )
    correction = models.TextField(
        blank=True, help_text="Where the notes are wrong: what they say and what is right."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    list_item = models.BooleanField(
        default=True,
        help_text="Under a heading of reasons, results or power bases: one of them. Untick a "
        "claim that only gives context there ('Stalin toured Siberia in 1928' under 'Why "
        "collectivise?'): 'Choose two' never offers it as a right answer.",
    )

    class Meta:
        ordering = ["topic__order", "slug"]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:77]}..."

    def clean(self):
        heading = self.topic.title if self.topic_id else ""
        problems = claim_problems(
            slug=self.slug,
            text=self.text,
            type=self.type,
            details=self.details if self.details is not None else [],
            held_by=self.held_by,
            view=self.view,
            also_held_by=self.also_held_by or [],
            misconception=self.misconception,
            correction=self.correction,
            year=self.year,
            heading=heading,
        )
        errors = {}
        for name, message in problems:
            errors.setdefault(name, []).append(message)
        if errors:
            raise ValidationError(errors)


class LinkRelation(models.TextChoices):
    CAUSE = "cause", "Cause and consequence"
    AIM = "aim", "Policy and aim"


class ClaimLink(CuratedModel):
    """Two claims paired as cause and consequence, or as a policy and its aim, with the short
    words a matching question shows for each side. The `to` claim's sentence states the link:
    it is what the question's explanation cites."""

    slug = models.SlugField(max_length=120, unique=True)
    relation = models.CharField(max_length=10, choices=LinkRelation.choices)
    from_claim = models.ForeignKey(
        Claim,
        on_delete=models.CASCADE,
        related_name="links_from",
        help_text="The cause, or the policy.",
    )
    to_claim = models.ForeignKey(
        Claim,
        on_delete=models.CASCADE,
        related_name="links_to",
        help_text="The consequence, or the aim: its sentence states the link. It may be the "
        "same claim when one sentence gives both.",
    )
    from_text = models.CharField(
        max_length=60, help_text='What the left of a matching question shows: "Collectivisation".'
    )
    to_text = models.CharField(
        max_length=60,
        help_text='What the right shows: "More grain to export to pay for machinery".',
    )
    not_with = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="+",
        help_text="Links never asked in the same question as this one, because their right-hand "
        "words would be true of this link's left-hand item too (either way round).",
    )

    class Meta:
        ordering = ["relation", "slug"]

    def __str__(self):
        arrow = "→" if self.relation == LinkRelation.CAUSE else "aims at"
        return f"{self.from_text} {arrow} {self.to_text}"

    def clean(self):
        problems = link_problems(
            slug=self.slug, relation=self.relation, from_text=self.from_text, to_text=self.to_text
        )
        errors = {}
        for name, message in problems:
            errors.setdefault(name, []).append(message)
        if errors:
            raise ValidationError(errors)
