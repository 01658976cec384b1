"""Reads for the staff workbench (事项管理员 pages) that the shared selectors do not cover.

Scope is always passed in as the caller's ``StaffProfile`` (obtained through ``access.py``);
these functions only narrow querysets to that scope and shape them for lists, counts and
pickers. They never write and never decide permissions beyond the region prefix.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from govhall.directory.models import Department, Region
from govhall.identity.models import StaffProfile

from .models import (
    CatalogItem,
    CatalogItemChange,
    HandlingItem,
    ImplementationStatus,
    ImplementationVersion,
    ItemImplementation,
    ItemType,
    Theme,
    VersionState,
)
from .selectors import implementations_for_manager, review_queue_for_manager

OPEN_STATES = (VersionState.DRAFT, VersionState.PENDING)

# ?sort= values of the implementation list → ORDER BY columns.
IMPLEMENTATION_SORTS: dict[str, tuple[str, ...]] = {
    "code": ("code",),
    "name": ("catalog_item__name", "code"),
    "department": ("department__name", "code"),
    "region": ("region__code", "code"),
    "status": ("status", "code"),
}


def implementation_rows_for_manager(
    *,
    profile: StaffProfile,
    q: str = "",
    region_code: str = "",
    department_id: int | None = None,
    status: str = "",
    open_state: str = "",
    sort: str = "code",
) -> QuerySet[ItemImplementation]:
    """The manager's implementations, filtered and sorted, each annotated with ``open_state``.

    ``open_state`` is the state of the open draft/pending version ("draft", "pending") or None;
    the filter accepts "draft", "pending", "any" (either) and "none".
    """
    open_versions = ImplementationVersion.objects.filter(implementation=OuterRef("pk"), state__in=OPEN_STATES)
    rows = implementations_for_manager(profile=profile).annotate(
        open_state=Subquery(open_versions.values("state")[:1]),
        open_number=Subquery(open_versions.values("number")[:1]),
    )
    if q := q.strip():
        rows = rows.filter(
            Q(catalog_item__name__contains=q)
            | Q(code__startswith=q.upper())
            | Q(handling_item__name__contains=q)
        )
    if region_code:
        region_filter = Region.objects.filter(code=region_code).values("path")[:1]
        rows = rows.filter(region__path__startswith=Subquery(region_filter))
    if department_id:
        rows = rows.filter(department_id=department_id)
    if status:
        rows = rows.filter(status=status)
    if open_state in OPEN_STATES:
        rows = rows.filter(open_state=open_state)
    elif open_state == "any":
        rows = rows.filter(Exists(open_versions))
    elif open_state == "none":
        rows = rows.exclude(Exists(open_versions))
    descending = sort.startswith("-")
    columns = IMPLEMENTATION_SORTS.get(sort.lstrip("-"), IMPLEMENTATION_SORTS["code"])
    return rows.order_by(*(f"-{c}" if descending else c for c in columns))


def regions_in_scope(*, profile: StaffProfile, max_level: int = 3) -> QuerySet[Region]:
    """The manager's region and those below it, down to ``max_level`` (county by default)."""
    return Region.objects.filter(path__startswith=profile.region.path, level__lte=max_level).order_by("code")


def departments_in_scope(*, profile: StaffProfile) -> QuerySet[Department]:
    """Active departments of the manager's region and below (implementing bodies they may use)."""
    return (
        Department.objects.filter(region__path__startswith=profile.region.path, is_active=True)
        .select_related("region")
        .order_by("region__code", "name")
    )


def department_in_scope_get(*, profile: StaffProfile, pk: int) -> Department:
    """One department in scope; raises ``Department.DoesNotExist`` otherwise."""
    return departments_in_scope(profile=profile).get(pk=pk)


def workbench_counts(*, profile: StaffProfile) -> dict[str, int]:
    """Numbers for the manager's home page."""
    scope = Q(implementation__region__path__startswith=profile.region.path)
    return {
        "my_drafts": ImplementationVersion.objects.filter(
            scope, state=VersionState.DRAFT, created_by=profile.user
        ).count(),
        "my_pending": ImplementationVersion.objects.filter(
            scope, state=VersionState.PENDING, submitted_by=profile.user
        ).count(),
        "to_review": review_queue_for_manager(profile=profile).count(),
        "published": implementations_for_manager(profile=profile)
        .filter(status=ImplementationStatus.PUBLISHED)
        .count(),
        "in_scope": implementations_for_manager(profile=profile).count(),
    }


def my_open_versions(*, profile: StaffProfile) -> QuerySet[ImplementationVersion]:
    """Drafts and pending versions in scope that this manager wrote or submitted (newest first)."""
    return (
        ImplementationVersion.objects.filter(
            Q(created_by=profile.user) | Q(submitted_by=profile.user),
            state__in=OPEN_STATES,
            implementation__region__path__startswith=profile.region.path,
        )
        .select_related(
            "implementation__catalog_item",
            "implementation__handling_item",
            "implementation__department",
            "implementation__region",
            "submitted_by",
        )
        .order_by("-created_at")
    )


def version_open_get(*, implementation: ItemImplementation) -> ImplementationVersion | None:
    """The open (draft or pending) version of ``implementation`` with its rows prefetched, or None."""
    return (
        implementation.versions.filter(state__in=OPEN_STATES)
        .select_related("created_by", "submitted_by")
        .prefetch_related("materials", "steps", "fees", "themes", "prerequisites")
        .first()
    )


def version_get_by_number(*, implementation: ItemImplementation, number: int) -> ImplementationVersion:
    """One version with its rows prefetched; raises ``ImplementationVersion.DoesNotExist``."""
    return (
        implementation.versions.select_related("created_by", "submitted_by", "reviewed_by")
        .prefetch_related("materials", "steps", "fees", "themes", "prerequisites")
        .get(number=number)
    )


def version_is_own(*, version: ImplementationVersion, user: AbstractBaseUser) -> bool:
    """Whether ``user`` wrote or submitted ``version`` — such a user may not review it."""
    return user.pk in (version.created_by_id, version.submitted_by_id)


def active_catalog_items(*, q: str = "", limit: int = 50) -> list[CatalogItem]:
    """Active basic items matching ``q`` by name or code prefix, for the new-implementation picker."""
    items = CatalogItem.objects.filter(is_active=True)
    if q := q.strip():
        items = items.filter(Q(name__contains=q) | Q(code__startswith=q.upper()))
    return list(items.select_related("parent").order_by("code")[:limit])


def active_catalog_item_get(*, code: str) -> CatalogItem:
    return CatalogItem.objects.prefetch_related("handling_items").get(code=code, is_active=True)


def handling_item_get(*, catalog_item: CatalogItem, pk: int) -> HandlingItem:
    return catalog_item.handling_items.get(pk=pk)


def catalog_item_changes(*, item: CatalogItem) -> QuerySet[CatalogItemChange]:
    """The change log of a basic item (newest first)."""
    return item.changes.select_related("changed_by__staff_profile")


def implementation_count_for_item(*, item: CatalogItem) -> int:
    """How many implementations inherit this basic item's elements."""
    return ItemImplementation.objects.filter(catalog_item=item).count()


def implementations_for_item(*, item: CatalogItem, limit: int = 20) -> list[ItemImplementation]:
    return list(
        ItemImplementation.objects.filter(catalog_item=item)
        .select_related("region", "department", "handling_item", "catalog_item")
        .order_by("region__code", "code")[:limit]
    )


def catalog_item_names(*, codes: list[str]) -> dict[str, str]:
    """Names of basic items by code (for showing prerequisites)."""
    return dict(CatalogItem.objects.filter(code__in=codes).values_list("code", "name"))


def theme_names() -> dict[str, str]:
    return dict(Theme.objects.values_list("code", "name"))


def staff_display_names(*, user_ids: set[int]) -> dict[int, str]:
    """Display names of staff (falls back to the username) for history tables."""
    profiles = StaffProfile.objects.filter(user_id__in=user_ids).values_list("user_id", "display_name")
    return dict(profiles)


def item_type_choices() -> list[tuple[str, str]]:
    """事项类型 codes and labels (for filters; the workbench does not import catalog models)."""
    return [(str(value), str(label)) for value, label in ItemType.choices]


def implementation_status_choices() -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in ImplementationStatus.choices]
