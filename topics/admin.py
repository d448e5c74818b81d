from django.contrib import admin

from topics.models import Event, Fact, Origin, Person, Quote, Term, Topic


class CuratedAdmin(admin.ModelAdmin):
    """Marks loaded rows as edited when an admin saves them, so reloading keeps the admin's fix."""

    readonly_fields = ["origin"]

    def save_model(self, request, obj, form, change):
        if change and obj.origin != Origin.ADMIN and form.has_changed():
            obj.edited = True
        super().save_model(request, obj, form, change)


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


@admin.register(Fact)
class FactAdmin(CuratedAdmin):
    list_display = ["__str__", "topic", "kind", "source", "origin", "edited"]
    list_filter = ["kind", "origin", "edited", "topic__parent", "topic"]
    list_select_related = ["topic__parent"]
    search_fields = ["text", "original_text", "source"]
    autocomplete_fields = ["topic"]
    fields = ["topic", "order", "text", "original_text", "kind", "source", "origin", "edited"]
    readonly_fields = ["origin", "original_text"]
    inlines = [FactPeopleInline, FactEventsInline, FactTermsInline]
    exclude = ["people", "events", "terms"]


@admin.register(Person)
class PersonAdmin(CuratedAdmin):
    list_display = ["name", "full_name", "role", "origin", "edited"]
    list_filter = ["origin", "edited"]
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
