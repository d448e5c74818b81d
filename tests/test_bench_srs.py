"""The simulation behind `make bench-srs`: Revise now against the other ways to revise."""

import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location(
    "bench_srs", Path(__file__).resolve().parent.parent / "benchmarks" / "srs.py"
)
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def test_revise_now_keeps_more_than_leitner_and_random_practice_and_outlasts_cramming():
    results = {name: (scores, reviews) for name, scores, reviews in bench.run(seed=3)}
    (now, later), reviews = results["Revise now (FSRS)"]
    for name in ("Leitner boxes", "Random practice, covered topics"):
        assert now > results[name][0][0] and later > results[name][0][1]
    assert later > results["Cramming in the last week"][0][1]
    assert reviews <= bench.PER_DAY * len(bench.SCHOOL_DAYS) * bench.STUDENTS
