"""When something is next due, in the words a student reads: "now", "later today, from 15:00",
"tomorrow", or the day and date."""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

register = template.Library()


@register.filter
def due_words(when, now=None):
    if when is None:
        return ""
    now = timezone.localtime(now or timezone.now())
    when = timezone.localtime(when)
    if when <= now:
        return "now"
    if when.date() == now.date():
        return f"later today, from {format_date(when, 'H:i')}"
    if when.date() == now.date() + timedelta(days=1):
        return "tomorrow"
    return format_date(when, "l j F")
