"""The demo catalog plan: which item is implemented by which department where, with which elements.

Every county implements the county items, every city the city items, the province its own,
and the townships of 新罗区 a few items through their 便民服务中心. Details vary a little by
region (the department's window, hours and phones; 厦门 promises shorter limits for a few
items), and a FEW deliberate inconsistencies are seeded so the consistency report has real
findings (see ``VARIANTS``): an outlier promised limit, an outlier fee, an extra material and
one legacy guide whose promised limit exceeds the statutory one (loaded with
``for_submit=False``, as migrated data would be).
"""

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from govhall.catalog.services.bulk import BasicItemRow

from .data.guide import Handling, ItemSpec, fee, material
from .data.items_enterprise import enterprise_items
from .data.items_person import person_items
from .departments import TOWNSHIP_CENTRE, DemoDepartment, demo_departments


def demo_items() -> list[ItemSpec]:
    return person_items() + enterprise_items()


def basic_item_rows(items: list[ItemSpec]) -> list[BasicItemRow]:
    return [
        BasicItemRow(
            code=item.code,
            name=item.name,
            item_type=item.item_type,
            legal_basis=item.legal_basis,
            competent_department=item.competent_department,
            handling=tuple((h.suffix, h.name) for h in item.handling),
        )
        for item in items
    ]


@dataclass(frozen=True)
class Variant:
    """Elements that differ for one item (optionally one handling item) in the regions under ``region_prefix``."""

    name: str
    item_code: str
    region_prefix: str
    overrides: dict[str, Any]
    note: str
    handling_suffix: str = ""
    legacy: bool = False
    materials_extra: list[dict[str, Any]] = field(default_factory=list)


VARIANTS: tuple[Variant, ...] = (
    Variant("xiamen", "010010000027", "3502", {"promised_limit": 3}, "厦门各区食品经营许可承诺 3 个工作日"),
    Variant(
        "xiamen", "010050000016", "3502", {"promised_limit": 5}, "厦门各区公共场所卫生许可承诺 5 个工作日"
    ),
    Variant("xiamen", "010060000030", "3502", {"promised_limit": 1}, "厦门施工许可承诺 1 个工作日"),
    # Deliberate inconsistencies between counties of 龙岩市, for the consistency report.
    Variant(
        "outlier-limit",
        "010050000016",
        "350821",
        {"promised_limit": 15},
        "长汀县公共场所卫生许可承诺 15 个工作日，其他县（区）为 10 个工作日",
    ),
    Variant(
        "outlier-fee",
        "070070000021",
        "350825",
        {
            "fees": [
                fee(
                    "不动产登记费（住宅类）",
                    "100",
                    "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
                )
            ]
        },
        "连城县不动产转移登记收费 100 元，标准为 80 元",
        handling_suffix="02",
    ),
    Variant(
        "outlier-materials",
        "010010000027",
        "350823",
        {},
        "上杭县食品经营许可多要求一份房屋租赁合同",
        materials_extra=[material("经营场所房屋租赁合同", original="copy")],
    ),
    Variant(
        "legacy-limit",
        "010010000025",
        "350824",
        {"promised_limit": 5},
        "武平县个体工商户设立登记沿用旧承诺 5 个工作日，超过法定 3 个工作日（历史数据）",
        legacy=True,
    ),
)

# Relative demand by city, for popularity (福州、厦门、泉州 are the largest).
CITY_WEIGHT = {
    "3501": 1.4,
    "3502": 1.3,
    "3503": 0.8,
    "3504": 0.6,
    "3505": 1.5,
    "3506": 0.9,
    "3507": 0.6,
    "3508": 0.7,
    "3509": 0.7,
}
LEVEL_WEIGHT = {"province": 1.0, "city": 4.0, "county": 1.0, "township": 0.1}


@dataclass(frozen=True)
class PlannedImplementation:
    item_code: str
    handling_code: str
    department: DemoDepartment
    elements_key: str
    popularity: int
    legacy: bool


def _variant_for(item: ItemSpec, handling: Handling | None, place_code: str) -> Variant | None:
    for variant in VARIANTS:
        if (
            variant.item_code == item.code
            and place_code.startswith(variant.region_prefix)
            and variant.handling_suffix in ("", handling.suffix if handling else "")
        ):
            return variant
    return None


def element_set(item: ItemSpec, handling: Handling | None, variant: Variant | None) -> dict[str, Any]:
    elements = {**item.elements, **(handling.overrides if handling else {})}
    if variant is not None:
        elements.update(variant.overrides)
        if variant.materials_extra:
            elements["materials"] = [*elements["materials"], *variant.materials_extra]
    return elements


def popularity_for(base: int, department: DemoDepartment) -> int:
    place = department.place
    spread = 0.6 + zlib.crc32(place.code.encode()) % 80 / 100
    return int(base * CITY_WEIGHT.get(place.code[:4], 1.0) * LEVEL_WEIGHT[place.level] * spread)


def demo_plan(
    items: list[ItemSpec] | None = None,
) -> tuple[list[PlannedImplementation], dict[str, dict[str, Any]]]:
    """Every demo implementation (item × handling item × region) and the element sets they use."""
    items = items if items is not None else demo_items()
    departments = {(d.kind, d.place.code): d for d in demo_departments()}
    by_level: dict[str, list[DemoDepartment]] = {}
    for department in departments.values():
        by_level.setdefault(department.place.level, []).append(department)
    plan: list[PlannedImplementation] = []
    element_sets: dict[str, dict[str, Any]] = {}
    for item in items:
        for handling in item.handling or (None,):
            for department in _implementing_departments(item, by_level):
                variant = _variant_for(item, handling, department.place.code)
                key = f"{item.code}/{handling.suffix if handling else '-'}/{variant.name if variant else 'base'}"
                if key not in element_sets:
                    element_sets[key] = element_set(item, handling, variant)
                base = handling.popularity if handling else item.popularity
                plan.append(
                    PlannedImplementation(
                        item.code,
                        f"{item.code}{handling.suffix}" if handling else "",
                        department,
                        key,
                        popularity_for(base, department),
                        legacy=bool(variant and variant.legacy),
                    )
                )
    return plan, element_sets


def _implementing_departments(
    item: ItemSpec, by_level: dict[str, list[DemoDepartment]]
) -> Iterator[DemoDepartment]:
    for level in item.levels:
        kind = TOWNSHIP_CENTRE if level == "township" else item.kind
        yield from (d for d in by_level.get(level, []) if d.kind == kind)
