"""Reads of the rollup: the case figures of a region and period per (region, department), per week
or month for the trend, and when the rollup was last refreshed.

A period is split into whole months (read from ``CaseMonthStats``) and the days before and after
them (``CaseDayStats``): a year is twelve month rows and up to a few dozen day rows per region and
department, one query (``UNION ALL`` of both, added up by an outer ``GROUP BY``). The sums are exactly what the live ``GROUP BY`` over the cases
gives for the same days (``visits_max`` by MAX). Never writes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import Max, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncWeek

from govhall.cases.selectors_indicators import DAY_STATS_COLUMNS

from .models import CaseDayStats, CaseMonthStats, RollupRefresh

PREFIX = "total_"  # annotations cannot take the name of a column; stripped again on the way out


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def period_split(
    start: dt.date, end: dt.date
) -> tuple[list[tuple[dt.date, dt.date]], tuple[dt.date, dt.date] | None]:
    """``[start, end]`` as day ranges (before and after the whole months) and the whole months (first
    days of the first and last month), or only days when it holds no whole month."""
    first_full = start if start.day == 1 else _month_end(start) + dt.timedelta(days=1)
    last_full = end if end == _month_end(end) else end.replace(day=1) - dt.timedelta(days=1)
    if first_full > last_full:
        return [(start, end)], None
    days = []
    if start < first_full:
        days.append((start, first_full - dt.timedelta(days=1)))
    if last_full < end:
        days.append((last_full + dt.timedelta(days=1), end))
    return days, (first_full, last_full.replace(day=1))


def _totals() -> dict[str, Any]:
    return {f"{PREFIX}{name}": Max(name) if name == "visits_max" else Sum(name) for name in DAY_STATS_COLUMNS}


def _grouped(queryset: QuerySet, *keys: str) -> QuerySet:
    return (
        queryset.order_by()
        .values(*keys)
        .annotate(**_totals())
        .values(*keys, *(f"{PREFIX}{name}" for name in DAY_STATS_COLUMNS))
    )


def _parts(region_path: str, start: dt.date, end: dt.date) -> tuple[QuerySet | None, QuerySet | None]:
    """The day rows and the month rows that make up ``[start, end]`` for ``region_path`` and below."""
    day_ranges, months = period_split(start, end)
    in_days = Q()
    for low, high in day_ranges:
        in_days |= Q(day__gte=low, day__lte=high)
    days = CaseDayStats.objects.filter(in_days, region__path__startswith=region_path) if day_ranges else None
    whole = (
        CaseMonthStats.objects.filter(
            month__gte=months[0], month__lte=months[1], region__path__startswith=region_path
        )
        if months
        else None
    )
    return days, whole


def _rows(queries: list[QuerySet]) -> list[dict[str, Any]]:
    if not queries:
        return []
    combined = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    return [
        {(key[len(PREFIX) :] if key.startswith(PREFIX) else key): value or 0 for key, value in row.items()}
        for row in combined
    ]


def rollup_case_rows(*, region_path: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Per (region_id, department_id) of ``region_path`` and below: the case figures of ``[start, end]``
    (``DAY_STATS_COLUMNS``) — its whole months and its other days added up in the same query."""
    days, whole = _parts(region_path, start, end)
    keys = ("region_id", "department_id")
    parts = [_grouped(part, *keys) for part in (days, whole) if part is not None]
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    sql, params = combined.query.sql_with_params()
    quote = connection.ops.quote_name
    totals = ", ".join(
        f"{'MAX' if name == 'visits_max' else 'SUM'}({quote(PREFIX + name)})" for name in DAY_STATS_COLUMNS
    )
    grouped = ", ".join(quote(key) for key in keys)
    with connection.cursor() as cursor:  # plain tuples: no model converters for a few thousand rows
        # Only quoted column names and Django's own compiled SQL; every value is a parameter.
        statement = f"SELECT {grouped}, {totals} FROM ({sql}) AS parts GROUP BY {grouped}"  # noqa: S608
        cursor.execute(statement, params)
        names = (*keys, *DAY_STATS_COLUMNS)
        return [{name: int(value or 0) for name, value in zip(names, row, strict=True)} for row in cursor]


def rollup_trend_rows(*, region_path: str, start: dt.date, end: dt.date, unit: str) -> list[dict[str, Any]]:
    """Per ``unit`` ("week": its Monday, "month": its first day) of ``[start, end]``: the case figures
    of ``region_path`` and below, as ``{"bucket": date, ...}`` (a bucket may come twice — add them up)."""
    if unit not in ("week", "month"):
        raise ValueError(f"unknown trend unit {unit!r}")
    parts: list[QuerySet] = []
    if unit == "week":
        week_days = CaseDayStats.objects.filter(
            day__gte=start, day__lte=end, region__path__startswith=region_path
        )
        parts.append(_grouped(week_days.annotate(bucket=TruncWeek("day")), "bucket"))
    else:
        days, whole = _parts(region_path, start, end)
        if days is not None:
            parts.append(_grouped(days.annotate(bucket=TruncMonth("day")), "bucket"))
        if whole is not None:
            parts.append(_grouped(whole.annotate(bucket=TruncMonth("month")), "bucket"))
    rows = _rows(parts)
    for row in rows:
        if isinstance(row["bucket"], dt.datetime):
            row["bucket"] = row["bucket"].date()
    return rows


def rollup_refreshed_at() -> dt.datetime | None:
    """When the rollup was last refreshed (None: never — the figures are not there yet)."""
    return RollupRefresh.objects.filter(pk=1).values_list("refreshed_at", flat=True).first()
