"""Parse revision notes exported from a revision site into cards, groups and points.

The format: a title line, an optional subtitle, the site's boilerplate, then cards that each
end with a line "N of M", then the site's footer. See `parse_notes` for the rules. Standard
library only, so the parser can run and be tested without Django.
"""

import codecs
import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Point:
    kind: str  # "bullet", "numbered", "timeline" or "paragraph"
    text: str  # as written, "•" removed, whitespace collapsed; keeps "1." and timeline dates
    line: int  # 1-based line number in the file
    number: int | None = None  # for numbered points
    under: int | None = None  # for a bullet after a numbered point: that point's number


@dataclass(frozen=True)
class Group:
    heading: str | None  # None for points before any heading in a card
    line: int | None
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Card:
    number: int
    total: int
    title: str
    line: int
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Notes:
    title: str
    subtitle: str
    cards: tuple[Card, ...]

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(
            point for card in self.cards for group in card.groups for point in group.points
        )


class NotesError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


LINE_BREAK = re.compile(r"\r\n|\r|\n")
BULLET = "•"
COUNTER = re.compile(r"([0-9]{1,6}) of ([0-9]{1,6})")
NUMBERED = re.compile(r"([0-9]{1,3})\. \S.*")
# A year, a decade ("1920's"), a range ("1921-1922", "1931 - 1933", "1918-21") or
# "1934 onwards", then " - " or "- " and some text. Runs on whitespace-collapsed text.
TIMELINE = re.compile(r"[0-9]{4}(?: ?- ?[0-9]{2,4}|['’]?s| onwards)? ?- \S.*")
BOILERPLATE = re.compile(
    r"HideShow resource information"
    r"|Created (?:by|on):.*"
    r"|No comments have yet been made"
    r"|Similar .*resources:"
    r"|See all .*resources ».*",
    re.IGNORECASE,
)
HEADING_MAX_WORDS = 10


@dataclass(frozen=True)
class _Line:
    number: int
    text: str  # whitespace collapsed; empty for a blank line

    @property
    def is_boilerplate(self) -> bool:
        return BOILERPLATE.fullmatch(self.text.removeprefix(BULLET).strip()) is not None

    @property
    def counter(self) -> tuple[int, int] | None:
        match = COUNTER.fullmatch(self.text)
        return (int(match[1]), int(match[2])) if match else None

    @property
    def point_kind(self) -> str | None:
        if self.text.startswith(BULLET):
            return "bullet"
        if NUMBERED.fullmatch(self.text):
            return "numbered"
        if TIMELINE.fullmatch(self.text):
            return "timeline"
        return None


@dataclass
class _Draft:
    """A group while its points are still being collected."""

    heading: str | None
    line: int | None
    points: list[Point] = field(default_factory=list)
    joined: bool = False  # a joined heading takes no further heading
    last_number: int | None = None  # the numbered point that later bullets sit under


def parse_notes(data: bytes | str) -> Notes:
    """Parse notes; raise NotesError naming the line for anything that is not well-formed.

    Every bullet, numbered point, timeline line and other prose line inside a card becomes a
    Point, in file order. Card titles and headings are not points; site boilerplate is skipped
    wherever it appears, and everything after the last card ("M of M") is footer.
    """
    lines = [line for line in _lines(_decode(data)) if line.text]
    content = [line for line in lines if not line.is_boilerplate]
    if not content:
        raise NotesError(1, "the notes are empty")
    title = content[0]
    if title.counter:
        raise NotesError(title.number, "the notes start with a card counter, not a title")
    subtitle, rest = _split_subtitle(lines[lines.index(title) + 1 :])
    cards = _split_cards([line for line in rest if not line.is_boilerplate], lines[-1])
    return Notes(
        title=title.text,
        subtitle=subtitle,
        cards=tuple(_card(number, total, end, body) for number, total, end, body in cards),
    )


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        data = bytes(data).removeprefix(codecs.BOM_UTF8)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            before = data[: error.start].decode("utf-8")
            _reject_control_characters(before)  # binary data earlier in the file is named first
            line = len(LINE_BREAK.findall(before)) + 1
            raise NotesError(line, f"not UTF-8 text (byte 0x{data[error.start]:02x})") from None
    _reject_control_characters(text)
    return text


def _reject_control_characters(text: str) -> None:
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        if any(char != "\t" and unicodedata.category(char) == "Cc" for char in line):
            raise NotesError(number, "binary data, not text")


def _lines(text: str) -> list[_Line]:
    return [
        _Line(number, _collapse(raw)) for number, raw in enumerate(LINE_BREAK.split(text), start=1)
    ]


def _collapse(raw: str) -> str:
    # split() with no argument also splits on tabs and non-breaking spaces.
    text = " ".join(raw.split())
    # A lone "•" carries no point, so it counts as a blank line.
    return "" if text == BULLET else text


def _split_subtitle(lines: list[_Line]) -> tuple[str, list[_Line]]:
    """Take the lines between the title and the site's boilerplate as the subtitle.

    Only when the boilerplate comes before any point, heading-like line or counter: boilerplate
    further down sits inside a card. Without it there is no subtitle and the line after the
    title is the first card's title.
    """
    for index, line in enumerate(lines):
        if line.is_boilerplate:
            return " ".join(line.text for line in lines[:index]), lines[index:]
        if line.point_kind or line.counter or line.text.endswith((":", "?")):
            break
    return "", lines


def _split_cards(lines: list[_Line], last: _Line) -> list[tuple[int, int, _Line, list[_Line]]]:
    """Cut the lines into (number, total, counter line, body) at each "N of M" line."""
    cards = []
    body: list[_Line] = []
    total = None
    for line in lines:
        if not line.counter:
            body.append(line)
            continue
        number, found_total = line.counter
        if number > found_total:
            raise NotesError(line.number, f"'{line.text}' counts past its own total")
        total = found_total if total is None else total
        expected = len(cards) + 1
        if (number, found_total) != (expected, total):
            raise NotesError(
                line.number, f"expected card {expected} of {total}, found {number} of {found_total}"
            )
        cards.append((number, total, line, body))
        body = []
        if number == total:
            return cards  # the rest is the site's footer
    if not cards:
        raise NotesError(last.number, "no card ends with a line like '1 of 30'")
    expected = len(cards) + 1
    if body:
        raise NotesError(
            body[0].number, f"card {expected} of {total} does not end with '{expected} of {total}'"
        )
    raise NotesError(last.number, f"the notes stop before card {expected} of {total}")


def _card(number: int, total: int, end: _Line, body: list[_Line]) -> Card:
    if not body:
        raise NotesError(end.number, f"card {number} of {total} has no title")
    title, rest = body[0], body[1:]
    if title.point_kind == "bullet":
        # Taking a bullet as the title would silently drop a point.
        message = f"card {number} of {total} starts with a bullet, not a title"
        raise NotesError(title.number, message)
    return Card(
        number=number, total=total, title=title.text, line=title.number, groups=_groups(rest)
    )


def _groups(lines: list[_Line]) -> tuple[Group, ...]:
    drafts: list[_Draft] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if _is_heading(line, following):
            _add_heading(drafts, line)
        else:
            _add_point(drafts, line)
    return tuple(Group(draft.heading, draft.line, tuple(draft.points)) for draft in drafts)


def _is_heading(line: _Line, following: _Line | None) -> bool:
    if line.point_kind:
        return False
    if line.text.endswith((":", "?")):
        return True
    # Short labels such as "Economic developments 1924-1928" have no colon; they are
    # headings only when points follow, so that short prose lines stay paragraphs.
    return (
        len(line.text.split()) <= HEADING_MAX_WORDS
        and " - " not in line.text
        and not line.text.endswith(".")
        and following is not None
        and following.point_kind is not None
    )


def _add_heading(drafts: list[_Draft], line: _Line) -> None:
    heading = line.text.removesuffix(":").rstrip()
    previous = drafts[-1] if drafts else None
    # "Why collectivise?" straight before "Economic factors:" is one two-part heading.
    if previous and previous.heading is not None and not previous.points and not previous.joined:
        separator = " " if previous.heading.endswith("?") else ": "
        previous.heading = f"{previous.heading}{separator}{heading}"
        previous.joined = True
    else:
        drafts.append(_Draft(heading, line.number))


def _add_point(drafts: list[_Draft], line: _Line) -> None:
    if not drafts:
        drafts.append(_Draft(None, None))
    draft = drafts[-1]
    kind = line.point_kind or "paragraph"
    if kind == "numbered":
        draft.last_number = int(NUMBERED.fullmatch(line.text)[1])
        point = Point(kind, line.text, line.number, number=draft.last_number)
    elif kind == "bullet":
        text = line.text.removeprefix(BULLET).strip()
        point = Point(kind, text, line.number, under=draft.last_number)
    else:
        point = Point(kind, line.text, line.number)
    draft.points.append(point)
