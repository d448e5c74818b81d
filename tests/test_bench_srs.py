"""The simulation behind `make bench-srs`: Revise now against the other ways to revise."""

import importlib.util
import random
from pathlib import Path

from quizzes import memory

spec = importlib.util.spec_from_file_location(
    "bench_srs", Path(__file__).resolve().parent.parent / "benchmarks" / "srs.py"
)
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

OURS = "Revise now (FSRS) with Keep going"
BUDGET = bench.PER_DAY * len(bench.SCHOOL_DAYS) * bench.STUDENTS


LEAD = 1.25  # a clear lead, not a rounding error: a random choice of ideas comes within 3%


def scores(seed=3):
    return {name: (scores, reviews) for name, scores, reviews in bench.run(seed=seed)}


def leads(results):
    """Revise now keeps a quarter more than Leitner boxes and random practice on both tests."""
    ours = results[OURS][0]
    others = [results[n][0] for n in ("Leitner boxes", "Random practice, covered topics")]
    return all(ours[test] > LEAD * other[test] for other in others for test in (0, 1))


def test_revise_now_keeps_more_than_leitner_and_random_practice_and_outlasts_cramming():
    results = scores()
    assert leads(results)
    assert results[OURS][0][1] > results["Cramming in the last week"][0][1]
    assert all(spent <= BUDGET for _, spent in results.values())
    assert results[OURS][1] > results["Revise now (FSRS), due only"][1]  # Keep going uses time


def test_the_lead_comes_from_the_schedule_not_from_the_simulation(monkeypatch):
    """With the app's choice of ideas replaced by a random one, Revise now loses its lead."""

    def anything(known, fresh, *, now, size=memory.SESSION_SIZE, seed=0, **_):
        ideas = sorted({idea for idea, _ in fresh})
        picked = random.Random(seed).sample(ideas, min(size, len(ideas)))
        return [memory.Pick(idea, idea // bench.IDEAS_PER_WEEK, False) for idea in picked]

    monkeypatch.setattr(memory, "choose_ideas", anything)
    assert not leads(scores())
