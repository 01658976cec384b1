"""Changes to the working-day calendar (工作日历): operators' corrections, a year's arrangement, seeding.

Owns the ``CalendarDay`` and ``CalendarYear`` rows. ``package`` rows are written only by
``calendar_seed_package`` (the data migration does the same on a fresh database); every operator
change writes ``operator`` rows, which win over the package. Each service runs in one transaction,
writes one audit entry and calls ``workdays.calendar_changed()`` so every process reads the
calendar again. Never computes deadlines itself — that is ``core.workdays``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import workdays as workday_calendar
from .audit import AuditTarget, audit_record
from .calendar_package import package_days, package_exceptions, package_years
from .models import CalendarDay, CalendarSource, CalendarYear
from .workdays import calendar_changed, weekday_rule

HolidayRange = tuple[dt.date, dt.date, str]  # first day, last day (inclusive), holiday name
WEEKDAYS = "一二三四五六日"
MIN_YEAR, MAX_YEAR = 2000, 2100


def weekday_label(day: dt.date) -> str:
    return f"星期{WEEKDAYS[day.weekday()]}"


def _status(value: bool) -> str:
    return "工作日" if value else "休息日"


def _reason_check(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ["请填写更正事由"]})
    return reason[:500]


def _day_target(day: dt.date) -> AuditTarget:
    return AuditTarget(type="core.calendar_day", id=day.isoformat(), label=f"{day.isoformat()} 工作日历")


def calendar_day_set(
    *, actor: Any, date: dt.date, is_workday: bool, note: str = "", reason: str
) -> CalendarDay:
    """An operator fixes one day as a working day or a rest day; it wins over the package."""
    reason = _reason_check(reason)
    note = note.strip()[:100]
    with transaction.atomic():
        before = workday_calendar.is_workday(date)
        row, created = CalendarDay.objects.select_for_update().update_or_create(
            date=date, source=CalendarSource.OPERATOR, defaults={"is_workday": is_workday, "note": note}
        )
        audit_record(
            actor=actor,
            action="core.calendar_day_set",
            target=_day_target(date),
            summary={"before": _status(before), "after": _status(is_workday), "note": note, "new": created},
            reason=reason,
        )
        calendar_changed()
    return row


def calendar_day_reset(*, actor: Any, date: dt.date, reason: str) -> None:
    """Remove an operator's row: the day is again what the package (or Monday–Friday) says."""
    reason = _reason_check(reason)
    with transaction.atomic():
        row = (
            CalendarDay.objects.select_for_update().filter(date=date, source=CalendarSource.OPERATOR).first()
        )
        if row is None:
            raise ValidationError("该日期没有运维更正，无需恢复", code="calendar_no_correction")
        row.delete()
        audit_record(
            actor=actor,
            action="core.calendar_day_reset",
            target=_day_target(date),
            summary={"before": _status(row.is_workday), "note": row.note},
            reason=reason,
        )
        calendar_changed()


def _in_window(day: dt.date, year: int) -> bool:
    """A date of ``year``'s arrangement: the year itself, or the December before (元旦 may start there)."""
    return day.year == year or (day.year == year - 1 and day.month == 12)


@dataclass(frozen=True)
class ArrangementEntry:
    """One line of a year's arrangement: a holiday range, or make-up working day(s) (``workday``)."""

    start: dt.date
    end: dt.date
    name: str = ""
    workday: bool = False
    line: int = 0  # the line of the operator's text it came from, for the error message

    def label(self) -> str:
        if self.line:
            return f"第 {self.line} 行"
        span = self.start.isoformat() if self.start == self.end else f"{self.start}~{self.end}"
        return f"{span} {'调休上班' if self.workday else self.name}".strip()


def _entry_days(entry: ArrangementEntry) -> list[dt.date]:
    return [entry.start + dt.timedelta(days=n) for n in range((entry.end - entry.start).days + 1)]


def arrangement_check(
    *, year: int, entries: Sequence[ArrangementEntry]
) -> tuple[dict[dt.date, str], list[dt.date]]:
    """The holiday days (date → name) and make-up working days, or ``ValidationError`` listing every problem."""
    errors: list[str] = []
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(f"年度应在 {MIN_YEAR}–{MAX_YEAR} 之间", code="calendar_year")
    if not any(not entry.workday for entry in entries):
        errors.append(f"{year} 年的安排至少应有一段放假日期")
    off: dict[dt.date, str] = {}
    on: dict[dt.date, str] = {}
    for entry in sorted(
        entries, key=lambda e: e.workday
    ):  # holidays first: make-up days are checked against them
        problem = _entry_problem(entry, year, off, on)
        if problem:
            errors.append(f"{entry.label()}：{problem}")
            continue
        for day in _entry_days(entry):
            if entry.workday:
                on[day] = entry.label()
            else:
                off[day] = entry.name.strip()[:60]
    if errors:
        raise ValidationError(sorted(errors, key=_line_order), code="calendar_arrangement")
    return off, sorted(on)


def _line_order(message: str) -> tuple[int, str]:
    number = message.removeprefix("第 ").split(" ", 1)[0]
    return (int(number), message) if number.isdigit() else (0, message)


def _entry_problem(
    entry: ArrangementEntry, year: int, off: dict[dt.date, str], on: dict[dt.date, str]
) -> str:
    if entry.end < entry.start:
        return "结束日期早于开始日期"
    if not (_in_window(entry.start, year) and _in_window(entry.end, year)):
        return f"日期不在 {year} 年（只有元旦假期可从上一年 12 月开始）"
    if not entry.workday and not entry.name.strip():
        return "请写明节日名称，例如“元旦”"
    for day in _entry_days(entry):
        if day in off:
            return f"{day.isoformat()} 已在“{off[day] or '另一段放假'}”的放假日期中"
        if day in on:
            return f"{day.isoformat()} 已填写为调休上班"
        if entry.workday and weekday_rule(day):
            return f"{day.isoformat()} 是{weekday_label(day)}，本来就是工作日，调休上班日应为周六或周日"
    return ""


def _package_off_rule(year: int) -> set[dt.date]:
    """Days of ``year`` the package (table rows or the installed release) has off the weekday rule."""
    days = set(package_exceptions(year))
    rows = CalendarDay.objects.filter(source=CalendarSource.PACKAGE, date__year=year)
    days.update(day for day, value in rows.values_list("date", "is_workday") if value != weekday_rule(day))
    return days


def calendar_year_enter(
    *,
    actor: Any,
    year: int,
    holidays: Sequence[HolidayRange],
    workdays: Sequence[dt.date],
    reason: str,
    notice: str = "",
) -> CalendarYear:
    """Enter a whole year's arrangement (国务院办公厅放假通知): holiday ranges and make-up working days.

    Replaces the year's operator rows; every other day of the year follows Monday–Friday, also
    where the package said otherwise. The year becomes confirmed (no alert even without the package).
    """
    reason = _reason_check(reason)
    entries = [ArrangementEntry(start, end, name) for start, end, name in holidays]
    entries += [ArrangementEntry(day, day, workday=True) for day in workdays]
    off, make_up = arrangement_check(year=year, entries=entries)
    with transaction.atomic():
        record, _ = CalendarYear.objects.select_for_update().get_or_create(year=year)
        replaced = CalendarDay.objects.filter(source=CalendarSource.OPERATOR, date__year=year).delete()[0]
        december = [day for day in [*off, *make_up] if day.year != year]
        CalendarDay.objects.filter(source=CalendarSource.OPERATOR, date__in=december).delete()
        rows = [
            CalendarDay(
                date=day, source=CalendarSource.OPERATOR, is_workday=False, holiday_name=name, note="放假"
            )
            for day, name in off.items()
        ]
        rows += [
            CalendarDay(date=day, source=CalendarSource.OPERATOR, is_workday=True, note="调休上班")
            for day in make_up
        ]
        listed = set(off) | set(make_up)
        rows += [
            CalendarDay(
                date=day,
                source=CalendarSource.OPERATOR,
                is_workday=weekday_rule(day),
                note="按放假通知恢复周一至周五规则",
            )
            for day in sorted(_package_off_rule(year) - listed)
        ]
        CalendarDay.objects.bulk_create(rows)
        record.confirmed, record.confirmed_at, record.notice = True, timezone.now(), notice.strip()[:200]
        record.save(update_fields=["confirmed", "confirmed_at", "notice"])
        audit_record(
            actor=actor,
            action="core.calendar_year_enter",
            target=AuditTarget(type="core.calendar_year", id=str(year), label=f"{year} 年工作日历"),
            summary={
                "holidays": [f"{s.isoformat()}~{e.isoformat()} {n}".strip() for s, e, n in holidays],
                "workdays": [day.isoformat() for day in make_up],
                "rows": len(rows),
                "replaced": replaced,
                "notice": record.notice,
            },
            reason=reason,
        )
        calendar_changed()
    return record


@dataclass(frozen=True)
class SeedResult:
    years: range
    created: int
    updated: int


def calendar_seed_package(*, actor: Any = None) -> SeedResult:
    """Bring the ``package`` rows up to the installed ``chinese-calendar`` (idempotent; operator rows untouched)."""
    years = package_years()
    with transaction.atomic():
        existing = {
            row.date: row
            for row in CalendarDay.objects.select_for_update().filter(
                source=CalendarSource.PACKAGE, date__year__gte=years.start, date__year__lt=years.stop
            )
        }
        new, changed = [], []
        for year in years:
            for day in package_days(year):
                row = existing.get(day.date)
                if row is None:
                    new.append(
                        CalendarDay(
                            date=day.date,
                            source=CalendarSource.PACKAGE,
                            is_workday=day.is_workday,
                            holiday_name=day.holiday_name,
                        )
                    )
                elif (row.is_workday, row.holiday_name) != (day.is_workday, day.holiday_name):
                    row.is_workday, row.holiday_name, row.updated_at = (
                        day.is_workday,
                        day.holiday_name,
                        timezone.now(),
                    )
                    changed.append(row)
        CalendarDay.objects.bulk_create(new, batch_size=2000)
        CalendarDay.objects.bulk_update(changed, ["is_workday", "holiday_name", "updated_at"], batch_size=500)
        if new or changed:
            audit_record(
                actor=actor,
                action="core.calendar_seed",
                target=AuditTarget(type="core.calendar", id="package", label="工作日历（chinese-calendar）"),
                summary={
                    "years": f"{years.start}–{years.stop - 1}",
                    "created": len(new),
                    "updated": len(changed),
                },
            )
            calendar_changed()
    return SeedResult(years, len(new), len(changed))
