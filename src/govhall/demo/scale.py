"""A synthetic but realistic-looking catalog at scale (``govhall seed_scale``), for benchmarks.

Implementations come in a fixed, deterministic order: first the real demo plan (real items ×
their departments × regions), then synthetic items — names built from real vocabulary
(``data/vocabulary.py``), basic codes ``<type><kind>S<serial>`` (the ``S`` marks synthetic
items), implemented by the matching department in every county (and every city for one item in
five), once per handling item. ``seed_scale_plan(n)`` returns the first rows of that order that
do not exist yet, so topping up to N is exact and repeatable.
"""

import itertools
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from govhall.catalog.services.bulk import BasicItemRow

from .catalog import PlannedImplementation, demo_plan
from .data.application_forms import generic_form
from .data.guide import DEPTH_STEPS, material, step
from .data.vocabulary import HANDLING_BY_TYPE, NAME_SHAPES, OBJECTS, TYPE_CYCLE, TYPE_LEGAL_BASIS
from .departments import KINDS, DemoDepartment, demo_departments

# Synthetic items cycle through the department kinds that serve the public at county or city level.
SCALE_KINDS = tuple(kind for kind in KINDS if kind.key in OBJECTS)


@dataclass(frozen=True)
class SyntheticItem:
    row: BasicItemRow
    kind: str
    levels: tuple[str, ...]


def synthetic_items() -> Iterator[SyntheticItem]:
    """An endless, deterministic sequence of distinct synthetic items."""
    seen: set[str] = set()
    serial = 0
    for round_no in itertools.count():
        for kind in SCALE_KINDS:
            objects = OBJECTS[kind.key]
            subject = objects[round_no % len(objects)]
            cycle = round_no // len(objects)
            item_type = TYPE_CYCLE[(round_no + cycle) % len(TYPE_CYCLE)]
            shapes = NAME_SHAPES[item_type]
            name = shapes[cycle % len(shapes)].format(o=subject)
            if cycle >= len(TYPE_CYCLE) * 4:
                name = f"{name}（第{cycle // (len(TYPE_CYCLE) * 4) + 1}类）"
            if name in seen:
                continue
            seen.add(name)
            serial += 1
            levels: tuple[str, ...] = (
                ("county",) if kind.county else ("city",) if kind.city else ("province",)
            )
            if kind.county and kind.city and serial % 5 == 0:
                levels = ("county", "city")
            yield SyntheticItem(
                BasicItemRow(
                    code=f"{item_type}{kind.number:03d}S{serial:06d}",
                    name=name,
                    item_type=item_type,
                    legal_basis=TYPE_LEGAL_BASIS[item_type],
                    competent_department=kind.window + "部门",
                    handling=HANDLING_BY_TYPE.get(item_type, ()),
                ),
                kind.key,
                levels,
            )


def synthetic_elements(item: SyntheticItem, handling_name: str) -> dict[str, Any]:
    """A plausible element set for a synthetic item; limits vary with the item."""
    row, spread = item.row, zlib.crc32(item.row.code.encode()) % 3
    licensing = row.item_type == "01"
    statutory = 20 if licensing else None
    promised = {"01": 5 + 5 * spread, "07": 5, "05": 10, "20": spread, "06": 15, "02": 30}[row.item_type]
    depth = 3 + spread
    title = f"{row.name}（{handling_name}）" if handling_name else row.name
    audiences = ["legal_person"] if licensing else ["person", "legal_person"]
    return {
        "audiences": audiences,
        "conditions": f"符合{row.name}的法定条件，申请材料齐全、符合法定形式。",
        "statutory_limit": statutory,
        "statutory_limit_unit": "working",
        "promised_limit": promised,
        "promised_limit_unit": "working",
        "is_free": True,
        "online_depth": depth,
        "depth_steps": [s for s in DEPTH_STEPS[depth] if s != "pay"],
        "max_visits": 0 if depth == 5 else 1,
        "result_type": "licence" if licensing else "other",
        "result_name": f"{row.name}决定书" if licensing else "",
        "delivery_methods": ["window", "online"],
        "supports_appointment": True,
        "supports_online_payment": False,
        "supports_courier": False,
        "intermediary_services": "",
        "materials": [
            material(f"{title}申请表", form="electronic"),
            material(
                "申请人身份证明（居民身份证或营业执照）",
                source="government",
                source_note="公安机关或市场监督管理部门",
            ),
            material("授权委托书", condition="委托他人代为办理的", form="paper"),
        ],
        "steps": [
            step("申请受理", "网上或窗口提交并受理", 1, "窗口人员"),
            step("审查", "审查材料，必要时现场核查", max(promised - 2, 0), "业务科室"),
            step("办结", "作出决定并送达", 1 if promised else 0, "分管负责人"),
        ],
        "fees": [],
        "themes": [],
        "prerequisites": [],
        "form_schema": generic_form(audiences),
    }


def _code(item_code: str, handling_suffix: str, department: DemoDepartment) -> str:
    return f"{item_code}{department.place.code.ljust(12, '0')}{department.row.credit_code}{handling_suffix}"


@dataclass
class ScalePlan:
    rows: list[PlannedImplementation]
    element_sets: dict[str, dict[str, Any]]
    items: list[BasicItemRow]  # synthetic items the rows need


def seed_scale_plan(*, count: int, existing_codes: set[str]) -> ScalePlan:
    """The first ``count`` implementations of the fixed order whose codes are not in ``existing_codes``."""
    plan, element_sets = demo_plan()
    rows: list[PlannedImplementation] = []
    for planned in plan:
        if len(rows) == count:
            break
        code = _code(planned.item_code, planned.handling_code[12:], planned.department)
        if code not in existing_codes:
            rows.append(planned)
    items: list[BasicItemRow] = []
    if len(rows) < count:
        by_level: dict[tuple[str, str], list[DemoDepartment]] = {}
        for department in demo_departments():
            by_level.setdefault((department.kind, department.place.level), []).append(department)
        for item in synthetic_items():
            if len(rows) == count:
                break
            items.append(item.row)
            _add_synthetic(item, by_level, rows, element_sets, existing_codes, count)
    return ScalePlan(rows, element_sets, items)


def _add_synthetic(
    item: SyntheticItem,
    by_level: dict[tuple[str, str], list[DemoDepartment]],
    rows: list[PlannedImplementation],
    element_sets: dict[str, dict[str, Any]],
    existing_codes: set[str],
    count: int,
) -> None:
    for suffix, handling_name in item.row.handling or (("", ""),):
        key = f"S/{item.row.code}/{suffix or '-'}"
        for level in item.levels:
            for department in by_level.get((item.kind, level), []):
                if len(rows) == count:
                    return
                if _code(item.row.code, suffix, department) in existing_codes:
                    continue
                if key not in element_sets:
                    element_sets[key] = synthetic_elements(item, handling_name)
                popularity = zlib.crc32(f"{item.row.code}{department.row.credit_code}".encode()) % 30
                rows.append(
                    PlannedImplementation(
                        item.row.code,
                        f"{item.row.code}{suffix}" if suffix else "",
                        department,
                        key,
                        popularity,
                        legacy=False,
                    )
                )
