"""Content-Security-Policy: this site's own files only, no inline script or style, no eval."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))


def policy(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def test_every_page_sends_a_strict_policy(client):
    directives = policy(client.get(reverse("login")))

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    header = str(directives)
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert "http" not in header  # no CDN: vendored files only


def test_signed_in_pages_send_it_too(teacher_client):
    assert (
        "script-src 'self'"
        in teacher_client.get(reverse("classrooms:list"))["Content-Security-Policy"]
    )


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_no_template_has_inline_script_or_style(path):
    # The policy would block them: every script and style is a file in static/.
    html = path.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html), "style attribute"
    assert not re.search(r"\son[a-z]+=", html), "event handler attribute"
    assert "javascript:" not in html
