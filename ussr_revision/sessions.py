"""How long a sign-in lasts.

Students often sign in on shared school computers: unless they tick "Keep me signed in on this
device", their session ends when the browser closes and after STUDENT_IDLE_TIMEOUT without a
page. Ticking it (their own phone) keeps them signed in for REMEMBER_ME_AGE, about a term.
Teachers who do not tick it keep Django's default (SESSION_COOKIE_AGE).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

from ussr_revision.roles import is_student

LAST_SEEN = "short_session_seen"  # present only in short sessions: when the last page was asked
SEEN_RESOLUTION = 60  # seconds: write the session at most once a minute, not on every page


def start_session(request, *, remember):
    """Call straight after `login()`."""
    if remember:
        request.session.set_expiry(settings.REMEMBER_ME_AGE)
    elif is_student(request.user):
        request.session.set_expiry(0)  # the cookie goes when the browser closes
        request.session[LAST_SEEN] = int(time.time())


class ShortSessionMiddleware:
    """Signs out a short session left idle (a browser left open on a shared computer)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seen = request.session.get(LAST_SEEN)
        if seen is not None:
            now = int(time.time())
            if now - seen > settings.STUDENT_IDLE_TIMEOUT.total_seconds():
                logout(request)
                messages.info(request, "You were signed out after a while without activity.")
            elif now - seen >= SEEN_RESOLUTION:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
