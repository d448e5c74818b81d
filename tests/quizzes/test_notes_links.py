"""Feedback links to the notes once per topic, however many of its points a question draws on."""

from django.db.models import Count

from quizzes.models import Question
from topics.models import Fact, Topic


def test_a_question_from_two_points_of_one_topic_links_to_it_once(db):
    topic = Topic.objects.annotate(n=Count("facts")).filter(n__gte=2).first()
    first, second = Fact.objects.filter(topic=topic)[:2]
    elsewhere = Fact.objects.exclude(topic=topic).first()
    question = Question.objects.in_bank().first()
    question.source_facts.set([first, second, elsewhere])

    links = question.notes_to_read()

    assert sorted(fact.topic_id for fact in links) == sorted([topic.pk, elsewhere.topic_id])
