"""Login slips: kept encrypted in the database for an hour at most, then unreadable and wiped.

A slip holds a new student's password and QR sign-in token, so it must not sit in clear
anywhere (it used to be in the session table). Each batch of slips is a Fernet token (AES with
an HMAC, keyed from SECRET_KEY) on its AccountBatch row. The hour is enforced three times over:
reads ignore rows past `expires_at`, Fernet refuses tokens older than the hour, and
`purge_expired` (on every new batch, and `manage.py clear_expired_slips`) wipes them.
"""

import base64
import json
import re
from datetime import timedelta

import qrcode
import qrcode.image.svg
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from classrooms.models import AccountBatch, BatchStatus

SLIPS_KEPT_FOR = timedelta(hours=1)
# An expired batch stays (without its slips) this long, so the page can say they expired.
EXPIRED_BATCH_KEPT_FOR = timedelta(days=1)


def _fernet():
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"ussr-revision login slips"
    ).derive(settings.SECRET_KEY.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def seal(slips, now=None):
    moment = int((now or timezone.now()).timestamp())
    return _fernet().encrypt_at_time(json.dumps(slips).encode(), moment).decode()


def unseal(sealed, now=None):
    """The slips, or [] once the hour is over (or the key has changed)."""
    if not sealed:
        return []
    ttl, moment = int(SLIPS_KEPT_FOR.total_seconds()), int((now or timezone.now()).timestamp())
    try:
        plain = _fernet().decrypt_at_time(sealed.encode(), ttl, moment)
    except InvalidToken:
        return []
    return json.loads(plain)


def keep(batch, slips, now=None):
    """Seal `slips` on `batch` for the next hour, and mark it done.

    An update, not a save: the teacher may have cleared the batch while its job ran."""
    now = now or timezone.now()
    AccountBatch.objects.filter(pk=batch.pk).update(
        sealed=seal(slips, now),
        expires_at=now + SLIPS_KEPT_FOR,
        status=BatchStatus.DONE,
        done=len(slips),
        total=len(slips),
        roster=[],
    )


def new_batch(*, classroom, teacher, roster, now=None):
    now = now or timezone.now()
    purge_expired(now)
    return AccountBatch.objects.create(
        classroom=classroom,
        teacher=teacher,
        roster=roster,
        total=len(roster),
        created_at=now,
        expires_at=now + SLIPS_KEPT_FOR,
    )


def purge_expired(now=None):
    """Wipe slips past their hour; forget batches a day old. Returns how many were wiped."""
    now = now or timezone.now()
    AccountBatch.objects.filter(created_at__lte=now - EXPIRED_BATCH_KEPT_FOR).delete()
    return AccountBatch.objects.filter(expires_at__lte=now).exclude(sealed="").update(sealed="")


def finished_batches(classroom, teacher):
    return AccountBatch.objects.filter(
        classroom=classroom, teacher=teacher, status=BatchStatus.DONE
    )


def current_slips(classroom, teacher, now=None):
    """(slips still readable, whether some have expired) for the teacher's batches of a class."""
    now = now or timezone.now()
    slips, expired = [], False
    for batch in finished_batches(classroom, teacher):
        readable = unseal(batch.sealed, now) if batch.expires_at > now else []
        slips.extend(readable)
        expired = expired or not readable
    return slips, expired


def waiting(classroom, teacher, now=None):
    """{"count", "until"} of the slips still readable (one query, nothing decrypted)."""
    now = now or timezone.now()
    readable = finished_batches(classroom, teacher).filter(expires_at__gt=now).exclude(sealed="")
    return readable.aggregate(count=Sum("total"), until=Max("expires_at"))


def forget(classroom, teacher):
    finished_batches(classroom, teacher).delete()


def forget_all(teacher):
    AccountBatch.objects.filter(teacher=teacher, status=BatchStatus.DONE).delete()


# QR codes


def qr_svg(data, label):
    """An SVG QR code of `data` for printing, as markup (no image library, no inline style)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    # Sized by the stylesheet, named for screen readers.
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', "<svg", svg)
    attrs = f'<svg class="slip-qr" role="img" aria-label="{escape(label)}"'
    return mark_safe(svg.replace("<svg", attrs, 1))  # the QR library's markup; label escaped
