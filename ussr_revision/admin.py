"""The project's admin site: Django's own, refusing tampered input cleanly where Django's would
fail with a 500."""

from functools import wraps

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.http import HttpResponseBadRequest

# Every model here has an integer key (tests/test_admin.py checks): a larger one overflows.
MAX_ID = 2**63 - 1


def is_id(value):
    value = str(value)
    return len(value) <= 19 and value.isascii() and value.isdigit() and int(value) <= MAX_ID


def bad_selection(request):
    """Why the rows an admin action was sent for are not rows of any list, or None.

    Django filters on them as they come, so "abc" or an empty value is a ValueError and a huge
    number an OverflowError on SQLite."""
    if request.method != "POST":
        return None
    if not all(map(is_id, request.POST.getlist(ACTION_CHECKBOX_NAME))):
        return "Choose the rows for this action from the list: these are not rows of it."
    return None


# A form shown again after a bad choice: Django's autocomplete widgets look the sent values up as
# they came ("abc" is a ValueError), and a multiple choice checks them with one `pk__in` query
# (a huge id is an OverflowError on SQLite). Values that can't be ids are left out, or refused.


class SafeAutocompleteSelect(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if is_id(v)], attr)


class SafeAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if is_id(v)], attr)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if not is_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:20]},
                )
        return super()._check_values(value)


SAFE_WIDGETS = {
    AutocompleteSelect: SafeAutocompleteSelect,
    AutocompleteSelectMultiple: SafeAutocompleteSelectMultiple,
}


class SafeChoicesMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return safe_widget(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
        return safe_widget(super().formfield_for_manytomany(db_field, request, **kwargs))


def safe_widget(formfield):
    if formfield is not None and type(formfield.widget) in SAFE_WIDGETS:
        formfield.widget.__class__ = SAFE_WIDGETS[type(formfield.widget)]
    return formfield


def with_safe_choices(admin_class):
    """The admin class (and its inlines) with SafeChoicesMixin first, under the same names."""
    inlines = [type(i.__name__, (SafeChoicesMixin, i), {}) for i in admin_class.inlines]
    return type(admin_class.__name__, (SafeChoicesMixin, admin_class), {"inlines": inlines})


class AdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        # Every admin, Django's own (users, groups) too, gets the safe choice fields.
        admin_class = with_safe_choices(admin_class or admin.ModelAdmin)
        return super().register(model_or_iterable, admin_class, **options)

    def admin_view(self, view, cacheable=False):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if problem := bad_selection(request):
                return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
            return view(request, *args, **kwargs)

        # Inside Django's wrapper, so that signing in and CSRF come first.
        return super().admin_view(guarded, cacheable)
