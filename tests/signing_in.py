"""Signing in as a browser does, through the sign-in page.

`client.login()` calls authenticate() without a request, which the throttle (django-axes)
rightly refuses: every real sign-in has one."""

from django.urls import reverse


def sign_in(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password, **extra})


def signs_in(client, username, password, **extra):
    """True when the sign-in page let them in (a redirect), False when it refused."""
    response = sign_in(client, username, password, **extra)
    return response.status_code == 302
