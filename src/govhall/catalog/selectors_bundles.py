"""一件事 reads: live bundles for the portal and the cases context, bundles in a catalog manager's scope.

A bundle is *live* when it is active and its lead and every member are live implementations; only
live bundles are shown to the public or applied for. Never writes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet

from govhall.directory.models import Region
from govhall.identity.models import StaffProfile

from .access import catalog_manager_get, manager_covers_region
from .models import Bundle, BundleStatus, ImplementationStatus, ItemImplementation

ITEM_RELATED = ("catalog_item", "handling_item", "region", "department", "published_version")


def _with_items(queryset: QuerySet[Bundle]) -> QuerySet[Bundle]:
    return queryset.select_related(*(f"lead__{r}" for r in ITEM_RELATED), "region").prefetch_related(
        Prefetch(
            "members", queryset=ItemImplementation.objects.select_related(*ITEM_RELATED).order_by("code")
        )
    )


def _is_live(bundle: Bundle) -> bool:
    return bundle.lead.is_live and all(m.is_live for m in bundle.members.all())


def bundles_live(*, region: Region | None) -> list[Bundle]:
    """Active bundles of ``region`` and the regions above it (every region's when none is chosen)."""
    queryset = Bundle.objects.filter(status=BundleStatus.ACTIVE, lead__status=ImplementationStatus.PUBLISHED)
    if region is not None:
        queryset = queryset.filter(region__code__in=region.ancestor_codes)
    return [b for b in _with_items(queryset.order_by("region__code", "code")) if _is_live(b)]


def bundle_get_live(*, code: str) -> Bundle:
    """A live bundle by code; raises ``Bundle.DoesNotExist`` (inactive, or an item no longer live)."""
    bundle = _with_items(Bundle.objects.filter(status=BundleStatus.ACTIVE)).get(code=(code or "").strip())
    if not _is_live(bundle):
        raise Bundle.DoesNotExist("该一件事暂停办理")
    return bundle


def bundle_members(bundle: Bundle) -> list[ItemImplementation]:
    """The members in a stable order (by implementation code): the order bundle material positions use."""
    return sorted(bundle.members.all(), key=lambda m: m.code)


def bundles_for_manager(*, profile: StaffProfile) -> QuerySet[Bundle]:
    """Bundles of the manager's region and below."""
    return _with_items(Bundle.objects.filter(region__path__startswith=profile.region.path))


def bundle_get_for_manager(*, user: Any, code: str) -> Bundle:
    """A bundle the catalog manager may change; ``PermissionDenied`` or ``Bundle.DoesNotExist``."""
    profile = catalog_manager_get(user)
    bundle = _with_items(Bundle.objects.all()).get(code=code)
    if not manager_covers_region(profile, bundle.region.path):
        raise PermissionDenied("该一件事不在您的管理范围内")
    return bundle


def implementations_live_for_bundle(*, region: Region) -> QuerySet[ItemImplementation]:
    """Live implementations a bundle of ``region`` may name (its region and above), for the editor."""
    return (
        ItemImplementation.objects.filter(
            status=ImplementationStatus.PUBLISHED,
            published_version__isnull=False,
            region__code__in=region.ancestor_codes,
        )
        .select_related(*ITEM_RELATED)
        .order_by("department__name", "code")
    )


def bundle_status_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in BundleStatus.choices]
