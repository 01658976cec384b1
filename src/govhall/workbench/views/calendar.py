"""工作日历 — operators see a year's working days as month grids, correct a day, enter a year's arrangement.

Every operator (``StaffRole.OPERATOR``) may look; only provincial operators change the calendar
(it counts every deadline of the province). Reads through ``core.selectors_calendar``; writes
through ``core.services_calendar`` (audited, and every process sees them within seconds).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govhall.core.calendar_package import package_years
from govhall.core.calendar_text import arrangement_format
from govhall.core.selectors_calendar import calendar_year_view
from govhall.core.services_calendar import MAX_YEAR, MIN_YEAR, calendar_day_reset, calendar_day_set
from govhall.core.services_calendar import calendar_year_enter as calendar_year_enter_service
from govhall.core.workdays import calendar_alert, calendar_covers
from govhall.identity.models import StaffRole

from ..forms.calendar import CalendarDayForm, CalendarYearForm
from .base import forbidden, staff_view

operator_view = staff_view(StaffRole.OPERATOR)
EDITORS_ONLY = "工作日历由省级运维人员维护"
WEEKDAY_HEADINGS = ["一", "二", "三", "四", "五", "六", "日"]


def _may_edit(request: HttpRequest) -> bool:
    return request.staff_scope.region_level == 1  # type: ignore[attr-defined]


def _year_param(request: HttpRequest) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        return today.year
    return year if MIN_YEAR <= year <= MAX_YEAR else today.year


def _year_choices(year: int) -> list[dict[str, Any]]:
    today = timezone.localdate()
    first = min(package_years().start, year, today.year)
    last = max(today.year + 1, year)
    return [{"year": y, "covered": calendar_covers(y)} for y in range(last, first - 1, -1)]


def _year_page(request: HttpRequest, year: int, day_form: CalendarDayForm, status: int = 200) -> HttpResponse:
    context = {
        "nav": "calendar",
        "view": calendar_year_view(year),
        "alert": calendar_alert(timezone.localdate()),
        "years": _year_choices(year),
        "day_form": day_form,
        "may_edit": _may_edit(request),
        "weekday_headings": WEEKDAY_HEADINGS,
    }
    return render(request, "workbench/calendar/year.html", context, status=status)


@operator_view
@require_GET
def calendar_year(request: HttpRequest) -> HttpResponse:
    year = _year_param(request)
    return _year_page(request, year, CalendarDayForm())


def _form_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in exc.messages:
            form.add_error(None, message)


@operator_view
@require_POST
def calendar_day(request: HttpRequest) -> HttpResponse:
    if not _may_edit(request):
        return forbidden(request, EDITORS_ONLY)
    form = CalendarDayForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["status"] == "reset":
                calendar_day_reset(actor=request.user, date=data["date"], reason=data["reason"])
                messages.success(request, f"已撤销 {data['date']:%Y-%m-%d} 的更正")
            else:
                calendar_day_set(
                    actor=request.user,
                    date=data["date"],
                    is_workday=data["status"] == "work",
                    note=data["note"],
                    reason=data["reason"],
                )
                label = "工作日" if data["status"] == "work" else "休息日"
                messages.success(request, f"已将 {data['date']:%Y-%m-%d} 更正为{label}")
            return redirect(f"{reverse('workbench:calendar')}?year={data['date'].year}")
        except ValidationError as exc:
            _form_errors(form, exc)
    year = form.cleaned_data["date"].year if form.cleaned_data.get("date") else _year_param(request)
    return _year_page(request, year, form)


@operator_view
@require_http_methods(["GET", "POST"])
def calendar_year_enter(request: HttpRequest, year: int) -> HttpResponse:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    if not _may_edit(request):
        return forbidden(request, EDITORS_ONLY)
    view = calendar_year_view(year)
    if request.method == "POST":
        form = CalendarYearForm(request.POST, year=year)
        if form.is_valid():
            try:
                calendar_year_enter_service(
                    actor=request.user,
                    year=year,
                    holidays=form.holidays,
                    workdays=form.workdays,
                    reason=form.cleaned_data["reason"],
                    notice=form.cleaned_data["notice"],
                )
                messages.success(request, f"{year} 年放假安排已录入并确认")
                return redirect(f"{reverse('workbench:calendar')}?year={year}")
            except ValidationError as exc:
                _form_errors(form, exc)
    else:
        days = [day for month in view.months for week in month.weeks for day in week if day]
        notice = view.record.notice if view.record else ""
        form = CalendarYearForm(
            initial={"arrangement": arrangement_format(days), "notice": notice}, year=year
        )
    context = {"nav": "calendar", "view": view, "form": form, "year": year}
    return render(request, "workbench/calendar/year_enter.html", context)
