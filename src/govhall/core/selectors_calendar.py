"""Reads of the working-day calendar for the operators' page: a year as twelve month grids.

Applies the same precedence as ``core.workdays`` (operator row, package row, the installed
package, Monday–Friday) but keeps where each day's status came from, so the page can mark
holidays, make-up working days and operators' corrections. Two queries per year. Never writes.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from dataclasses import dataclass

from .calendar_package import package_days
from .models import CalendarDay, CalendarSource, CalendarYear
from .workdays import weekday_rule


@dataclass(frozen=True)
class CalendarDayView:
    date: dt.date
    is_workday: bool
    holiday_name: str
    note: str
    corrected: bool  # an operator's row decides this day
    package_is_workday: bool | None  # what the package says (None: the package does not know the year)

    @property
    def kind(self) -> str:
        """``holiday`` (statutory rest), ``makeup`` (调休上班), ``rest`` (weekend) or ``work``."""
        if self.is_workday:
            return "work" if weekday_rule(self.date) else "makeup"
        return "holiday" if weekday_rule(self.date) or self.holiday_name else "rest"

    @property
    def label(self) -> str:
        return {"holiday": "休", "makeup": "班", "rest": "", "work": ""}[self.kind]

    @property
    def title(self) -> str:
        text = f"{self.date.isoformat()} {'工作日' if self.is_workday else '休息日'}"
        if self.holiday_name:
            text += f" · {self.holiday_name}{'（调休上班）' if self.kind == 'makeup' else ''}"
        if self.corrected:
            text += f" · 运维更正{('：' + self.note) if self.note else ''}"
        return text


@dataclass(frozen=True)
class CalendarMonthView:
    month: int
    weeks: list[list[CalendarDayView | None]]  # Monday first; None pads the first and last week


@dataclass(frozen=True)
class CalendarYearView:
    year: int
    months: list[CalendarMonthView]
    source: str  # package | operator | weekdays
    record: CalendarYear | None
    corrections: list[CalendarDayView]
    holidays: int
    makeups: int

    @property
    def source_label(self) -> str:
        return {
            "package": "chinese-calendar（国务院办公厅放假通知）",
            "operator": "运维人员录入的全年安排",
            "weekdays": "尚未录入：按周一至周五计算",
        }[self.source]


def _day_view(
    date: dt.date, known: tuple[bool, str] | None, correction: CalendarDay | None
) -> CalendarDayView:
    """One day: the operator's row wins; else the package's status; else Monday–Friday."""
    package_is_workday, package_name = known if known else (None, "")
    if correction is None:
        status = weekday_rule(date) if package_is_workday is None else package_is_workday
        return CalendarDayView(date, status, package_name, "", False, package_is_workday)
    # An operator's row keeps the package's holiday name when it confirms the package's status.
    name = correction.holiday_name or (package_name if correction.is_workday == package_is_workday else "")
    return CalendarDayView(date, correction.is_workday, name, correction.note, True, package_is_workday)


def calendar_year_view(year: int) -> CalendarYearView:
    rows = CalendarDay.objects.filter(date__year=year).only(
        "date", "source", "is_workday", "holiday_name", "note"
    )
    package: dict[dt.date, tuple[bool, str]] = {}
    operator: dict[dt.date, CalendarDay] = {}
    for row in rows:
        if row.source == CalendarSource.OPERATOR:
            operator[row.date] = row
        else:
            package[row.date] = (row.is_workday, row.holiday_name)
    if not package:
        package = {day.date: (day.is_workday, day.holiday_name) for day in package_days(year)}
    record = CalendarYear.objects.filter(year=year).first()
    days = {}
    for number in range((dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1):
        date = dt.date(year, 1, 1) + dt.timedelta(days=number)
        days[date] = _day_view(date, package.get(date), operator.get(date))
    grid = month_calendar.Calendar(firstweekday=0)
    months = [
        CalendarMonthView(
            month,
            [
                [days[d] if d.month == month else None for d in week]
                for week in grid.monthdatescalendar(year, month)
            ],
        )
        for month in range(1, 13)
    ]
    confirmed = record is not None and record.confirmed
    source = "operator" if confirmed else ("package" if package else "weekdays")
    return CalendarYearView(
        year=year,
        months=months,
        source=source,
        record=record,
        corrections=[view for view in days.values() if view.corrected],
        holidays=sum(1 for view in days.values() if view.kind == "holiday"),
        makeups=sum(1 for view in days.values() if view.kind == "makeup"),
    )
