"""The question bank as JSON (`ussr-revision/questions@1`), in a stable order."""

import json

from django.db.models import Prefetch

from quizzes.models import Question
from topics.models import Event, Fact, Person, Quote, Term

QUESTIONS_SCHEMA = "ussr-revision/questions@1"


def question_document():
    questions = (
        Question.objects.filter(author__isnull=True)
        .select_related("topic")
        .prefetch_related(
            Prefetch("source_facts", queryset=Fact.objects.order_by("pk").only("pk")),
            Prefetch("source_people", queryset=Person.objects.order_by("slug").only("slug")),
            Prefetch("source_events", queryset=Event.objects.order_by("slug").only("slug")),
            Prefetch("source_terms", queryset=Term.objects.order_by("slug").only("slug")),
            Prefetch("source_quotes", queryset=Quote.objects.order_by("slug").only("slug")),
        )
        .order_by("pk")
    )
    return {
        "schema": QUESTIONS_SCHEMA,
        "questions": [
            {
                "id": q.pk,
                "kind": q.kind,
                "prompt": q.prompt,
                "options": q.options,
                "answer": q.answer,
                "explanation": q.explanation,
                "topic": q.topic.slug,
                "difficulty": q.difficulty,
                "status": q.status,
                "template": q.template,
                "sources": {
                    "facts": [f.pk for f in q.source_facts.all()],
                    "people": [p.slug for p in q.source_people.all()],
                    "events": [e.slug for e in q.source_events.all()],
                    "terms": [t.slug for t in q.source_terms.all()],
                    "quotes": [x.slug for x in q.source_quotes.all()],
                },
            }
            for q in questions
        ],
    }


def export_questions():
    return json.dumps(question_document(), ensure_ascii=False, indent=2) + "\n"
