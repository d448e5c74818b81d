"""One number for the state of the course, kept in the shared cache, and fragments keyed by it.

Topic pages, the glossary, the timeline and the practice form only change when the course does:
`load_content`, `import_notes`, a bank build or an admin's save. Each of those bumps the number
(the loaders and the bank explicitly, since bulk writes send no signals; saves and deletes of
the curated models through the signals below), and every fragment is stored under the number it
was drawn from, so nothing stale is ever served. The number starts at the clock's nanoseconds,
so a number the cache lost never comes back with a value an old fragment was stored under.
"""

import time

from django.core.cache import cache
from django.db import transaction

KEY = "content:version"
FRAGMENT_TIMEOUT = 7 * 24 * 3600


def current():
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, time.time_ns(), None)
        version = cache.get(KEY)
    return version


def _bump_now():
    try:
        cache.incr(KEY)
    except ValueError:  # not in the cache: any new number will do
        cache.set(KEY, time.time_ns(), None)


def bump():
    """The course changed. Bumped at once (this request reads its own change) and again on
    commit (a page drawn by another request while the transaction ran is not kept)."""
    _bump_now()
    transaction.on_commit(_bump_now)


def fragment(name, build):
    """The HTML `build()` drew for `name` at the current content version (cached)."""
    key = f"content:fragment:{name}:{current()}"
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, FRAGMENT_TIMEOUT)
    return html


def connect_signals(models):
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def changed(sender, **kwargs):
        bump()

    for model in models:
        post_save.connect(changed, sender=model, weak=False)
        post_delete.connect(changed, sender=model, weak=False)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(changed, sender=field.remote_field.through, weak=False)
