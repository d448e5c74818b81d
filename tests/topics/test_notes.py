import codecs
import dataclasses
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from topics.notes import Card, Group, Notes, NotesError, Point, parse_notes

NOTES_FILE = Path(__file__).resolve().parents[2] / "topics/content/aqa-stalin-ussr-1924-1941.txt"
TUDORS_FILE = Path(__file__).parent / "data/tudors-1485-1603.txt"

# Hand-checked against the file: the headings of every card, joined where the notes stack two.
HEADINGS = {
    1: ["Civil war 1918-21", "Policies introduced", "By 1921"],
    2: ["Stalin's powerbases", "Stalin's character"],
    3: ["Lenin's testament", "Trotsky's powerbases"],
    4: ["Leadership struggle", "The defeat of the Left"],
    5: ["The defeat of the right", "Structuralist arguement"],
    6: ["Why did Stalin emerge as leader?"],
    7: [None],
    8: ["The state of the NEP in 1928: Arguements for the NEP", "Arguements against the NEP"],
    9: ["Economic developments 1924-1928"],
    10: ["discontent amongst peasantry"],
    11: ["Ideologies for how the NEP should end", "Impact of NEP summary"],
    12: [None, "Why Stalin made the 'Great Turn' 1928?"],
    13: [
        "First Five Year Plan 1928-32",
        "Second Five Year Plan 1933-1937",
        "Third Five Year Plan 1938 - 1941",
    ],
    14: ["Impact of the Plans on society", "Impact on economy"],
    15: [None, "Historical interpretations"],
    16: ["Why collectivise? Economic factors", "Political factors"],
    17: ["Why collectivise? Ideological factors", "The grain procurement crisis 1927-1929"],
    18: [None],
    19: ["3 main types", "Why should peasants collectivise?"],
    20: ["Liquidation of the Kulaks", "The Twenty Five Thousanders", "Dizzy with success"],
    21: ["Famine 1932-1934"],
    22: ["How successful?"],
    23: ["The Kirov murder 1934"],
    24: ["When did things change?", "Motives for the terror", "Why do historians disagree?"],
    25: ["The totalitarian view", "The revisionist view"],
    26: ["Impact on the Communist Party", "Impact on the Armed Forces"],
    27: ["Impact on the Soviet population", "Pace of arrests after 1937", "Opposition to Stalin"],
    28: ["Show trials", "Kamenev, Zinoviev and Bukharin"],
    29: ["Ordzhonikidze and Nestor Lakoba", "Labour camps"],
    30: ["Strengths of the USSR"],
}


@pytest.fixture(scope="module")
def raw():
    return NOTES_FILE.read_bytes()


@pytest.fixture(scope="module")
def notes(raw):
    return parse_notes(raw)


def card(notes: Notes, number: int) -> Card:
    return notes.cards[number - 1]


def group(notes: Notes, heading: str) -> Group:
    [found] = [g for c in notes.cards for g in c.groups if g.heading == heading]
    return found


def texts(points) -> list[str]:
    return [point.text for point in points]


def one_card(*lines: str) -> str:
    """A minimal document: a title, one card with the given lines, and its counter."""
    return "\n".join(["A course", "A card", *lines, "1 of 1"])


def without_line_numbers(notes: Notes) -> Notes:
    def clear(item):
        return dataclasses.replace(item, line=0 if item.line is not None else None)

    cards = tuple(
        dataclasses.replace(
            clear(c),
            groups=tuple(
                dataclasses.replace(clear(g), points=tuple(clear(p) for p in g.points))
                for g in c.groups
            ),
        )
        for c in notes.cards
    )
    return dataclasses.replace(notes, cards=cards)


# The real notes


def test_the_real_notes_have_thirty_cards_numbered_in_order(notes):
    assert [(c.number, c.total) for c in notes.cards] == [(n, 30) for n in range(1, 31)]


def test_the_title_and_subtitle_come_from_the_header_before_the_boilerplate(notes):
    assert notes.title == "AQA History Stalin and the USSR 1924-1941"
    assert notes.subtitle == "the whole course"


@pytest.mark.parametrize(
    ("number", "title", "line"),
    [
        (1, "Russia 1917-24", 9),
        (2, "Stalin's rise to power", 31),
        (12, "Industrialisation 1928-1941", 219),
        (16, "Agricultural revolution 1928-41", 289),
        (17, "Collectivisation 1928-41", 308),
        (23, "The Terror State", 417),
        (27, "The Terror state", 486),
        (30, "Stalin's Russia by 1941", 543),
    ],
)
def test_each_card_title_is_its_first_line(notes, number, title, line):
    assert (card(notes, number).title, card(notes, number).line) == (title, line)


def test_every_card_has_the_hand_checked_headings(notes):
    assert {c.number: [g.heading for g in c.groups] for c in notes.cards} == HEADINGS


def test_lenins_testament_is_a_group_of_five_bullets(notes):
    testament = group(notes, "Lenin's testament")
    assert testament.line == 55
    assert texts(testament.points) == [
        "danger of split warned,",
        "Trotsky - 'outstanding ability'",
        "Stalin - 'unlimited authority concentrated in his hands'",
        "October incident - K and Z disagreed with October revolution",
        "was not published - due to fear testament would cause the split people feared",
    ]
    assert {p.kind for p in testament.points} == {"bullet"}


def test_a_question_heading_joins_the_heading_straight_after_it(notes):
    economic = group(notes, "Why collectivise? Economic factors")
    assert economic.line == 291
    assert economic.points[0].text == (
        "promised a significant increase in production - allow exports"
    )
    assert "Why collectivise?" not in {g.heading for c in notes.cards for g in c.groups}


def test_a_short_line_without_a_colon_is_a_heading_when_points_follow(notes):
    developments = group(notes, "Economic developments 1924-1928")
    assert [p.kind for p in developments.points] == ["timeline"] * 3 + ["bullet"] * 3
    ideologies = group(notes, "Ideologies for how the NEP should end")
    assert ideologies.points[0].text.startswith("Trotskyite Model - rapid")


def test_the_famine_group_holds_all_eight_bullets(notes):
    famine = group(notes, "Famine 1932-1934")
    assert [p.line for p in famine.points] == list(range(391, 399))
    assert famine.points[-1].text.startswith("grain seized often sat in barns rotting")


def test_numbered_points_carry_their_number_and_the_bullets_below_sit_under_them(notes):
    points = [p for n in (6, 7) for g in card(notes, n).groups for p in g.points]
    numbered = [p for p in points if p.kind == "numbered"]
    assert [p.number for p in numbered] == [1, 2, 3, 4, 5, 6]
    assert numbered[0].text.startswith("1. Stalin had control of the party machine")
    assert [p.under for p in points if p.kind == "bullet"] == (
        [1, 1] + [2, 2, 2] + [3, 3, 3] + [4, 4] + [5] * 5 + [6, 6]
    )
    assert points[1] == Point(
        "bullet",
        "able to bring members supporting him, and expel those supporting Trotsky",
        114,
        under=1,
    )


def test_bullets_outside_numbered_lists_are_under_nothing(notes):
    assert {p.under for p in card(notes, 5).groups[0].points} == {None}


def test_the_timeline_on_card_18_keeps_its_dates(notes):
    [timeline] = card(notes, 18).groups
    assert timeline.heading is None
    assert {p.kind for p in timeline.points} == {"timeline"}
    assert texts(timeline.points) == [
        "1918 - under war communism grain requisitioning",
        "1921 - NEP makes peasants pay tax, any surplus sold on free markets",
        "1927 - shortage of grain as peasants sow less due to fall in grain prices"
        " (grain procurement)",
        "1928 - 'Urals - Siberian' method seizing grain",
        "1929 - collectivisation under way",
        "1930 - decree on liquidation of kulaks, temporary halt 'Dizzy with success',"
        " peasants allowed private plots",
        "1931 - 1933 - collectivisation resumes",
        "1932 - internal passports in countryside",
        "1934 onwards - gradual recovery of agriculture,"
        " 1935 - allowed to sell their private plots",
    ]


def test_prose_lines_on_card_15_are_paragraphs(notes):
    prose = card(notes, 15).groups[0]
    assert prose.heading is None
    assert [(p.kind, p.text.split(" - ")[0]) for p in prose.points] == [
        ("paragraph", "Stakhonovite movement"),
        ("paragraph", "Gosplan"),
        ("paragraph", "Gigantomania"),
        ("paragraph", "Bourgeois specialist"),
        ("paragraph", "Shakhty trial 1928"),
    ]


def test_censored_text_is_kept_as_written(notes):
    assert "primitive ***** farming was used" in texts(notes.points)


def test_boilerplate_and_footer_never_become_points(notes):
    site_text = re.compile(r"Created|HideShow|No comments|Similar|See all")
    assert not [p for p in notes.points if site_text.match(p.text)]
    assert notes.points[-1].text.startswith("propaganda and freedoms - no personal")


def test_the_real_notes_have_259_points_of_four_kinds(notes):
    assert len(notes.points) == 259
    assert Counter(p.kind for p in notes.points) == {
        "bullet": 232,
        "timeline": 12,
        "paragraph": 9,
        "numbered": 6,
    }


def test_every_bullet_numbered_and_timeline_line_of_the_file_is_a_point(notes, raw):
    # An independent scan of the file, kept simpler than the parser on purpose.
    site_text = re.compile(r"Created (by|on):")
    point_line = re.compile(r"\s*(•|\d\. |\d{4}\S*( onwards)? - )")
    expected = []
    for number, line in enumerate(raw.decode().splitlines(), start=1):
        if point_line.match(line) and not site_text.search(line):
            expected.append((number, " ".join(line.split()).removeprefix("• ")))
    assert len(expected) == 250
    assert [(p.line, p.text) for p in notes.points if p.kind != "paragraph"] == expected


def test_every_non_blank_line_of_the_file_is_accounted_for_exactly_once(notes, raw):
    lines = raw.decode().splitlines()
    footer_start = 1 + lines.index("30 of 30") + 1
    counters = [n for n, line in enumerate(lines, start=1) if re.fullmatch(r"\d+ of 30", line)]
    accounted = (
        [1, 3, 5, 6, 7]  # title, subtitle, boilerplate
        + [155, 293, 312]  # second halves of joined headings
        + counters
        + [c.line for c in notes.cards]
        + [g.line for c in notes.cards for g in c.groups if g.line]
        + [p.line for p in notes.points]
    )
    non_blank = [n for n, line in enumerate(lines, start=1) if line.strip() and n < footer_start]
    assert sorted(accounted) == non_blank


def test_points_come_in_file_order(notes):
    lines = [p.line for p in notes.points]
    assert lines == sorted(set(lines))


# Line endings and whitespace


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda raw: raw.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(lambda raw: raw.replace(b"\n", b"\r"), id="cr"),
        pytest.param(lambda raw: codecs.BOM_UTF8 + raw, id="bom"),
        pytest.param(lambda raw: "\ufeff" + raw.decode(), id="str-with-bom"),
        pytest.param(lambda raw: raw.replace(b"  \xe2\x80\xa2", b"\t\xe2\x80\xa2"), id="tabs"),
        pytest.param(lambda raw: raw.replace(b" ", "\u00a0 ".encode()), id="nbsp"),
        pytest.param(lambda raw: raw.replace(b"\n", b"   \t\n"), id="trailing-spaces"),
        pytest.param(lambda raw: raw.replace(b"  \xe2\x80\xa2", b"\xe2\x80\xa2"), id="no-indent"),
    ],
)
def test_line_endings_and_odd_whitespace_give_the_same_notes(notes, raw, variant):
    assert parse_notes(variant(raw)) == notes


def test_extra_blank_lines_change_only_the_line_numbers(notes, raw):
    spaced = parse_notes(raw.replace(b"\n", b"\n\n \n"))
    assert spaced != notes
    assert without_line_numbers(spaced) == without_line_numbers(notes)


# Another course in the same format


def test_another_course_without_boilerplate_parses_in_full():
    tudors = parse_notes(TUDORS_FILE.read_text())

    assert (tudors.title, tudors.subtitle) == ("The Tudors 1485-1603", "")
    assert [(c.number, c.total, c.title) for c in tudors.cards] == [
        (1, 3, "The Wars of the Roses end"),
        (2, 3, "Henry VIII"),
        (3, 3, "Elizabeth I"),
    ]
    assert [[g.heading for g in c.groups] for c in tudors.cards] == [
        ["Battles of 1485", "Why did Henry VII win?"],
        [None, "Religion: Causes of the break"],
        ["The Settlement of 1559", "Was the Armada a turning point?"],
    ]
    assert [(p.kind, p.text, p.number, p.under) for p in tudors.cards[0].groups[1].points] == [
        ("numbered", "1. Stanley changed sides at the last moment", 1, None),
        ("bullet", "his brother's men attacked Richard's flank", None, 1),
        ("numbered", "2. Richard's army was divided", 2, None),
        ("bullet", "Northumberland never joined the fight", None, 2),
    ]
    assert [(p.kind, p.line) for p in tudors.cards[1].groups[0].points] == [
        ("timeline", 17),
        ("timeline", 18),
        ("timeline", 19),
        ("timeline", 20),
        ("timeline", 21),
        ("paragraph", 23),
    ]
    assert tudors.cards[1].groups[0].points[-1].text == (
        "Henry's six wives were a ***** of the court."
    )
    assert len(tudors.points) == 18


# How single lines are read


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        ("1918 - under war communism", "timeline", "1918 - under war communism"),
        ("1918- industry nationalised", "timeline", "1918- industry nationalised"),
        ("  • 1918- industry nationalised", "bullet", "1918- industry nationalised"),
        ("1918-21 - civil war", "timeline", "1918-21 - civil war"),
        ("1921-1922 - great famine", "timeline", "1921-1922 - great famine"),
        ("1931  -  1933 - resumes", "timeline", "1931 - 1933 - resumes"),
        ("1920's - devastation", "timeline", "1920's - devastation"),
        ("1934 onwards - recovery", "timeline", "1934 onwards - recovery"),
        ("1500 enterprises - opened", "paragraph", "1500 enterprises - opened"),
        ("3. third reason", "numbered", "3. third reason"),
        ("\t•\u00a0loyal,\tproletarian  ", "bullet", "loyal, proletarian"),
        ("• a bullet ending in a colon:", "bullet", "a bullet ending in a colon:"),
    ],
)
def test_each_kind_of_line_becomes_the_right_point(line, kind, text):
    [point] = parse_notes(one_card(line)).points
    assert (point.kind, point.text, point.line) == (kind, text, 3)


@pytest.mark.parametrize(
    "line",
    [
        "one two three four five six seven eight nine ten eleven",
        "Gosplan - state planning",
        "A short sentence.",
    ],
)
def test_lines_that_are_too_long_dashed_or_sentences_are_not_headings(line):
    notes = parse_notes(one_card(line, "• a point"))
    assert [g.heading for g in notes.cards[0].groups] == [None]
    assert [p.kind for p in notes.points] == ["paragraph", "bullet"]


def test_a_short_line_followed_by_prose_is_a_paragraph_not_a_heading():
    notes = parse_notes(one_card("Short line", "Another short line"))
    assert [p.kind for p in notes.points] == ["paragraph", "paragraph"]


def test_only_the_next_heading_joins_a_heading_without_points():
    notes = parse_notes(one_card("First:", "Second?", "Third:", "• a point"))
    assert notes.cards[0].groups == (
        Group("First: Second?", 3, ()),
        Group("Third", 5, (Point("bullet", "a point", 6),)),
    )


def test_boilerplate_is_ignored_wherever_it_appears():
    notes = parse_notes(
        one_card("Heading:", "• Created by: alex", "• a point", "HideShow resource information")
    )
    assert texts(notes.points) == ["a point"]
    assert notes.subtitle == ""
    assert notes.cards[0].title == "A card"


def test_everything_after_the_last_card_is_footer():
    notes = parse_notes(one_card("• a point") + "\nAbout the site\n• Cookies\n2 of 1\n")
    assert texts(notes.points) == ["a point"]


# Broken input


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b"", 1, "the notes are empty"),
        (b"  \n\t\r\n\xc2\xa0\n", 1, "the notes are empty"),
        (b"Created by: alex\n", 1, "the notes are empty"),
        (b"Title\nCard\n\x00\x00\x01\n1 of 1\n", 3, "binary data, not text"),
        (b"Title\r\nCard\r\n\r\n\x7fELF\r\n1 of 1", 4, "binary data, not text"),
        (b"Title\nCard\n\xff\xfe\n1 of 1\n", 3, "not UTF-8 text (byte 0xff)"),
        (b"Title\r\nCard\r\nok\r\n\r\nbad \xc3(\r\n1 of 1", 5, "not UTF-8 text (byte 0xc3)"),
        (b"Title\rCard\r\x00\r\xff", 3, "binary data, not text"),
        (b"Title\nCard\n\xe2\x80", 3, "not UTF-8 text (byte 0xe2)"),
        (b"Title\nCard\n\xe2\x80\xa2 a point\n", 3, "no card ends with a line like '1 of 30'"),
        (b"1 of 1\nCard\n", 1, "the notes start with a card counter, not a title"),
        (b"Title\nCard\n2 of 3\n", 3, "expected card 1 of 3, found 2 of 3"),
        (b"Title\nOne\n1 of 3\nTwo\n3 of 3\n", 5, "expected card 2 of 3, found 3 of 3"),
        (b"Title\nOne\n1 of 3\nTwo\n2 of 4\n", 5, "expected card 2 of 3, found 2 of 4"),
        (b"Title\nOne\n1 of 0\n", 3, "'1 of 0' counts past its own total"),
        (b"Title\nOne\n1 of 3\nTwo\n2 of 3\n\n", 5, "the notes stop before card 3 of 3"),
        (
            b"Title\nOne\n1 of 3\nTwo\n2 of 3\nThree\n\xe2\x80\xa2 x\n",
            6,
            "card 3 of 3 does not end with '3 of 3'",
        ),
        (b"Title\nOne\n1 of 2\n\n2 of 2\n", 5, "card 2 of 2 has no title"),
        (b"Title\nOne\n1 of 2\n\xe2\x80\xa2 x\n2 of 2\n", 4, "card 2 of 2 starts with a bullet"),
    ],
)
def test_broken_notes_raise_an_error_naming_the_line(data, line, message):
    with pytest.raises(NotesError) as raised:
        parse_notes(data)
    assert raised.value.line == line
    assert raised.value.message.startswith(message)
    assert str(raised.value) == f"line {line}: {raised.value.message}"


def test_the_real_notes_with_a_card_missing_name_the_counter_that_jumps(raw):
    without_card_5 = re.sub(rb"\n4 of 30\n.*?\n5 of 30\n", b"\n4 of 30\n", raw, flags=re.S)
    with pytest.raises(NotesError) as raised:
        parse_notes(without_card_5)
    assert str(raised.value).endswith("expected card 5 of 30, found 6 of 30")


def test_the_real_notes_cut_off_after_card_28_are_refused(raw):
    cut = raw[: raw.index(b"29 of 30")]
    with pytest.raises(NotesError) as raised:
        parse_notes(cut)
    assert raised.value.line == 525
    assert raised.value.message == "card 29 of 30 does not end with '29 of 30'"


# Arbitrary input

NOTES_LIKE_LINES = st.sampled_from(
    [
        "",
        "Title",
        "Heading:",
        "Why?",
        "Short heading",
        "• a bullet",
        "•",
        "1. numbered",
        "1920's - timeline",
        "Created by: alex",
        "A sentence of prose.",
        "1 of 1",
        "1 of 2",
        "2 of 2",
        "3 of 2",
    ]
)
LINE_BREAKS = st.sampled_from(["\n", "\r\n", "\r"])


@given(st.binary())
def test_arbitrary_bytes_raise_nothing_but_notes_error(data):
    try:
        parse_notes(data)
    except NotesError as error:
        assert error.line >= 1


@given(st.text())
def test_arbitrary_text_raises_nothing_but_notes_error(text):
    try:
        parse_notes(text)
    except NotesError as error:
        assert error.line >= 1


@given(st.lists(st.one_of(NOTES_LIKE_LINES, st.text(max_size=20))), LINE_BREAKS)
def test_notes_like_text_parses_or_names_a_line_inside_it(lines, line_break):
    text = line_break.join(lines)
    try:
        notes = parse_notes(text)
    except NotesError as error:
        assert 1 <= error.line <= max(len(re.split(r"\r\n|\r|\n", text)), 1)
    else:
        point_lines = [p.line for p in notes.points]
        assert point_lines == sorted(set(point_lines))
