"""Reads of 电子监察: cards and notices a staff member may see, the inbox summary and badges.

Who sees what (``identity.scope``): department roles (window clerk, reviewer, head) see their own
department's cards and notices; supervisors see their region and every region below it, plus cards
and notices escalated to a region in their scope (marked 已升级). Load-and-check in one call:
``card_get_for_staff`` / ``notice_get_for_staff`` raise ``DoesNotExist`` for what is out of scope.
Never writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from govhall.directory.models import Department, Region
from govhall.identity.models import StaffRole
from govhall.identity.scope import DEPARTMENT_ROLES, StaffScope

from .models import Card, CardStatus, Notice, SubjectType


def _visible(scope: StaffScope, *, region_fields: tuple[str, ...]) -> Q:
    condition = Q(pk__in=[])
    if scope.has_role(StaffRole.SUPERVISOR):
        for field in region_fields:
            condition |= Q(**{f"{field}__path__startswith": scope.region_path})
    if scope.has_role(*DEPARTMENT_ROLES) and scope.department_id is not None:
        condition |= Q(department_id=scope.department_id)
    return condition


def cards_for_staff(scope: StaffScope) -> QuerySet[Card]:
    return Card.objects.filter(_visible(scope, region_fields=("region", "escalated_to")))


@dataclass(frozen=True)
class CardFilter:
    level: str = ""
    status: str = ""
    rule: str = ""
    department: int | None = None
    region: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def card_list(scope: StaffScope, flt: CardFilter = CardFilter()) -> QuerySet[Card]:
    cards = cards_for_staff(scope)
    for field in ("level", "status", "rule"):
        if getattr(flt, field):
            cards = cards.filter(**{field: getattr(flt, field)})
    if flt.department:
        cards = cards.filter(department_id=flt.department)
    if flt.region:
        cards = cards.filter(region_id=flt.region)
    if flt.date_from:
        cards = cards.filter(issued_on__gte=flt.date_from)
    if flt.date_to:
        cards = cards.filter(issued_on__lte=flt.date_to)
    return cards.select_related(
        "department", "region", "escalated_to", "responsible__staff_profile"
    ).order_by("-issued_on", "-id")


def card_get_for_staff(scope: StaffScope, card_id: Any) -> Card:
    return (
        cards_for_staff(scope)
        .select_related("department", "region", "escalated_to", "responsible__staff_profile")
        .get(pk=card_id)
    )


def open_card_counts(scope: StaffScope) -> dict[str, int]:
    """Open cards in scope by level (the inbox summary box): {"yellow": n, "red": m}."""
    rows = (
        cards_for_staff(scope)
        .filter(status=CardStatus.OPEN)
        .values("level")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["level"]: row["n"] for row in rows}


def open_card_levels_for(*, case_ids: list[int], task_ids: list[int]) -> dict[tuple[str, str], str]:
    """The worst open card level per ("case"|"task", id) of the given cases and tasks — one query."""
    rows = Card.objects.filter(status=CardStatus.OPEN).filter(
        Q(subject_type=SubjectType.CASE, subject_id__in=[str(i) for i in case_ids])
        | Q(subject_type=SubjectType.TASK, subject_id__in=[str(i) for i in task_ids])
    )
    worst: dict[tuple[str, str], str] = {}
    for subject_type, subject_id, level in rows.values_list("subject_type", "subject_id", "level"):
        key = (subject_type, subject_id)
        if worst.get(key) != "red":
            worst[key] = level
    return worst


def notices_for_staff(scope: StaffScope) -> QuerySet[Notice]:
    return Notice.objects.filter(_visible(scope, region_fields=("region", "issuer_region", "escalated_to")))


def notice_list(scope: StaffScope, *, status: str = "") -> QuerySet[Notice]:
    notices = notices_for_staff(scope)
    if status:
        notices = notices.filter(status=status)
    return notices.select_related("department", "region", "issuer_region", "escalated_to").order_by(
        "-issued_at", "-id"
    )


def notice_get_for_staff(scope: StaffScope, notice_id: Any) -> Notice:
    return (
        notices_for_staff(scope)
        .select_related(
            "department",
            "region",
            "issuer_region",
            "escalated_to",
            "card",
            "issued_by__staff_profile",
            "answered_by__staff_profile",
            "closed_by__staff_profile",
        )
        .get(pk=notice_id)
    )


def notices_of_card(card: Card) -> list[Notice]:
    return list(card.notices.order_by("-issued_at"))


def scope_region(scope: StaffScope) -> Region:
    """The staff member's own region (the level whose warning rule a supervisor keeps)."""
    return Region.objects.get(pk=scope.region_id)


def card_filter_departments(*, region_path: str) -> QuerySet[Department]:
    """Departments of ``region_path`` and below (the card list's department filter)."""
    return Department.objects.filter(region__path__startswith=region_path).order_by("region__code", "name")


def card_filter_regions(*, region_path: str) -> QuerySet[Region]:
    """Province, city and county regions of ``region_path`` and below (the card list's region filter)."""
    return Region.objects.filter(path__startswith=region_path, level__lte=3).order_by("code")
