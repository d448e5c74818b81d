from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from classrooms.models import Assignment, Classroom
from quizzes.models import Quiz
from topics.models import Topic
from ussr_revision.forms import IdChoiceField

# The settings every homework has, as keyword arguments to `assignments.set_homework`.
HOMEWORK_SETTINGS = [
    "quiz", "opens_at", "due_at", "attempts_allowed", "answers_shown", "late_policy", "layout",
]  # fmt: skip


class StudentChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name() or obj.username} ({obj.username})"


class ClassroomForm(forms.ModelForm):
    class Meta:
        model = Classroom
        fields = ["name"]


# Homework dates a teacher can choose: a typo in the year (2205, 0202) is refused, not stored.
EARLIEST_DATE = timedelta(days=365)
LATEST_DATE = timedelta(days=2 * 365)
DATE_WINDOW_ERROR = "Choose a date from a year ago to two years ahead."


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = [
            "quiz", "opens_at", "due_at", "attempts_allowed", "answers_shown", "late_policy",
            "layout",
        ]  # fmt: skip
        widgets = {"opens_at": DateTimeInput(), "due_at": DateTimeInput()}
        labels = {
            "opens_at": "Opens at",
            "due_at": "Due at",
            "answers_shown": "Students see the answers",
            "late_policy": "After the due date",
            "layout": "Show the quiz",
        }

    piggyback = forms.IntegerField(
        label="Add questions from earlier topics that are due for this class",
        help_text="Spaced retrieval: a few questions the class is due to revise, added to a copy "
        "of the quiz. 0 adds none.",
        min_value=0,
        max_value=10,
        initial=0,
        required=False,
    )

    def __init__(self, *args, teacher, quiz_fixed=False, classroom=None, **kwargs):
        super().__init__(*args, **kwargs)
        if classroom is not None:
            self.add_student_choice(classroom)
        # Piggyback questions are one class's due ideas, added once, when the homework is set.
        if self.instance.pk or classroom is None:
            del self.fields["piggyback"]
        # Once students have started, the quiz stays: their answers and results belong to it.
        self.fields["quiz"].disabled = quiz_fixed
        # A teacher can only set their own quizzes, and only ones with questions in them.
        self.fields["quiz"].queryset = (
            Quiz.objects.filter(owner=teacher, is_practice=False).annotate_size().filter(size__gt=0)
        )
        self.fields["attempts_allowed"].widget.attrs.update(min=1, max=10)
        if not self.is_bound:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial.setdefault("opens_at", now)
            self.initial.setdefault(
                "due_at", (now + timezone.timedelta(days=7)).replace(hour=9, minute=0)
            )

    def add_student_choice(self, classroom):
        self.fields["students"] = StudentChoiceField(
            queryset=get_user_model()
            .objects.filter(enrolments__classroom=classroom)
            .order_by("last_name", "first_name", "username"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label="Only for these students (a catch-up)",
            help_text="Leave them all unticked to set it for the whole class. Only the students "
            "ticked see it, and only they count in its results.",
        )
        if self.instance.pk and self.instance.chosen_only:
            self.initial["students"] = list(self.instance.chosen_students.all())

    def homework_settings(self):
        return {name: self.cleaned_data[name] for name in HOMEWORK_SETTINGS}

    def clean_opens_at(self):
        return self.within_window("opens_at")

    def clean_due_at(self):
        return self.within_window("due_at")

    def within_window(self, name):
        value = self.cleaned_data[name]
        # An old homework being reopened keeps its old opening date.
        unchanged = self.instance.pk is not None and value == getattr(self.instance, name)
        now = timezone.now()
        if value and not unchanged and not now - EARLIEST_DATE <= value <= now + LATEST_DATE:
            raise forms.ValidationError(DATE_WINDOW_ERROR)
        return value

    def clean_attempts_allowed(self):
        value = self.cleaned_data["attempts_allowed"]
        if not 1 <= value <= 10:
            raise forms.ValidationError("Allow between 1 and 10 attempts.")
        return value

    def clean(self):
        data = super().clean()
        quiz = self.data.get("quiz")
        if self.fields["quiz"].disabled and quiz not in (None, "", str(self.instance.quiz_id)):
            # The page offered the choice, then a student started: say so rather than ignore it.
            self.add_error(
                None, "A student has started this homework, so its quiz can't change now."
            )
        opens, due = data.get("opens_at"), data.get("due_at")
        if opens and due and opens >= due:
            self.add_error("due_at", "The due date must come after the opening date.")
        return data


class ClassChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class SetHomeworkForm(AssignmentForm):
    """One quiz for several classes at once, each getting its own homework."""

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, teacher=teacher, **kwargs)
        self.fields["classrooms"] = ClassChoiceField(
            queryset=Classroom.objects.taught_by(teacher).current(),
            widget=forms.CheckboxSelectMultiple,
            label="Classes",
            help_text="Each class gets the homework; its results are kept class by class.",
            error_messages={"required": "Tick at least one class."},
        )
        self.order_fields(["quiz", "classrooms"])


class TaughtTopicsForm(forms.ModelForm):
    taught_topics = IdChoiceField(
        queryset=Topic.objects.order_by("order", "pk"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Topics this class has been taught",
        help_text="Revise now brings in new questions from these and from the topics of the "
        "class's homework. A section covers its sub-topics.",
    )

    class Meta:
        model = Classroom
        fields = ["taught_topics"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["taught_topics"].queryset = Topic.objects.select_related("parent").order_by(
            "order", "pk"
        )
