from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from quizzes.forms import BoundedJSONField
from quizzes.models import Attempt, Question, Quiz, QuizQuestion, Response, RetiredBecause, Status
from quizzes.rebuild import EmptyKnowledgeBase, rebuild_bank

SOURCE_FIELDS = ["source_facts", "source_people", "source_events", "source_terms", "source_quotes"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "topic", "difficulty", "status", "origin_display"]
    list_filter = ["kind", "status", "template", "difficulty", "topic__parent", "topic"]
    list_select_related = ["topic"]
    search_fields = ["prompt", "explanation", "key"]
    autocomplete_fields = ["topic", "author"]
    readonly_fields = [
        "template",
        "key",
        "fingerprint",
        "retired_because",
        "source_list",
        "created_at",
    ]
    filter_horizontal = SOURCE_FIELDS
    actions = ["retire", "restore", "rebuild_bank_action"]
    # The changelist's "Rebuild the question bank" button (templates/admin/quizzes/question/).
    change_list_template = "admin/quizzes/question/change_list.html"
    formfield_overrides = {models.JSONField: {"form_class": BoundedJSONField}}
    fieldsets = [
        (None, {"fields": ["kind", "prompt", "options", "answer", "explanation"]}),
        ("Where it belongs", {"fields": ["topic", "difficulty", "status", "retired_because"]}),
        (
            "Where it came from",
            {"fields": ["source_list", "template", "author", "key", "fingerprint", "created_at"]},
        ),
        ("Sources", {"classes": ["collapse"], "fields": SOURCE_FIELDS}),
    ]

    @admin.display(description="origin", ordering="template")
    def origin_display(self, question):
        return question.origin

    @admin.display(description="source notes")
    def source_list(self, question):
        facts = question.source_facts.select_related("topic")
        return "\n".join(f"{fact.source}, {fact.topic.title}: {fact.text}" for fact in facts) or "-"

    @admin.action(description="Retire the selected questions")
    def retire(self, request, queryset):
        """Asks first, saying how much it touches: "select all" would retire the whole bank."""
        active = queryset.active()
        if request.POST.get("post") != "yes":
            return self.retire_confirmation(request, queryset, active)
        count = active.update(status=Status.RETIRED, retired_because=RetiredBecause.ADMIN)
        self.message_user(request, f"{count} questions retired.", messages.SUCCESS)
        return None

    def retire_confirmation(self, request, queryset, active):
        select_across = request.POST.get("select_across") == "1"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Retire questions?",
            "count": active.count(),
            "quiz_count": Quiz.objects.filter(is_practice=False, items__question__in=active)
            .distinct()
            .count(),
            "select_across": select_across,
            # With "select all" the admin finds the rows again from the page's filters, and
            # thousands of ids would go over DATA_UPLOAD_MAX_NUMBER_FIELDS.
            "selected": [] if select_across else request.POST.getlist(ACTION_CHECKBOX_NAME),
            "action_index": request.POST.get("index", "0"),
        }
        return TemplateResponse(request, "admin/quizzes/question/retire_confirmation.html", context)

    def get_urls(self):
        rebuild = self.admin_site.admin_view(self.rebuild_view)
        return [path("rebuild/", rebuild, name="quizzes_question_rebuild"), *super().get_urls()]

    def rebuild_view(self, request):
        """Confirm, then rebuild the bank from the knowledge base and say what changed."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            self._rebuild(request)
            return redirect("admin:quizzes_question_changelist")
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "title": "Rebuild the question bank"}  # fmt: skip
        return TemplateResponse(request, "admin/quizzes/question/rebuild.html", context)

    @admin.action(description="Rebuild the whole question bank from the knowledge base")
    def rebuild_bank_action(self, request, queryset):
        self._rebuild(request)

    def _rebuild(self, request):
        try:
            result = rebuild_bank()
        except EmptyKnowledgeBase as error:
            self.message_user(request, f"Nothing rebuilt: {error}", messages.ERROR)
            return
        self.message_user(request, f"Question bank rebuilt: {result}.", messages.SUCCESS)

    @admin.action(description="Restore the selected questions")
    def restore(self, request, queryset):
        # A retired question whose key has a newer active version cannot come back beside it.
        active_keys = Question.objects.active().exclude(key="").values("key")
        restorable = queryset.filter(status=Status.RETIRED).exclude(key__in=active_keys)
        count = restorable.update(status=Status.ACTIVE, retired_because="")
        self.message_user(request, f"{count} questions restored.", messages.SUCCESS)


class QuizQuestionInline(admin.TabularInline):
    model = QuizQuestion
    autocomplete_fields = ["question"]
    extra = 0


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "is_practice", "size", "created_at"]
    list_filter = ["is_practice"]
    search_fields = ["title", "owner__username"]
    autocomplete_fields = ["owner", "preview_of"]
    inlines = [QuizQuestionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner").annotate(n=Count("items"))

    @admin.display(description="questions", ordering="n")
    def size(self, quiz):
        return quiz.n


class ResponseInline(admin.TabularInline):
    model = Response
    fields = ["question", "answer", "score", "feedback", "answered_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["user", "quiz", "started_at", "submitted_at", "score"]
    list_filter = ["quiz__is_practice"]
    list_select_related = ["user", "quiz"]
    search_fields = ["user__username", "quiz__title"]
    readonly_fields = [
        "quiz", "user", "started_at", "submitted_at", "score", "question_order", "option_orders",
    ]  # fmt: skip
    inlines = [ResponseInline]

    def has_add_permission(self, request):
        return False  # made only by starting a quiz; every field is read-only
