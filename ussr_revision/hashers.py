"""The password hasher: Argon2id at the settings OWASP recommends for a web sign-in.

Django's own Argon2 settings (100 MiB and 8 lanes) make one check cost about 0.3 s of CPU here,
so a class of 30 signing in at once waits several seconds on a two-core server. OWASP's Password
Storage Cheat Sheet lists 19 MiB, 2 passes and 1 lane as its first recommended configuration,
equivalent in strength to its other ones and to PBKDF2-SHA256 at 600,000 iterations; at that
setting one check costs a few tens of milliseconds. Hashes made with other settings are
upgraded at the next sign-in (Django's `must_update`), and `benchmarks/passwords.py` measures it.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class SchoolArgon2PasswordHasher(Argon2PasswordHasher):
    memory_cost = 19 * 1024  # KiB
    time_cost = 2
    parallelism = 1
