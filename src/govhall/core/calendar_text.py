"""Reading a year's holiday arrangement typed by an operator, one line per holiday or make-up day.

Accepted lines (blank lines and lines starting with ``#`` are skipped)::

    2027-01-01~2027-01-03 元旦          a holiday range (also ``～``, ``至``; a single date for one day)
    2027-02-06~02-13 春节               the end may omit the year
    2027-01-04 调休上班                 a make-up working day (any line whose text says 上班)

Dates may be written ``2027-01-04``, ``2027/1/4``, ``2027.1.4`` or ``2027年1月4日``. Every problem is
reported with its line number, syntax and meaning alike (dates outside the year, overlaps, a
"make-up" weekday), through ``services_calendar.arrangement_check``. No database access.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError

from .selectors_calendar import CalendarDayView
from .services_calendar import ArrangementEntry, HolidayRange, arrangement_check

MAX_LINES = 200
_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_SHORT = r"(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_LINE = re.compile(rf"^{_DATE}(?:\s*(?:~|～|至|到|—|–)\s*{_SHORT})?\s*(.*)$")
WORKDAY_WORD = "上班"
EXAMPLE = "应为“2027-01-01~2027-01-03 元旦”或“2027-01-04 调休上班”"


def _date(year: str | None, month: str, day: str, default_year: int) -> dt.date:
    return dt.date(int(year) if year else default_year, int(month), int(day))


def _entry(number: int, text: str) -> ArrangementEntry:
    match = _LINE.match(text)
    if not match:
        raise ValueError(f"无法识别“{text[:40]}”，{EXAMPLE}")
    y1, m1, d1, y2, m2, d2, rest = match.groups()
    try:
        start = _date(y1, m1, d1, 0)
    except ValueError:
        raise ValueError(f"日期 {y1}-{m1}-{d1} 不存在") from None
    try:
        end = _date(y2, m2, d2, start.year) if m2 else start
    except ValueError:
        raise ValueError(f"结束日期 {y2 or start.year}-{m2}-{d2} 不存在") from None
    name = rest.strip()
    if not name:
        raise ValueError(f"缺少节日名称或“调休上班”，{EXAMPLE}")
    if WORKDAY_WORD in name:
        return ArrangementEntry(start, end, workday=True, line=number)
    return ArrangementEntry(start, end, name=name[:60], line=number)


def _line_number(message: str) -> int:
    number = message.removeprefix("第 ").split(" ", 1)[0]
    return int(number) if number.isdigit() else 0


def arrangement_parse(text: str, *, year: int) -> tuple[list[HolidayRange], list[dt.date]]:
    """The holiday ranges and make-up working days of ``text``, or ``ValidationError`` naming every bad line."""
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        raise ValidationError(f"最多 {MAX_LINES} 行", code="calendar_text_long")
    entries: list[ArrangementEntry] = []
    errors: list[str] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            entries.append(_entry(number, line))
        except ValueError as exc:
            errors.append(f"第 {number} 行：{exc}")
    try:
        arrangement_check(year=year, entries=entries)
    except ValidationError as exc:  # meaning: outside the year, overlaps, weekday "make-up" days
        errors += [message for message in exc.messages if message.startswith("第 ") or not errors]
    if errors:
        raise ValidationError(sorted(errors, key=_line_number), code="calendar_text")
    holidays = [(entry.start, entry.end, entry.name) for entry in entries if not entry.workday]
    workdays = [
        entry.start + dt.timedelta(days=n)
        for entry in entries
        if entry.workday
        for n in range((entry.end - entry.start).days + 1)
    ]
    return holidays, workdays


def arrangement_format(days: Iterable[CalendarDayView]) -> str:
    """A year's rest days with a name and its make-up days as text ``arrangement_parse`` reads back."""
    lines: list[str] = []
    run: list[CalendarDayView] = []

    def flush() -> None:
        if run:
            span = run[0].date.isoformat()
            if len(run) > 1:
                span += f"~{run[-1].date.isoformat()}"
            lines.append(f"{span} {run[0].holiday_name or run[0].note or '休息'}")
            run.clear()

    for day in days:
        named_rest = not day.is_workday and (day.kind == "holiday")
        if (
            named_rest
            and run
            and run[-1].date + dt.timedelta(days=1) == day.date
            and (run[-1].holiday_name == day.holiday_name)
        ):
            run.append(day)
            continue
        flush()
        if named_rest:
            run.append(day)
        elif day.kind == "makeup":
            lines.append(f"{day.date.isoformat()} 调休上班")
    flush()
    return "\n".join(lines)
