"""Loaders behind ``govhall load_demo`` and ``govhall seed_scale``. Each is idempotent and writes only
through the owning context's services (directory.bulk, catalog services, identity.services).

A second run finds every row by its natural key (region code, credit code, item code,
implementation code, username) and loads nothing twice.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from govhall.catalog.models import CatalogItem, HandlingItem, Theme
from govhall.catalog.services.basic import theme_upsert
from govhall.catalog.services.bulk import (
    BulkImplementation,
    BulkResult,
    catalog_items_load_bulk,
    implementations_publish_bulk,
)
from govhall.directory.bulk import LoadResult, departments_load, region_rows_from_csv, regions_load
from govhall.directory.models import Department, Region
from govhall.identity.services.staff import staff_upsert
from govhall.identity.services.staff_totp import demo_totp_device_ensure

from .accounts import DEMO_ACCOUNTS, demo_totp_key
from .catalog import PlannedImplementation, basic_item_rows, demo_items, demo_plan
from .data.themes import THEMES
from .departments import FUJIAN_REGIONS_CSV, demo_departments
from .forms import with_blank_forms

DEMO_REASON = "演示数据：福建省政务服务事项实施清单（批量导入）"
LEGACY_REASON = "演示数据：历史数据迁移，未经重新审核"


def load_regions() -> LoadResult:
    return regions_load(rows=region_rows_from_csv(FUJIAN_REGIONS_CSV))


def load_departments() -> LoadResult:
    return departments_load(rows=[department.row for department in demo_departments()])


def load_themes() -> int:
    """Create or refresh the themes; returns how many were new."""
    before = Theme.objects.count()
    for position, (code, name, audience) in enumerate(THEMES, start=1):
        theme_upsert(code=code, name=name, audience=audience, position=position)
    return Theme.objects.count() - before


def load_basic_catalog() -> tuple[int, int]:
    """The ~45 real items and their handling items; returns (items, handling items) created."""
    return catalog_items_load_bulk(rows=basic_item_rows(demo_items()))


@dataclass(frozen=True)
class Lookups:
    """Model instances by natural key, to turn planned rows into BulkImplementation rows."""

    items: dict[str, CatalogItem]
    handling: dict[str, HandlingItem]
    departments: dict[str, Department]

    @classmethod
    def load(cls) -> "Lookups":
        return cls(
            CatalogItem.objects.in_bulk(field_name="code"),
            HandlingItem.objects.in_bulk(field_name="code"),
            Department.objects.in_bulk(field_name="credit_code"),
        )

    def row(self, planned: PlannedImplementation) -> BulkImplementation:
        return BulkImplementation(
            catalog_item=self.items[planned.item_code],
            handling_item=self.handling[planned.handling_code] if planned.handling_code else None,
            department=self.departments[planned.department.row.credit_code],
            elements_key=planned.elements_key,
            local=planned.department.local_elements,
            popularity=planned.popularity,
        )


def load_demo_implementations(
    *, progress: Callable[[int, int], None] | None = None, plan: Iterable[PlannedImplementation] | None = None
) -> BulkResult:
    """Publish every demo implementation that does not exist yet (legacy rows without the submit rules)."""
    planned, element_sets = demo_plan()
    element_sets = with_blank_forms(element_sets)
    if plan is not None:
        planned = list(plan)
    lookups = Lookups.load()
    result = implementations_publish_bulk(
        rows=(lookups.row(p) for p in planned if not p.legacy),
        element_sets=element_sets,
        reason=DEMO_REASON,
        progress=progress,
    )
    legacy = implementations_publish_bulk(
        rows=(lookups.row(p) for p in planned if p.legacy),
        element_sets=element_sets,
        reason=LEGACY_REASON,
        for_submit=False,
    )
    result.created_ids.extend(legacy.created_ids)
    result.skipped += legacy.skipped
    return result


def load_staff() -> int:
    """The demo accounts, each with its demo TOTP device; a password is set only when the account is new.

    Returns how many were created."""
    user_model = get_user_model()
    existing = set(
        user_model.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
            "username", flat=True
        )
    )
    credit_codes = {(d.kind, d.place.code): d.row.credit_code for d in demo_departments()}
    for account in DEMO_ACCOUNTS:
        region = Region.objects.get(code=account.region.ljust(12, "0"))
        department = Department.objects.get(
            credit_code=credit_codes[(account.department_kind, account.region)]
        )
        profile = staff_upsert(
            username=account.username,
            display_name=account.display_name,
            region=region,
            roles=[account.role],
            department=department,
            password=None if account.username in existing else account.password,
        )
        # The workbench's second factor: a demo device whose code ``govhall demo_totp`` prints.
        demo_totp_device_ensure(user=profile.user, key_hex=demo_totp_key(account.username))
    return len(DEMO_ACCOUNTS) - len(existing)
