"""The knowledge base as plain data (`topics.knowledge`), read in a fixed number of queries."""

from collections import defaultdict

from topics.knowledge import (
    ClaimDetailItem,
    ClaimItem,
    ClaimLinkItem,
    EventItem,
    FactItem,
    KnowledgeBase,
    PersonItem,
    QuoteItem,
    TermItem,
    TopicItem,
)
from topics.models import Claim, ClaimLink, Event, Fact, Person, Quote, Term, Topic


def _links(through, owner, target):
    """{owner id: (target ids...)} from a many-to-many table, in one query."""
    links = defaultdict(list)
    for owner_id, target_id in through.objects.order_by(owner, target).values_list(owner, target):
        links[owner_id].append(target_id)
    return links


def load_knowledge_base():
    fact_people = _links(Fact.people.through, "fact_id", "person_id")
    fact_events = _links(Fact.events.through, "fact_id", "event_id")
    fact_terms = _links(Fact.terms.through, "fact_id", "term_id")
    event_people = _links(Event.people.through, "event_id", "person_id")
    quote_facts = _links(Quote.facts.through, "quote_id", "fact_id")
    facts_of = {
        "people": defaultdict(list),
        "events": defaultdict(list),
        "terms": defaultdict(list),
    }
    for kind, links in [("people", fact_people), ("events", fact_events), ("terms", fact_terms)]:
        for fact_id, targets in links.items():
            for target in targets:
                facts_of[kind][target].append(fact_id)

    topics = tuple(
        TopicItem(id=t.pk, slug=t.slug, title=t.title, parent_id=t.parent_id)
        for t in Topic.objects.order_by("order", "pk")
    )
    facts = tuple(
        FactItem(
            id=f.pk,
            topic_id=f.topic_id,
            text=f.text,
            original_text=f.original_text,
            kind=f.kind,
            source=f.source,
            people=tuple(fact_people[f.pk]),
            events=tuple(fact_events[f.pk]),
            terms=tuple(fact_terms[f.pk]),
            not_for_questions=f.not_for_questions,
        )
        for f in Fact.objects.order_by("topic__order", "topic_id", "order", "pk")
    )
    people = tuple(
        PersonItem(
            id=p.pk,
            slug=p.slug,
            name=p.name,
            full_name=p.full_name or p.name,
            aliases=tuple(p.alias_list),
            role=p.role,
            facts=tuple(sorted(facts_of["people"][p.pk])),
            in_notes=p.in_notes,
        )
        for p in Person.objects.order_by("slug")
    )
    events = tuple(
        EventItem(
            id=e.pk,
            slug=e.slug,
            title=e.title,
            start_year=e.start_year,
            end_year=e.end_year,
            month=e.month,
            topic_id=e.topic_id,
            people=tuple(event_people[e.pk]),
            facts=tuple(sorted(facts_of["events"][e.pk])),
            not_for_questions=e.not_for_questions,
            verb=e.verb,
            subject=e.subject,
        )
        for e in Event.objects.order_by("slug")
    )
    terms = tuple(
        TermItem(
            id=t.pk,
            slug=t.slug,
            term=t.term,
            definition=t.definition,
            aliases=tuple(t.alias_list),
            topic_id=t.topic_id,
            facts=tuple(sorted(facts_of["terms"][t.pk])),
        )
        for t in Term.objects.order_by("slug")
    )
    quotes = tuple(
        QuoteItem(
            id=q.pk,
            text=q.text,
            speaker_id=q.speaker_id,
            about_id=q.about_id,
            year=q.year,
            topic_id=q.topic_id,
            context=q.context,
            facts=tuple(quote_facts[q.pk]),
        )
        for q in Quote.objects.order_by("slug")
    )
    return KnowledgeBase(
        topics=topics,
        facts=facts,
        people=people,
        events=events,
        terms=terms,
        quotes=quotes,
        claims=load_claims(),
        links=load_links(),
    )


def load_claims():
    """Every claim, by slug, with its facts by id; two queries."""
    claim_facts = _links(Claim.facts.through, "claim_id", "fact_id")
    return tuple(
        ClaimItem(
            id=c.pk,
            slug=c.slug,
            text=c.text,
            type=c.type,
            topic_id=c.topic_id,
            facts=tuple(claim_facts[c.pk]),
            details=tuple(
                ClaimDetailItem(text=d["text"], kind=d["kind"], accept=tuple(d.get("accept") or ()))
                for d in c.details or ()
            ),
            held_by=c.held_by,
            view=c.view,
            also_held_by=tuple(c.also_held_by or ()),
            misconception=c.misconception,
            correction=c.correction,
            year=c.year,
            list_item=c.list_item,
        )
        for c in Claim.objects.order_by("slug")
    )


def load_links():
    """Every link between claims, by slug; two queries."""
    not_with = _links(ClaimLink.not_with.through, "from_claimlink_id", "to_claimlink_id")
    return tuple(
        ClaimLinkItem(
            id=link.pk,
            slug=link.slug,
            relation=link.relation,
            from_claim=link.from_claim_id,
            to_claim=link.to_claim_id,
            from_text=link.from_text,
            to_text=link.to_text,
            not_with=tuple(not_with[link.pk]),
        )
        for link in ClaimLink.objects.order_by("slug")
    )
