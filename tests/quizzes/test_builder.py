import random

import pytest

from quizzes.builder import Candidate, build_quiz, choose_questions, ideas_of, replacement_for
from quizzes.models import Question, Status
from topics.models import Topic


def pool():
    candidates = []
    for group in (1, 2, 3):
        for n in range(10):
            kind = ["multiple_choice", "typed", "ordering"][n % 3]
            ideas = frozenset({("fact", group * 100 + n)})
            candidates.append(Candidate(group * 100 + n, group, kind, 1 + n % 3, ideas))
    return candidates


def test_choice_is_spread_evenly_across_the_chosen_topics():
    ids = choose_questions(pool(), groups=[1, 2, 3], count=9, rng=random.Random(1))

    groups = [question_id // 100 for question_id in ids]
    assert sorted(groups) == [1, 1, 1, 2, 2, 2, 3, 3, 3]


def test_choice_never_repeats_a_question():
    ids = choose_questions(pool(), groups=[1, 2, 3], count=30, rng=random.Random(2))
    assert len(ids) == len(set(ids)) == 30


def test_choice_stops_when_the_bank_runs_out():
    ids = choose_questions(pool(), groups=[1], count=25, rng=random.Random(3))
    assert len(ids) == 10


def test_kinds_take_turns_within_a_topic():
    ids = choose_questions(pool(), groups=[1], count=3, rng=random.Random(4))
    kinds = {c.id: c.kind for c in pool()}
    assert len({kinds[i] for i in ids}) == 3


def test_same_seed_gives_the_same_choice_and_another_seed_another():
    first = choose_questions(pool(), groups=[1, 2], count=8, rng=random.Random(5))
    again = choose_questions(pool(), groups=[1, 2], count=8, rng=random.Random(5))
    other = choose_questions(pool(), groups=[1, 2], count=8, rng=random.Random(6))
    assert first == again
    assert first != other


def test_two_questions_on_one_idea_are_never_both_chosen():
    same_fact = [Candidate(i, 1, "multiple_choice", 1, frozenset({("fact", 7)})) for i in range(3)]
    other = Candidate(9, 1, "typed", 1, frozenset({("fact", 8)}))
    ids = choose_questions([*same_fact, other], groups=[1], count=4, rng=random.Random(0))
    assert 9 in ids
    assert len(ids) == 2  # one of the three on fact 7, never two


def test_an_ordering_and_a_matching_question_on_the_same_events_are_not_both_chosen():
    ordering = Candidate(1, 1, "ordering", 2, frozenset({("event", 3), ("event", 4)}))
    matching = Candidate(2, 1, "matching", 2, frozenset({("event", 4), ("event", 5)}))
    ids = choose_questions([ordering, matching], groups=[1], count=2, rng=random.Random(0))
    assert len(ids) == 1


@pytest.mark.django_db
def test_build_quiz_uses_only_active_bank_questions_of_the_chosen_topics(teacher):
    section = Topic.objects.get(slug="stalins-rise-to-power")
    retired = Question.objects.filter(topic__parent=section).first()
    retired.status = Status.RETIRED
    retired.save()

    quiz = build_quiz(owner=teacher, title="Rise", topics=[section], count=20, seed=1)

    questions = quiz.ordered_questions()
    assert len(questions) == 20
    assert retired not in questions
    assert all(q.topic == section or q.topic.parent == section for q in questions)
    assert [item.position for item in quiz.items.all()] == list(range(1, 21))


@pytest.mark.django_db
def test_build_quiz_filters_by_kind_and_difficulty(teacher):
    section = Topic.objects.get(slug="the-terror-state")

    quiz = build_quiz(
        owner=teacher, title="T", topics=[section], kinds=["typed"], difficulty=2, count=5, seed=2
    )

    assert {(q.kind, q.difficulty) for q in quiz.ordered_questions()} == {("typed", 2)}


@pytest.mark.django_db
def test_replacement_has_the_same_topic_and_kind_and_is_not_in_the_quiz(teacher):
    section = Topic.objects.get(slug="the-terror-state")
    quiz = build_quiz(owner=teacher, title="T", topics=[section], count=10, seed=3)
    item = quiz.items.select_related("question").filter(question__kind="multiple_choice").first()

    replacement = Question.objects.get(pk=replacement_for(quiz, item, seed=1))

    assert (replacement.topic_id, replacement.kind) == (item.question.topic_id, item.question.kind)
    assert replacement.pk not in quiz.items.values_list("question_id", flat=True)


@pytest.mark.django_db
def test_a_replacement_shares_no_idea_with_the_questions_that_stay(teacher):
    section = Topic.objects.get(slug="the-terror-state")
    quiz = build_quiz(owner=teacher, title="T", topics=[section], count=10, seed=3)
    items = list(quiz.items.select_related("question"))
    staying = ideas_of(Question.objects.filter(pk__in=[i.question_id for i in items[1:]]))
    taken = frozenset().union(*staying.values())
    for seed in range(5):
        replacement = replacement_for(quiz, items[0], seed=seed)
        if replacement is not None:
            assert not ideas_of(Question.objects.filter(pk=replacement))[replacement] & taken


def test_a_kind_with_few_questions_is_taken_before_the_others_use_up_its_facts():
    rare = Candidate(1, 1, "multiple_select", 1, frozenset({("fact", 7)}))
    common = [
        Candidate(n, 1, "typed", 1, frozenset({("fact", 7 if n < 20 else n)})) for n in range(2, 40)
    ]
    for seed in range(20):
        chosen = choose_questions([rare, *common], groups=[1], count=3, rng=random.Random(seed))
        assert chosen[0] == 1
