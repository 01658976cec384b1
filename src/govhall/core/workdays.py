"""Working days (工作日): the one place that answers "N working days after T" and "how many have passed".

Cases (acceptance within 5 working days, promised and statutory limits), and later consultations,
complaints and ratings all count time this way. A day is a working day when an operator's
correction (``CalendarDay``) says so, else when ``chinese-calendar`` says so (statutory holidays and
make-up Saturdays), else — for a year the package does not know — when it is Monday to Friday.
Paused intervals (special procedures, 特别程序) are excluded: a working day inside a pause does
not count.

Counting rule (行政许可法 Art. 42, 期间计算): the day of receipt does not count; the period ends at
the end of the N-th working day after it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

import chinese_calendar
from django.db.models.signals import post_delete, post_save

from .models import CalendarDay

Interval = tuple[dt.date, dt.date | None]  # [start, end] inclusive; end None = still paused


@functools.lru_cache(maxsize=1)
def _corrections() -> dict[dt.date, bool]:
    return dict(CalendarDay.objects.values_list("date", "is_workday"))


def _forget_corrections(**_: object) -> None:
    _corrections.cache_clear()


post_save.connect(_forget_corrections, sender=CalendarDay)
post_delete.connect(_forget_corrections, sender=CalendarDay)


@functools.lru_cache(maxsize=8192)
def _package_workday(day: dt.date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # a year the package does not cover: weekdays, until an operator corrects it
        return day.weekday() < 5


def is_workday(day: dt.date) -> bool:
    corrected = _corrections().get(day)
    return _package_workday(day) if corrected is None else corrected


def calendar_covers(year: int) -> bool:
    """Whether the holiday table knows ``year`` (the package or an operator's corrections)."""
    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
        return True
    except NotImplementedError:
        return any(day.year == year for day in _corrections())


def _paused(day: dt.date, pauses: Iterable[Interval]) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end in pauses)


def workdays_add(start: dt.date, days: int, *, pauses: Iterable[Interval] = ()) -> dt.date:
    """The date on which a period of ``days`` working days that starts the day after ``start`` ends."""
    pauses = list(pauses)
    if any(end is None for _, end in pauses):
        raise ValueError("a period with an open pause has no end date yet")
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_workday(day) and not _paused(day, pauses):
            left -= 1
    return day


def workdays_between(start: dt.date, end: dt.date, *, pauses: Iterable[Interval] = ()) -> int:
    """Working days elapsed after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    pauses = list(pauses)
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_workday(day) and not _paused(day, pauses):
            count += 1
    return count
