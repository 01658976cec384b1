"""Catalog figures for the supervision indicators (R-SUP.4): how much of the catalog is on the platform.

Owns one read: the implementations of a region and below, counted per (region, department) in a
single ``GROUP BY`` — onboarding, online depth, "最多跑一次" — and the listed-materials count of
guide versions (a correlated count for the daily case figures, or per version for the live ones). The figures are a snapshot of
the catalog as it is now (the catalog keeps no dated history of its status). Never writes; never
loops over implementations in Python.
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Count, IntegerField, Q, Subquery

from .models import ImplementationStatus, ItemImplementation, Material

ONLINE_AVAILABLE_DEPTH = 3  # 网上可办: three stars or more
DEEP_ONLINE_DEPTH = 4  # 四星及以上
ONCE_VISITS = 1  # 最多跑一次


def catalog_indicator_rows(*, region_path: str) -> list[dict[str, Any]]:
    """Per (region_id, department_id) of ``region_path`` and below: implementations (not withdrawn),
    published, published with depth ≥ 3, depth ≥ 4, and with at most one visit."""
    live = Q(status=ImplementationStatus.PUBLISHED, published_version__isnull=False)
    return cast(
        "list[dict[str, Any]]",
        list(
            ItemImplementation.objects.filter(region__path__startswith=region_path)
            .exclude(status=ImplementationStatus.WITHDRAWN)
            .values("region_id", "department_id")
            .order_by()
            .annotate(
                implementations=Count("id"),
                published=Count("id", filter=live),
                online_available=Count(
                    "id", filter=live & Q(published_version__online_depth__gte=ONLINE_AVAILABLE_DEPTH)
                ),
                deep_online=Count(
                    "id", filter=live & Q(published_version__online_depth__gte=DEEP_ONLINE_DEPTH)
                ),
                once_items=Count("id", filter=live & Q(published_version__max_visits__lte=ONCE_VISITS)),
            )
        ),
    )


def listed_material_count(version_id: Any) -> Subquery:
    """How many materials the guide version ``version_id`` (an ``OuterRef``) lists, as a correlated
    subquery (null when it lists none) — for a grouped query that sums it over cases."""
    return Subquery(
        Material.objects.filter(version_id=version_id)
        .order_by()
        .values("version_id")
        .annotate(n=Count("id"))
        .values("n"),
        output_field=IntegerField(),
    )


def material_counts_of_versions(version_ids: set[int]) -> dict[int, int]:
    """How many materials each guide version lists (versions without materials are absent) — one query."""
    return dict(
        Material.objects.filter(version_id__in=version_ids)
        .values("version_id")
        .order_by()
        .annotate(n=Count("id"))
        .values_list("version_id", "n")
    )
