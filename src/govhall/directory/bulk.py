"""Bulk loads of regions and departments — the trusted path for the demo, scale data and operators' imports.

Same rules as ``directory.services`` (codes validated at the edge, level and path derived from
the code and the parent), but written with ``bulk_create``/``bulk_update`` so a whole province
loads in well under a second. Loads are idempotent: rows are keyed by region code and by
credit code, existing rows are updated only where a value differs. Never deletes anything.
"""

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Department, Region
from .services import credit_code_validate, region_code_normalise, region_level_for_code

REGIONS_CSV_DIR = Path(__file__).resolve().parent / "data"
# How many leading digits a child shares with its parent, by the parent's level.
_PREFIX_LENGTH = {1: 2, 2: 4, 3: 6, 4: 9}


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    parent_code: str = ""


@dataclass(frozen=True)
class DepartmentRow:
    credit_code: str
    name: str
    region_code: str
    parent_credit_code: str = ""
    short_name: str = ""
    phone: str = ""
    complaint_phone: str = ""
    address: str = ""
    hours: str = ""
    website: str = ""


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


def region_rows_from_csv(path: Path) -> list[RegionRow]:
    """Read a ``code,name,parent_code`` file; lines starting with ``#`` are comments."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    return [
        RegionRow(
            code=row["code"].strip(), name=row["name"].strip(), parent_code=(row["parent_code"] or "").strip()
        )
        for row in csv.DictReader(lines)
    ]


@transaction.atomic
def regions_load(*, rows: Sequence[RegionRow]) -> LoadResult:
    """Create or rename regions. Parents must be in ``rows`` or already stored."""
    by_code = {region_code_normalise(row.code): row for row in rows}
    existing = Region.objects.in_bulk(field_name="code")
    created = updated = unchanged = 0
    for level in sorted({region_level_for_code(code) for code in by_code}):
        new, changed = [], []
        for position, (code, row) in enumerate(sorted(by_code.items())):
            if region_level_for_code(code) != level:
                continue
            parent = None
            if row.parent_code:
                parent = existing.get(region_code_normalise(row.parent_code))
                if parent is None:
                    raise ValidationError(
                        f"{row.name}（{code}）的上级区划 {row.parent_code} 不存在",
                        code="invalid_region_parent",
                    )
                if parent.level >= level or not code.startswith(parent.code[: _PREFIX_LENGTH[parent.level]]):
                    raise ValidationError(f"{row.name} 的上级区划层级不正确", code="invalid_region_parent")
            path = f"{parent.path}{code}/" if parent else f"{code}/"
            region = existing.get(code)
            if region is None:
                new.append(
                    Region(code=code, name=row.name, level=level, parent=parent, path=path, position=position)
                )
            elif (region.name, region.parent_id, region.path) != (
                row.name,
                parent.pk if parent else None,
                path,
            ):
                region.name, region.parent, region.path = row.name, parent, path
                changed.append(region)
            else:
                unchanged += 1
        for region in Region.objects.bulk_create(new):
            existing[region.code] = region
        Region.objects.bulk_update(changed, ["name", "parent", "path"])
        created, updated = created + len(new), updated + len(changed)
    return LoadResult(created, updated, unchanged)


_DEPARTMENT_FIELDS = (
    "name",
    "short_name",
    "region",
    "level",
    "parent",
    "phone",
    "complaint_phone",
    "address",
    "hours",
    "website",
)


@transaction.atomic
def departments_load(*, rows: Iterable[DepartmentRow]) -> LoadResult:
    """Create or update departments keyed by their (validated) credit code; parents before children."""
    rows = [
        DepartmentRow(**{**row.__dict__, "credit_code": credit_code_validate(row.credit_code)})
        for row in rows
    ]
    regions = Region.objects.in_bulk(field_name="code")
    existing = Department.objects.in_bulk(field_name="credit_code")
    created = updated = unchanged = 0
    for level in sorted({_region_for(regions, row).level for row in rows}):
        new, changed = [], []
        for row in rows:
            region = _region_for(regions, row)
            if region.level != level:
                continue
            parent = None
            if row.parent_credit_code:
                parent = existing.get(row.parent_credit_code)
                if parent is None:
                    raise ValidationError(
                        f"{row.name} 的上级部门 {row.parent_credit_code} 不存在",
                        code="invalid_department_parent",
                    )
            values = {
                "name": row.name,
                "short_name": row.short_name,
                "region": region,
                "level": region.level,
                "parent": parent,
                "phone": row.phone,
                "complaint_phone": row.complaint_phone,
                "address": row.address,
                "hours": row.hours,
                "website": row.website,
            }
            department = existing.get(row.credit_code)
            if department is None:
                new.append(Department(credit_code=row.credit_code, **values))
            elif any(getattr(department, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(department, field, value)
                changed.append(department)
            else:
                unchanged += 1
        for department in Department.objects.bulk_create(new):
            existing[department.credit_code] = department
        Department.objects.bulk_update(changed, list(_DEPARTMENT_FIELDS))
        created, updated = created + len(new), updated + len(changed)
    return LoadResult(created, updated, unchanged)


def _region_for(regions: dict[str, Region], row: DepartmentRow) -> Region:
    region = regions.get(region_code_normalise(row.region_code))
    if region is None:
        raise ValidationError(f"{row.name} 所在区划 {row.region_code} 不存在", code="invalid_region_code")
    return region
