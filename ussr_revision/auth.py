from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from ussr_revision.roles import Role


class CaseInsensitiveModelBackend(ModelBackend):
    """Sign in with the username in any case: students type "ASmith1" on phones that capitalise.

    An exact match wins; otherwise a single case-insensitive match is used (never a guess
    between two accounts that differ only in case).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        User = get_user_model()
        matches = list(User._default_manager.filter(username__iexact=username))
        exact = [user for user in matches if user.get_username() == username]
        if exact:
            username = exact[0].get_username()
        elif len(matches) == 1:
            username = matches[0].get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        """The signed-in user of a request, with their roles read in the same query.

        Every page asks for the roles (the navigation does), so this saves a round trip to the
        cache or the database on every request, and the answer is never stale."""
        User = get_user_model()
        membership = User.groups.through.objects.filter(user_id=OuterRef("pk"))
        roles = {f"has_role_{r}": Exists(membership.filter(group__name=r)) for r in Role}
        try:
            user = User._default_manager.annotate(**roles).get(pk=user_id)
        except User.DoesNotExist:
            return None
        user._role_names = {role for role in Role if getattr(user, f"has_role_{role}")}
        return user if self.user_can_authenticate(user) else None
