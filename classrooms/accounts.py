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
from django.db.models import Q, TextChoices
from django.db.models.functions import Lower

from classrooms.models import Enrolment
from classrooms.quick_login import issue_token, issue_tokens
from ussr_revision.roles import Role, grant_role_to_all

MAX_ROWS = 60  # a class or two, made in a background job (classrooms.tasks)
# A class list, pasted (characters) or uploaded (bytes): 60 students fit in a tenth of this, and it
# stays under the csv module's field limit (131,072), which a stray quote would otherwise hit.
MAX_LIST_SIZE = 100_000
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
    note: str = ""  # how a name was read, when it could have been read another way

    @property
    def name(self):
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class RosterError:
    row: int | None  # None: the whole list
    reason: str


class ListFormat(TextChoices):
    """How a pasted or uploaded class list is laid out; AUTO works it out from the list."""

    AUTO = "auto", "Work it out from the list"
    NAMES = "names", "One name a line: Forename Surname"
    SURNAME_FIRST = "surname_first", "One name a line: Surname, Forename"
    COLUMNS = "columns", "Columns: first name, last name, username"
    COLUMNS_SURNAME_FIRST = "columns_surname_first", "Columns: last name, first name, username"


@dataclass(frozen=True)
class Roster:
    rows: list
    errors: list
    list_format: str  # a ListFormat, never AUTO once read
    description: str  # how the list was read, in words, for the preview


@dataclass(frozen=True)
class Columns:
    first_name: int | None
    last_name: int | None
    username: int | None
    full_name: int | None = None  # one "Name" column holding the whole name
    header: tuple = ()  # the header row's cells, when there is one


POSITIONAL = Columns(0, 1, 2)
POSITIONAL_SURNAME_FIRST = Columns(1, 0, 2)
FIRST_HEADINGS = {"first", "firstname", "firstnames", "forename", "forenames", "givenname"}
FIRST_HEADINGS |= {"givennames", "preferredname", "preferredforename", "legalforename"}
LAST_HEADINGS = {"last", "lastname", "surname", "familyname", "legalsurname"}
USERNAME_HEADINGS = {"username", "user", "login"}
NAME_HEADINGS = {"name", "names", "fullname", "studentname", "pupilname", "studentsname"}
# Words that belong to the surname that follows them: "Ludwig van Beethoven", "Ana de la Cruz".
SURNAME_PARTICLES = {
    "al", "bin", "binti", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos",
    "du", "el", "ibn", "la", "le", "mac", "mc", "o'", "o’", "st", "st.", "ten", "ter", "van",
    "von",
}  # fmt: skip
NOT_TEXT = "This is not text: save the list from your spreadsheet as CSV."


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


def heading_key(cell):
    return re.sub(r"[^a-z]", "", cell.lower())


def header_columns(cells):
    """Where the columns are, when `cells` is a header row; None when it is a student."""
    headings = [heading_key(cell) for cell in cells]

    def find(names):
        return next((i for i, heading in enumerate(headings) if heading in names), None)

    first, last, username = find(FIRST_HEADINGS), find(LAST_HEADINGS), find(USERNAME_HEADINGS)
    if first is None and last is None:
        full = find(NAME_HEADINGS)
        if full is None:
            return None
        return Columns(None, None, username, full_name=full, header=tuple(cells))
    if username is None and (len(headings) < 3 or not headings[2]):
        username = 2  # an unnamed third column is the optional username, as without a header
    return Columns(
        first_name=first if first is not None else 0,
        last_name=last if last is not None else 1,
        username=username,
        header=tuple(cells),
    )


def split_full_name(name):
    """(first name, last name, note) from "Forename Surname"; the note says how a longer name
    was split. The last word is the surname, with any particles before it ("van", "de la")."""
    words = name.split()
    if len(words) < 2:
        return name, "", ""
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in SURNAME_PARTICLES:
        start -= 1
    first, surname = words[:start], words[start:]
    # "O' Neill" is "O'Neill" typed with a space.
    last = re.sub(r"\b([Oo]['’]) (?=\S)", r"\1", " ".join(surname))
    note = ""
    if len(surname) > 1:
        note = f"Surname “{last}”: “{' '.join(surname[:-1])}” is read as part of it."
    elif len(first) > 1:
        note = f"More than two names: the last, “{last}”, is read as the surname."
    return " ".join(first), last, note


def split_surname_first(cell):
    """(first name, last name) from "Surname, Forename"."""
    last, _, first = cell.partition(",")
    return " ".join(first.split()), " ".join(last.split())


def name_cell(number, cell, username=""):
    """A row from one cell holding a whole name, in either order; (RosterRow, problems)."""
    if "," in cell:
        first, last = split_surname_first(cell)
        note = "Read as “Surname, Forename”."
    else:
        first, last, note = split_full_name(cell)
    problems = []
    if first and not last:
        problems.append("Only one name: give the first name and the surname.")
    return RosterRow(number, first, last, username, note), problems


def first_line(text):
    return next((line for line in text.splitlines() if line.strip()), "")


def column_delimiter(line):
    counts = {delimiter: line.count(delimiter) for delimiter in [",", ";", "\t"]}
    delimiter = max(counts, key=counts.get)
    return delimiter if counts[delimiter] else None


def detect_format(text):
    """The likeliest ListFormat for `text` (never AUTO).

    No commas, semicolons or tabs: one name a line. A header row: columns, named by it. Every
    line with a comma "Word, Word" (one comma, then a space): a school system's "Surname,
    Forename".
    Otherwise columns, first name first, as a spreadsheet saved as CSV has them.
    """
    line = first_line(text)
    delimiter = column_delimiter(line)
    if delimiter is None:
        return ListFormat.NAMES
    if header_columns(next(csv.reader([line], delimiter=delimiter))) is not None:
        return ListFormat.COLUMNS
    # Lines without a comma then show up as mistakes ("No comma"), not as columns.
    lines = [line for line in text.splitlines() if "," in line]
    if delimiter == "," and all(line.count(",") == 1 and ", " in line for line in lines):
        return ListFormat.SURNAME_FIRST
    return ListFormat.COLUMNS


def read_names(text):
    """One whole name a line (either order, by whether it has a comma); a "Name" heading is
    skipped."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = " ".join(line.split())
        if not line or (not found and heading_key(line) in NAME_HEADINGS):
            continue
        found.append(name_cell(number, line))
    return found


def read_surname_first(text):
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        first, last = split_surname_first(line)
        problems = []
        if "," in first:
            problems.append("More than one comma: give “Surname, Forename” only.")
        elif "," not in line:
            problems.append("No comma: give “Surname, Forename”.")
        found.append((RosterRow(number, first, last), problems))
    return found


def read_columns(text, positional):
    """Columns split by commas, semicolons or tabs; a header row names them. Returns
    (found, columns used)."""
    delimiter = column_delimiter(first_line(text)) or ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found, columns = [], None
    try:
        return _read_rows(reader, found, columns, positional)
    except csv.Error as error:
        raise UnreadableLine(reader.line_num) from error


def _read_rows(reader, found, columns, positional):
    for cells in reader:
        number = reader.line_num
        cells = [" ".join(cell.split()) for cell in cells]
        if not any(cells):
            continue
        if columns is None:
            columns = header_columns(cells)
            if columns is not None:
                continue
            columns = positional
        found.append(column_row(number, cells, columns))
    return found, columns or positional


def column_row(number, cells, columns):
    def cell(index):
        return cells[index] if index is not None and index < len(cells) else ""

    username = cell(columns.username).lower()
    if columns.full_name is not None:
        return name_cell(number, cell(columns.full_name), username)
    problems = []
    if not columns.header and sum(1 for c in cells if c) > 3:
        problems.append("Too many columns: give first name, last name and (optionally) a username.")
    row = RosterRow(number, cell(columns.first_name), cell(columns.last_name), username)
    return row, problems


def describe_columns(columns, text):
    where = "pasted from a spreadsheet" if "\t" in first_line(text) else "separated by commas"
    if not columns.header:
        order = "last name, first name" if columns.first_name == 1 else "first name, last name"
        return f"Columns {where}, without a header row: {order}, then a username if given."

    def heading(index):
        return f"“{columns.header[index]}”"

    if columns.full_name is not None:
        named = f"the whole name from {heading(columns.full_name)}"
    else:
        named = (
            f"first name from {heading(columns.first_name)}"
            if (columns.first_name < len(columns.header))
            else "first name from the first column"
        )
        named += (
            f", last name from {heading(columns.last_name)}"
            if (columns.last_name < len(columns.header))
            else ", last name from the second column"
        )
    return f"Columns {where}, named by the header row: {named}."


DESCRIPTIONS = {
    ListFormat.NAMES: "One name a line, “Forename Surname”: the last word is the surname.",
    ListFormat.SURNAME_FIRST: "One name a line, “Surname, Forename”, as school systems export it.",
}


def as_text(data):
    if isinstance(data, bytes):
        data = decode(data)
    if data is None or "\x00" in data:
        return None
    return data.removeprefix("\ufeff")


class UnreadableLine(Exception):
    """A line the csv module cannot read (a stray quote running past its field limit)."""

    def __init__(self, line):
        super().__init__(line)
        self.line = line


def read_roster(data, list_format=ListFormat.AUTO):
    """A class list, pasted or uploaded, in any ListFormat: its rows, every problem, and how it
    was read.

    Every row is checked (including usernames against the database, in one query) so that a
    teacher sees all problems at once; callers create nothing if there are errors. Row numbers
    are the lines of the text, as a spreadsheet numbers them.
    """
    text = as_text(data)
    if text is None:
        return Roster([], [RosterError(None, NOT_TEXT)], ListFormat.AUTO, "")
    try:
        list_format, found, description = _read(text, list_format)
    except UnreadableLine as error:  # a malformed file; the size limit keeps most of these away
        problem = f"This line can't be read as CSV ({error.__cause__}): check for a stray quote."
        return Roster([], [RosterError(error.line, problem)], list_format, "")
    rows, errors = check_rows(found)
    return Roster(rows, errors, list_format, description)


def _read(text, list_format):
    if list_format == ListFormat.AUTO:
        try:
            list_format = detect_format(text)
        except csv.Error as error:
            raise UnreadableLine(1) from error
    if list_format == ListFormat.NAMES:
        return list_format, read_names(text), DESCRIPTIONS[ListFormat.NAMES]
    if list_format == ListFormat.SURNAME_FIRST:
        return list_format, read_surname_first(text), DESCRIPTIONS[ListFormat.SURNAME_FIRST]
    positional = (
        POSITIONAL_SURNAME_FIRST if list_format == ListFormat.COLUMNS_SURNAME_FIRST else POSITIONAL
    )
    found, columns = read_columns(text, positional)
    return list_format, found, describe_columns(columns, text)


def parse_roster(data, list_format=ListFormat.AUTO):
    """(rows, errors) of read_roster."""
    roster = read_roster(data, list_format)
    return roster.rows, roster.errors


def check_rows(found):
    """(rows, errors) from (RosterRow, layout problems) pairs: the checks every format shares."""
    rows, errors = [], []
    seen = {}  # lower-case username -> row number
    for row, problems in found:
        if len(rows) == MAX_ROWS:
            errors.append(RosterError(row.row, f"More than {MAX_ROWS} students: split the list."))
        rows.append(row)
        errors.extend(RosterError(row.row, problem) for problem in problems)
        errors.extend(
            RosterError(row.row, problem) for problem in row_problems(row, seen, problems)
        )
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


def row_problems(row, seen, layout_problems):
    problems = []
    for label, value in [("First name", row.first_name), ("Last name", row.last_name)]:
        if not value and not layout_problems:
            problems.append(f"{label} is missing.")
        elif len(value) > MAX_NAME_LENGTH:
            problems.append(f"{label} is longer than {MAX_NAME_LENGTH} characters.")
    if row.username:
        if problem := username_problem(row.username):
            problems.append(problem)
        elif row.username in seen:
            problems.append(f"Username “{row.username}” is also on row {seen[row.username]}.")
        else:
            seen[row.username] = row.row
    return problems


# Names already in the class


def name_key(first_name, last_name):
    """A name compared without case, accents or extra spaces: "Siân  Jones" = "sian jones"."""
    name = unicodedata.normalize("NFKD", f"{first_name} {last_name}".casefold())
    return " ".join("".join(c for c in name if not unicodedata.combining(c)).split())


def find_duplicates(classroom, rows):
    """{row number: why} for rows whose name is already in the class, or earlier in the list.

    One query. A duplicate is usually the same student pasted twice, so the preview skips it
    unless the teacher says otherwise (two students of one name do happen).
    """
    enrolled = classroom.students.values_list("first_name", "last_name", "username")
    in_class = {name_key(first, last): username for first, last, username in enrolled}
    flags, seen = {}, {}
    for row in rows:
        key = name_key(row.first_name, row.last_name)
        if key in in_class:
            flags[row.row] = f"Already in the class as {in_class[key]}."
        elif key in seen:
            flags[row.row] = f"Also on line {seen[key]} of the list."
        else:
            seen[key] = row.row
    return flags


# Creating accounts


def plan_usernames(rows):
    """(the username of each row, given usernames already taken), in one query.

    The preview shows these, and create_students makes them: the two agree unless someone
    else makes an account in between."""
    given = [row.username.lower() for row in rows if row.username]
    bases = {username_base(r.first_name, r.last_name) for r in rows if not r.username}
    taken = existing_usernames(usernames=given, bases=bases)
    clashes = taken.intersection(given)
    taken.update(given)
    usernames = [
        row.username.lower() or pick_username(username_base(row.first_name, row.last_name), taken)
        for row in rows
    ]
    return usernames, clashes


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
    usernames, clashes = plan_usernames(rows)
    if clashes:
        raise UsernameTaken(", ".join(sorted(clashes)))
    students, slips = [], []
    for done, (row, username) in enumerate(zip(rows, usernames, strict=True), start=1):
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
