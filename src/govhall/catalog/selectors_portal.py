"""Public catalog reads the portal needs beyond ``selectors.py`` (to be merged into it).

Same rule as ``selectors.py``: only live implementations (published, with a published
version) and their live guide are ever returned; nothing in draft or pending review. Also the
coded labels the portal shows (item types, audiences, the six 网办深度 steps …), so
presentation never imports the models.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from govhall.directory.models import Department, Region

from .models import (
    Audience,
    CatalogItem,
    DeliveryMethod,
    DepthStep,
    ItemImplementation,
    ItemType,
    Material,
    Theme,
    ThemeAudience,
)
from .selectors import implementation_live_list, implementations_live_in_regions

LIST_RELATED = ("catalog_item", "handling_item", "region", "department", "published_version")


def _in_region_chain(region: Region | None) -> QuerySet[ItemImplementation]:
    """Live implementations handled in ``region`` and above; every live one when no region is chosen."""
    return implementations_live_in_regions(region=region) if region else implementation_live_list()


def implementations_live_for_department(*, department: Department) -> QuerySet[ItemImplementation]:
    """The live implementations a department carries out, by basic code."""
    return (
        implementation_live_list()
        .filter(department=department)
        .select_related(*LIST_RELATED)
        .order_by("catalog_item__code", "code")
    )


def implementations_live_for_theme(*, theme: Theme, region: Region | None) -> QuerySet[ItemImplementation]:
    """Live implementations of a life event (主题) handled in ``region`` and above, most used first."""
    return (
        _in_region_chain(region)
        .filter(published_version__themes=theme)
        .select_related(*LIST_RELATED)
        .order_by("-popularity", "code")
    )


def theme_get(*, code: str) -> Theme:
    """A theme by code; raises ``Theme.DoesNotExist``."""
    return Theme.objects.get(code=code)


def catalog_item_get_active(*, code: str) -> CatalogItem:
    """An active basic-catalog item (public information); raises ``CatalogItem.DoesNotExist``."""
    return CatalogItem.objects.select_related("parent").get(code=code, is_active=True)


def material_get_live(*, implementation_code: str, position: int) -> Material:
    """A material of the *live* guide of an implementation; raises ``Material.DoesNotExist``.

    Files (blank templates, samples) are served only through this read, so a file attached to a
    draft, pending or superseded version is never downloadable.
    """
    implementation = implementation_live_list().only("published_version_id").get(code=implementation_code)
    return Material.objects.get(version_id=implementation.published_version_id, position=position)


@dataclass(frozen=True)
class ChoiceLabels:
    """The coded values the portal shows, as ``(code, label)`` pairs in their official order."""

    item_types: list[tuple[str, str]]
    audiences: list[tuple[str, str]]
    depth_steps: list[tuple[str, str]]
    delivery_methods: list[tuple[str, str]]
    theme_audiences: list[tuple[str, str]]

    def label(self, kind: str, code: str) -> str:
        return dict(getattr(self, kind)).get(code, code)


def choice_labels() -> ChoiceLabels:
    def pairs(choices: type) -> list[tuple[str, str]]:
        return [(str(code), str(label)) for code, label in choices.choices]  # type: ignore[attr-defined]

    return ChoiceLabels(
        item_types=pairs(ItemType),
        audiences=pairs(Audience),
        depth_steps=pairs(DepthStep),
        delivery_methods=pairs(DeliveryMethod),
        theme_audiences=pairs(ThemeAudience),
    )
