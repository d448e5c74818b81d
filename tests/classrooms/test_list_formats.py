"""The formats schools paste class lists in: each read, and told apart."""

import pytest

from classrooms.accounts import (
    ListFormat,
    RosterRow,
    detect_format,
    find_duplicates,
    plan_usernames,
    read_roster,
    split_full_name,
)
from tests import factories

pytestmark = pytest.mark.django_db


def names(roster):
    return [(row.row, row.first_name, row.last_name, row.username) for row in roster.rows]


def reasons(roster):
    return [(error.row, error.reason) for error in roster.errors]


# Telling the formats apart


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Smith\nBen Jones\n", ListFormat.NAMES),
        ("Name\nAnna Smith\n", ListFormat.NAMES),
        ("Smith, Anna\nJones, Ben\n", ListFormat.SURNAME_FIRST),
        ("Anna,Smith\nBen,Jones,benj\n", ListFormat.COLUMNS),
        ("Surname, Forename\nSmith, Anna\n", ListFormat.COLUMNS),  # a header names the columns
        ("Anna\tSmith\nBen\tJones\n", ListFormat.COLUMNS),
        ("Smith, Anna\nJones,Ben\n", ListFormat.COLUMNS),  # not every line "Surname, Forename"
        ("Smith, Anna\nBen Jones\n", ListFormat.SURNAME_FIRST),  # line 2 is then a mistake
    ],
)
def test_the_format_is_worked_out_from_the_list(text, expected):
    assert detect_format(text) == expected
    assert read_roster(text).list_format == expected


# One name a line


def test_one_full_name_a_line_is_forename_then_surname():
    roster = read_roster("Anna Smith\r\n\r\n  Ben   Jones \nSiân O'Neill-Brown\n")

    assert roster.errors == []
    assert names(roster) == [
        (1, "Anna", "Smith", ""),
        (3, "Ben", "Jones", ""),
        (4, "Siân", "O'Neill-Brown", ""),
    ]
    assert "Forename Surname" in roster.description


@pytest.mark.parametrize(
    ("name", "first", "last", "note"),
    [
        ("Anna Smith", "Anna", "Smith", ""),
        ("Mary Jane Smith", "Mary Jane", "Smith", "More than two names"),
        ("Ludwig van Beethoven", "Ludwig", "van Beethoven", "“van” is read as part of it"),
        ("Ana Maria de la Cruz", "Ana Maria", "de la Cruz", "“de la” is read as part of it"),
        ("Sean O' Brien", "Sean", "O'Brien", "“O'” is read as part of it"),
        ("Van Morrison", "Van", "Morrison", ""),  # a particle first is a forename
    ],
)
def test_a_longer_name_keeps_the_last_word_and_its_particles_as_the_surname(
    name, first, last, note
):
    got_first, got_last, got_note = split_full_name(name)

    assert (got_first, got_last) == (first, last)
    assert (note in got_note) if note else got_note == ""


def test_a_longer_name_says_how_it_was_split_in_the_row():
    [row] = read_roster("Mary Jane Smith\n").rows

    assert row.note == "More than two names: the last, “Smith”, is read as the surname."


def test_a_line_with_one_name_is_an_error_with_its_line_number():
    roster = read_roster("Anna Smith\nBen\nCara Lee\n")

    assert reasons(roster) == [(2, "Only one name: give the first name and the surname.")]


def test_thirty_names_make_no_errors():
    text = "\n".join(f"Student Number{n}" for n in range(30))

    assert len(read_roster(text).rows) == 30
    assert read_roster(text).errors == []


# Surname, Forename


def test_surname_comma_forename_puts_the_forename_first():
    roster = read_roster("Smith, Anna\nO'Neill-Brown, Siân Mair\n")

    assert roster.errors == []
    assert names(roster) == [(1, "Anna", "Smith", ""), (2, "Siân Mair", "O'Neill-Brown", "")]
    assert "Surname, Forename" in roster.description


def test_surname_first_chosen_by_hand_reports_lines_that_do_not_fit():
    roster = read_roster("Smith,Anna\nBen Jones\nLee, Cara, 10B\n", ListFormat.SURNAME_FIRST)

    assert names(roster)[0] == (1, "Anna", "Smith", "")
    assert reasons(roster) == [
        (2, "No comma: give “Surname, Forename”."),
        (3, "More than one comma: give “Surname, Forename” only."),
    ]


# Columns from a spreadsheet


def test_tab_separated_columns_without_a_header_are_first_name_then_last_name():
    roster = read_roster("Anna\tSmith\nBen\tJones\tbenj\n")

    assert roster.errors == []
    assert names(roster) == [(1, "Anna", "Smith", ""), (2, "Ben", "Jones", "benj")]
    assert "pasted from a spreadsheet, without a header row" in roster.description


def test_columns_without_a_header_can_be_read_surname_first():
    roster = read_roster("Smith\tAnna\n", ListFormat.COLUMNS_SURNAME_FIRST)

    assert names(roster) == [(1, "Anna", "Smith", "")]


@pytest.mark.parametrize(
    "header",
    [
        "Surname\tFirst name\tForm",
        "Family name\tGiven name\tForm",
        "Last name\tForename\tForm",
    ],
)
def test_a_header_names_the_columns_in_either_order(header):
    roster = read_roster(f"{header}\nSmith\tAnna\t10B\nJones\tBen\t10B\n")

    assert roster.errors == []
    assert names(roster) == [(2, "Anna", "Smith", ""), (3, "Ben", "Jones", "")]
    assert "named by the header row" in roster.description


def test_a_name_column_holds_the_whole_name_in_either_order():
    roster = read_roster("Form\tName\n10B\tAnna Smith\n10B\tJones, Ben\n10B\tCara\n")

    assert names(roster) == [
        (2, "Anna", "Smith", ""),
        (3, "Ben", "Jones", ""),
        (4, "Cara", "", ""),
    ]
    assert reasons(roster) == [(4, "Only one name: give the first name and the surname.")]
    assert "the whole name from “Name”" in roster.description


def test_the_csv_upload_reads_as_before():
    roster = read_roster("First name,Last name,Username\r\nAnna,Smith,\r\n".encode("cp1252"))

    assert roster.list_format == ListFormat.COLUMNS
    assert names(roster) == [(2, "Anna", "Smith", "")]


# Names already in the class, and the usernames the preview shows


def test_names_already_in_the_class_or_repeated_in_the_list_are_flagged(teacher):
    classroom = factories.make_classroom(teacher=teacher)
    nina = factories.make_user(username="nbrown1", first_name="Nina", last_name="Brown")
    factories.enrol(classroom, nina)
    factories.make_user(username="ajones1", first_name="Anna", last_name="Jones")  # not enrolled
    rows = [
        RosterRow(1, "nina", "BROWN"),
        RosterRow(2, "Anna", "Jones"),
        RosterRow(3, "Siân", "Lee"),
        RosterRow(4, "Sian", "Lee"),
    ]

    assert find_duplicates(classroom, rows) == {
        1: "Already in the class as nbrown1.",
        4: "Also on line 3 of the list.",
    }


def test_planned_usernames_skip_the_ones_taken(teacher):
    factories.make_user(username="nbrown1")

    usernames, clashes = plan_usernames(
        [RosterRow(1, "Nina", "Brown"), RosterRow(2, "Ned", "Brown")]
    )

    assert (usernames, clashes) == (["nbrown2", "nbrown3"], set())
