"""Signing in as a browser does, through the sign-in page.

`client.login()` calls authenticate() without a request, which the throttle (django-axes)
rightly refuses: every real sign-in has one."""

from django.urls import reverse


def sign_in(client, username, password, *, remember=False, **extra):
    """Posts the sign-in form; `extra` goes into the request (REMOTE_ADDR="203.0.113.7")."""
    data = {"username": username, "password": password}
    if remember:
        data["remember"] = "on"
    return client.post(reverse("login"), data, **extra)


def signs_in(client, username, password, **kwargs):
    """True when the sign-in page let them in (a redirect), False when it refused."""
    return sign_in(client, username, password, **kwargs).status_code == 302
