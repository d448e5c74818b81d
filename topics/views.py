from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404, render

from topics import search as knowledge_search
from topics.models import Event, Fact, Person, Quote, Term, Topic


@login_required
def overview(request):
    sections = Topic.objects.for_overview()
    return render(request, "topics/overview.html", {"sections": sections})


@login_required
def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.select_related("parent"), slug=slug)
    facts = Fact.objects.with_links().order_by("order", "pk")
    children = topic.children.order_by("order", "pk").prefetch_related(
        Prefetch("facts", queryset=facts)
    )
    context = {
        "topic": topic,
        "facts": facts.filter(topic=topic),
        "children": children,
        "siblings": Topic.objects.filter(parent_id=topic.parent_id).order_by("order", "pk"),
    }
    return render(request, "topics/topic.html", context)


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
    events = (
        Event.objects.chronological()
        .select_related("topic")
        .prefetch_related(Prefetch("people", queryset=Person.objects.order_by("name")))
    )
    return render(request, "topics/timeline.html", {"events": events})


@login_required
def glossary(request):
    terms = Term.objects.select_related("topic").order_by(Lower("term"))
    return render(request, "topics/glossary.html", {"terms": terms})


@login_required
def search(request):
    query = knowledge_search.clean_query(request.GET.get("q", ""))
    groups = knowledge_search.search(query)
    context = {"query": query, "groups": groups, "count": sum(len(g.hits) for g in groups)}
    return render(request, "topics/search.html", context)
