from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordMixin

from classrooms import accounts
from classrooms.models import Classroom
from ussr_revision.forms import RememberMeField

LIST_TOO_BIG = (
    f"A class list is at most {accounts.MAX_LIST_SIZE // 1000} KB (60 students fit in far less): "
    "check it is the right list, or split it."
)


def name_field(label):
    return forms.CharField(
        label=label,
        max_length=accounts.MAX_NAME_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class UsernameField(forms.CharField):
    """Optional; stored in lower case; must be free in any case."""

    taken_message = "That username is taken: choose another, or leave it blank."

    def __init__(self, *, check_taken=True, **kwargs):
        self.check_taken = check_taken
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", accounts.MAX_USERNAME_LENGTH)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = {"autocapitalize": "none", "autocomplete": "off", "spellcheck": "false"}
        return {**super().widget_attrs(widget), **attrs}

    def clean(self, value):
        username = super().clean(value).lower()
        if not username:
            return ""
        if problem := accounts.username_problem(username):
            raise forms.ValidationError(problem)
        if self.check_taken and accounts.existing_usernames(usernames=[username]):
            raise forms.ValidationError(self.taken_message)
        return username


class JoinCodeField(forms.CharField):
    """A class's join code in any case, with or without spaces; cleans to the Classroom."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Join code")
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("help_text", "Your teacher gives you this code, for example HX4T9P.")
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = {"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        return {**super().widget_attrs(widget), **attrs}

    def clean(self, value):
        code = "".join(super().clean(value).split()).replace("-", "").upper()
        try:
            return Classroom.objects.current().get(join_code=code)
        except Classroom.DoesNotExist:
            raise forms.ValidationError(
                "No class has that code. Check it with your teacher."
            ) from None


class StudentForm(forms.Form):
    first_name = name_field("First name")
    last_name = name_field("Last name")
    username = UsernameField(help_text="Leave blank to make one from the name, like asmith1.")


class BulkAddForm(forms.Form):
    class_list = None  # the accounts.Roster read, once cleaned (with its errors, if any)

    roster = forms.CharField(
        label="Paste the list",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text="One student a line: “Anna Smith”, or “Smith, Anna”, or columns copied "
        "straight from a spreadsheet (first name, last name and a username if you want one).",
    )
    file = forms.FileField(
        label="Or upload a CSV file",
        required=False,
        widget=forms.FileInput(attrs={"accept": ".csv,.txt,text/csv,text/plain"}),
    )
    list_format = forms.ChoiceField(
        label="The list is",
        choices=accounts.ListFormat.choices,
        initial=accounts.ListFormat.AUTO,
        required=False,
        help_text="You see how the list was read before any account is made.",
    )

    def clean(self):
        data = super().clean()
        text, upload = data.get("roster", "").strip(), data.get("file")
        if text and upload:
            raise forms.ValidationError("Paste a list or upload a file, not both.")
        if not text and not upload:
            raise forms.ValidationError("Paste a list or upload a file.")
        if upload and upload.size > accounts.MAX_LIST_SIZE:
            self.add_error("file", LIST_TOO_BIG)
            return data
        if len(text) > accounts.MAX_LIST_SIZE:
            self.add_error("roster", LIST_TOO_BIG)
            return data
        list_format = data.get("list_format") or accounts.ListFormat.AUTO
        self.class_list = accounts.read_roster(upload.read() if upload else text, list_format)
        if self.class_list.errors:
            raise forms.ValidationError("Fix the lines listed above, then check the list again.")
        data["text"] = text
        return data


class ConfirmListForm(forms.Form):
    """Confirms a previewed list: which flagged names to add anyway."""

    preview = forms.CharField(widget=forms.HiddenInput)
    add_anyway = forms.TypedMultipleChoiceField(
        label="Add anyway",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    add_all = forms.BooleanField(label="Add every flagged name anyway", required=False)

    def __init__(self, *args, preview, **kwargs):
        super().__init__(*args, initial={"preview": preview["id"]}, **kwargs)
        self.preview_id = preview["id"]
        # The rows flagged in the preview; any other number posted is refused.
        self.fields["add_anyway"].choices = [
            (int(number), f"Line {number}") for number in preview["duplicates"]
        ]

    def clean_preview(self):
        if self.cleaned_data["preview"] != self.preview_id:
            raise forms.ValidationError(
                "This page is out of date: a newer list was checked since. Check it again."
            )
        return self.cleaned_data["preview"]


class JoinForm(forms.Form):
    code = JoinCodeField()


class SignupForm(SetPasswordMixin, forms.Form):
    code = JoinCodeField()
    first_name = name_field("First name")
    last_name = name_field("Last name")
    # Whether a username is taken is checked only with a valid join code (in clean), so that
    # anonymous visitors cannot use this form to find out which usernames exist.
    username = UsernameField(
        check_taken=False,
        help_text="Leave blank and we will make one for you from your name, like asmith1.",
    )
    password1, password2 = SetPasswordMixin.create_password_fields(label2="Password again")

    def clean(self):
        data = super().clean()
        if "code" not in data:
            return data  # nothing else is checked without a class to join
        username = data.get("username")
        if username and accounts.existing_usernames(usernames=[username]):
            self.add_error("username", UsernameField.taken_message)
        self.validate_passwords()
        user = get_user_model()(
            username=data.get("username", ""),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
        )
        self.validate_password_for_user(user)
        return data


class QuickLoginForm(forms.Form):
    remember = RememberMeField()
