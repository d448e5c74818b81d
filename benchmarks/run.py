"""Benchmarks: building the question bank and a 20-question quiz.

Runs on a throw-away SQLite database (or on DATABASE_URL's PostgreSQL if set), reports the median
of several runs and the number of queries. This machine is shared and noisy, so compare the ratios
(rebuild vs first build, quiz vs bank) rather than the seconds themselves.

    make bench            # or: .venv/bin/python benchmarks/run.py --runs 5
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_database():
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="ussr-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ussr_revision.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def measure(action, runs, reset=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(runs):
        if reset:
            reset()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        queries = len(captured.captured_queries)
    return statistics.median(times), queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    setup_database()

    from django.contrib.auth import get_user_model

    from quizzes.bank import bank_specs, save_bank
    from quizzes.builder import build_quiz
    from quizzes.models import Question, Quiz
    from topics.models import Topic
    from topics.snapshot import load_knowledge_base

    def build_bank():
        return save_bank(bank_specs(load_knowledge_base(), seed=0))

    def empty_bank():
        Quiz.objects.all().delete()
        Question.objects.all().delete()

    knowledge = load_knowledge_base()
    generate, _ = measure(lambda: bank_specs(knowledge, seed=0), runs)
    first, first_queries = measure(build_bank, runs, reset=empty_bank)
    rebuild, rebuild_queries = measure(build_bank, runs)
    size = Question.objects.active().count()

    owner, _ = get_user_model().objects.get_or_create(username="bench_teacher")
    sections = list(Topic.objects.filter(parent=None))
    seeds = iter(range(10_000))

    def quiz():
        build_quiz(owner=owner, title="Bench", topics=sections, count=20, seed=next(seeds))

    quiz_time, quiz_queries = measure(quiz, runs)

    print(f"Median of {runs} runs ({size} active questions in the bank):")
    print(f"  generate the bank (no database):       {generate:8.3f} s      0 queries")
    print(f"  build the whole bank (empty database): {first:8.3f} s  {first_queries:5d} queries")
    print(
        f"  rebuild the bank (nothing changed):    {rebuild:8.3f} s  {rebuild_queries:5d} queries"
    )
    print(f"  build a 20-question quiz:              {quiz_time:8.3f} s  {quiz_queries:5d} queries")
    print("Ratios (steadier than the seconds on a shared machine):")
    print(f"  generation / first build:  {generate / first:6.2f}")
    print(f"  rebuild / first build:  {rebuild / first:6.2f}")
    print(f"  20-question quiz / bank: {quiz_time / first:6.3f}")
    print(f"  bank time per question: {first / size * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
