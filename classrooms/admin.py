from django.contrib import admin
from django.db.models import Count

from classrooms.models import Assignment, AssignmentAttempt, Classroom, Enrolment


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    autocomplete_fields = ["student"]
    extra = 0


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ["name", "teacher", "join_code", "student_count", "created_at"]
    search_fields = ["name", "teacher__username", "join_code"]
    autocomplete_fields = ["teacher"]
    readonly_fields = ["join_code", "created_at"]
    inlines = [EnrolmentInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("teacher")
        return queryset.annotate(n=Count("enrolments"))

    @admin.display(description="students", ordering="n")
    def student_count(self, classroom):
        return classroom.n


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["quiz", "classroom", "opens_at", "due_at", "attempts_allowed", "late_policy"]
    list_filter = ["late_policy", "answers_shown", "layout"]
    list_select_related = ["quiz", "classroom"]
    search_fields = ["quiz__title", "classroom__name"]
    autocomplete_fields = ["classroom", "quiz", "chosen_students"]
    date_hierarchy = "due_at"


@admin.register(AssignmentAttempt)
class AssignmentAttemptAdmin(admin.ModelAdmin):
    list_display = ["student", "assignment", "number", "is_open"]
    list_filter = ["is_open"]
    list_select_related = ["student", "assignment__quiz", "assignment__classroom"]
    search_fields = ["student__username", "assignment__quiz__title"]
    readonly_fields = [
        "assignment",
        "student",
        "attempt",
        "number",
        "allowed",
        "is_open",
    ]
