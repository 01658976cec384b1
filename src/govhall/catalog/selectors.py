"""Reads of the catalog shared by the portal, the workbench and the API.

Public reads only ever see live implementations (published and not suspended/withdrawn) and
their published version; nothing in draft or pending review is visible. Staff reads go
through ``access.py`` for their scope.
"""

from django.db.models import QuerySet

from govhall.directory.models import Region
from govhall.identity.models import StaffProfile, StaffRole
from govhall.identity.scope import staff_scope_of

from .models import (
    CatalogItem,
    ImplementationEvent,
    ImplementationStatus,
    ImplementationVersion,
    ItemImplementation,
    Theme,
    VersionState,
)

GUIDE_RELATED = (
    "catalog_item",
    "catalog_item__parent",
    "handling_item",
    "region",
    "department",
    "published_version",
)


def _with_guide(queryset: QuerySet[ItemImplementation]) -> QuerySet[ItemImplementation]:
    return queryset.select_related(*GUIDE_RELATED).prefetch_related(
        "published_version__materials",
        "published_version__steps",
        "published_version__fees",
        "published_version__themes",
        "published_version__prerequisites",
    )


def implementation_live_list() -> QuerySet[ItemImplementation]:
    """Every implementation the public may see."""
    return ItemImplementation.objects.filter(
        status=ImplementationStatus.PUBLISHED, published_version__isnull=False
    )


def implementation_get_live(*, code: str) -> ItemImplementation:
    """A live implementation with its published guide prefetched; raises ``DoesNotExist``."""
    return _with_guide(implementation_live_list()).get(code=code)


def implementation_for_case(*, code: str) -> ItemImplementation:
    """A live implementation with what a case snapshots (item, department, regions) — no guide prefetch."""
    return (
        implementation_live_list()
        .select_related("catalog_item", "handling_item", "department__region", "region")
        .get(code=code)
    )


def implementations_live_for_basic_code(*, basic_code: str) -> QuerySet[ItemImplementation]:
    """Live implementations of a basic item (or of its handling items), province first."""
    return (
        implementation_live_list()
        .filter(catalog_item__code=basic_code)
        .select_related("catalog_item", "handling_item", "region", "department", "published_version")
        .order_by("region__code")
    )


def implementations_live_in_regions(*, region: Region) -> QuerySet[ItemImplementation]:
    """站点切换: what is handled in ``region`` and in the regions above it."""
    return implementation_live_list().filter(region__code__in=region.ancestor_codes)


def related_implementations(
    *, implementation: ItemImplementation, limit: int = 8
) -> list[ItemImplementation]:
    """Live implementations in the same region chain that share a theme or are prerequisites."""
    version = implementation.published_version
    if version is None:
        return []
    theme_ids = [t.pk for t in version.themes.all()]
    prerequisite_ids = [p.pk for p in version.prerequisites.all()]
    queryset = implementations_live_in_regions(region=implementation.region).exclude(pk=implementation.pk)
    related = list(
        queryset.filter(catalog_item_id__in=prerequisite_ids).select_related(
            "catalog_item", "handling_item", "department"
        )[:limit]
    )
    if len(related) < limit and theme_ids:
        seen = {r.pk for r in related} | {implementation.pk}
        more = (
            queryset.filter(published_version__themes__in=theme_ids)
            .exclude(pk__in=seen)
            .select_related("catalog_item", "handling_item", "department")
            .distinct()
            .order_by("-popularity", "code")
        )
        related += list(more[: limit - len(related)])
    return related


def version_list(*, implementation: ItemImplementation) -> QuerySet[ImplementationVersion]:
    """All versions of an implementation, newest first."""
    return implementation.versions.select_related("created_by", "submitted_by", "reviewed_by").order_by(
        "-number"
    )


def published_version_list(*, implementation: ItemImplementation) -> QuerySet[ImplementationVersion]:
    return version_list(implementation=implementation).filter(
        state__in=[VersionState.PUBLISHED, VersionState.SUPERSEDED]
    )


def version_get_with_content(*, pk: int) -> ImplementationVersion:
    return (
        ImplementationVersion.objects.select_related("implementation")
        .prefetch_related("materials", "steps", "fees", "themes", "prerequisites")
        .get(pk=pk)
    )


def event_list(*, implementation: ItemImplementation) -> QuerySet[ImplementationEvent]:
    return implementation.events.select_related("actor", "version")


def implementations_for_manager(*, profile: StaffProfile) -> QuerySet[ItemImplementation]:
    """Implementations in a catalog manager's scope (their region and below; ``identity.scope``)."""
    return (
        staff_scope_of(profile)
        .filter(
            ItemImplementation.objects.all(),
            region_path_field="region__path",
            department_field=None,
            for_roles=(StaffRole.CATALOG_MANAGER,),
        )
        .select_related("catalog_item", "handling_item", "region", "department", "published_version")
    )


def review_queue_for_manager(*, profile: StaffProfile) -> QuerySet[ImplementationVersion]:
    """Pending versions in scope that this manager did not write or submit (审核队列)."""
    return (
        staff_scope_of(profile)
        .filter(
            ImplementationVersion.objects.filter(state=VersionState.PENDING),
            region_path_field="implementation__region__path",
            department_field=None,
            for_roles=(StaffRole.CATALOG_MANAGER,),
        )
        .exclude(created_by=profile.user)
        .exclude(submitted_by=profile.user)
        .select_related(
            "implementation__catalog_item",
            "implementation__department",
            "implementation__region",
            "submitted_by",
        )
        .order_by("submitted_at")
    )


def catalog_item_get(*, code: str) -> CatalogItem:
    return CatalogItem.objects.select_related("parent").get(code=code)


def catalog_item_list(*, q: str = "", item_type: str = "") -> QuerySet[CatalogItem]:
    items = CatalogItem.objects.select_related("parent")
    if q:
        items = items.filter(name__contains=q) | items.filter(code__startswith=q.upper())
    if item_type:
        items = items.filter(item_type=item_type)
    return items.order_by("code")


def theme_list(*, audience: str = "") -> QuerySet[Theme]:
    themes = Theme.objects.all()
    return themes.filter(audience=audience) if audience else themes


def popular_implementations(*, region: Region | None = None, limit: int = 10) -> list[ItemImplementation]:
    """Most used live implementations, one per basic item, in the chosen region chain."""
    queryset = implementations_live_in_regions(region=region) if region else implementation_live_list()
    seen: set[int] = set()
    popular = []
    for implementation in queryset.select_related(
        "catalog_item", "handling_item", "department", "region", "published_version"
    ).order_by("-popularity", "code")[: limit * 20]:
        if implementation.catalog_item_id in seen:
            continue
        seen.add(implementation.catalog_item_id)
        popular.append(implementation)
        if len(popular) == limit:
            break
    return popular
