"""The signed-in user of each request, from the shared cache instead of the database.

Every page needs the user, and their roles for the navigation: read from PostgreSQL they were a
query and half of a bare page's time. Here the user, a token and their roles come from the cache
in one round trip; a miss is Django's own `auth.get_user`, whose answer is then kept.

What keeps this as safe as reading the database:
- A session is good only while the password it signed in with is unchanged: Django compares a
  hash of the password kept in the session with the user's on every request. The cache keeps
  that hash (never the password's own hash, which is left out of the cached user), and anything
  that does not match goes to Django's own check, which signs the session out.
- Any save or deletion of a user (a password change or reset, deactivation in the admin, the
  sign-in's last_login) gives them a new token, so the cached copy stops counting at once on
  every app server. The token is renewed again when the transaction commits, so a request that
  read the old row in the meantime cannot leave it counting.
- Roles come from the roles cache, which group changes already forget (`roles.forget_roles`).
- The keys carry a digest of SECRET_KEY: a new key is not met by hashes made with the old one.
- Writes that send no signals (a queryset's `update()`, raw SQL) are seen within USER_TIMEOUT.
"""

from uuid import uuid4

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.functional import SimpleLazyObject

from ussr_revision.roles import roles_key

USER_TIMEOUT = 10 * 60  # seconds
TOKEN_TIMEOUT = 30 * 24 * 3600  # longer than any cached user


def _tag():
    return salted_hmac("ussr_revision.signed_in", "keys").hexdigest()[:12]


def _keys(user_pk):
    tag = _tag()
    return f"signed-in:{tag}:{user_pk}", f"signed-in-token:{user_pk}"


def _fields():
    User = auth.get_user_model()
    return [f.attname for f in User._meta.concrete_fields if f.attname != "password"]


def get_user(request):
    """What `request.user` is: the session's user, or AnonymousUser."""
    try:
        user_pk = request.session[SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    user_key, token_key = _keys(user_pk)
    found = cache.get_many([user_key, token_key, roles_key(user_pk)])
    entry, token = found.get(user_key), found.get(token_key)
    session_hash = request.session.get(HASH_SESSION_KEY)
    if (
        entry is not None
        and entry["token"] == token
        and request.session.get(BACKEND_SESSION_KEY) in settings.AUTHENTICATION_BACKENDS
        and session_hash
        and constant_time_compare(session_hash, entry["session_hash"])
    ):
        User = auth.get_user_model()
        user = User.from_db(DEFAULT_DB_ALIAS, _fields(), entry["values"])
        if roles_key(user_pk) in found:
            user._role_names = set(found[roles_key(user_pk)])
        return user
    user = auth.get_user(request)
    if user.is_authenticated:
        entry = {
            "token": token,
            "session_hash": user.get_session_auth_hash(),
            "values": [getattr(user, name) for name in _fields()],
        }
        kept = {user_key: entry}
        if hasattr(user, "_role_names"):  # read with the user (auth.CaseInsensitiveModelBackend)
            kept[roles_key(user_pk)] = sorted(user._role_names)
        cache.set_many(kept, USER_TIMEOUT)
    return user


def lazy_user(request):
    return SimpleLazyObject(lambda: get_user(request))


def forget_users(user_pks):
    """Stop counting the cached copies of these users, now and when the transaction commits."""
    user_pks = list(user_pks)

    def forget():
        keys = [_keys(pk) for pk in user_pks]
        cache.set_many({token: uuid4().hex for _, token in keys}, TOKEN_TIMEOUT)
        cache.delete_many([user for user, _ in keys])

    forget()
    if transaction.get_connection().in_atomic_block:  # outside one, on_commit runs at once
        transaction.on_commit(forget)


def connect_signals():
    from django.db.models.signals import post_delete, post_save

    User = auth.get_user_model()

    def user_changed(sender, instance, **kwargs):
        forget_users([instance.pk])

    post_save.connect(user_changed, sender=User, weak=False, dispatch_uid="signed_in.saved")
    post_delete.connect(user_changed, sender=User, weak=False, dispatch_uid="signed_in.deleted")
