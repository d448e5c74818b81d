"""The memory rules as pure functions: no database."""

import itertools
import random
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, State

from quizzes import memory
from quizzes.memory import Known, Pick, choose_ahead, choose_ideas, idea_of, rating_for

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday


@pytest.mark.parametrize(
    ("template", "key", "idea"),
    [
        ("claim_cloze", "claim_cloze:lenin-enrolment-1924:year", "claim:lenin-enrolment-1924"),
        ("claim_true", "claim_true:lenin-enrolment-1924", "claim:lenin-enrolment-1924"),
        ("event_year_typed", "event_year_typed:e12", "event-date:e12"),
        ("year_event_mcq", "year_event_mcq:e12", "event-date:e12"),
        ("person_from_role_mcq", "person_from_role_mcq:p3", "person-role:p3"),
        ("definition_term_typed", "definition_term_typed:t4", "term:t4"),
        ("quote_speaker_mcq", "quote_speaker_mcq:q5", "quote-speaker:q5"),
        ("quote_about_mcq", "quote_about_mcq:q5", "quote-about:q5"),
        ("fact_cloze", "fact_cloze:f9:1928", "fact:f9"),
        ("claim_historian_mcq", "claim_historian_mcq:malia-view", "claim:malia-view"),
        ("event_order", "event_order:e1,e2,e3,e4", ""),
        ("which_first", "which_first:e1,e2,e3,e4", ""),
        ("match_people", "match_people:p1,p2,p3,p4", ""),
        ("choose_two", "choose_two:reasons-for-collectivisation:a+b", ""),
        ("", "", ""),
        ("person_role_mcq", "other_template:p3", ""),
    ],
)
def test_each_question_names_the_idea_it_tests(template, key, idea):
    assert idea_of(template, key) == idea


def test_multiple_choice_and_typed_versions_share_an_idea():
    assert idea_of("person_from_role_mcq", "person_from_role_mcq:p3") == idea_of(
        "person_from_role_typed", "person_from_role_typed:p3"
    )


@pytest.mark.parametrize(
    ("score", "kind", "rating"),
    [
        (0.0, "multiple_choice", Rating.Again),
        (None, "typed", Rating.Again),
        (0.5, "matching", Rating.Hard),
        (1.0, "multiple_choice", Rating.Good),
        (1.0, "true_false", Rating.Good),
        (1.0, "typed", Rating.Easy),
        (1.0, "cloze", Rating.Easy),
    ],
)
def test_marks_become_ratings(score, kind, rating):
    assert rating_for(score, kind) == rating


def test_a_new_idea_answered_right_is_due_in_days_and_wrong_tomorrow():
    right = memory.review(None, Rating.Good, NOW)
    wrong = memory.review(None, Rating.Again, NOW)
    assert right.state == State.Review
    assert right.due - NOW >= timedelta(days=2)
    assert wrong.due - NOW == timedelta(days=1)  # a school day is the smallest step
    assert right.reps == wrong.reps == 1


def test_the_review_matches_the_fsrs_scheduler_on_fixed_dates():
    first = memory.review(None, Rating.Good, NOW)
    later = NOW + timedelta(days=5)
    second = memory.review(first, Rating.Good, later)
    card, _ = memory.SCHEDULER.review_card(Card(card_id=1), Rating.Good, review_datetime=NOW)
    card, _ = memory.SCHEDULER.review_card(card, Rating.Good, review_datetime=later)
    assert (second.stability, second.difficulty, second.due) == (
        card.stability,
        card.difficulty,
        card.due,
    )
    assert second.stability > first.stability


def test_a_lapse_is_counted_when_a_learnt_idea_is_forgotten():
    learnt = memory.review(None, Rating.Good, NOW)
    forgotten = memory.review(learnt, Rating.Again, NOW + timedelta(days=10))
    assert forgotten.lapses == 1
    assert forgotten.stability < learnt.stability


def test_retrievability_is_the_schedulers_and_falls_with_time():
    learnt = memory.review(None, Rating.Good, NOW)
    values = []
    for days in (0, 3, 30):
        at = NOW + timedelta(days=days)
        ours = memory.retrievability(learnt.stability, learnt.last_review, at)
        assert ours == pytest.approx(memory.SCHEDULER.get_card_retrievability(learnt.card(), at))
        values.append(ours)
    assert values[0] == 1 and values[0] > values[1] > values[2]
    at_stability = NOW + timedelta(days=round(learnt.stability))
    assert memory.retrievability(learnt.stability, NOW, at_stability) == pytest.approx(
        0.9, abs=0.02
    )


def test_choice_while_new_or_weak_and_recall_once_learnt():
    questions = [(1, "multiple_choice"), (2, "typed")]
    rng = random.Random(0)
    assert not memory.wants_recall(None)
    weak = memory.review(None, Rating.Again, NOW)
    assert not memory.wants_recall(weak)
    strong = memory.review(memory.review(None, Rating.Good, NOW), Rating.Good, NOW + timedelta(4))
    assert memory.wants_recall(strong)
    assert memory.pick_question(questions, rng, recall=False) == (1, "multiple_choice")
    assert memory.pick_question(questions, rng, recall=True) == (2, "typed")
    # An idea with only choice questions is still asked.
    assert memory.pick_question([(1, "true_false")], rng, recall=True) == (1, "true_false")


def _known(idea, topic, recall, due_in_days):
    return Known(idea, topic, recall, NOW + timedelta(days=due_in_days))


def test_overdue_ideas_come_first_least_remembered_first():
    known = [
        _known("a", 1, 0.8, -1),
        _known("b", 2, 0.3, -5),
        _known("c", 1, 0.95, 3),  # not due
        _known("d", 3, 0.6, 0),
    ]
    picks = choose_ideas(known, [("n1", 1)], now=NOW, size=3)
    assert [p.idea for p in picks] == ["b", "d", "a"]
    assert not any(p.is_new for p in picks)


def test_new_ideas_fill_the_room_left_taken_in_turn_from_each_topic():
    fresh = [(f"t1-{i}", 1) for i in range(6)] + [(f"t2-{i}", 2) for i in range(6)]
    picks = choose_ideas([_known("old", 1, 0.5, -1)], fresh, now=NOW, size=5, seed=3)
    assert picks[0] == Pick("old", 1, False)
    new = picks[1:]
    assert all(p.is_new for p in new) and len(new) == 4
    assert sorted(p.topic_id for p in new) == [1, 1, 2, 2]
    assert all(a.topic_id != b.topic_id for a, b in itertools.pairwise(new))


def test_ideas_already_met_are_not_new_and_the_daily_allowance_holds():
    fresh = [("met", 1), ("x", 1), ("y", 2), ("z", 2)]
    picks = choose_ideas([_known("met", 1, 0.99, 5)], fresh, now=NOW, new_allowed=2)
    assert len(picks) == 2 and "met" not in {p.idea for p in picks}
    assert choose_ideas([], fresh, now=NOW, new_allowed=0) == []


def test_nothing_due_and_nothing_new_is_done_for_today():
    assert choose_ideas([_known("a", 1, 0.97, 2)], [], now=NOW) == []


def test_keep_going_takes_the_least_remembered_ideas_though_not_due():
    known = [_known("strong", 1, 0.95, 9), _known("weak", 2, 0.6, 3), _known("mid", 1, 0.8, 5)]
    assert choose_ideas(known, [], now=NOW) == []  # done for today
    picks = choose_ahead(known, [], now=NOW, size=2)
    assert [p.idea for p in picks] == ["weak", "mid"] and not any(p.is_new for p in picks)


def test_keep_going_leaves_out_ideas_revised_today_and_adds_new_past_the_allowance():
    known = [_known("today", 1, 1.0, 1), _known("old", 1, 0.7, 2)]
    fresh = [("today", 1), ("old", 1), *((f"n{i}", 2) for i in range(20))]
    assert choose_ideas(known, fresh, now=NOW, new_allowed=0) == []
    picks = choose_ahead(known, fresh, now=NOW)
    assert picks[0] == Pick("old", 1, False)
    assert len(picks) == memory.SESSION_SIZE and all(p.is_new for p in picks[1:])
    assert "today" not in {p.idea for p in picks}


def test_keep_going_is_empty_once_everything_met_was_revised_today():
    assert choose_ahead([_known("a", 1, 1.0, 1)], [("a", 1)], now=NOW) == []


def test_a_session_mixes_topics():
    known = [_known(f"a{i}", 1, 0.1 * i, -1) for i in range(3)] + [
        _known(f"b{i}", 2, 0.1 * i + 0.05, -1) for i in range(3)
    ]
    topics = [p.topic_id for p in choose_ideas(known, [], now=NOW)]
    assert topics == [1, 2, 1, 2, 1, 2]


def test_topic_strengths_average_recall_now():
    rows = [(1, 10.0, NOW), (1, 10.0, NOW - timedelta(days=30)), (2, 2.0, NOW - timedelta(20))]
    strengths = memory.topic_strengths(rows, NOW)
    assert 0.5 < strengths[1] < 1 and strengths[2] < strengths[1]


def test_an_idea_just_got_wrong_does_not_show_as_certain_recall():
    wrong = memory.review(None, Rating.Again, NOW)
    right = memory.review(None, Rating.Good, NOW)
    assert memory.retrievability(wrong.stability, NOW, NOW) == 1  # FSRS: the answer was shown
    shown_wrong = memory.recall_shown(wrong.stability, NOW, NOW)
    shown_right = memory.recall_shown(right.stability, NOW, NOW)
    assert shown_wrong < 0.8 < 0.9 < shown_right < 1
    assert memory.topic_strengths([(1, wrong.stability, NOW)], NOW)[1] == shown_wrong
    later = NOW + timedelta(days=3)  # a day old or more: recall now, as the scheduler has it
    assert memory.recall_shown(right.stability, NOW, later) == memory.retrievability(
        right.stability, NOW, later
    )


def test_the_weekly_goal_credits_part_of_a_session_and_has_no_streak():
    goal = memory.WeeklyGoal(finished=1, answered_elsewhere=5)
    assert goal.progress == 1.5 and goal.percent == 50 and not goal.met
    assert memory.WeeklyGoal(finished=4, answered_elsewhere=0).percent == 100
    assert memory.week_start(NOW + timedelta(days=3, hours=5)) == NOW.replace(hour=0)
