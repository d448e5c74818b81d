from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from topics.models import Claim, ClaimLink, Event, Fact, Origin, Person, Quote, Term, Topic


class CuratedAdmin(admin.ModelAdmin):
    """Marks loaded rows as edited when an admin saves them, so reloading keeps the admin's fix."""

    readonly_fields = ["origin"]

    def save_model(self, request, obj, form, change):
        if change and obj.origin != Origin.ADMIN and form.has_changed():
            obj.edited = True
        super().save_model(request, obj, form, change)

    # Inlines whose links belong to the other row (it is marked edited instead, see FactAdmin).
    links_owned_elsewhere = ()

    def save_related(self, request, form, formsets, change):
        """Links changed in an inline count as an edit too, or reloading would undo them.
        Every change is followed by a reminder that the question bank is built from it."""
        super().save_related(request, form, formsets, change)
        if form.has_changed() or any(formset.has_changed() for formset in formsets):
            self.remind_to_rebuild(request)
        obj = form.instance
        own = [fs for fs in formsets if fs.model not in self.links_owned_elsewhere]
        if (
            change
            and obj.origin != Origin.ADMIN
            and not obj.edited
            and any(formset.has_changed() for formset in own)
        ):
            obj.edited = True
            obj.save(update_fields=["edited"])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self.remind_to_rebuild(request)

    def remind_to_rebuild(self, request):
        """Say that questions may be out of date, with the way to bring them up to date."""
        try:  # the bank lives in the quizzes app, which topics does not depend on
            url = reverse("admin:quizzes_question_rebuild")
        except NoReverseMatch:
            return
        messages.warning(
            request,
            format_html(
                'Questions built from this may now be out of date. <a href="{}">Rebuild the '
                "question bank</a> so quizzes get the change.",
                url,
            ),
        )


class FactInline(admin.TabularInline):
    model = Fact
    fields = ["order", "text", "kind", "source"]
    extra = 0
    show_change_link = True


class SubtopicInline(admin.TabularInline):
    model = Topic
    fk_name = "parent"
    fields = ["order", "title", "slug"]
    extra = 0
    show_change_link = True


@admin.register(Topic)
class TopicAdmin(CuratedAdmin):
    list_display = ["title", "parent", "order", "fact_count", "origin", "edited"]
    list_filter = ["parent", "origin", "edited"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SubtopicInline, FactInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).select_related("parent").annotate(n=Count("facts"))

    @admin.display(description="facts", ordering="n")
    def fact_count(self, topic):
        return topic.n


class FactPeopleInline(admin.TabularInline):
    model = Fact.people.through
    autocomplete_fields = ["person"]
    extra = 0
    verbose_name = "person mentioned"
    verbose_name_plural = "people mentioned"


class FactEventsInline(admin.TabularInline):
    model = Fact.events.through
    autocomplete_fields = ["event"]
    extra = 0
    verbose_name = "event mentioned"
    verbose_name_plural = "events mentioned"


class FactTermsInline(admin.TabularInline):
    model = Fact.terms.through
    autocomplete_fields = ["term"]
    extra = 0
    verbose_name = "term used"
    verbose_name_plural = "terms used"


class FactClaimsInline(admin.TabularInline):
    """The checked claims written from this point, with their sentences to read beside it."""

    model = Claim.facts.through
    autocomplete_fields = ["claim"]
    readonly_fields = ["claim_type", "claim_text"]
    extra = 0
    verbose_name = "claim written from this point"
    verbose_name_plural = "claims written from this point"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim")

    @admin.display(description="type")
    def claim_type(self, link):
        return link.claim.get_type_display() if link.claim_id else ""

    @admin.display(description="sentence")
    def claim_text(self, link):
        return link.claim.text if link.claim_id else ""


class NotForQuestionsFilter(admin.SimpleListFilter):
    title = "not for questions"
    parameter_name = "not_for_questions"

    def lookups(self, request, model_admin):
        return [("yes", "Not for questions"), ("no", "Usable")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(not_for_questions="")
        if self.value() == "no":
            return queryset.filter(not_for_questions="")
        return queryset


@admin.register(Fact)
class FactAdmin(CuratedAdmin):
    list_display = ["__str__", "topic", "kind", "source", "for_questions", "origin", "edited"]
    list_filter = ["kind", NotForQuestionsFilter, "origin", "edited", "topic__parent", "topic"]
    list_select_related = ["topic__parent"]
    search_fields = ["text", "original_text", "source"]
    autocomplete_fields = ["topic"]
    fields = [
        "topic", "order", "text", "original_text", "kind", "source", "not_for_questions",
        "origin", "edited",
    ]  # fmt: skip
    readonly_fields = ["origin", "original_text"]
    inlines = [FactClaimsInline, FactPeopleInline, FactEventsInline, FactTermsInline]
    exclude = ["people", "events", "terms"]
    links_owned_elsewhere = (Claim.facts.through,)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Claim.facts.through:
            # A claim's links belong to the claim: mark the claims whose links changed here.
            touched = {f.instance.claim_id for f in formset.forms if f.has_changed()}
            touched |= {link.claim_id for link in formset.deleted_objects}
            Claim.objects.filter(pk__in=touched - {None}).exclude(origin=Origin.ADMIN).update(
                edited=True
            )

    @admin.display(description="for questions", boolean=True)
    def for_questions(self, fact):
        return not fact.not_for_questions


@admin.register(Person)
class PersonAdmin(CuratedAdmin):
    list_display = ["name", "full_name", "role", "in_notes", "origin", "edited"]
    list_filter = ["in_notes", "origin", "edited"]
    search_fields = ["name", "full_name", "aliases", "role"]
    prepopulated_fields = {"slug": ["name"]}


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = sorted(set(model_admin.model.objects.values_list("start_year", flat=True)))
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(start_year=int(self.value()))
        return queryset


@admin.register(Event)
class EventAdmin(CuratedAdmin):
    list_display = ["title", "start_year", "end_year", "month", "topic", "origin", "edited"]
    list_filter = [YearFilter, "topic__parent", "origin", "edited"]
    list_select_related = ["topic"]
    search_fields = ["title", "slug"]
    autocomplete_fields = ["topic", "people"]
    prepopulated_fields = {"slug": ["title"]}
    ordering = ["start_year", "month"]


@admin.register(Term)
class TermAdmin(CuratedAdmin):
    list_display = ["term", "definition", "topic", "origin", "edited"]
    list_filter = ["topic__parent", "origin", "edited"]
    list_select_related = ["topic"]
    search_fields = ["term", "aliases", "definition"]
    autocomplete_fields = ["topic"]
    prepopulated_fields = {"slug": ["term"]}


@admin.register(Quote)
class QuoteAdmin(CuratedAdmin):
    list_display = ["text", "speaker", "about", "year", "topic", "origin"]
    list_filter = ["topic__parent", "speaker", "origin", "edited"]
    list_select_related = ["speaker", "about", "topic"]
    search_fields = ["text", "context", "speaker__name"]
    autocomplete_fields = ["speaker", "about", "topic", "facts"]
    prepopulated_fields = {"slug": ["text"]}


class HasCorrectionFilter(admin.SimpleListFilter):
    title = "has a correction"
    parameter_name = "has_correction"

    def lookups(self, request, model_admin):
        return [("yes", "Corrects the notes"), ("no", "No correction")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(correction="")
        if self.value() == "no":
            return queryset.filter(correction="")
        return queryset


class ClaimFactsInline(admin.TabularInline):
    model = Claim.facts.through
    autocomplete_fields = ["fact"]
    extra = 0
    verbose_name = "point of the notes"
    verbose_name_plural = "points of the notes it comes from"


@admin.register(Claim)
class ClaimAdmin(CuratedAdmin):
    list_display = ["text", "type", "topic", "has_correction", "origin", "edited"]
    list_filter = [
        "type", HasCorrectionFilter, "list_item", "topic__parent", "topic", "origin", "edited",
    ]  # fmt: skip
    list_select_related = ["topic"]
    search_fields = ["text", "slug", "held_by", "misconception", "correction"]
    autocomplete_fields = ["topic"]
    fields = [
        "slug", "text", "type", "topic", "details", "held_by", "view", "misconception",
        "correction", "year", "list_item", "origin", "edited",
    ]  # fmt: skip
    inlines = [ClaimFactsInline]

    @admin.display(description="correction", boolean=True, ordering="correction")
    def has_correction(self, claim):
        return bool(claim.correction)


@admin.register(ClaimLink)
class ClaimLinkAdmin(CuratedAdmin):
    """Cause and consequence, policy and aim: the pairs of the matching questions."""

    list_display = ["from_text", "relation", "to_text", "section", "origin", "edited"]
    list_filter = ["relation", "to_claim__topic__parent", "origin", "edited"]
    list_select_related = ["to_claim__topic__parent"]
    search_fields = ["slug", "from_text", "to_text", "from_claim__text", "to_claim__text"]
    autocomplete_fields = ["from_claim", "to_claim", "not_with"]
    fields = [
        "slug", "relation", "from_claim", "from_text", "to_claim", "to_text", "not_with",
        "origin", "edited",
    ]  # fmt: skip

    @admin.display(description="section", ordering="to_claim__topic__parent__order")
    def section(self, link):
        topic = link.to_claim.topic
        return topic.parent or topic
