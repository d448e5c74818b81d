from django import forms
from django.contrib.auth.forms import AuthenticationForm


class RememberMeField(forms.BooleanField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Keep me signed in on this device")
        kwargs.setdefault(
            "help_text", "Only on your own phone or computer, never on a shared school one."
        )
        super().__init__(**kwargs)


class SignInForm(AuthenticationForm):
    remember = RememberMeField()

    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's own says usernames may be case-sensitive; ours are not.
        "invalid_login": "That username and password do not match. Check them against your "
        "login slip: the username can be typed in capitals or not, the password exactly.",
    }
