"""Compact builders for demo guide elements: an item spec, its materials, steps and fees.

The dicts they return are exactly the input of ``catalog.elements.elements_clean``.
"""

from dataclasses import dataclass, field
from typing import Any

from .application_forms import generic_form

# online depth (stars) → the steps that can be done online
DEPTH_STEPS = {
    1: ["consult"],
    2: ["consult", "apply"],
    3: ["consult", "apply", "pre_review"],
    4: ["consult", "apply", "pre_review", "accept", "pay"],
    5: ["consult", "apply", "pre_review", "accept", "pay", "deliver"],
}


@dataclass(frozen=True)
class Handling:
    """业务办理项 with the elements that differ from the item's."""

    suffix: str
    name: str
    overrides: dict[str, Any] = field(default_factory=dict)
    popularity: int = 0


@dataclass(frozen=True)
class ItemSpec:
    """A basic-catalog item and how it is implemented in Fujian.

    ``kind`` is the implementing department kind (``govhall.demo.departments.KINDS``);
    ``levels`` where it is implemented: province, city, county and/or township.
    """

    code: str
    name: str
    item_type: str
    legal_basis: str
    competent_department: str
    kind: str
    levels: tuple[str, ...]
    elements: dict[str, Any]
    handling: tuple[Handling, ...] = ()
    popularity: int = 0


def material(
    name: str,
    *,
    condition: str = "",
    form: str = "both",
    original: str = "original",
    copies: int = 1,
    source: str = "applicant",
    source_note: str = "",
    notes: str = "",
    applies_when: dict[str, list[str]] | None = None,
    licence_types: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A material; ``applies_when`` limits it to scenario answers, ``licence_types`` lets a licence stand in."""
    return {
        "name": name,
        "requirement": "conditional" if condition else "required",
        "condition_note": condition,
        "form": form,
        "original": original,
        "copies": copies,
        "source": source,
        "source_note": source_note,
        "notes": notes,
        "applies_when": applies_when or {},
        "licence_types": list(licence_types),
    }


def issued(
    name: str,
    by: str,
    *,
    condition: str = "",
    original: str = "original",
    licence_types: tuple[str, ...] = (),
    applies_when: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """A material issued by a government body (often obtainable by data sharing)."""
    return material(
        name,
        condition=condition,
        form="both",
        original=original,
        source="government",
        source_note=by,
        licence_types=licence_types,
        applies_when=applies_when,
    )


def step(name: str, description: str, limit: int | None = None, responsible: str = "") -> dict[str, Any]:
    return {"name": name, "description": description, "time_limit": limit, "responsible": responsible}


def fee(name: str, amount: str, basis: str) -> dict[str, Any]:
    return {"name": name, "amount": amount, "basis": basis}


def guide(
    *,
    audiences: list[str],
    conditions: str,
    statutory: int | None,
    promised: int,
    result: str,
    result_name: str,
    materials: list[dict[str, Any]],
    steps: list[dict[str, Any]],
    themes: list[str],
    depth: int = 3,
    statutory_unit: str = "working",
    fees: list[dict[str, Any]] | None = None,
    visits: int | None = None,
    delivery: tuple[str, ...] = ("window",),
    appointment: bool = True,
    intermediary: str = "",
    prerequisites: tuple[str, ...] = (),
    level: str = "L2",
    form_schema: dict[str, Any] | None = None,
    scenario: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A full element set; depth steps, visits and flags follow from the depth and delivery unless given.

    ``level`` is 认证等级需求: L2 (real name) for most items, L1 for simple registrations, L3 where
    the department's own system requires a digital certificate. Without ``form_schema`` the item
    gets the generic application form (profile fields and 申请事由).
    """
    fees = fees or []
    depth_steps = [s for s in DEPTH_STEPS[depth] if s != "pay" or fees]
    return {
        "audiences": audiences,
        "conditions": conditions,
        "statutory_limit": statutory,
        "statutory_limit_unit": statutory_unit,
        "promised_limit": promised,
        "promised_limit_unit": "working",
        "is_free": not fees,
        "fees": fees,
        "online_depth": depth,
        "depth_steps": depth_steps,
        "max_visits": visits if visits is not None else (0 if depth == 5 else 1 if depth >= 3 else 2),
        "result_type": result,
        "result_name": result_name,
        "delivery_methods": list(delivery),
        "supports_appointment": appointment,
        "supports_online_payment": bool(fees) and depth >= 4,
        "supports_courier": "courier" in delivery,
        "intermediary_services": intermediary,
        "materials": materials,
        "steps": steps,
        "themes": themes,
        "prerequisites": list(prerequisites),
        "required_level": level,
        "form_schema": form_schema if form_schema is not None else generic_form(audiences),
        "scenario": scenario or {},
    }


def standard_steps(
    review: str, review_days: int, decide_days: int, *, accept_days: int = 1, deliver: str = "制证并送达"
) -> list[dict[str, Any]]:
    """申请 → 受理 → 审查 → 决定 → 送达, the usual shape of a licensing item."""
    return [
        step("申请", "申请人通过网上办事大厅或到窗口提交申请材料", 0, "申请人"),
        step(
            "受理",
            "窗口人员审查材料是否齐全、是否符合法定形式，当场或在规定时限内作出受理决定",
            accept_days,
            "窗口受理人员",
        ),
        step("审查", review, review_days, "业务科室审核人员"),
        step(
            "决定",
            "作出准予或者不予许可的决定；不予许可的，书面说明理由并告知申请人享有的权利",
            decide_days,
            "分管负责人",
        ),
        step("送达", deliver, 0, "窗口人员"),
    ]
