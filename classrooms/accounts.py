"""Student accounts made by teachers: usernames, passwords, class lists and login slips.

Many students have no e-mail address, so a teacher makes their accounts and hands out slips with
a username and a password. Passwords are never stored in clear: the slips are shown once.
"""

import csv
import io
import itertools
import re
import secrets
import string
import unicodedata
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower

from classrooms.models import Enrolment
from classrooms.quick_login import issue_token, issue_tokens
from ussr_revision.roles import Role, grant_role_to_all

MAX_ROWS = 60  # a class or two, made in a background job (classrooms.tasks)
MAX_NAME_LENGTH = 150  # the User model's first_name and last_name
MAX_USERNAME_LENGTH = 150  # the User model's username, for usernames a teacher chooses
GENERATED_USERNAME_LENGTH = 30
# Room for a four-digit number, in the unlikely case that 1-99 are all taken.
USERNAME_BASE_LENGTH = GENERATED_USERNAME_LENGTH - 4


class UsernameTaken(Exception):
    """Someone took a username between our check and the insert; nothing was created."""


# Usernames


# Letters that Unicode does not decompose into a base letter plus an accent.
_TRANSLITERATIONS = str.maketrans(
    {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


def ascii_letters(name):
    """Lower-case a-z only: "Siân O'Neill-Brown" -> "sianoneillbrown"."""
    decomposed = unicodedata.normalize("NFKD", name.lower().translate(_TRANSLITERATIONS))
    return "".join(c for c in decomposed if c in string.ascii_lowercase)


def username_base(first_name, last_name):
    first, last = ascii_letters(first_name), ascii_letters(last_name)
    base = first[:1] + last if last else first
    return base[:USERNAME_BASE_LENGTH] or "student"


def pick_username(base, taken):
    """The first of base1, base2, ... not in `taken` (lower case); it is added to `taken`."""
    for number in itertools.count(1):
        candidate = f"{base}{number}"
        if candidate not in taken:
            taken.add(candidate)
            return candidate


def existing_usernames(*, usernames=(), bases=()):
    """Lower-cased usernames in the database equal to one of `usernames` or starting with a base.

    One query, however many names: creating a class of 30 must not cost 30 look-ups.
    """
    usernames, bases = {u.lower() for u in usernames}, set(bases)
    if not usernames and not bases:
        return set()
    condition = Q(lower__in=usernames)
    for base in bases:
        condition |= Q(lower__startswith=base)
    found = get_user_model().objects.annotate(lower=Lower("username")).filter(condition)
    return {name.lower() for name in found.values_list("username", flat=True)}


def make_username(first_name, last_name, taken):
    """A readable username ("asmith7") unique against `taken` and the database (any case).

    `taken` is a set of lower-case usernames; the new one is added to it, so a loop can call this
    for a whole class. Each call asks the database once: `create_students` batches instead.
    """
    base = username_base(first_name, last_name)
    taken.update(existing_usernames(bases=[base]))
    return pick_username(base, taken)


def username_problem(username):
    """Why a username someone chose cannot be used (format only), or None."""
    if len(username) > MAX_USERNAME_LENGTH:
        return f"Username is longer than {MAX_USERNAME_LENGTH} characters."
    try:
        # ASCII only: usernames are typed on phones, and compared without case in the database.
        ASCIIUsernameValidator()(username)
    except ValidationError:
        return f"Username “{username}” can only use letters, numbers and @ . + - _ (no spaces)."
    return None


# Passwords


# Short, common, friendly words: easy to read off a slip and type on a phone.
_WORD_TEXT = """
        acorn amber anchor apple arch arrow atlas badge bagel bake ball banjo barn basil basket
        beach beam bean bear bell bench berry birch bird blue boat bolt book boot bowl brave
        bread brick bridge brook brush bucket bugle bus cabin cactus cake calm camel camp candle
        canoe canyon cape card cargo carrot castle cedar chalk cherry chess chip circle clay cliff
        clock cloud clover coast cocoa coin comet copper coral cosy cotton crab crane crayon
        creek crisp crown cube cup daisy dawn deer desk dice dingo disco dolphin dome door dove
        dragon drum duck dune eagle easel echo eel elbow elk ember emu fable falcon fern ferry
        field fig finch fire flag flame flute foam forest fort fossil fox frog frost fudge gala
        garden gate gecko gem giant glade glove goat gold grape grass gull hammer harbour hare
        harp hawk hazel heron hill hippo honey hoop horse hut igloo iris island ivy jacket jade
        jam jar jelly jet jigsaw jolly judo juice jumbo kayak kettle key kind kite kiwi koala
        ladder lake lamp lantern lark laser lava leaf lemon lilac lily lime linen lion llama lobby
        lotus lucky lunar lynx magnet mango maple marble market meadow melon mint mitten moon
        moose moss moth muffin mug museum nectar nest noble noodle north oak oasis ocean
        olive onion opal orange orbit otter owl paddle palm panda paper parade parcel parrot pasta
        peach peak pear pearl pebble pencil penguin pepper petal piano picnic pilot pine planet
        plum pocket polar pond poppy potato prism puffin pumpkin puzzle quail quartz quest quiet
        quilt rabbit radar radio rain raven reef ribbon ridge river robin robot rocket rose ruby
        rugby sail salad salmon sandal satin scarf school seal seed shell sheep shore silver
        skate sky sled snow sock sofa solar spark spider spoon spring squid star stone stork storm
        summer sun swan swift table tango teal tent thistle thunder tiger timber toast token
        torch tower train tulip tuna tunnel turtle unicorn valley velvet violet voyage
        waffle wagon walnut walrus warm wave whale wheat wheel willow window winter wizard wolf
        wombat yacht yak yellow yoghurt zebra zero zest
"""
WORDS = sorted(set(_WORD_TEXT.split()))


def make_password(user=None):
    """Three words and two digits ("river-tiger-lamp-42"): about 32 bits from `secrets`.

    Checked with the project's password validators (against `user`'s names when given).
    """
    for _ in range(20):
        words = [secrets.choice(WORDS) for _ in range(3)]
        password = "-".join([*words, f"{secrets.randbelow(100):02d}"])
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password
    raise RuntimeError("Generated passwords keep failing AUTH_PASSWORD_VALIDATORS.")


# Class lists


@dataclass(frozen=True)
class RosterRow:
    row: int
    first_name: str
    last_name: str
    username: str = ""

    @property
    def name(self):
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class RosterError:
    row: int | None  # None: the whole list
    reason: str


@dataclass(frozen=True)
class Columns:
    first_name: int
    last_name: int
    username: int | None


POSITIONAL = Columns(0, 1, 2)
FIRST_HEADINGS = {"first", "firstname", "firstnames", "forename", "forenames", "givenname"}
LAST_HEADINGS = {"last", "lastname", "surname", "familyname"}
USERNAME_HEADINGS = {"username", "user", "login"}


def decode(data):
    """Text from an uploaded file, or None when it is not text (a spreadsheet, an image)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        encodings = ["utf-16"]
    elif b"\x00" in data:
        return None
    else:
        # Excel on Windows saves CSV in Windows-1252; the few bytes it leaves undefined fail.
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return None


def header_columns(cells):
    """Where the columns are, when `cells` is a header row; None when it is a student."""
    headings = [re.sub(r"[^a-z]", "", cell.lower()) for cell in cells]

    def find(names):
        return next((i for i, heading in enumerate(headings) if heading in names), None)

    first, last, username = find(FIRST_HEADINGS), find(LAST_HEADINGS), find(USERNAME_HEADINGS)
    if first is None and last is None:
        return None
    if username is None and (len(headings) < 3 or not headings[2]):
        username = 2  # an unnamed third column is the optional username, as without a header
    return Columns(
        first_name=first if first is not None else 0,
        last_name=last if last is not None else 1,
        username=username,
    )


def parse_roster(text):
    """Students from pasted or uploaded CSV: first name, last name, optional username.

    Returns (rows, errors). Every row is checked (including usernames against the database, in
    one query) so that a teacher sees all problems at once; callers create nothing if there are
    errors. Row numbers are the lines of the file, as a spreadsheet numbers them.
    """
    if isinstance(text, bytes):
        text = decode(text)
    if text is None or "\x00" in text:
        return [], [
            RosterError(None, "This is not text: save the list from your spreadsheet as CSV.")
        ]
    text = text.removeprefix("\ufeff")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    rows, errors, columns = [], [], None
    seen = {}  # lower-case username -> row number
    for cells in reader:
        number = reader.line_num
        cells = [" ".join(cell.split()) for cell in cells]
        if not any(cells):
            continue
        if columns is None:
            columns = header_columns(cells)
            if columns is not None:
                continue
            columns = POSITIONAL
        if len(rows) == MAX_ROWS:
            errors.append(RosterError(number, f"More than {MAX_ROWS} students: split the list."))
        row, row_errors = parse_row(number, cells, columns, seen)
        rows.append(row)
        errors.extend(row_errors)

    if not rows:
        errors.append(RosterError(None, "There are no students in the list."))
    taken = existing_usernames(usernames=seen)
    errors.extend(
        RosterError(row.row, f"Username “{row.username}” is already taken.")
        for row in rows
        if row.username and row.username in taken
    )
    errors.sort(key=lambda error: error.row or 0)
    return rows, errors


def parse_row(number, cells, columns, seen):
    def cell(index):
        return cells[index] if index is not None and index < len(cells) else ""

    first_name, last_name = cell(columns.first_name), cell(columns.last_name)
    username = cell(columns.username).lower()
    row = RosterRow(number, first_name, last_name, username)
    errors = []
    if columns is POSITIONAL and sum(1 for c in cells if c) > 3:
        errors.append(
            RosterError(
                number, "Too many columns: give first name, last name and (optionally) a username."
            )
        )
    for label, value in [("First name", first_name), ("Last name", last_name)]:
        if not value:
            errors.append(RosterError(number, f"{label} is missing."))
        elif len(value) > MAX_NAME_LENGTH:
            errors.append(
                RosterError(number, f"{label} is longer than {MAX_NAME_LENGTH} characters.")
            )
    if username:
        if problem := username_problem(username):
            errors.append(RosterError(number, problem))
        elif username in seen:
            errors.append(
                RosterError(number, f"Username “{username}” is also on row {seen[username]}.")
            )
        else:
            seen[username] = number
    return row, errors


# Creating accounts


def create_students(*, classroom, rows, progress=None):
    """Accounts for `rows` (RosterRow), enrolled in `classroom`, all or none.

    Returns login slips: [{"name", "username", "password", "token"}] (`token`: the QR sign-in).
    Usernames the rows give are used as they are; the rest are made up. The passwords are
    hashed first, outside the transaction, calling `progress(number_done)` after each one (a
    background job shows a progress bar); the accounts are then saved in one transaction. An
    existing account is never touched: if a username turns out to be taken (another request
    made it after the list was checked), everything is rolled back and UsernameTaken is raised.
    """
    User = get_user_model()
    given = [row.username.lower() for row in rows if row.username]
    bases = {username_base(r.first_name, r.last_name) for r in rows if not r.username}
    taken = existing_usernames(usernames=given, bases=bases)
    if taken.intersection(given):
        raise UsernameTaken(", ".join(sorted(taken.intersection(given))))
    taken.update(given)
    students, slips = [], []
    for done, row in enumerate(rows, start=1):
        username = row.username.lower() or pick_username(
            username_base(row.first_name, row.last_name), taken
        )
        student = User(username=username, first_name=row.first_name, last_name=row.last_name)
        password = make_password(student)
        student.set_password(password)
        students.append(student)
        slips.append({"name": row.name, "username": username, "password": password})
        if progress is not None:
            progress(done)
    try:
        with transaction.atomic():
            saved = save_new_students(classroom, students)
            tokens = issue_tokens(saved)
    except IntegrityError as error:
        raise UsernameTaken(str(error)) from error
    token_for = {student.username: tokens[student.pk] for student in saved}
    return [{**slip, "token": token_for[slip["username"]]} for slip in slips]


def sign_up(*, classroom, first_name, last_name, username, password):
    """A student signing themselves up with a join code: account, role and enrolment."""
    User = get_user_model()
    try:
        with transaction.atomic():
            username = username.lower() or make_username(first_name, last_name, set())
            student = User(username=username, first_name=first_name, last_name=last_name)
            student.set_password(password)
            [student] = save_new_students(classroom, [student])
    except IntegrityError as error:
        raise UsernameTaken(username) from error
    return student


def save_new_students(classroom, students):
    """Insert, give the student role and enrol; call inside a transaction."""
    User = get_user_model()
    User.objects.bulk_create(students)
    # The database only refuses exact duplicates; a clash in another case made since we looked
    # (ASmith1 against asmith1) shows up as extra matches, and rolls everything back.
    lowered = [s.username.lower() for s in students]
    matches = User.objects.annotate(lower=Lower("username")).filter(lower__in=lowered)
    if matches.count() != len(students):
        raise UsernameTaken(", ".join(lowered))
    students = list(User.objects.filter(username__in=[s.username for s in students]))
    grant_role_to_all(students, Role.STUDENT)
    Enrolment.objects.bulk_create(Enrolment(classroom=classroom, student=s) for s in students)
    return students


def reset_password(student):
    password = make_password(student)
    student.set_password(password)
    student.save(update_fields=["password"])
    return password


def reset_sign_in(student):
    """A new password and a new QR sign-in (the old slip's code stops working too)."""
    with transaction.atomic():
        password = reset_password(student)
        token = issue_token(student)
    return {"password": password, "token": token}
