"""Sign-in throttling with django-axes: how attempts are counted, and the locked-out page.

Attempts are counted per username and address together (settings.AXES_LOCKOUT_PARAMETERS), so
a school behind one NAT address is never locked out by one pupil. QR-code sign-ins carry no
username: their failures from one address count together, with a higher limit.
"""

from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Exists, Max
from django.db.models.functions import Lower
from django.shortcuts import render
from django.utils import timezone

QR_USERNAME = "(QR code)"  # what axes records for a QR-code sign-in


def username_for_throttle(request, credentials):
    """The username attempts are counted under: in lower case, as usernames sign in in any case.

    Without this, "asmith1", "ASmith1", "ASMITH1"... would each get their own five tries.
    """
    credentials = credentials or {}
    if "qr_token" in credentials:
        return QR_USERNAME
    username = credentials.get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    return username.strip().lower() if isinstance(username, str) else username


def failure_limit(request, credentials):
    if username_for_throttle(request, credentials) == QR_USERNAME:
        return settings.QR_FAILURE_LIMIT
    return settings.SIGN_IN_FAILURE_LIMIT


def lockout_ends(username, ip_address):
    """When the lockout of `username` from `ip_address` ends (tries while locked do not count)."""
    last = AccessAttempt.objects.filter(username=username, ip_address=ip_address).aggregate(
        last=Max("attempt_time")
    )["last"]
    return (last or timezone.now()) + get_cool_off()


def locked_out(request, original_response=None, credentials=None):
    username = username_for_throttle(request, credentials)
    ip_address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    ends = lockout_ends(username, ip_address)
    context = {
        "ends": ends,
        "minutes": max(1, round((ends - timezone.now()).total_seconds() / 60)),
        "qr": username == QR_USERNAME,
    }
    return render(request, "registration/locked_out.html", context, status=429)


def locked_out_exists(username_ref):
    """A subquery: whether the username (an OuterRef) is locked out from some address now."""
    return Exists(
        AccessAttempt.objects.filter(
            username=Lower(username_ref),
            failures_since_start__gte=settings.SIGN_IN_FAILURE_LIMIT,
            attempt_time__gte=timezone.now() - get_cool_off(),
        )
    )
