from datetime import datetime, timedelta

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
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


class CalendarEndChangeList(ChangeList):
    """Django's date drill-down ends each range at the next year, month or day, and there is none
    after 9999-12-31 (a 500). For that last range the plain year/month/day lookups do the job."""

    def get_filters(self, request):
        if not self.date_hierarchy or not self.range_ends_past_the_calendar():
            return super().get_filters(request)
        field, self.date_hierarchy = self.date_hierarchy, None
        try:
            return super().get_filters(request)
        finally:
            self.date_hierarchy = field

    def range_ends_past_the_calendar(self):
        def value(part):
            values = self.filter_params.get(f"{self.date_hierarchy}__{part}")
            return values[-1] if values else None

        year, month, day = value("year"), value("month"), value("day")
        if year is None:
            return False
        try:
            start = datetime(int(year), int(month or 1), int(day or 1))
        except ValueError:
            return False  # Django refuses these itself
        try:
            if day:
                start + timedelta(days=1)
            elif month:
                start + timedelta(days=32)
            else:
                start.replace(year=start.year + 1)
        except (OverflowError, ValueError):
            return True
        return False


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["quiz", "classroom", "opens_at", "due_at", "attempts_allowed", "late_policy"]
    list_filter = ["late_policy", "answers_shown", "layout"]
    list_select_related = ["quiz", "classroom"]
    search_fields = ["quiz__title", "classroom__name"]
    autocomplete_fields = ["classroom", "quiz", "chosen_students"]
    date_hierarchy = "due_at"

    def get_changelist(self, request, **kwargs):
        return CalendarEndChangeList


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

    def has_add_permission(self, request):
        return False  # made only by a student starting homework; every field is read-only
