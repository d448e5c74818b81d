from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


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
