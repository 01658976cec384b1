from django.contrib import admin

from .models import StaffProfile


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "region", "department", "roles"]
    raw_id_fields = ["user", "region", "department"]
