from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from topics import content_version
from topics import search as knowledge_search
from topics.models import Event, Fact, Person, Quote, Term, Topic


@login_required
def overview(request):
    sections = Topic.objects.for_overview()
    return render(request, "topics/overview.html", {"sections": sections})


@login_required
def topic_detail(request, slug):
    # The course changes rarely; every visit between two changes gets the same page.
    page = content_version.fragment(f"topic:{slug}", lambda: _topic_page(slug))
    return render(request, "topics/topic.html", {"topic": page, "body": page["body"]})


def _topic_page(slug):
    """What a topic page shows, drawn once per content version (a 404 is never kept).

    Six queries: the topic; its children and siblings together; every fact of the topic and of
    its children, with their people, events and terms."""
    topic = get_object_or_404(Topic.objects.select_related("parent"), slug=slug)
    same_parent = Q(parent_id=topic.parent_id) if topic.parent_id else Q(parent__isnull=True)
    near = list(Topic.objects.filter(Q(parent=topic) | same_parent).order_by("order", "pk"))
    children = [other for other in near if other.parent_id == topic.pk]
    facts = defaultdict(list)
    in_page = Fact.objects.filter(topic_id__in=[topic.pk, *(child.pk for child in children)])
    for fact in in_page.with_links().order_by("order", "pk"):
        facts[fact.topic_id].append(fact)
    context = {
        "topic": topic,
        "facts": facts[topic.pk],
        "children": [(child, facts[child.pk]) for child in children],
        "siblings": [other for other in near if other.parent_id == topic.parent_id],
    }
    parent = topic.parent
    return {
        "pk": topic.pk,
        "title": topic.title,
        "parent_title": parent.title if parent else "",
        "parent_url": parent.get_absolute_url() if parent else "",
        "body": render_to_string("topics/_topic_body.html", context),
    }


@login_required
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    context = {
        "person": person,
        "facts": person.facts.select_related("topic").order_by("topic__order", "order"),
        "events": person.events.chronological(),
        "quotes": Quote.objects.filter(Q(speaker=person) | Q(about=person)).select_related(
            "speaker", "about"
        ),
    }
    return render(request, "topics/person.html", context)


@login_required
def people(request):
    return render(request, "topics/people.html", {"people": Person.objects.order_by("name")})


@login_required
def timeline(request):
    def draw():
        events = (
            Event.objects.chronological()
            .select_related("topic")
            .prefetch_related(Prefetch("people", queryset=Person.objects.order_by("name")))
        )
        return render_to_string("topics/_timeline_body.html", {"events": events})

    body = content_version.fragment("timeline", draw)
    return render(request, "topics/timeline.html", {"body": body})


@login_required
def glossary(request):
    def draw():
        terms = Term.objects.select_related("topic").order_by(Lower("term"))
        return render_to_string("topics/_glossary_body.html", glossary_letters(terms))

    body = content_version.fragment("glossary", draw)
    return render(request, "topics/glossary.html", {"body": body})


def glossary_letters(terms):
    """The terms under their first letters, and the A-Z: every letter, those with no term marked.

    Terms that begin with anything but A-Z (a digit, a quote mark) go under "#"."""
    groups = {}
    for term in terms:
        first = term.term[:1].upper()
        letter = first if "A" <= first <= "Z" else "#"
        groups.setdefault(letter, []).append(term)
    alphabet = [chr(code) for code in range(ord("A"), ord("Z") + 1)]
    if "#" in groups:
        alphabet.append("#")
    letters = [(letter, letter in groups) for letter in alphabet]
    sections = [(letter, groups[letter]) for letter in alphabet if letter in groups]
    return {"letters": letters, "sections": sections}


@login_required
def search(request):
    query = knowledge_search.clean_query(request.GET.get("q", ""))
    groups = knowledge_search.search(query)
    context = {"query": query, "groups": groups, "count": sum(len(g.hits) for g in groups)}
    return render(request, "topics/search.html", context)
