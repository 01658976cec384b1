"""Reads behind the supervision dashboard: the regions and departments a supervisor may open, and why
a department's cases are late.

Load-and-check in one call: ``region_for_supervisor`` / ``department_for_supervisor`` return the
object only when it lies in the supervisor's region or below (``StaffScope.covers``), else raise
``DoesNotExist`` (a 404 — another city's figures do not exist for this supervisor). Never writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from govhall.cases.selectors_indicators import cases_late_of_department, open_step_names
from govhall.core.workdays import workdays_between
from govhall.directory.models import Department, Region
from govhall.identity.models import StaffRole
from govhall.identity.scope import StaffScope

from .models import Card, SubjectType


def scope_region(scope: StaffScope) -> Region:
    """The supervisor's own region (the dashboard's top level)."""
    return Region.objects.get(pk=scope.region_id)


def region_for_supervisor(scope: StaffScope, code: str) -> Region:
    region = Region.objects.get(code=str(code).ljust(12, "0")[:12])
    if not scope.covers(region_path=region.path, for_roles=(StaffRole.SUPERVISOR,)):
        raise Region.DoesNotExist("不在监察范围内")
    return region


def department_for_supervisor(scope: StaffScope, department_id: int) -> Department:
    department = Department.objects.select_related("region").get(pk=department_id)
    if not scope.covers(region_path=department.region.path, for_roles=(StaffRole.SUPERVISOR,)):
        raise Department.DoesNotExist("不在监察范围内")
    return department


def breadcrumb_regions(scope: StaffScope, region: Region) -> list[Region]:
    """The supervisor's own region down to ``region`` (one query)."""
    codes = region.ancestor_codes
    regions = Region.objects.filter(code__in=codes, path__startswith=scope.region_path).order_by("level")
    return list(regions)


@dataclass
class LateCase:
    case: Any
    due: dt.date | None
    completed_on: dt.date | None
    late_days: int
    reasons: list[str]


def late_cases_explained(cases: list[Any], *, today: dt.date) -> list[LateCase]:
    """Each late case with how late it is (working days) and why: its open step, extensions, special
    procedures and the cards issued on it — two queries for the whole page."""
    steps = open_step_names([case.pk for case in cases])
    keys = [case.number for case in cases] + [str(case.pk) for case in cases]
    cards: dict[str, list[str]] = {}
    for subject_id, level, reason in Card.objects.filter(
        subject_type=SubjectType.CASE, subject_id__in=keys
    ).values_list("subject_id", "level", "reason"):
        cards.setdefault(subject_id, []).append(
            f"{'红牌' if level == 'red' else '黄牌'}：{reason}" if reason else ""
        )
    explained = []
    for case in cases:
        completed_on = timezone.localtime(case.completed_at).date() if case.completed_at else None
        reasons = []
        if completed_on is None:
            reasons.append(f"尚未办结，当前环节：{steps.get(case.pk) or '—'}")
        else:
            reasons.append("超期办结")
        if case.extension_days:
            reasons.append(f"已延期 {case.extension_days} 个工作日")
        if case.paused:
            reasons.append("特别程序中（不计时）")
        reasons += [text for key in (case.number, str(case.pk)) for text in cards.get(key, []) if text]
        late_days = workdays_between(case.due, completed_on or today) if case.due else 0
        explained.append(LateCase(case, case.due, completed_on, late_days, reasons))
    return explained


__all__ = [
    "breadcrumb_regions",
    "cases_late_of_department",
    "department_for_supervisor",
    "late_cases_explained",
    "region_for_supervisor",
    "scope_region",
]
