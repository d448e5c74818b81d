"""When a revision is next due, as a student reads it."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.test import override_settings

from classrooms.templatetags.due_dates import due_words

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 12, 1, 13, 0, tzinfo=LONDON)  # a Tuesday


@override_settings(TIME_ZONE="Europe/London")
def test_later_today_says_so_with_the_time_not_todays_date():
    assert due_words(NOW.replace(hour=15, minute=30), NOW) == "later today, from 15:30"
    assert due_words(NOW.replace(hour=9), NOW) == "now"


@override_settings(TIME_ZONE="Europe/London")
def test_tomorrow_and_later_days():
    assert due_words(datetime(2026, 12, 2, 8, 0, tzinfo=LONDON), NOW) == "tomorrow"
    assert due_words(datetime(2026, 12, 4, 8, 0, tzinfo=LONDON), NOW) == "Friday 4 December"


def test_nothing_due_says_nothing():
    assert due_words(None, NOW) == ""
