"""How long one password check costs with each hasher the settings keep (median of several).

A class signing in at once queues behind these checks on a small server; a QR-code sign-in
costs none (one SHA-256). The machine is shared, so compare the ratios, not the seconds.

    .venv/bin/python benchmarks/passwords.py [--runs 7]
"""

import argparse
import functools
import hashlib
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSWORD = "river-tiger-lamp-42"


def median_seconds(check, runs):
    """(wall-clock, CPU) seconds of one check: the CPU time is what a busy server pays."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        check()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ussr_revision.settings")
    import django

    django.setup()
    from django.contrib.auth.hashers import get_hashers

    results = {}
    # The hasher new hashes get, Django's own Argon2 settings, and PBKDF2 (the hashes before).
    for hasher in get_hashers()[:3]:
        encoded = hasher.encode(PASSWORD, hasher.salt())
        check = functools.partial(hasher.verify, PASSWORD, encoded)
        results[type(hasher).__name__] = median_seconds(check, runs)
    token = "x" * 43
    results["sha256 (QR code)"] = median_seconds(lambda: hashlib.sha256(token.encode()), runs)
    print(f"One check, median of {runs}:                 wall clock      CPU time")
    for name, (wall, cpu) in results.items():
        print(f"  {name:<30} {wall * 1000:12.2f} ms {cpu * 1000:10.2f} ms")
    ours, pbkdf2 = results["SchoolArgon2PasswordHasher"], results["PBKDF2PasswordHasher"]
    print(f"  ours / PBKDF2: {ours[0] / pbkdf2[0]:.3f} (CPU {ours[1] / pbkdf2[1]:.3f})")


if __name__ == "__main__":
    main()
