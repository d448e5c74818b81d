from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordMixin

from classrooms import accounts
from classrooms.models import Classroom
from ussr_revision.forms import RememberMeField

MAX_UPLOAD_BYTES = 1_000_000  # 200 students fit in a tenth of this


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
    row_errors = ()  # RosterError for each bad row, once cleaned

    roster = forms.CharField(
        label="Paste the list",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text="One student a line: first name, last name, and a username if you want one. "
        "Copy the columns straight from a spreadsheet.",
    )
    file = forms.FileField(
        label="Or upload a CSV file",
        required=False,
        widget=forms.FileInput(attrs={"accept": ".csv,.txt,text/csv,text/plain"}),
    )

    def clean(self):
        data = super().clean()
        text, upload = data.get("roster", "").strip(), data.get("file")
        if text and upload:
            raise forms.ValidationError("Paste a list or upload a file, not both.")
        if not text and not upload:
            raise forms.ValidationError("Paste a list or upload a file.")
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("That file is too big for a class list.")
        rows, self.row_errors = accounts.parse_roster(upload.read() if upload else text)
        if self.row_errors:
            raise forms.ValidationError("Nothing was added: fix the rows listed and try again.")
        data["rows"] = rows
        return data


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
