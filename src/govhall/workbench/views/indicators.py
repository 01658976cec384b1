"""监察看板 — the supervisors' dashboard: indicators of a region and period, drill-down and exports.

Province → city → county (``dashboard_region``) → department (``dashboard_department``: its
indicators and its late cases, each linking to the case page) → case. A supervisor opens only
their region and below (``supervision.selectors_dashboard``: anything else is a 404). The figures
come from ``supervision.indicators`` (a handful of grouped queries per page; the case figures from
the daily rollup, whose last refresh the pages show as 数据更新于); the charts are
inline SVG drawn in ``indicator_charts``. Exports: the weekly dispatch table (.xlsx) and the
bulletin (PDF) of a region.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from govhall.identity.models import StaffRole
from govhall.supervision.indicator_exports import bulletin_pdf, cards_of_period, dispatch_workbook
from govhall.supervision.indicators import (
    INDICATORS,
    INDICATORS_BY_KEY,
    IndicatorRow,
    indicator_trend,
    indicators_by_region_and_department,
    indicators_for,
    indicators_of_department,
    trend_window,
)
from govhall.supervision.periods import Period, period_parse
from govhall.supervision.rollup.selectors import rollup_refreshed_at
from govhall.supervision.selectors_dashboard import (
    breadcrumb_regions,
    cases_late_of_department,
    department_for_supervisor,
    late_cases_explained,
    region_for_supervisor,
    scope_region,
)

from ..forms.indicators import PeriodForm
from ..indicator_charts import Bar, Series, ranking_chart, trend_chart
from .base import paginate, query_without_page, staff_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADLINE = ("on_time_rate", "online_handling_rate", "full_online_rate", "satisfaction_rate")
TREND = (
    ("on_time_rate", "按时办结率", "series-1"),
    ("online_handling_rate", "网上办理率", "series-2"),
    ("full_online_rate", "全程网办率", "series-3"),
)


def _calendar_alert(today: dt.date) -> str | None:
    try:
        from govhall.core.workdays import calendar_alert
    except ImportError:
        return None
    return calendar_alert(today)


def _period(request: HttpRequest) -> tuple[Period, str]:
    return period_parse(request.GET, today=timezone.localdate())


def _sorted(rows: list[IndicatorRow], key: str) -> list[IndicatorRow]:
    """Rows by ``key``: worst first for rates (who needs attention), None last; unknown key: as given."""
    if key not in INDICATORS_BY_KEY:
        return rows
    reverse = key in ("yellow_cards", "red_cards", "average_visits", "max_visits")
    known = [row for row in rows if row.value(key) is not None]
    known.sort(key=lambda row: row.value(key) or 0, reverse=reverse)
    return known + [row for row in rows if row.value(key) is None]


def _cells(row: IndicatorRow) -> list[str]:
    return [indicator.display(row.value(indicator.key)) for indicator in INDICATORS]


def _period_links(period: Period) -> dict[str, str]:
    return {
        "previous": urlencode(period.shifted(-1).query()),
        "next": urlencode(period.shifted(1).query()),
        "current": urlencode(period.query()),
    }


def _charts(region: Any, period: Period, rows: list[IndicatorRow]) -> dict[str, Any]:
    unit = period.trend_unit
    start, end = trend_window(end=period.end, unit=unit)
    points = indicator_trend(scope_region=region, start=start, end=end, unit=unit)
    trend = trend_chart(
        title=f"{region.name}近{len(points)}{'周' if unit == 'week' else '个月'}趋势",
        labels=[p.label for p in points],
        series=[Series(label, css, [p.counts.value(key) for p in points]) for key, label, css in TREND],
    )
    on_time = INDICATORS_BY_KEY["on_time_rate"]
    ranked = sorted(
        (row for row in rows if row.counts.completed or not row.own_level),
        key=lambda row: (row.value("on_time_rate") is None, -(row.value("on_time_rate") or 0), row.label),
    )
    ranking = ranking_chart(
        title="按时办结率排名",
        bars=[
            Bar(row.label, row.value("on_time_rate"), on_time.display(row.value("on_time_rate")))
            for row in ranked
        ],
    )
    return {
        "trend_chart": trend,
        "trend_series": TREND,
        "ranking_chart": ranking,
        "has_ranking": bool(ranked),
    }


def _region_page(request: HttpRequest, region: Any) -> HttpResponse:
    period, period_error = _period(request)
    regions, departments = indicators_by_region_and_department(
        scope_region=region, start=period.start, end=period.end
    )
    sort = request.GET.get("sort", "")
    region_rows = [row for row in regions.rows if not row.own_level or row.counts != type(row.counts)()]
    department_page = paginate(request, _sorted(departments.rows, sort or "on_time_rate"))
    scope = request.staff_scope  # type: ignore[attr-defined]
    context = {
        "nav": "dashboard",
        "region": region,
        "breadcrumbs": breadcrumb_regions(scope, region),
        "period": period,
        "period_error": period_error,
        "period_form": PeriodForm.showing(period),
        "links": _period_links(period),
        "alert": _calendar_alert(timezone.localdate()),
        "refreshed_at": rollup_refreshed_at(),
        "indicators": INDICATORS,
        "headline": [
            (INDICATORS_BY_KEY[k], INDICATORS_BY_KEY[k].display(regions.total.value(k))) for k in HEADLINE
        ],
        "total": regions.total,
        "total_cells": [i.display(regions.total.value(i.key)) for i in INDICATORS],
        "region_rows": [(row, _cells(row)) for row in _sorted(region_rows, sort)],
        "department_page": department_page,
        "department_rows": [(row, _cells(row)) for row in department_page.object_list],
        "sort": sort,
        "query": query_without_page(request.GET),
        "drill_regions": region.level < 3,
        **_charts(region, period, region_rows),
    }
    return render(request, "workbench/indicators/region.html", context)


@require_GET
@staff_view(StaffRole.SUPERVISOR)
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    return _region_page(request, scope_region(scope))


@require_GET
@staff_view(StaffRole.SUPERVISOR)
def dashboard_region(request: HttpRequest, code: str) -> HttpResponse:
    region = region_for_supervisor(request.staff_scope, code)  # type: ignore[attr-defined]
    return _region_page(request, region)


@require_GET
@staff_view(StaffRole.SUPERVISOR)
def dashboard_department(request: HttpRequest, department_id: int) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    department = department_for_supervisor(scope, department_id)
    period, period_error = _period(request)
    counts = indicators_of_department(department=department, start=period.start, end=period.end)
    today = timezone.localdate()
    late = cases_late_of_department(
        department_id=department.pk,
        region_path=department.region.path,
        start=period.start,
        end=period.end,
        today=today,
    )
    page = paginate(request, late)
    context = {
        "nav": "dashboard",
        "department": department,
        "region": department.region,
        "breadcrumbs": breadcrumb_regions(scope, department.region),
        "period": period,
        "period_error": period_error,
        "period_form": PeriodForm.showing(period),
        "links": _period_links(period),
        "alert": _calendar_alert(today),
        "refreshed_at": rollup_refreshed_at(),
        "facts": [(i, i.display(counts.value(i.key))) for i in INDICATORS],
        "counts": counts,
        "page": page,
        "late_cases": late_cases_explained(list(page.object_list), today=today),
        "query": query_without_page(request.GET),
    }
    return render(request, "workbench/indicators/department.html", context)


@require_GET
@staff_view(StaffRole.SUPERVISOR)
def dispatch_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    """调度表 of one ISO week (``?week=2026-W21``; default the last full week)."""
    region = region_for_supervisor(request.staff_scope, code)  # type: ignore[attr-defined]
    period, _ = _period(request)
    if period.kind != "week":
        period = period_parse({"date": period.start.isoformat()}, today=period.start)[0]
    table = indicators_for(scope_region=region, start=period.start, end=period.end)
    content = dispatch_workbook(table=table, period=period, generated_by=request.staff_scope.display_name)  # type: ignore[attr-defined]
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{region.name}调度表-{period.iso_week}.xlsx"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@staff_view(StaffRole.SUPERVISOR)
def bulletin(request: HttpRequest, code: str) -> HttpResponse:
    """通报 (PDF) of the chosen period: rankings and card lists."""
    scope = request.staff_scope  # type: ignore[attr-defined]
    region = region_for_supervisor(scope, code)
    period, _ = _period(request)
    table = indicators_for(scope_region=region, start=period.start, end=period.end)
    cards = cards_of_period(scope=region, start=period.start, end=period.end)
    content = bulletin_pdf(table=table, period=period, cards=cards, issuer=scope.display_name)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, f"{region.name}效能监察通报-{period.start:%Y%m%d}.pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response
