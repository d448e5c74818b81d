from dataclasses import dataclass, field, replace

import pytest
from django.core.exceptions import ValidationError

from quizzes.bank import save_bank
from quizzes.models import Question, RetiredBecause, Status
from topics.models import Fact, Person, Topic

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Spec:
    key: str
    topic_id: int
    template: str = "event_year"
    kind: str = "multiple_choice"
    prompt: str = "In which year did the Shakhty trial take place?"
    options: list = field(default_factory=lambda: ["1927", "1928", "1929", "1930"])
    answer: object = "1928"
    explanation: str = "The Shakhty trial was in 1928."
    difficulty: int = 1
    sources: dict = field(default_factory=dict)


@pytest.fixture
def specs():
    Question.objects.all().delete()
    topic = Topic.objects.get(slug="lenins-testament")
    fact = Fact.objects.filter(topic=topic).first()
    stalin = Person.objects.get(slug="stalin")
    return [
        Spec(key="event_year:1", topic_id=topic.pk, sources={"facts": [fact.pk]}),
        Spec(
            key="who:2",
            topic_id=topic.pk,
            prompt="Who was General Secretary?",
            options=["Stalin", "Trotsky", "Zinoviev", "Kamenev"],
            answer="Stalin",
            sources={"facts": [fact.pk], "people": [stalin.pk]},
        ),
    ]


def test_saving_creates_questions_with_their_sources(specs):
    summary = save_bank(specs)

    assert (summary.created, summary.active) == (2, 2)
    question = Question.objects.get(key="who:2")
    assert list(question.source_people.values_list("slug", flat=True)) == ["stalin"]
    assert question.source_facts.count() == 1
    assert question.template == "event_year"


def test_saving_the_same_bank_again_changes_nothing(specs):
    save_bank(specs)
    ids = set(Question.objects.values_list("pk", flat=True))

    summary = save_bank(specs)

    assert not summary.changed_anything
    assert summary.kept == 2
    assert set(Question.objects.values_list("pk", flat=True)) == ids


def test_a_changed_question_retires_the_old_version_and_keeps_unchanged_ones(specs):
    save_bank(specs)
    kept = Question.objects.get(key="event_year:1")
    old = Question.objects.get(key="who:2")

    summary = save_bank([specs[0], replace(specs[1], prompt="Who became General Secretary?")])

    old.refresh_from_db()
    assert (old.status, old.retired_because) == (Status.RETIRED, RetiredBecause.CHANGED)
    assert Question.objects.active().get(key="who:2").prompt == "Who became General Secretary?"
    assert Question.objects.active().get(key="event_year:1").pk == kept.pk
    assert (summary.created, summary.retired, summary.kept) == (1, 1, 1)


def test_questions_no_longer_generated_are_retired_and_come_back_if_they_return(specs):
    save_bank(specs)

    save_bank(specs[:1])
    gone = Question.objects.get(key="who:2")
    assert gone.retired_because == RetiredBecause.VANISHED

    summary = save_bank(specs)
    gone.refresh_from_db()
    assert gone.status == Status.ACTIVE
    assert summary.restored == 1


def test_questions_retired_by_an_admin_stay_retired(specs):
    save_bank(specs)
    Question.objects.get(key="who:2").retire(RetiredBecause.ADMIN)

    summary = save_bank(specs)

    assert Question.objects.get(key="who:2").status == Status.RETIRED
    assert summary.created == 0


def test_a_malformed_generated_question_is_refused_and_nothing_is_saved(specs):
    broken = replace(specs[1], key="who:3", answer="Lenin")

    with pytest.raises(ValueError, match="who:3"):
        save_bank([*specs, broken])

    assert not Question.objects.filter(key__in=["who:2", "who:3"]).exists()


@pytest.mark.parametrize(
    ("kind", "options", "answer", "prompt"),
    [
        ("multiple_choice", ["A", "B", "C"], "A", "Q?"),
        ("multiple_choice", ["A", "B", "C", "D"], "E", "Q?"),
        ("true_false", ["True", "False"], "yes", "Q?"),
        ("typed", [], {"accept": []}, "Q?"),
        ("cloze", [], {"text": "1928"}, "No blank here"),
        ("matching", {"left": ["a", "b"], "right": ["1", "2"]}, {"a": "1", "b": "2"}, "Q?"),
        ("ordering", ["a", "b", "c", "d"], ["a", "b", "c"], "Q?"),
        ("ordering", "abcd", ["a", "b", "c", "d"], "Q?"),
    ],
)
def test_questions_with_malformed_data_cannot_be_saved(kind, options, answer, prompt):
    topic = Topic.objects.first()
    question = Question(kind=kind, options=options, answer=answer, prompt=prompt, topic=topic)

    with pytest.raises(ValidationError):
        question.save()


def test_an_option_too_long_to_be_marked_cannot_be_saved():
    topic = Topic.objects.first()
    long = "x" * 201
    question = Question(
        kind="multiple_choice", options=[long, "b", "c", "d"], answer=long, prompt="Q?", topic=topic
    )
    with pytest.raises(ValidationError):
        question.save()
