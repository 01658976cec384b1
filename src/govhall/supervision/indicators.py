"""监察指标 (R-SUP.4) — the indicators of a region and period, per child region or per department.

Each source answers one ``GROUP BY (region, department)`` query: the catalog, the case figures
(summed from the daily rollup ``supervision.rollup`` — as fresh as its last refresh, at most one
scan interval old), cards; consultations, complaints and ratings through the ``interaction``
selectors when that context provides them. Python only adds those grouped rows up the region tree
(a row of a township counts for its county, city and province) or per department, and divides.
The exact definitions are in docs/supervision.md, section "Indicators"; ``INDICATORS`` lists them
in the order every table, spreadsheet and bulletin shows them. Never writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from typing import Any, cast

from django.db.models import Count, Q

from govhall.catalog.selectors_indicators import catalog_indicator_rows
from govhall.core.bulk_sql import jit_off
from govhall.directory.models import Department, Region

from .models import Card, CardLevel
from .rollup.selectors import rollup_case_rows, rollup_trend_rows

GROUP_BY = ("child_region", "department")


@dataclass
class IndicatorCounts:
    """The counts behind the indicators; rows add up field by field (``visits_max`` takes the max)."""

    implementations: int = 0
    published: int = 0
    online_available: int = 0
    deep_online: int = 0
    once_items: int = 0
    received: int = 0
    received_online: int = 0
    received_window: int = 0
    received_back_entry: int = 0
    listed_materials: int = 0
    saved_materials: int = 0
    completed: int = 0
    completed_with_due: int = 0
    completed_on_time: int = 0
    zero_visits: int = 0
    once_cases: int = 0
    visits_sum: int = 0
    visits_max: int = 0
    consultations: int = 0
    consultations_replied_on_time: int = 0
    complaints: int = 0
    complaints_closed: int = 0
    ratings: int = 0
    satisfied: int = 0
    poor: int = 0
    rectified: int = 0
    yellow_cards: int = 0
    red_cards: int = 0

    def add(self, values: dict[str, Any]) -> None:
        counts = self.__dict__  # the dashboard adds thousands of rows: no getattr/setattr per field
        for name, value in values.items():
            if value and name in COUNT_FIELDS:
                if name == "visits_max":
                    self.visits_max = max(self.visits_max, int(value))
                else:
                    counts[name] += int(value)

    def merge(self, other: IndicatorCounts) -> None:
        self.add({name: getattr(other, name) for name in COUNT_FIELDS})

    # --- the indicators ---------------------------------------------------------------------------

    def value(self, key: str) -> float | int | None:
        return INDICATORS_BY_KEY[key].compute(self)


COUNT_FIELDS = frozenset(f.name for f in fields(IndicatorCounts))


def _ratio(numerator: str, denominator: str | Callable[[IndicatorCounts], int]) -> Callable:
    def compute(c: IndicatorCounts) -> float | None:
        below = denominator(c) if callable(denominator) else getattr(c, denominator)
        return getattr(c, numerator) / below if below else None

    return compute


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    kind: str  # "rate" (0–1, shown as %), "number" (1 decimal) or "count"
    compute: Callable[[IndicatorCounts], float | int | None] = field(repr=False)
    short: str = ""

    @property
    def heading(self) -> str:
        return self.short or self.label

    def display(self, value: float | int | None) -> str:
        if value is None:
            return "—"
        if self.kind == "rate":
            return f"{value * 100:.1f}%"
        if self.kind == "number":
            return f"{value:.2f}"
        return str(value)


INDICATORS: tuple[Indicator, ...] = (
    Indicator("onboarding_rate", "事项入驻率", "rate", _ratio("published", "implementations"), "入驻率"),
    Indicator(
        "online_available_rate",
        "网上可办率（三星及以上）",
        "rate",
        _ratio("online_available", "published"),
        "网上可办率",
    ),
    Indicator(
        "deep_online_share", "四星及以上事项占比", "rate", _ratio("deep_online", "published"), "四星占比"
    ),
    Indicator(
        "once_items_share", "“最多跑一次”事项占比", "rate", _ratio("once_items", "published"), "跑一次事项"
    ),
    Indicator("online_handling_rate", "网上办理率", "rate", _ratio("received_online", "received"), "网办率"),
    Indicator("full_online_rate", "全程网办率", "rate", _ratio("zero_visits", "completed"), "全程网办率"),
    Indicator(
        "one_window_rate",
        "一窗受理率",
        "rate",
        _ratio("received_window", lambda c: c.received_window + c.received_back_entry),
        "一窗受理率",
    ),
    Indicator(
        "on_time_rate", "按时办结率", "rate", _ratio("completed_on_time", "completed_with_due"), "按时办结率"
    ),
    Indicator("average_visits", "件均跑动次数", "number", _ratio("visits_sum", "completed"), "件均跑动"),
    Indicator(
        "max_visits", "最多跑动次数", "count", lambda c: c.visits_max if c.completed else None, "最多跑动"
    ),
    Indicator(
        "once_cases_share", "“最多跑一次”办件占比", "rate", _ratio("once_cases", "completed"), "跑一次办件"
    ),
    Indicator(
        "materials_reduction_rate",
        "材料减免率",
        "rate",
        _ratio("saved_materials", "listed_materials"),
        "材料减免率",
    ),
    Indicator(
        "consultation_reply_rate",
        "咨询按时答复率",
        "rate",
        _ratio("consultations_replied_on_time", "consultations"),
        "咨询答复率",
    ),
    Indicator(
        "complaint_closure_rate",
        "投诉办结率",
        "rate",
        _ratio("complaints_closed", "complaints"),
        "投诉办结率",
    ),
    Indicator("satisfaction_rate", "好评率（满意度）", "rate", _ratio("satisfied", "ratings"), "满意度"),
    Indicator("yellow_cards", "黄牌数", "count", lambda c: c.yellow_cards, "黄牌"),
    Indicator("red_cards", "红牌数", "count", lambda c: c.red_cards, "红牌"),
)
INDICATORS_BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
# Volumes shown next to the indicators (plain counts, not indicators themselves).
VOLUMES: tuple[tuple[str, str], ...] = (
    ("received", "收件数"),
    ("completed", "办结数"),
    ("ratings", "评价数"),
)


@dataclass
class IndicatorRow:
    """One line of an indicator table: a child region (or the scope region's own level) or a department."""

    key: int
    label: str
    counts: IndicatorCounts
    region: Region | None = None
    department: Department | None = None
    own_level: bool = False  # the scope region's own departments (本级), not a child region

    def value(self, key: str) -> float | int | None:
        return self.counts.value(key)


@dataclass
class IndicatorTable:
    scope: Region
    start: dt.date
    end: dt.date
    group_by: str
    total: IndicatorCounts
    rows: list[IndicatorRow]


# --- sources -----------------------------------------------------------------------------------------


def _card_rows(*, region_path: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    return cast(
        "list[dict[str, Any]]",
        list(
            Card.objects.filter(
                region__path__startswith=region_path, issued_on__gte=start, issued_on__lte=end
            )
            .values("region_id", "department_id")
            .order_by()
            .annotate(
                yellow_cards=Count("id", filter=Q(level=CardLevel.YELLOW)),
                red_cards=Count("id", filter=Q(level=CardLevel.RED)),
            )
        ),
    )


def _interaction_rows(*, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Consultation, complaint and rating rows from ``interaction`` (none while that context lacks them)."""
    rows: list[dict[str, Any]] = []
    try:
        from govhall.interaction.selectors_supervision import interaction_indicator_rows
    except ImportError:
        pass
    else:
        rows += interaction_indicator_rows(start=start, end=end)
    try:
        from govhall.interaction.ratings.selectors_supervision import rating_indicator_rows
    except ImportError:
        pass
    else:
        rows += rating_indicator_rows(start=start, end=end)
    return rows


def indicator_source_rows(*, scope: Region, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Every grouped row of every source for ``scope`` and below (interaction rows not yet narrowed)."""
    path = scope.path
    return [
        *catalog_indicator_rows(region_path=path),
        *rollup_case_rows(region_path=path, start=start, end=end),
        *_card_rows(region_path=path, start=start, end=end),
        *_interaction_rows(start=start, end=end),
    ]


# --- rolling up ----------------------------------------------------------------------------------------


def _in_scope(rows: list[dict[str, Any]], scope: Region) -> list[tuple[str, dict[str, Any]]]:
    """(region path, row) for the rows of ``scope`` and below — one query for the rows' region paths."""
    ids = {row["region_id"] for row in rows if row.get("region_id")}
    paths = dict(Region.objects.filter(id__in=ids).values_list("id", "path"))
    return [
        (paths[row["region_id"]], row)
        for row in rows
        if row.get("region_id") in paths and paths[row["region_id"]].startswith(scope.path)
    ]


def _scoped_rows(scope: Region, start: dt.date, end: dt.date) -> list[tuple[str, dict[str, Any]]]:
    with jit_off():
        return _in_scope(indicator_source_rows(scope=scope, start=start, end=end), scope)


def _table(
    scope: Region, start: dt.date, end: dt.date, group_by: str, scoped: list[tuple[str, dict[str, Any]]]
) -> IndicatorTable:
    total = IndicatorCounts()
    for _, row in scoped:
        total.add(row)
    rows = _by_child_region(scope, scoped) if group_by == "child_region" else _by_department(scoped)
    return IndicatorTable(scope, start, end, group_by, total, rows)


def indicators_for(
    *, scope_region: Region, start: dt.date, end: dt.date, group_by: str = "child_region"
) -> IndicatorTable:
    """The indicators of ``scope_region`` and below for ``[start, end]``, with one row per child region
    (plus 本级, the scope region's own departments, when it has figures) or per department."""
    if group_by not in GROUP_BY:
        raise ValueError(f"unknown grouping {group_by!r}")
    return _table(scope_region, start, end, group_by, _scoped_rows(scope_region, start, end))


def indicators_by_region_and_department(
    *, scope_region: Region, start: dt.date, end: dt.date
) -> tuple[IndicatorTable, IndicatorTable]:
    """``indicators_for`` grouped per child region and per department, from one read of the sources
    (what the dashboard's region page shows)."""
    scoped = _scoped_rows(scope_region, start, end)
    return (
        _table(scope_region, start, end, "child_region", scoped),
        _table(scope_region, start, end, "department", scoped),
    )


def _by_child_region(scope: Region, scoped: Iterable[tuple[str, dict[str, Any]]]) -> list[IndicatorRow]:
    children = {
        child.code: child for child in Region.objects.filter(parent=scope).order_by("position", "code")
    }
    own = IndicatorRow(scope.pk, f"{scope.name}本级", IndicatorCounts(), region=scope, own_level=True)
    by_code = {
        code: IndicatorRow(child.pk, child.name, IndicatorCounts(), region=child)
        for code, child in children.items()
    }
    for path, row in scoped:
        below = path[len(scope.path) :].strip("/")
        target = by_code.get(below.split("/")[0]) if below else own
        (target or own).counts.add(row)
    return [own, *by_code.values()]


def _by_department(scoped: Iterable[tuple[str, dict[str, Any]]]) -> list[IndicatorRow]:
    counts: dict[int, IndicatorCounts] = {}
    for _, row in scoped:
        if row.get("department_id"):
            counts.setdefault(row["department_id"], IndicatorCounts()).add(row)
    departments = (
        Department.objects.filter(id__in=counts).select_related("region").order_by("region__code", "name")
    )
    return [IndicatorRow(d.pk, d.name, counts[d.pk], region=d.region, department=d) for d in departments]


def indicators_of_department(*, department: Department, start: dt.date, end: dt.date) -> IndicatorCounts:
    """The indicators of one department (its rows in its own region and below)."""
    table = indicators_for(scope_region=department.region, start=start, end=end, group_by="department")
    for row in table.rows:
        if row.key == department.pk:
            return row.counts
    return IndicatorCounts()


# --- trend --------------------------------------------------------------------------------------------


@dataclass
class TrendPoint:
    start: dt.date
    counts: IndicatorCounts

    @property
    def label(self) -> str:
        return (
            f"{self.start.month}/{self.start.day}"
            if self.start.day != 1
            else f"{self.start.year % 100}年{self.start.month}月"
        )


def _buckets(start: dt.date, end: dt.date, unit: str) -> list[dt.date]:
    if unit == "week":
        day = start - dt.timedelta(days=start.weekday())
        result = []
        while day <= end:
            result.append(day)
            day += dt.timedelta(weeks=1)
        return result
    result, day = [], start.replace(day=1)
    while day <= end:
        result.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return result


def indicator_trend(*, scope_region: Region, start: dt.date, end: dt.date, unit: str) -> list[TrendPoint]:
    """Case indicators per week (Monday) or month over ``[start, end]``, every bucket present."""
    points = {bucket: TrendPoint(bucket, IndicatorCounts()) for bucket in _buckets(start, end, unit)}
    with jit_off():
        rows = rollup_trend_rows(region_path=scope_region.path, start=start, end=end, unit=unit)
    for row in rows:
        bucket = row.pop("bucket")
        if bucket in points:
            points[bucket].counts.add(row)
    return list(points.values())


def trend_window(*, end: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    """The trend shown next to a period: the 12 weeks, or 12 months, up to its end."""
    if unit == "week":
        last_monday = end - dt.timedelta(days=end.weekday())
        return last_monday - dt.timedelta(weeks=11), end
    first = end.replace(day=1)
    index = first.year * 12 + first.month - 1 - 11
    return dt.date(index // 12, index % 12 + 1, 1), end
