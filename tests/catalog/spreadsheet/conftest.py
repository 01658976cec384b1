"""Fixtures for the item template tests: a richer catalog and helpers to read and edit .xlsx files."""

import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from openpyxl import Workbook, load_workbook

from govhall.catalog.models import CatalogItem, HandlingItem, ItemImplementation
from govhall.catalog.services.basic import catalog_item_create, handling_item_create, theme_upsert
from govhall.catalog.services.implementations import implementation_create, version_approve, version_submit
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert

from ...factories import World, sample_elements


def xlsx_values(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    """Every cell value of every sheet, row by row."""
    workbook = load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def xlsx_open(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def xlsx_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def column_of(sheet: Any, header: str) -> int:
    """1-based index of the column with ``header`` in row 1."""
    return [cell.value for cell in sheet[1]].index(header) + 1


def cell_set(sheet: Any, row: int, header: str, value: Any) -> None:
    """Set (or, with None, clear) the cell of ``header`` in ``row``."""
    sheet.cell(row=row, column=column_of(sheet, header)).value = value


def cell_get(sheet: Any, row: int, header: str) -> Any:
    return sheet.cell(row=row, column=column_of(sheet, header)).value


@dataclass
class RichWorld:
    world: World
    province_manager: User
    production_item: CatalogItem
    first_application: HandlingItem
    city_implementation: ItemImplementation


@pytest.fixture
def rich(world: World) -> RichWorld:
    """The shared world plus a city implementation of a handling item with fees, themes and a prerequisite."""
    province_manager = staff_upsert(
        username="fj_manager", display_name="黄敏", region=world.province, roles=[StaffRole.CATALOG_MANAGER]
    ).user
    theme_upsert(code="food", name="食品安全", audience="enterprise", position=2)
    production = catalog_item_create(
        code="010000000002",
        name="食品生产许可",
        item_type="01",
        legal_basis="《中华人民共和国食品安全法》第三十五条",
    )
    first = handling_item_create(catalog_item=production, suffix="01", name="首次申请")
    elements = sample_elements(
        is_free=False,
        fees=[
            {"name": "证书工本费", "amount": "12.50", "basis": "闽价〔2020〕1号"},
            {"name": "检验费", "amount": "300", "basis": "闽价〔2020〕2号"},
        ],
        themes=["open-business", "food"],
        prerequisites=["010000000001"],
        online_depth=3,
        depth_steps=["consult", "apply", "pre_review"],
        intermediary_services="食品检验机构出具检验报告",
        result_name="食品生产许可证",
        statutory_limit=20,
        statutory_limit_unit="natural",
        promised_limit=15,
        promised_limit_unit="natural",
    )
    implementation = implementation_create(
        catalog_item=production,
        department=world.city_department,
        elements=elements,
        created_by=world.city_manager,
        handling_item=first,
    )
    version = implementation.versions.get()
    version_submit(version=version, user=world.city_manager, reason="首次编制")
    version_approve(version=version, reviewer=province_manager)
    implementation.refresh_from_db()
    return RichWorld(world, province_manager, production, first, implementation)
