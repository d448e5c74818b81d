"""The knowledge base as JSON (`ussr-revision/content@1`).

Everything comes out in a stable order, so the same database always gives the same bytes.
"""

import json

from topics.models import Claim, ClaimLink, Event, Fact, Person, Quote, Term, Topic

CONTENT_SCHEMA = "ussr-revision/content@1"


def _slugs(manager):
    return sorted(item.slug for item in manager.all())


def _detail(detail):
    """A claim's detail with its keys in one order, whatever order the database keeps them in."""
    return {
        "text": detail.get("text", ""),
        "kind": detail.get("kind", ""),
        "accept": list(detail.get("accept") or []),
    }


def content_document():
    topics = Topic.objects.select_related("parent").order_by("order", "slug")
    facts = (
        Fact.objects.select_related("topic")
        .prefetch_related("people", "events", "terms")
        .order_by("topic__order", "topic__slug", "order", "pk")
    )
    people = Person.objects.order_by("slug")
    events = Event.objects.select_related("topic").prefetch_related("people").order_by("slug")
    terms = Term.objects.select_related("topic").order_by("slug")
    quotes = Quote.objects.select_related("speaker", "about", "topic").order_by("slug")
    claims = Claim.objects.select_related("topic").prefetch_related("facts").order_by("slug")
    links = (
        ClaimLink.objects.select_related("from_claim", "to_claim")
        .prefetch_related("not_with")
        .order_by("slug")
    )
    return {
        "schema": CONTENT_SCHEMA,
        "topics": [
            {
                "slug": t.slug,
                "title": t.title,
                "parent": t.parent.slug if t.parent else None,
                "order": t.order,
            }
            for t in topics
        ],
        "facts": [
            {
                "id": f.pk,
                "topic": f.topic.slug,
                "text": f.text,
                "original_text": f.original_text,
                "kind": f.kind,
                "source": f.source,
                "people": _slugs(f.people),
                "events": _slugs(f.events),
                "terms": _slugs(f.terms),
                "not_for_questions": f.not_for_questions,
            }
            for f in facts
        ],
        "people": [
            {
                "slug": p.slug,
                "name": p.name,
                "full_name": p.full_name,
                "aliases": p.alias_list,
                "role": p.role,
                "in_notes": p.in_notes,
            }
            for p in people
        ],
        "events": [
            {
                "slug": e.slug,
                "title": e.title,
                "start_year": e.start_year,
                "end_year": e.end_year,
                "month": e.month,
                "not_for_questions": e.not_for_questions,
                "verb": e.verb,
                "subject": e.subject,
                "topic": e.topic.slug,
                "people": _slugs(e.people),
            }
            for e in events
        ],
        "terms": [
            {
                "slug": t.slug,
                "term": t.term,
                "definition": t.definition,
                "aliases": t.alias_list,
                "topic": t.topic.slug,
            }
            for t in terms
        ],
        "quotes": [
            {
                "slug": q.slug,
                "text": q.text,
                "speaker": q.speaker.slug if q.speaker else None,
                "about": q.about.slug if q.about else None,
                "year": q.year,
                "topic": q.topic.slug,
                "context": q.context,
            }
            for q in quotes
        ],
        "claims": [
            {
                "slug": c.slug,
                "text": c.text,
                "type": c.type,
                "topic": c.topic.slug,
                "facts": sorted(fact.pk for fact in c.facts.all()),
                "details": [_detail(d) for d in c.details or []],
                "held_by": c.held_by,
                "view": c.view,
                "also_held_by": list(c.also_held_by or []),
                "misconception": c.misconception,
                "correction": c.correction,
                "year": c.year,
                "list_item": c.list_item,
            }
            for c in claims
        ],
        "links": [
            {
                "slug": link.slug,
                "relation": link.relation,
                "from": link.from_claim.slug,
                "to": link.to_claim.slug,
                "from_text": link.from_text,
                "to_text": link.to_text,
                "not_with": _slugs(link.not_with),
            }
            for link in links
        ],
    }


def export_content():
    return json.dumps(content_document(), ensure_ascii=False, indent=2) + "\n"
