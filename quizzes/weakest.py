"""A student's weakest topics: where their marked answers (practice and handed-in homework) average
lowest, among topics with enough answers to say so."""

from django.db.models import Avg, Count

from quizzes.models import Response
from topics.models import Topic

MIN_ANSWERS = 3  # fewer marked answers on a topic say little about it
HOW_MANY = 3


def weakest_topics(user, *, how_many=HOW_MANY, min_answers=MIN_ANSWERS):
    """Up to `how_many` topics, weakest first; [] when no topic has `min_answers` marked yet.

    A response has a score only once it is marked: a handed-in homework, a submitted practice,
    or an answer given one question at a time. A teacher's try-out of a quiz is left out.
    """
    rows = (
        Response.objects.filter(attempt__user=user, score__isnull=False)
        .exclude(attempt__quiz__preview_of__isnull=False)
        .values("question__topic")
        .annotate(average=Avg("score"), answers=Count("pk"))
        .filter(answers__gte=min_answers)
        .order_by("average", "question__topic")[:how_many]
    )
    ids = [row["question__topic"] for row in rows]
    by_id = Topic.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]
