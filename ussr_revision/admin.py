"""The project's admin site: Django's own, refusing tampered input with a 400 where Django's
would fail with a 500."""

from functools import wraps

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.http import HttpResponseBadRequest

# Every model here has an integer key (tests/test_admin.py checks): a larger one overflows.
MAX_ID = 2**63 - 1


def bad_selection(request):
    """Why the rows an admin action was sent for are not rows of any list, or None.

    Django filters on them as they come, so "abc" or an empty value is a ValueError and a huge
    number an OverflowError on SQLite."""
    if request.method != "POST":
        return None
    for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
        if not (len(value) <= 19 and value.isascii() and value.isdigit() and int(value) <= MAX_ID):
            return "Choose the rows for this action from the list: these are not rows of it."
    return None


class AdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if problem := bad_selection(request):
                return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
            return view(request, *args, **kwargs)

        # Inside Django's wrapper, so that signing in and CSRF come first.
        return super().admin_view(guarded, cacheable)
