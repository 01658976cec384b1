"""Public reads the REST API needs beyond ``selectors.py``: published history, basic items with their tree.

Same rule as ``selectors.py``: only live implementations, and of their versions only the
published and superseded ones — never a draft, a pending or a rejected version. Never writes.
"""

from django.db.models import Prefetch, QuerySet

from .models import (
    CatalogItem,
    HandlingItem,
    ImplementationVersion,
    ItemImplementation,
    Material,
    Theme,
    VersionState,
)
from .selectors import implementation_live_list, published_version_list

PUBLIC_VERSION_STATES = (VersionState.PUBLISHED, VersionState.SUPERSEDED)


def implementation_get_live_identity(*, code: str) -> ItemImplementation:
    """A live implementation without its guide (for its version history); raises ``DoesNotExist``."""
    return implementation_live_list().select_related("catalog_item", "handling_item").get(code=code)


def published_history(*, implementation: ItemImplementation) -> QuerySet[ImplementationVersion]:
    """The published and superseded versions of ``implementation``, newest first."""
    return published_version_list(implementation=implementation).select_related(None)


def published_version_get(*, implementation: ItemImplementation, number: int) -> ImplementationVersion:
    """Version ``number`` with its full content, if it was ever published; raises ``DoesNotExist`` otherwise."""
    return (
        implementation.versions.filter(state__in=PUBLIC_VERSION_STATES)
        .prefetch_related("materials", "steps", "fees", "themes", "prerequisites")
        .get(number=number)
    )


def published_material_get(*, implementation: ItemImplementation, number: int, position: int) -> Material:
    """Material ``position`` of version ``number``, if that version was ever published; raises ``DoesNotExist``."""
    return Material.objects.get(
        version__implementation=implementation,
        version__number=number,
        version__state__in=PUBLIC_VERSION_STATES,
        position=position,
    )


def catalog_item_get_with_tree(*, code: str) -> CatalogItem:
    """A basic item with its main item, sub-items and handling items; raises ``DoesNotExist``."""
    return (
        CatalogItem.objects.select_related("parent")
        .prefetch_related(
            Prefetch("sub_items", queryset=CatalogItem.objects.order_by("code")),
            Prefetch("handling_items", queryset=HandlingItem.objects.order_by("code")),
        )
        .get(code=code)
    )


def theme_exists(*, code: str) -> bool:
    return Theme.objects.filter(code=code).exists()
