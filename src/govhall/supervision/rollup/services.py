"""Refreshing the rollup: recompute days of ``CaseDayStats`` (and their months) from the cases, set-based.

``rollup_refresh`` deletes the rows of ``[start, end]`` and inserts them again with one
``INSERT … SELECT … GROUP BY`` over ``cases.selectors_indicators.case_day_stats_queryset``, then
recomputes the touched months from the days — one transaction, so readers see the old figures or
the new ones, never a mix; idempotent. ``rollup_refresh_recent`` is what the periodic scan runs;
``rollup_rebuild`` (``govhall indicators_rebuild``) recomputes everything month by month. Writes
only the rollup's tables; never reads a case row into Python.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from govhall.cases.selectors_indicators import (
    DAY_STATS_COLUMNS,
    case_day_stats_queryset,
    case_first_received_on,
    case_received_days_with_materials_after,
)
from govhall.core.audit import AuditTarget, audit_record

from .models import CaseDayStats, CaseMonthStats, CaseStatsColumns, RollupRefresh

RECENT_DAYS = 7  # the periodic refresh recomputes [today - 7, today]
MAX_COLUMNS = frozenset({"visits_max"})
KEY_COLUMNS = ("region_id", "department_id")


def _aggregate(column: str) -> str:
    return f"{'MAX' if column in MAX_COLUMNS else 'SUM'}({connection.ops.quote_name(column)})"


def _insert_select(model: type[CaseStatsColumns], key: str, source: QuerySet) -> int:
    """``INSERT INTO <model> (key, region, department, figures…) SELECT … FROM (source) GROUP BY …``.

    ``source`` selects ``key, region_id, department_id`` and ``DAY_STATS_COLUMNS`` in that order
    (possibly several rows per group); the groups are added up here, in the database."""
    quote = connection.ops.quote_name
    keys = [key, *KEY_COLUMNS]
    sql, params = source.query.sql_with_params()
    target = ", ".join(quote(name) for name in (*keys, *DAY_STATS_COLUMNS))
    grouped = ", ".join(quote(name) for name in keys)
    sums = ", ".join(_aggregate(name) for name in DAY_STATS_COLUMNS)
    # Only quoted names of our own table and columns, and Django's compiled SQL; values are parameters.
    statement = (
        f"INSERT INTO {quote(model._meta.db_table)} ({target}) "  # noqa: S608
        f"SELECT {grouped}, {sums} FROM ({sql}) AS figures GROUP BY {grouped}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return max(cursor.rowcount, 0)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def _months_source(first: dt.date, last: dt.date) -> QuerySet:
    """The day rows of the months ``first``…``last``, each with its month (first day) in front —
    ``_insert_select`` adds them up per month, region and department."""
    return (
        CaseDayStats.objects.filter(day__gte=first, day__lte=_month_end(last))
        .order_by()
        .annotate(month=TruncMonth("day"))
        .values("month", *KEY_COLUMNS, *DAY_STATS_COLUMNS)
    )


@dataclass(frozen=True)
class RefreshResult:
    start: dt.date
    end: dt.date
    day_rows: int
    month_rows: int
    seconds: float


def _lock_state() -> RollupRefresh:
    RollupRefresh.objects.get_or_create(pk=1)
    return RollupRefresh.objects.select_for_update().get(pk=1)


def _refresh_days(start: dt.date, end: dt.date) -> tuple[int, int]:
    CaseDayStats.objects.filter(day__gte=start, day__lte=end).delete()
    day_rows = _insert_select(CaseDayStats, "day", case_day_stats_queryset(start=start, end=end))
    first, last = _month_start(start), _month_start(end)
    CaseMonthStats.objects.filter(month__gte=first, month__lte=last).delete()
    month_rows = _insert_select(CaseMonthStats, "month", _months_source(first, last))
    return day_rows, month_rows


def rollup_refresh(*, start: dt.date, end: dt.date, also: Iterable[dt.date] = ()) -> RefreshResult:
    """Recompute the rollup rows of the days ``[start, end]`` (and of the single days ``also``) and of
    their months from the cases, in one transaction. Running it twice changes nothing."""
    if end < start:
        raise ValueError("end is before start")
    started = time.monotonic()
    ranges = _ranges({*_days(start, end), *also})
    day_rows = month_rows = 0
    with transaction.atomic():
        state = _lock_state()
        for low, high in ranges:
            days, months = _refresh_days(low, high)
            day_rows, month_rows = day_rows + days, month_rows + months
        state.refreshed_at, state.start, state.end = timezone.now(), start, end
        state.save(update_fields=["refreshed_at", "start", "end"])
    return RefreshResult(start, end, day_rows, month_rows, time.monotonic() - started)


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def _ranges(days: set[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Sorted days as closed ranges of consecutive days."""
    ranges: list[tuple[dt.date, dt.date]] = []
    for day in sorted(days):
        if ranges and ranges[-1][1] + dt.timedelta(days=1) == day:
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    return ranges


def rollup_refresh_recent(today: dt.date) -> RefreshResult:
    """The periodic refresh: ``[today - 7, today]``, plus the receipt days of older cases whose
    materials changed since the refresh before last (a correction changes their saved materials).

    Every other figure of a day is final once the day is over: a case is received today and
    completed now, and neither its channel, version, region nor deadlines change afterwards."""
    start = today - dt.timedelta(days=RECENT_DAYS)
    with transaction.atomic():
        state = _lock_state()
        older, newest = case_received_days_with_materials_after(material_id=state.material_id_checked)
        checked = newest if state.material_id_seen is None else state.material_id_seen
        result = rollup_refresh(start=start, end=today, also={day for day in older if day < start})
        RollupRefresh.objects.filter(pk=1).update(material_id_checked=checked, material_id_seen=newest)
    return result


def rollup_rebuild(
    *, since: dt.date | None = None, today: dt.date, progress: Callable[[RefreshResult], None] | None = None
) -> list[RefreshResult]:
    """Recompute every day from ``since`` (default: the first case's receipt day) to ``today``, one
    month per transaction, drop rows older than the first case and refresh the planner's statistics.
    Audited once."""
    first = since or case_first_received_on() or today
    results: list[RefreshResult] = []
    month = _month_start(first)
    while month <= today:
        result = rollup_refresh(start=max(month, first), end=min(_month_end(month), today))
        results.append(result)
        if progress:
            progress(result)
        month = _month_end(month) + dt.timedelta(days=1)
    if connection.vendor == "postgresql":  # every row is new: fresh statistics for the planner
        with connection.cursor() as cursor:
            for model in (CaseDayStats, CaseMonthStats):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    with transaction.atomic():
        if since is None:
            CaseDayStats.objects.filter(day__lt=first).delete()
            CaseMonthStats.objects.filter(month__lt=_month_start(first)).delete()
        audit_record(
            actor=None,
            action="supervision.indicators_rebuilt",
            target=AuditTarget(type="supervision_rollup", id=f"{first}..{today}", label="监察指标汇总"),
            summary={
                "start": first.isoformat(),
                "end": today.isoformat(),
                "day_rows": sum(r.day_rows for r in results),
                "seconds": round(sum(r.seconds for r in results), 1),
            },
        )
    return results
