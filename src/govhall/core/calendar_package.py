"""What the installed ``chinese-calendar`` release says, day by day (no database access here).

Used by the seeding data migration, ``govhall calendar_seed`` and — for a year whose package rows
are missing from the table (an unseeded or flushed database) — by ``core.workdays``. Holiday names
are given in Chinese (the package's ``Holiday`` enum carries both names).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import chinese_calendar
from chinese_calendar.constants import Holiday


class PackageDay(NamedTuple):
    date: dt.date
    is_workday: bool
    holiday_name: str


def package_years() -> range:
    """The years the installed release covers (``chinese-calendar`` 1.11: 2004–2026)."""
    known = chinese_calendar.holidays.keys()
    return range(min(known).year, max(known).year + 1)


def _chinese(name: str | None) -> str:
    if not name:
        return ""
    try:
        return str(Holiday(name).chinese)
    except ValueError:  # a name a newer release adds before this mapping knows it
        return name


def package_days(year: int) -> list[PackageDay]:
    """Every day of ``year`` as the package has it (``[]`` when the package does not cover it).

    Reads the package's own tables (``holidays``, ``workdays``: date → English name) as
    ``get_holiday_detail`` does, without its per-call validation: 8,400 days in ~20 ms.
    """
    if year not in package_years():
        return []
    holidays, workdays = chinese_calendar.holidays, chinese_calendar.workdays
    day, end, days = dt.date(year, 1, 1), dt.date(year, 12, 31), []
    while day <= end:
        if day in workdays:
            days.append(PackageDay(day, True, _chinese(workdays[day])))
        elif day in holidays:
            days.append(PackageDay(day, False, _chinese(holidays[day])))
        else:
            days.append(PackageDay(day, day.weekday() < 5, ""))
        day += dt.timedelta(days=1)
    return days


def package_exceptions(year: int) -> dict[dt.date, bool]:
    """The days of ``year`` whose status differs from Monday–Friday (weekday holidays, make-up weekends)."""
    if year not in package_years():
        return {}
    days = {day: False for day in chinese_calendar.holidays if day.year == year and day.weekday() < 5}
    days.update({day: True for day in chinese_calendar.workdays if day.year == year and day.weekday() >= 5})
    return days
