"""What a class has covered: the topics of its homework so far, and the topics its teacher marked
as taught (a section marked taught covers its sub-topics too). New ideas for Revise now come only
from these, so a student is never quizzed on what the class has not met yet."""

from django.db.models import Q

from classrooms.models import Classroom
from quizzes.models import Question
from topics.models import Topic


def _covered(classrooms, now):
    homework = Question.objects.filter(
        quiz_items__quiz__assignments__classroom__in=classrooms,
        quiz_items__quiz__assignments__opens_at__lte=now,
    ).values("topic_id")
    taught = Classroom.taught_topics.through.objects.filter(classroom__in=classrooms).values(
        "topic_id"
    )
    topics = Topic.objects.filter(Q(pk__in=homework) | Q(pk__in=taught) | Q(parent__in=taught))
    return set(topics.values_list("pk", flat=True))


def topics_covered_for_student(student, now):
    """Topic ids covered by any class the student is in (one query)."""
    return _covered(Classroom.objects.filter(enrolments__student=student).values("pk"), now)


def topics_covered_for_class(classroom, now):
    """Topic ids the class has covered (one query)."""
    return _covered([classroom.pk], now)
