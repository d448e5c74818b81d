"""The web benchmark: every page a class uses, against a do-nothing Django view.

    make bench-web                  # class scale
    make bench-web SCALE=school     # 1,505 students in 60 classes, about a million responses
    .venv/bin/python -m benchmarks.web --scale both --seconds 5

It builds a throw-away PostgreSQL database (ussr_bench_web) with the app's own code, starts
gunicorn as production runs it (sync, 2 workers, DEBUG off, the production settings, the Redis
cache) for the app and for benchmarks/noop (a do-nothing view), signs a class in at once through
the real login form, checks that every cookie signs in and every page answers 200, then drives
each page with wrk (32 connections) between two runs of the do-nothing view and prints each
page's throughput as a ratio to it. The machine is shared: read the ratios, not the seconds.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DEFAULTS = {
    "database": "postgres://postgres@127.0.0.1:5432/ussr_bench_web",
    "redis": "redis://127.0.0.1:6379/4",
}


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["class", "school", "both"], default="class")
    parser.add_argument("--seconds", type=int, default=8, help="wrk's duration for each run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=8401, help="the app; the yardstick is +1")
    database = os.environ.get("BENCH_DATABASE_URL", DEFAULTS["database"])
    parser.add_argument("--database", default=database, help="a database the benchmark may drop")
    parser.add_argument(
        "--redis",
        default=os.environ.get("BENCH_REDIS_URL", DEFAULTS["redis"]),
        help="a Redis database the benchmark may empty ('' for the local-memory cache)",
    )
    parser.add_argument("--only", default="", help="comma-separated page names to drive")
    return parser.parse_args()


def production_environment(args):
    """The environment gunicorn and this process run Django with: production settings."""
    env = {
        "DATABASE_URL": args.database,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SETTINGS_MODULE": "ussr_revision.settings",
    }
    if args.redis:
        env["REDIS_URL"] = args.redis
    return env


def main():
    args = parse()
    env = production_environment(args)
    os.environ.update(env)
    from benchmarks.web import run

    scales = ["class", "school"] if args.scale == "both" else [args.scale]
    tables = [run.one_scale(scale, args, env) for scale in scales]
    for table in tables:
        print(f"\n{table}")


if __name__ == "__main__":
    main()
