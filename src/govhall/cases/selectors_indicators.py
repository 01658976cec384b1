"""Case figures for the supervision indicators (R-SUP.4): intake channels, time limits, visits, materials.

Owns the set-based reads over ``Case`` and ``CaseMaterial`` behind the indicators:
``case_day_stats_queryset`` — the figures per (day, region, department), which the supervision
rollup (``supervision.rollup``) stores and the dashboard sums; the same figures for a whole period
computed live (``case_indicator_rows`` and the two material rows, kept as the reference the
rollup is checked against); and the late-cases list of one department, always live. A case is
*received* on ``received_on`` and *completed* on the local date of ``completed_at``. Never writes;
never loops over cases in Python.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.db.models import Count, F, IntegerField, Max, Min, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from govhall.catalog.selectors_indicators import listed_material_count, material_counts_of_versions

from .models import (
    OPEN_STATUSES,
    Case,
    CaseMaterial,
    CaseStatus,
    CaseTask,
    Channel,
    MaterialSource,
    TaskStatus,
)

ONCE_VISITS = 1  # 最多跑一次
SAVED_SOURCES = (MaterialSource.EXEMPT, MaterialSource.LICENCE)  # 免提交 and 电子证照复用


def period_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Aware datetimes [start 00:00, the day after end 00:00) in the local time zone."""
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tz),
    )


def _due() -> Coalesce:
    return Coalesce(F("promised_due"), F("statutory_due"))


def _completed_on_time() -> Q:
    return Q(completed_at__date__lte=_due())


def case_indicator_rows(*, region_path: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Per (region_id, department_id) of ``region_path`` and below, for the period:

    received, received_online / _window / _back_entry, completed (status 办结), completed_with_due,
    completed_on_time, zero_visits, once_cases (≤ 1 visit), visits_sum, visits_max (of the completed
    cases).
    """
    since, until = period_bounds(start, end)
    received = Q(received_on__gte=start, received_on__lte=end)
    completed = Q(status=CaseStatus.COMPLETED, completed_at__gte=since, completed_at__lt=until)
    with_due = completed & (Q(promised_due__isnull=False) | Q(statutory_due__isnull=False))
    return cast(
        "list[dict[str, Any]]",
        list(
            Case.objects.filter(region__path__startswith=region_path)
            .filter(received | completed)
            .values("region_id", "department_id")
            .order_by()
            .annotate(
                received=Count("id", filter=received),
                received_online=Count("id", filter=received & Q(channel=Channel.ONLINE)),
                received_window=Count("id", filter=received & Q(channel=Channel.WINDOW)),
                received_back_entry=Count("id", filter=received & Q(channel=Channel.BACK_ENTRY)),
                completed=Count("id", filter=completed),
                completed_with_due=Count("id", filter=with_due),
                completed_on_time=Count("id", filter=with_due & _completed_on_time()),
                zero_visits=Count("id", filter=completed & Q(visits=0)),
                once_cases=Count("id", filter=completed & Q(visits__lte=ONCE_VISITS)),
                visits_sum=Coalesce(Sum("visits", filter=completed), 0),
                visits_max=Coalesce(Max("visits", filter=completed), 0),
            )
        ),
    )


def case_listed_material_rows(*, region_path: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Per (region_id, department_id): the materials listed by the guide versions of the cases received
    in the period, summed per case. Two grouped queries — cases per (region, department, version),
    then materials per version — multiplied per group, never per case."""
    groups = list(
        Case.objects.filter(
            region__path__startswith=region_path, received_on__gte=start, received_on__lte=end
        )
        .values("region_id", "department_id", "version_id")
        .order_by()
        .annotate(cases=Count("id"))
    )
    listed = material_counts_of_versions({row["version_id"] for row in groups})
    return [
        {
            "region_id": row["region_id"],
            "department_id": row["department_id"],
            "listed_materials": row["cases"] * listed.get(row["version_id"], 0),
        }
        for row in groups
    ]


def case_saved_material_rows(*, region_path: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Per (region_id, department_id): current materials of the cases received in the period that were
    not handed in — 免提交 (obtained by sharing) or taken from the applicant's electronic licences."""
    return cast(
        "list[dict[str, Any]]",
        list(
            CaseMaterial.objects.filter(
                case__region__path__startswith=region_path,
                case__received_on__gte=start,
                case__received_on__lte=end,
                superseded=False,
                source__in=SAVED_SOURCES,
            )
            .values(region_id=F("case__region_id"), department_id=F("case__department_id"))
            .order_by()
            .annotate(saved_materials=Count("id"))
        ),
    )


# The columns of one day's figures, in the order ``case_day_stats_queryset`` selects them after
# (day, region_id, department_id). ``visits_max`` adds up by MAX, every other column by SUM.
DAY_STATS_COLUMNS = (
    "received",
    "received_online",
    "received_window",
    "received_back_entry",
    "listed_materials",
    "saved_materials",
    "completed",
    "completed_with_due",
    "completed_on_time",
    "zero_visits",
    "once_cases",
    "visits_sum",
    "visits_max",
)


def _zeros(*names: str) -> dict[str, Value]:
    return {name: Value(0, output_field=IntegerField()) for name in names}


def _ordered(queryset: QuerySet, annotations: dict[str, Any]) -> QuerySet:
    """``queryset`` grouped per (day, region_id, department_id), selecting the columns in the fixed order."""
    missing = [name for name in DAY_STATS_COLUMNS if name not in annotations]
    return (
        queryset.order_by()
        .annotate(**annotations, **_zeros(*missing))
        .values("day", "region_id", "department_id", *DAY_STATS_COLUMNS)
    )


def case_day_stats_queryset(*, start: dt.date, end: dt.date) -> QuerySet:
    """The figures of the days ``[start, end]`` per (day, region_id, department_id), every region — the
    source of the supervision rollup. Three grouped parts, UNION ALL, each selecting ``day,
    region_id, department_id`` then ``DAY_STATS_COLUMNS`` (zeros where a part has nothing to say), so a
    (day, region, department) may come back up to three times and the caller adds them up:

    * cases *received* that day (``received_on``): received, by channel, and the materials their guide
      version lists (``listed_materials``, one correlated count per case);
    * cases *completed* that day (local date of ``completed_at``, status 办结): completed, with a
      deadline, on time, zero visits, at most one visit, visits sum and max;
    * current materials not handed in (免提交, 证照复用) of the cases received that day.

    The same definitions as ``case_indicator_rows`` / ``case_listed_material_rows`` /
    ``case_saved_material_rows``, which compute a period live.
    """
    since, until = period_bounds(start, end)
    received = Case.objects.filter(received_on__gte=start, received_on__lte=end).values(
        "region_id", "department_id", day=F("received_on")
    )
    received = _ordered(
        received,
        {
            "received": Count("id"),
            "received_online": Count("id", filter=Q(channel=Channel.ONLINE)),
            "received_window": Count("id", filter=Q(channel=Channel.WINDOW)),
            "received_back_entry": Count("id", filter=Q(channel=Channel.BACK_ENTRY)),
            "listed_materials": Coalesce(Sum(listed_material_count(OuterRef("version_id"))), 0),
        },
    )
    with_due = Q(promised_due__isnull=False) | Q(statutory_due__isnull=False)
    completed = Case.objects.filter(
        status=CaseStatus.COMPLETED, completed_at__gte=since, completed_at__lt=until
    ).values("region_id", "department_id", day=TruncDate("completed_at"))
    completed = _ordered(
        completed,
        {
            "completed": Count("id"),
            "completed_with_due": Count("id", filter=with_due),
            "completed_on_time": Count("id", filter=with_due & _completed_on_time()),
            "zero_visits": Count("id", filter=Q(visits=0)),
            "once_cases": Count("id", filter=Q(visits__lte=ONCE_VISITS)),
            "visits_sum": Coalesce(Sum("visits"), 0),
            "visits_max": Coalesce(Max("visits"), 0),
        },
    )
    saved = CaseMaterial.objects.filter(
        case__received_on__gte=start,
        case__received_on__lte=end,
        superseded=False,
        source__in=SAVED_SOURCES,
    ).values(
        day=F("case__received_on"),
        region_id=F("case__region_id"),
        department_id=F("case__department_id"),
    )
    saved = _ordered(saved, {"saved_materials": Count("id")})
    return received.union(completed, saved, all=True)


def case_received_days_with_materials_after(*, material_id: int | None) -> tuple[set[dt.date], int]:
    """The receipt days of the cases that got a material row with id > ``material_id`` (a correction
    adds rows and marks the replaced ones superseded; None: look at none), and the highest material id
    now — two queries on the primary key, to refresh old days whose saved materials changed."""
    newest = CaseMaterial.objects.order_by("-id").values_list("id", flat=True).first() or 0
    if material_id is None:
        return set(), newest
    days = set(
        CaseMaterial.objects.filter(id__gt=material_id)
        .order_by()
        .values_list("case__received_on", flat=True)
        .distinct()
    )
    return days, newest


def case_first_received_on() -> dt.date | None:
    """The earliest receipt day of any case (where a full rebuild of the rollup starts)."""
    return Case.objects.order_by().aggregate(first=Min("received_on"))["first"]


def cases_late_of_department(
    *, department_id: int, region_path: str, start: dt.date, end: dt.date, today: dt.date
) -> QuerySet[Case]:
    """The department's late cases for the period: completed in it after their deadline, or still open
    with a deadline that passed (before today and not after the period's end). Soonest deadline first;
    each annotated with ``due`` (promised, else statutory) and ``completed_on`` (local date or null)."""
    since, until = period_bounds(start, end)
    last_due = min(end, today - dt.timedelta(days=1))
    late_completed = Q(
        status=CaseStatus.COMPLETED,
        completed_at__gte=since,
        completed_at__lt=until,
        completed_at__date__gt=F("due"),
    )
    still_open = Q(status__in=OPEN_STATUSES, due__lte=last_due)
    return (
        Case.objects.filter(department_id=department_id, region__path__startswith=region_path)
        .annotate(due=_due())
        .filter(late_completed | still_open)
        .select_related("region")
        .only(
            "number",
            "item_name",
            "status",
            "channel",
            "promised_due",
            "statutory_due",
            "completed_at",
            "paused",
            "extension_days",
            "region__name",
            "region__path",
        )
        .order_by("due", "number")
    )


def open_step_names(case_ids: list[int]) -> dict[int, str]:
    """The open step (待办环节) of each of ``case_ids`` — one query, for a page of late cases."""
    names: dict[int, str] = {}
    rows = CaseTask.objects.filter(case_id__in=case_ids, status=TaskStatus.OPEN).order_by("case_id", "id")
    for case_id, name in rows.values_list("case_id", "name"):
        names[case_id] = f"{names[case_id]}、{name}" if case_id in names else name
    return names
