"""互动时限规则 — the per-region time rules (consultation and complaint days, confirmation period, the
default receiving department) and the deadline arithmetic built on ``core.workdays``.

The nearest ancestor's rule applies: a county without its own rule uses its city's, then the
province's, then the built-in defaults (3 / 10 / 5 working days, no default department).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from govhall.core.audit import AuditTarget, audit_record
from govhall.core.workdays import workdays_add
from govhall.directory.models import Department, Region

from ..models import (
    DEFAULT_COMPLAINT_DAYS,
    DEFAULT_CONFIRM_DAYS,
    DEFAULT_CONSULTATION_DAYS,
    InteractionRule,
)

MAX_DAYS = 60


@dataclass(frozen=True)
class Rule:
    consultation_days: int = DEFAULT_CONSULTATION_DAYS
    complaint_days: int = DEFAULT_COMPLAINT_DAYS
    confirm_days: int = DEFAULT_CONFIRM_DAYS
    default_department_id: int | None = None
    region_id: int | None = None  # the region whose rule applies (None: the built-in defaults)


def rule_for(region: Region) -> Rule:
    """The rule of ``region`` or its nearest ancestor (one query)."""
    rules = list(
        InteractionRule.objects.filter(region__code__in=region.ancestor_codes).select_related("region")
    )
    if not rules:
        return Rule()
    nearest = max(rules, key=lambda rule: rule.region.level)
    default_department_id = next(
        (
            r.default_department_id
            for r in sorted(rules, key=lambda rule: -rule.region.level)
            if r.default_department_id
        ),
        None,
    )
    return Rule(
        consultation_days=nearest.consultation_days,
        complaint_days=nearest.complaint_days,
        confirm_days=nearest.confirm_days,
        default_department_id=default_department_id,
        region_id=nearest.region_id,
    )


def consultation_due(region: Region, received_on: dt.date) -> dt.date:
    return workdays_add(received_on, rule_for(region).consultation_days)


def complaint_due(region: Region, received_on: dt.date) -> dt.date:
    return workdays_add(received_on, rule_for(region).complaint_days)


def confirm_due(region: Region, replied_on: dt.date) -> dt.date:
    return workdays_add(replied_on, rule_for(region).confirm_days)


def _days(value: int, label: str) -> int:
    if not 1 <= value <= MAX_DAYS:
        raise ValidationError({label: f"时限应为 1 至 {MAX_DAYS} 个工作日"})
    return value


@transaction.atomic
def interaction_rule_set(
    *,
    actor: Any,
    region: Region,
    consultation_days: int = DEFAULT_CONSULTATION_DAYS,
    complaint_days: int = DEFAULT_COMPLAINT_DAYS,
    confirm_days: int = DEFAULT_CONFIRM_DAYS,
    default_department: Department | None = None,
) -> InteractionRule:
    """Create or change the rule of ``region`` (audited). Records already received keep their deadlines."""
    _days(consultation_days, "consultation_days")
    _days(complaint_days, "complaint_days")
    _days(confirm_days, "confirm_days")
    if default_department is not None and not region.path.startswith(default_department.region.path):
        raise ValidationError({"default_department": "默认受理部门应为本区划或上级区划的部门"})
    rule, created = InteractionRule.objects.select_for_update().get_or_create(region=region)
    rule.consultation_days = consultation_days
    rule.complaint_days = complaint_days
    rule.confirm_days = confirm_days
    rule.default_department = default_department
    rule.save()
    audit_record(
        actor=actor,
        action="interaction.rule_set",
        target=AuditTarget.of(rule, f"{region.name} 互动时限规则"),
        summary={
            "created": created,
            "consultation_days": consultation_days,
            "complaint_days": complaint_days,
            "confirm_days": confirm_days,
            "default_department": default_department.name if default_department else "",
        },
    )
    return rule
