import random

from django import forms

from quizzes import kinds
from quizzes.builder import MAX_QUESTIONS
from quizzes.marking import MAX_TEXT_LENGTH
from quizzes.models import Difficulty, Kind, Question, Quiz
from topics.models import Topic
from ussr_revision.forms import IdChoiceField


class BoundedJSONField(forms.JSONField):
    """Django's JSON form field, refusing what would fail further on with a 500: nesting deep
    enough to exhaust Python's recursion, and NUL characters, which PostgreSQL's jsonb refuses.
    """

    MAX_DEPTH = 10  # a question's options and answer need three

    def to_python(self, value):
        try:
            converted = super().to_python(value)
        except RecursionError:
            raise forms.ValidationError(too_deep(self.MAX_DEPTH)) from None
        if problem := json_problem(converted, self.MAX_DEPTH):
            raise forms.ValidationError(problem)
        return converted

    def bound_data(self, data, initial):
        # What to show again beside the error: as typed, not re-encoded (that would recurse too).
        try:
            value = super().bound_data(data, initial)
        except RecursionError:
            return forms.fields.InvalidJSONInput(data)
        if json_problem(value, self.MAX_DEPTH):
            return forms.fields.InvalidJSONInput(data)
        return value


def too_deep(max_depth):
    return f"Nested too deeply: at most {max_depth} levels of lists and objects."


def json_problem(value, max_depth):
    """Why a decoded JSON value can't be stored (too deep, or NUL in a string), or None."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return "Text cannot contain NUL characters (\\u0000)."
        elif isinstance(item, (list, dict)):
            if depth > max_depth:
                return too_deep(max_depth)
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return None


class TopicChoiceField(IdChoiceField):
    def label_from_instance(self, topic):
        return topic.title if topic.parent_id is None else f"— {topic.title}"


def topic_field(label):
    return TopicChoiceField(
        queryset=Topic.objects.order_by("order", "pk"),
        widget=forms.CheckboxSelectMultiple,
        label=label,
        error_messages={"required": "Choose at least one topic."},
    )


class PracticeForm(forms.Form):
    """What to practise and how. The same blank form for everyone (it is cached): which topics
    are a student's weakest is found by the view, only once they ask for them."""

    ONE_AT_A_TIME, WHOLE_QUIZ = "one", "all"

    mode = forms.ChoiceField(
        label="How to practise",
        choices=[
            (ONE_AT_A_TIME, "One question at a time, with the answer straight after each"),
            (WHOLE_QUIZ, "The whole quiz, with feedback at the end"),
        ],
        initial=ONE_AT_A_TIME,
        required=False,  # not sent: the default, one at a time
        widget=forms.RadioSelect,
    )
    weakest = forms.BooleanField(
        label="My weakest topics (instead of choosing)",
        required=False,
        help_text="The topics where your marked answers, in practice and homework, average lowest.",
    )
    topics = topic_field("Topics to revise")
    count = forms.IntegerField(label="Number of questions", min_value=1, max_value=30, initial=10)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].required = False  # "my weakest topics" needs none: see clean()
        self.fields["topics"].widget.attrs["class"] = "form-check-input"

    def clean_mode(self):
        return self.cleaned_data["mode"] or self.ONE_AT_A_TIME

    def clean(self):
        data = super().clean()
        if not data.get("weakest") and not data.get("topics") and "topics" not in self.errors:
            self.add_error("topics", "Choose at least one topic.")
        return data

    @property
    def one_at_a_time(self):
        return self.cleaned_data["mode"] == self.ONE_AT_A_TIME

    def sections(self):
        """The topic checkboxes grouped by section, for the collapsible list: a list of
        (section's checkbox, its sub-topics' checkboxes, whether any of them is ticked)."""
        boxes = [(box, box.data["value"].instance) for box in self["topics"]]
        by_section = {t.pk: [box, [], box.data["selected"]] for box, t in boxes if not t.parent_id}
        for box, topic in boxes:
            if topic.parent_id in by_section:
                group = by_section[topic.parent_id]
                group[1].append(box)
                group[2] = group[2] or box.data["selected"]
        groups = by_section.values()
        return [tuple(group) for group in groups]


class QuizBuildForm(forms.Form):
    title = forms.CharField(max_length=150, initial="Homework quiz")
    topics = topic_field("Topics")
    kinds = forms.MultipleChoiceField(
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Kinds of question",
        help_text="Leave all unticked for a mix of every kind.",
    )
    count = forms.IntegerField(
        label="Number of questions", min_value=1, max_value=MAX_QUESTIONS, initial=10
    )
    difficulty = forms.TypedChoiceField(
        choices=[("", "Any difficulty"), *Difficulty.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )


class QuizSettingsForm(forms.ModelForm):
    class Meta:
        model = Quiz
        fields = ["title", "shuffle_questions", "shuffle_options"]


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class WrittenQuestionForm(forms.Form):
    """A teacher's own question: multiple choice, true/false, a typed answer or choose two."""

    KINDS = [(Kind.MULTIPLE_CHOICE, "Multiple choice"), (Kind.TRUE_FALSE, "True or false"),
             (Kind.TYPED, "Typed answer"), (Kind.MULTIPLE_SELECT, "Choose two")]  # fmt: skip

    kind = forms.ChoiceField(choices=KINDS)
    topic = forms.ModelChoiceField(queryset=Topic.objects.order_by("order", "pk"))
    prompt = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        help_text='For choose two, say how many: "Which two of these ...?"',
    )
    answer = forms.CharField(
        max_length=200,
        required=False,
        help_text="The right answer. For true/false write True or False. Not for choose two.",
    )
    right_options = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Choose two only: the two (or three) right options, one per line.",
    )
    wrong_options = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Multiple choice: three wrong options, one per line. Choose two: two or three.",
    )
    also_accept = forms.CharField(
        required=False,
        max_length=1000,
        help_text="Typed answers only: other accepted answers, separated by commas.",
    )
    explanation = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean_wrong_options(self):
        return self.short_items("wrong_options", str.splitlines, "Each wrong option")

    def clean_also_accept(self):
        return self.short_items("also_accept", lambda text: text.split(","), "Each answer")

    def short_items(self, name, split, label):
        # The marker compares answers of at most MAX_TEXT_LENGTH, so the question must keep to it.
        value = self.cleaned_data[name]
        if any(len(item.strip()) > MAX_TEXT_LENGTH for item in split(value)):
            raise forms.ValidationError(f"{label} is at most {MAX_TEXT_LENGTH} characters.")
        return value

    def clean_mode(self):
        return self.cleaned_data["mode"] or self.ONE_AT_A_TIME

    def clean(self):
        data = super().clean()
        kind, answer = data.get("kind"), (data.get("answer") or "").strip()
        if kind == Kind.MULTIPLE_SELECT:
            self._clean_choose_two(data)
            return data
        if kind and not answer:
            self.add_error("answer", "Give the right answer.")
        if kind == Kind.MULTIPLE_CHOICE:
            wrong = _lines(data.get("wrong_options"))
            if "wrong_options" not in self.errors and (
                len(wrong) != 3 or len({answer, *wrong}) != 4
            ):
                self.add_error("wrong_options", "Give three different wrong options.")
            # Stored shuffled: with "shuffle options" off, the answer must not always come first.
            data["options"] = random.SystemRandom().sample([answer, *wrong], k=len(wrong) + 1)
            data["key"] = answer
        elif kind == Kind.TRUE_FALSE:
            if answer.lower() not in {"true", "false"}:
                self.add_error("answer", "Write True or False.")
            data["options"] = ["True", "False"]
            data["key"] = answer.lower() == "true"
        elif kind == Kind.TYPED:
            accept = [a.strip() for a in data.get("also_accept", "").split(",") if a.strip()]
            data["options"] = []
            data["key"] = {"text": answer, "accept": accept, "reject": [], "kind": "text"}
        if not self.errors:
            # Whatever the checks above missed is said here, so that save() never fails.
            options, key = data["options"], data["key"]
            for problem in kinds.question_data_errors(kind, data["prompt"], options, key):
                self.add_error(None, problem)
        return data

    def _clean_choose_two(self, data):
        right, wrong = _lines(data.get("right_options")), _lines(data.get("wrong_options"))
        options = random.SystemRandom().sample(right + wrong, k=len(right) + len(wrong))
        data["options"], data["key"] = options, right
        # The kind's own rules (how many options, the prompt saying how many), as field errors.
        prompt = data.get("prompt", "")
        for error in kinds.question_data_errors(Kind.MULTIPLE_SELECT, prompt, options, right):
            self.add_error("prompt" if "prompt" in error else "right_options", error)

    def save(self, *, author):
        data = self.cleaned_data
        question = Question(
            kind=data["kind"],
            prompt=data["prompt"],
            options=data["options"],
            answer=data["key"],
            explanation=data["explanation"],
            topic=data["topic"],
            author=author,
        )
        question.full_clean()
        question.save()
        return question
