"""Working days (工作日): the one place that answers "N working days after T" and "how many have passed".

Cases (acceptance within 5 working days, promised and statutory limits), consultations, complaints
and ratings all count time this way. Which day is a working day comes from the calendar table
(``CalendarDay``): an operator's row wins over the package row of the same date; a year without
package rows in the table is read from the installed ``chinese-calendar`` (an unseeded or flushed
table still counts right); a year neither knows counts Monday to Friday — never an error.
Paused intervals (special procedures, 特别程序) are excluded: a working day inside a pause does
not count.

Counting rule (行政许可法 Art. 42, 期间计算): the day of receipt does not count; the period ends at
the end of the N-th working day after it.

Cache: each process keeps a snapshot of the days that are *not* what Monday–Friday says, tagged
with a version kept in the Django cache (``CACHES``: Redis with more than one app process).
``calendar_changed()`` — called by ``core.services_calendar`` inside its transaction — drops this
process's snapshot at once and gives the shared version a new value now and again on commit; other
processes compare versions at most every ``CHECK_SECONDS`` and reload when it moved. A snapshot
read inside a transaction that wrote the calendar is dropped once that transaction is gone (a
rollback leaves nothing behind).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Q

from .calendar_package import package_exceptions, package_years
from .models import CalendarDay, CalendarSource, CalendarYear

Interval = tuple[dt.date, dt.date | None]  # [start, end] inclusive; end None = still paused

CHECK_SECONDS = 2.0  # how stale another process's change may be seen here
VERSION_KEY = "govhall:core:calendar-version"
ALERT_FROM = (11, 1)  # month, day: from 1 November the next year must be known

logger = logging.getLogger(__name__)
_WEEKEND = (1, 7)  # Django's ``week_day`` lookup: 1 = Sunday, 7 = Saturday


def weekday_rule(day: dt.date) -> bool:
    """The default status of a day: Monday to Friday work, the weekend rests."""
    return day.weekday() < 5


@dataclass(frozen=True)
class _Snapshot:
    version: str | None  # None: read without the table (database unavailable) — reload at the next check
    exceptions: dict[dt.date, bool]
    covered: frozenset[int]

    def is_workday(self, day: dt.date) -> bool:
        return self.exceptions.get(day, weekday_rule(day))


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.snapshot: _Snapshot | None = None
        self.checked_at = 0.0
        self.written_inside: list[Any] | None = None  # the atomic blocks of an uncommitted calendar write


_state = _State()


def _shared_version() -> str:
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(VERSION_KEY)
        return str(version)
    except Exception:  # noqa: BLE001 - a cache outage must not stop deadlines; reload every minute instead
        logger.warning("calendar version unavailable from the cache", exc_info=True)
        return f"no-cache-{int(time.time() // 60)}"


def _load(version: str) -> _Snapshot:
    """Read the table: package rows off the weekday rule, every operator row, confirmed years."""
    package = CalendarDay.objects.filter(source=CalendarSource.PACKAGE)
    off_rule = package.filter(
        Q(is_workday=False) & ~Q(date__week_day__in=_WEEKEND)
        | Q(is_workday=True, date__week_day__in=_WEEKEND)
    )
    table_years = {day.year for day in package.dates("date", "year")}
    exceptions: dict[dt.date, bool] = {}
    for year in package_years():
        if year not in table_years:
            exceptions.update(package_exceptions(year))
    exceptions.update(off_rule.values_list("date", "is_workday"))
    operator = CalendarDay.objects.filter(source=CalendarSource.OPERATOR).values_list("date", "is_workday")
    for day, is_workday in operator:
        if is_workday == weekday_rule(day):
            exceptions.pop(day, None)
        else:
            exceptions[day] = is_workday
    confirmed = set(CalendarYear.objects.filter(confirmed=True).values_list("year", flat=True))
    return _Snapshot(version, exceptions, frozenset(table_years | set(package_years()) | confirmed))


def _package_only() -> _Snapshot:
    exceptions: dict[dt.date, bool] = {}
    for year in package_years():
        exceptions.update(package_exceptions(year))
    return _Snapshot(None, exceptions, frozenset(package_years()))


def _write_ended() -> bool:
    """Whether a transaction around this process's uncommitted calendar write has ended since.

    An inner block that ends may have been rolled back (its write gone) or merged into the outer
    one; either way the snapshot is read again, and the write is tracked in what is left of the
    stack until the outermost block ends (its commit also runs ``_committed``).
    """
    written = _state.written_inside
    if written is None:
        return False
    blocks = connection.atomic_blocks
    common = 0
    while common < min(len(blocks), len(written)) and blocks[common] is written[common]:
        common += 1
    if common == len(written):
        return False
    _state.written_inside = written[:common] or None
    return True


def _snapshot() -> _Snapshot:
    with _state.lock:
        if _write_ended():
            _state.snapshot = None
        now = time.monotonic()
        snapshot = _state.snapshot
        if snapshot is not None and now - _state.checked_at < CHECK_SECONDS:
            return snapshot
        version = _shared_version()
        if snapshot is None or snapshot.version != version:
            try:
                snapshot = _load(version)
            except DatabaseError:  # no table yet (before migrate): the package, then Monday–Friday
                logger.warning("calendar table unreadable; using chinese-calendar only", exc_info=True)
                snapshot = _package_only()
        _state.snapshot, _state.checked_at = snapshot, now
        return snapshot


def _new_version() -> None:
    with _state.lock:
        _state.snapshot = None
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001 - other processes then catch up within the no-cache minute
        logger.warning("calendar version not published to the cache", exc_info=True)


def _committed() -> None:
    with _state.lock:
        _state.written_inside = None
    _new_version()


def calendar_changed() -> None:
    """The calendar table changed in the current transaction: every process must read it again."""
    with _state.lock:
        if connection.in_atomic_block:
            _state.written_inside = list(connection.atomic_blocks)
    _new_version()
    transaction.on_commit(_committed)


def calendar_cache_reset() -> None:
    """Forget this process's snapshot (tests; after restoring a database under a running process)."""
    with _state.lock:
        _state.snapshot, _state.written_inside, _state.checked_at = None, None, 0.0


def is_workday(day: dt.date) -> bool:
    return _snapshot().is_workday(day)


def calendar_covers(year: int) -> bool:
    """Whether the calendar knows ``year``: package rows (or the installed package), or an operator-confirmed year."""
    return year in _snapshot().covered


def calendar_alert(today: dt.date) -> str | None:
    """The supervision dashboard's warning when this or — from 1 November — next year's holidays are missing."""
    for year in (today.year, today.year + 1):
        if year > today.year and (today.month, today.day) < ALERT_FROM:
            break
        if not calendar_covers(year):
            return (
                f"{year} 年节假日安排尚未录入工作日历：请运维人员在国务院办公厅放假通知发布后，"
                f"于工作台“工作日历”录入 {year} 年的放假和调休上班日期（或升级 chinese-calendar 后运行 "
                f"govhall calendar_seed）。录入前 {year} 年按周一至周五计算工作日，办理期限可能有误。"
            )
    return None


def _paused(day: dt.date, pauses: list[Interval]) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end in pauses)


def workdays_add(start: dt.date, days: int, *, pauses: Iterable[Interval] = ()) -> dt.date:
    """The date on which a period of ``days`` working days that starts the day after ``start`` ends."""
    pauses = list(pauses)
    if any(end is None for _, end in pauses):
        raise ValueError("a period with an open pause has no end date yet")
    calendar = _snapshot()
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if calendar.is_workday(day) and not _paused(day, pauses):
            left -= 1
    return day


def workdays_between(start: dt.date, end: dt.date, *, pauses: Iterable[Interval] = ()) -> int:
    """Working days elapsed after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    pauses = list(pauses)
    calendar = _snapshot()
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if calendar.is_workday(day) and not _paused(day, pauses):
            count += 1
    return count
