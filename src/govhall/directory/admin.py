from django.contrib import admin

from .models import Department, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "region", "level"]
    list_filter = ["level"]
    search_fields = ["name", "credit_code"]
    raw_id_fields = ["region", "parent"]
