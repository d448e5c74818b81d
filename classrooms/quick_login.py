"""Signing in with the QR code on a login slip.

Each student has at most one token: 32 random bytes from `secrets`, shown only on the slip (as
a QR code of the sign-in URL). The database keeps its SHA-256, which is enough for a secret that
long (no slow hash needed: nobody can guess 2**256 values), so a class signing in by QR code
costs no password hashing. The teacher can revoke it; resetting the password replaces it.
"""

import hashlib
import hmac
import secrets

from django.contrib.auth.backends import ModelBackend
from django.utils import timezone

from classrooms.models import LoginCode

TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 64  # token_urlsafe(32) is 43 characters; anything far longer is junk


def digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue_tokens(students):
    """A new token for each student (replacing any old one), in two queries: {student.pk: token}."""
    tokens = {student.pk: secrets.token_urlsafe(TOKEN_BYTES) for student in students}
    LoginCode.objects.filter(student__in=list(tokens)).delete()
    now = timezone.now()
    LoginCode.objects.bulk_create(
        LoginCode(student_id=pk, token_hash=digest(token), created_at=now)
        for pk, token in tokens.items()
    )
    return tokens


def issue_token(student):
    return issue_tokens([student])[student.pk]


def revoke_token(student):
    """True when there was a token to revoke."""
    deleted, _ = LoginCode.objects.filter(student=student).delete()
    return bool(deleted)


def student_for_token(token):
    """The student whose token this is, or None."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    hashed = digest(token)
    code = LoginCode.objects.select_related("student").filter(token_hash=hashed).first()
    # The lookup is by an index on the hash, which leaks nothing useful about the token; the
    # comparison is constant-time all the same.
    if code is None or not hmac.compare_digest(code.token_hash, hashed):
        return None
    return code.student


class QuickLoginBackend(ModelBackend):
    """`authenticate(request, qr_token=...)`; after axes, so QR sign-ins are throttled too."""

    def authenticate(self, request, qr_token=None, **kwargs):
        if qr_token is None:
            return None
        student = student_for_token(qr_token)
        if student is None or not self.user_can_authenticate(student):
            return None
        return student
