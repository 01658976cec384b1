"""Django admin for operators: the catalog is read-only here — every change goes through the
workbench or the services, so it is reviewed, versioned and indexed."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    CatalogItem,
    CatalogItemChange,
    ImplementationEvent,
    ImplementationVersion,
    ItemImplementation,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CatalogItem)
class CatalogItemAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "item_type", "competent_department", "is_active"]
    list_filter = ["item_type", "is_active"]
    search_fields = ["code", "name"]


@admin.register(ItemImplementation)
class ItemImplementationAdmin(ReadOnlyAdmin):
    list_display = ["code", "catalog_item", "department", "region", "status"]
    list_filter = ["status"]
    search_fields = ["code", "catalog_item__name", "department__name"]
    list_select_related = ["catalog_item", "department", "region"]


@admin.register(ImplementationVersion)
class ImplementationVersionAdmin(ReadOnlyAdmin):
    list_display = ["implementation", "number", "state", "published_at"]
    list_filter = ["state"]
    list_select_related = ["implementation__catalog_item", "implementation__department"]


@admin.register(ImplementationEvent)
class ImplementationEventAdmin(ReadOnlyAdmin):
    list_display = ["implementation", "action", "actor", "at"]
    list_filter = ["action"]


@admin.register(CatalogItemChange)
class CatalogItemChangeAdmin(ReadOnlyAdmin):
    list_display = ["catalog_item", "field", "changed_by", "changed_at"]
