"""Admin views of core tables: the working-day calendar, read-only (changes go through the workbench page)."""

from django.contrib import admin

from .models import CalendarDay, CalendarYear


class ReadOnlyAdmin(admin.ModelAdmin):
    """Visible to administrators; every change goes through ``core.services_calendar`` (audited)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    """The calendar's days: chinese-calendar rows and operators' rows (工作台 › 工作日历 edits them)."""

    list_display = ["date", "source", "is_workday", "holiday_name", "note", "updated_at"]
    list_filter = ["source", "is_workday"]
    date_hierarchy = "date"
    search_fields = ["holiday_name", "note"]


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ["year", "confirmed", "confirmed_at", "notice"]
