"""Saving the generated question bank.

A question's identity is its generator key (template + source items) and a fingerprint of what
was generated. Rebuilding with unchanged sources finds every question again, so results stay
attached to them; a changed question is a new version and the old one is retired; questions no
longer generated are retired; questions an admin retired stay retired.
"""

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction

from quizzes.generation import generate_bank
from quizzes.kinds import question_data_errors
from quizzes.memory import idea_of
from quizzes.models import Kind, Question, RetiredBecause, Status
from topics import content_version

SOURCE_RELATIONS = {
    "facts": Question.source_facts,
    "people": Question.source_people,
    "events": Question.source_events,
    "terms": Question.source_terms,
    "quotes": Question.source_quotes,
}


@dataclass
class BankSummary:
    created: int = 0
    kept: int = 0
    restored: int = 0
    retired: int = 0
    active: int = 0

    def __str__(self):
        return (
            f"{self.active} active questions ({self.created} created, {self.kept} kept, "
            f"{self.restored} restored, {self.retired} retired)"
        )

    @property
    def changed_anything(self):
        return bool(self.created or self.restored or self.retired)


def bank_specs(knowledge, seed=0):
    """The generated bank, of the kinds of question the app can show."""
    return generate_bank(knowledge, seed=seed, kinds=set(Kind.values))


def fingerprint(spec):
    content = [
        spec.template,
        spec.kind,
        spec.prompt,
        spec.options,
        spec.answer,
        spec.explanation,
        spec.difficulty,
        spec.topic_id,
        {name: sorted(ids) for name, ids in sorted(spec.sources.items())},
    ]
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


@transaction.atomic
def save_bank(specs):
    """Make the generated part of the bank match `specs`; returns a BankSummary."""
    summary = BankSummary()
    existing = {
        (q.key, q.fingerprint): q
        for q in Question.objects.exclude(key="").only("key", "fingerprint", "status")
    }
    wanted = {(spec.key, fingerprint(spec)): spec for spec in specs}
    wanted_keys = {key for key, _ in wanted}

    # Retire first: the database allows one active question per key.
    to_retire = {}
    for identity, question in existing.items():
        if question.status == Status.ACTIVE and identity not in wanted:
            key = identity[0]
            because = RetiredBecause.CHANGED if key in wanted_keys else RetiredBecause.VANISHED
            to_retire.setdefault(because, []).append(question.pk)
    for because, pks in to_retire.items():
        Question.objects.filter(pk__in=pks).update(status=Status.RETIRED, retired_because=because)
        summary.retired += len(pks)

    to_restore, to_create = [], []
    for identity, spec in wanted.items():
        question = existing.get(identity)
        if question is None:
            to_create.append((identity[1], spec))
        elif question.status == Status.RETIRED and question.retired_because != RetiredBecause.ADMIN:
            to_restore.append(question.pk)
        else:
            summary.kept += 1
    Question.objects.filter(pk__in=to_restore).update(status=Status.ACTIVE, retired_because="")
    summary.restored = len(to_restore)
    _create(to_create)
    summary.created = len(to_create)
    summary.active = Question.objects.active().filter(author__isnull=True).count()
    content_version.bump()  # bulk writes send no signals
    return summary


def _create(fingerprinted_specs):
    for _, spec in fingerprinted_specs:
        # bulk_create skips Question.save(), so the shape check it would make happens here.
        errors = question_data_errors(spec.kind, spec.prompt, spec.options, spec.answer)
        if errors:
            raise ValueError(f"generated question {spec.key} is malformed: {errors[0]}")
    questions = Question.objects.bulk_create(
        [
            Question(
                key=spec.key,
                fingerprint=print_,
                template=spec.template,
                idea=idea_of(spec.template, spec.key),
                kind=spec.kind,
                prompt=spec.prompt,
                options=spec.options,
                answer=spec.answer,
                explanation=spec.explanation,
                difficulty=spec.difficulty,
                topic_id=spec.topic_id,
            )
            for print_, spec in fingerprinted_specs
        ]
    )
    # bulk_create sets primary keys on PostgreSQL and SQLite 3.35+, so the links can follow in bulk.
    for name, relation in SOURCE_RELATIONS.items():
        through = relation.through
        target_field = relation.field.m2m_reverse_field_name()
        rows = [
            through(question_id=question.pk, **{f"{target_field}_id": target_id})
            for question, (_, spec) in zip(questions, fingerprinted_specs, strict=True)
            for target_id in spec.sources.get(name, [])
        ]
        through.objects.bulk_create(rows)
