import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password

from classrooms import accounts
from classrooms.accounts import (
    RosterRow,
    UsernameTaken,
    create_students,
    make_password,
    make_username,
    parse_roster,
    pick_username,
    reset_password,
    sign_up,
    username_base,
)
from classrooms.models import Enrolment
from tests import factories
from ussr_revision.roles import is_student

User = get_user_model()


def reasons(errors):
    return [(error.row, error.reason) for error in errors]


# Usernames


def test_a_username_base_drops_accents_apostrophes_hyphens_and_spaces():
    assert username_base("Siân", "O'Neill-Brown") == "soneillbrown"
    assert username_base("Zoë", "Van der Berg") == "zvanderberg"
    assert username_base("Łukasz", "Ødegaard") == "lodegaard"


def test_a_username_base_falls_back_when_a_name_has_no_latin_letters():
    assert username_base("Anna", "李") == "anna"
    assert username_base("明", "李") == "student"


def test_a_long_surname_is_cut_so_the_username_fits_30_characters():
    base = username_base("Anna", "Wolfeschlegelsteinhausenbergerdorff")
    assert len(base) == 26
    assert len(pick_username(base, set())) <= 30


def test_the_first_free_number_is_picked_and_remembered():
    taken = {"asmith1", "asmith2"}

    assert pick_username("asmith", taken) == "asmith3"
    assert pick_username("asmith", taken) == "asmith4"
    assert {"asmith3", "asmith4"} <= taken


def test_numbers_go_past_99_only_when_1_to_99_are_taken():
    taken = {f"asmith{n}" for n in range(1, 100)}

    assert pick_username("asmith", taken) == "asmith100"


@pytest.mark.django_db
def test_a_username_avoids_the_database_in_any_case():
    factories.make_user(username="asmith1")
    factories.make_user(username="ASmith2")

    assert make_username("Anna", "Smith", set()) == "asmith3"


@pytest.mark.django_db
def test_usernames_made_for_one_batch_do_not_clash():
    taken = set()

    first = make_username("Anna", "Smith", taken)
    second = make_username("Adam", "Smith", taken)

    assert (first, second) == ("asmith1", "asmith2")


@pytest.mark.django_db
def test_a_username_made_from_an_accented_name_is_plain_ascii():
    assert make_username("Siân", "O'Neill-Brown", set()) == "soneillbrown1"


# Passwords


def test_a_password_is_three_words_and_two_digits():
    assert re.fullmatch(r"[a-z]+-[a-z]+-[a-z]+-\d\d", make_password())


@pytest.mark.django_db
def test_a_password_passes_the_password_validators():
    student = User(username="asmith1", first_name="Anna", last_name="Smith")
    for _ in range(20):
        validate_password(make_password(student), student)


def test_passwords_differ():
    assert len({make_password() for _ in range(200)}) == 200


def test_the_word_list_is_long_enough_for_about_32_bits():
    assert len(accounts.WORDS) >= 300
    assert all(re.fullmatch(r"[a-z]{3,7}", word) for word in accounts.WORDS)


# Class lists


@pytest.mark.django_db
def test_a_list_without_a_header_is_first_name_last_name_username():
    rows, errors = parse_roster("Anna,Smith\nBen,Jones,BJones\n")

    assert errors == []
    assert rows == [RosterRow(1, "Anna", "Smith", ""), RosterRow(2, "Ben", "Jones", "bjones")]


@pytest.mark.django_db
def test_a_header_row_is_skipped_and_counted_in_row_numbers():
    rows, errors = parse_roster("First name,Last name,Username\nAnna,Smith,\n,Jones\n")

    assert [row.row for row in rows] == [2, 3]
    assert reasons(errors) == [(3, "First name is missing.")]


@pytest.mark.django_db
def test_a_header_can_put_the_surname_first_and_add_other_columns():
    rows, errors = parse_roster("Surname,Forename,Reg group\nSmith,Anna,10B\n")

    assert errors == []
    assert rows == [RosterRow(2, "Anna", "Smith", "")]


@pytest.mark.django_db
@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_commas_semicolons_and_tabs_all_separate_columns(separator):
    rows, errors = parse_roster(separator.join(["Anna", "Smith", "asmith"]))

    assert errors == []
    assert rows == [RosterRow(1, "Anna", "Smith", "asmith")]


@pytest.mark.django_db
def test_a_bom_crlf_blank_lines_and_spaces_are_tolerated():
    text = "\ufeffFirst name;Last name\r\n\r\n  Siân ;  O'Neill-Brown \r\n ; \r\nBen;Jones\r\n"

    rows, errors = parse_roster(text)

    assert errors == []
    assert rows == [RosterRow(3, "Siân", "O'Neill-Brown", ""), RosterRow(5, "Ben", "Jones", "")]


@pytest.mark.django_db
def test_an_uploaded_file_may_be_utf8_with_bom_windows_1252_or_utf16():
    for data in [
        "Siân,Jones".encode("utf-8-sig"),
        "Siân,Jones".encode("cp1252"),
        "Siân\tJones".encode("utf-16"),
    ]:
        rows, errors = parse_roster(data)
        assert (errors, rows) == ([], [RosterRow(1, "Siân", "Jones", "")])


def test_a_file_that_is_not_text_is_refused():
    rows, errors = parse_roster(b"PK\x03\x04\x00\x00binary spreadsheet")

    assert rows == []
    assert reasons(errors) == [
        (None, "This is not text: save the list from your spreadsheet as CSV.")
    ]


@pytest.mark.django_db
def test_an_empty_list_is_an_error():
    assert reasons(parse_roster("\n  \n")[1]) == [(None, "There are no students in the list.")]
    assert reasons(parse_roster("First name,Last name\n")[1]) == [
        (None, "There are no students in the list.")
    ]


@pytest.mark.django_db
def test_every_bad_row_is_reported_with_its_number():
    factories.make_user(username="Taken1")
    text = "\n".join(
        [
            "Anna,Smith",
            "Ben,",
            "x" * 151 + ",Jones",
            "Cara,Lee,cara lee",
            "Dan,Roe,taken1",
            "Eve,Poe,evep",
            "Fay,Day,EVEP",
            "Gus,Ray,g,extra",
        ]
    )

    rows, errors = parse_roster(text)

    assert len(rows) == 8
    assert reasons(errors) == [
        (2, "Last name is missing."),
        (3, "First name is longer than 150 characters."),
        (4, "Username “cara lee” can only use letters, numbers and @ . + - _ (no spaces)."),
        (5, "Username “taken1” is already taken."),
        (7, "Username “evep” is also on row 6."),
        (8, "Too many columns: give first name, last name and (optionally) a username."),
    ]


@pytest.mark.django_db
def test_more_than_60_students_is_an_error_but_the_rows_are_still_checked():
    text = "\n".join(f"Student,Number{n}" for n in range(1, 202)) + "\nNo surname,"

    rows, errors = parse_roster(text)

    assert len(rows) == 202
    assert reasons(errors) == [
        (61, "More than 60 students: split the list."),
        (202, "Last name is missing."),
    ]


@pytest.mark.django_db
def test_checking_usernames_takes_one_query_however_long_the_list(django_assert_num_queries):
    text = "\n".join(f"Student,Number{n},user{n}" for n in range(1, 51))

    with django_assert_num_queries(1):
        rows, errors = parse_roster(text)

    assert (len(rows), errors) == (50, [])


# Creating accounts


@pytest.mark.django_db
def test_creating_students_makes_enrolled_accounts_with_working_passwords(empty_classroom):
    factories.make_user(username="asmith1")
    rows = [
        RosterRow(1, "Anna", "Smith"),
        RosterRow(2, "Adam", "Smith"),
        RosterRow(3, "Ben", "Jones", "benj"),
    ]

    slips = create_students(classroom=empty_classroom, rows=rows)

    assert [(s["name"], s["username"]) for s in slips] == [
        ("Anna Smith", "asmith2"),
        ("Adam Smith", "asmith3"),
        ("Ben Jones", "benj"),
    ]
    for slip in slips:
        student = User.objects.get(username=slip["username"])
        assert student.check_password(slip["password"])
        assert is_student(student)
        assert Enrolment.objects.filter(classroom=empty_classroom, student=student).exists()
    assert User.objects.get(username="benj").get_full_name() == "Ben Jones"


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 30])
def test_creating_students_takes_the_same_queries_whatever_the_class_size(
    django_assert_num_queries, empty_classroom, size
):
    # Usernames are checked, and accounts, roles, enrolments and QR sign-ins inserted, in one
    # query each.
    rows = [RosterRow(n, "Student", f"Number{n}") for n in range(size)]

    with django_assert_num_queries(11):
        create_students(classroom=empty_classroom, rows=rows)


@pytest.mark.django_db
def test_a_username_taken_after_the_check_rolls_everything_back(empty_classroom, monkeypatch):
    existing = factories.make_user(username="benj", password="old-password-1")
    before = User.objects.count()
    # As if another request made "benj" between our check and our insert.
    monkeypatch.setattr(accounts, "existing_usernames", lambda **kwargs: set())
    rows = [RosterRow(1, "Anna", "Smith"), RosterRow(2, "Ben", "Jones", "benj")]

    with pytest.raises(UsernameTaken):
        create_students(classroom=empty_classroom, rows=rows)

    assert User.objects.count() == before
    assert not Enrolment.objects.exists()
    existing.refresh_from_db()
    assert existing.check_password("old-password-1")
    assert existing.get_full_name() == ""


@pytest.mark.django_db
def test_a_username_taken_in_another_case_after_the_check_rolls_back(empty_classroom, monkeypatch):
    factories.make_user(username="BenJ")
    before = User.objects.count()
    monkeypatch.setattr(accounts, "existing_usernames", lambda **kwargs: set())

    with pytest.raises(UsernameTaken):
        create_students(classroom=empty_classroom, rows=[RosterRow(1, "Ben", "Jones", "benj")])

    assert User.objects.count() == before


@pytest.mark.django_db
def test_an_existing_username_is_refused_without_touching_the_account(empty_classroom):
    existing = factories.make_user(username="BenJ", password="old-password-1")

    with pytest.raises(UsernameTaken):
        create_students(classroom=empty_classroom, rows=[RosterRow(1, "Ben", "Jones", "benj")])

    existing.refresh_from_db()
    assert existing.check_password("old-password-1")
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_resetting_a_password_replaces_the_old_one(student):
    password = reset_password(student)

    student.refresh_from_db()
    assert student.check_password(password)
    assert not student.check_password("correct-horse-battery")


@pytest.mark.django_db
def test_signing_up_makes_an_enrolled_student_with_a_made_up_username(empty_classroom):
    student = sign_up(
        classroom=empty_classroom,
        first_name="Siân",
        last_name="O'Neill",
        username="",
        password="a-good-long-secret",
    )

    assert student.username == "soneill1"
    assert student.check_password("a-good-long-secret")
    assert is_student(student)
    assert list(empty_classroom.students.all()) == [student]
