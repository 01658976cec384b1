"""Working-day arithmetic: statutory holidays, make-up working days, paused intervals, unknown years.

The 2026 dates are those of the State Council notice as ``chinese-calendar`` 1.11 has them (and the
seeded table): Spring Festival 02-15…02-23 off, Saturdays 02-14 and 02-28 worked; National Day
10-01…10-07 off, Sunday 09-20 and Saturday 10-10 worked.
"""

import datetime as dt

import pytest

from govhall.core.models import CalendarDay, CalendarSource
from govhall.core.services_calendar import calendar_day_reset, calendar_day_set, calendar_year_enter
from govhall.core.workdays import (
    calendar_cache_reset,
    calendar_covers,
    is_workday,
    workdays_add,
    workdays_between,
)

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    calendar_cache_reset()
    yield
    calendar_cache_reset()


def test_the_migration_seeds_every_day_of_2026_from_the_package():
    rows = CalendarDay.objects.filter(source=CalendarSource.PACKAGE, date__year=2026)
    assert rows.count() == 365
    assert rows.get(date=D(2026, 2, 17)).holiday_name == "春节"
    assert rows.get(date=D(2026, 2, 14)).is_workday is True
    assert rows.get(date=D(2026, 10, 10)).holiday_name == "国庆节"


def test_spring_festival_2026_with_make_up_saturday():
    # 2026 Spring Festival: 02-15 … 02-23 off; Saturday 02-14 and Saturday 02-28 are working days.
    assert is_workday(D(2026, 2, 14)) and is_workday(D(2026, 2, 28))
    assert not is_workday(D(2026, 2, 17)) and not is_workday(D(2026, 2, 23))
    # Received Thursday 02-12: 02-13 (Fri), 02-14 (Sat, make-up), 02-24, 02-25, 02-26.
    assert workdays_add(D(2026, 2, 12), 5) == D(2026, 2, 26)


def test_the_make_up_saturday_after_the_spring_festival_counts():
    # Received Friday 02-27: the next working day is the make-up Saturday 02-28.
    assert workdays_add(D(2026, 2, 27), 1) == D(2026, 2, 28)
    # 02-13 → 02-28: 02-14, 02-24, 02-25, 02-26, 02-27, 02-28.
    assert workdays_between(D(2026, 2, 13), D(2026, 2, 28)) == 6


def test_national_day_2026():
    assert workdays_add(D(2026, 9, 30), 5) == D(2026, 10, 13)
    assert workdays_between(D(2026, 9, 30), D(2026, 10, 13)) == 5
    assert workdays_between(D(2026, 10, 13), D(2026, 9, 30)) == 0


def test_national_day_make_up_sunday_and_saturday_count():
    assert workdays_add(D(2026, 9, 19), 1) == D(2026, 9, 20)  # Sunday 09-20 is worked
    assert workdays_add(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert workdays_add(D(2026, 10, 9), 1) == D(2026, 10, 10)  # Saturday 10-10 is worked
    # 09-18 (Fri) → 10-12 (Mon): 09-20, 21…24 (09-25 is 中秋), 28, 29, 30, 10-08, 10-09, 10-10, 10-12 = 12.
    assert workdays_between(D(2026, 9, 18), D(2026, 10, 12)) == 12


def test_paused_interval_does_not_count():
    monday = D(2026, 11, 2)
    assert workdays_add(monday, 10) == D(2026, 11, 16)
    assert workdays_add(monday, 10, pauses=[(D(2026, 11, 4), D(2026, 11, 10))]) == D(2026, 11, 23)
    # an open pause (still running) stops the count from its start
    assert workdays_between(monday, D(2026, 11, 30), pauses=[(D(2026, 11, 4), None)]) == 1


def test_a_pause_over_the_spring_festival_excludes_the_make_up_saturday():
    # Paused 02-13 … 02-14: the Friday and the make-up Saturday no longer count.
    # 02-24, 02-25, 02-26, 02-27 and the make-up Saturday 02-28.
    assert workdays_add(D(2026, 2, 12), 5, pauses=[(D(2026, 2, 13), D(2026, 2, 14))]) == D(2026, 2, 28)
    assert workdays_between(D(2026, 2, 12), D(2026, 2, 26), pauses=[(D(2026, 2, 13), D(2026, 2, 14))]) == 3


def test_a_period_with_an_open_pause_has_no_deadline():
    with pytest.raises(ValueError):
        workdays_add(D(2026, 11, 2), 5, pauses=[(D(2026, 11, 4), None)])


def test_a_missing_year_falls_back_to_weekdays_until_an_operator_enters_it(world):
    # Given 2027, which chinese-calendar 1.11 does not know
    assert not calendar_covers(2027)
    # then 2027-01-01 (a Friday) counts as a working day
    assert workdays_add(D(2026, 12, 31), 1) == D(2027, 1, 1)
    assert workdays_between(D(2027, 1, 29), D(2027, 2, 12)) == 10
    # when an operator enters 2027's arrangement (test data, not the real notice)
    calendar_year_enter(
        actor=world.manager,
        year=2027,
        holidays=[(D(2027, 1, 1), D(2027, 1, 3), "元旦"), (D(2027, 2, 5), D(2027, 2, 11), "春节")],
        workdays=[D(2027, 1, 30), D(2027, 2, 20)],
        reason="录入 2027 年放假安排",
    )
    # then the answers change: the holiday is skipped, the make-up Saturdays count
    assert calendar_covers(2027)
    assert workdays_add(D(2026, 12, 31), 1) == D(2027, 1, 4)
    # 01-29 → 02-12: 01-30 (Sat, worked), 02-01…02-04, 02-12 = 6
    assert workdays_between(D(2027, 1, 29), D(2027, 2, 12)) == 6


def test_an_operator_correction_overrides_the_package(world):
    calendar_day_set(
        actor=world.manager, date=D(2026, 10, 8), is_workday=False, note="演练", reason="测试更正"
    )
    assert not is_workday(D(2026, 10, 8))
    assert workdays_add(D(2026, 9, 30), 1) == D(2026, 10, 9)
    # the package row is still there; the operator row wins
    assert CalendarDay.objects.get(date=D(2026, 10, 8), source=CalendarSource.PACKAGE).is_workday
    calendar_day_reset(actor=world.manager, date=D(2026, 10, 8), reason="撤销测试更正")
    assert workdays_add(D(2026, 9, 30), 1) == D(2026, 10, 8)


def test_a_correction_in_an_unknown_year_does_not_confirm_it(world):
    calendar_day_set(
        actor=world.manager, date=D(2031, 1, 6), is_workday=False, note="元旦调休", reason="测试"
    )
    assert not is_workday(D(2031, 1, 6))
    assert not calendar_covers(2031)  # one day is not the year's arrangement
    assert is_workday(D(2031, 1, 7))


def test_without_package_rows_the_installed_package_still_answers():
    # Given a table whose package rows are gone (a flushed test database, an unseeded restore)
    CalendarDay.objects.filter(source=CalendarSource.PACKAGE).delete()
    calendar_cache_reset()
    # then 2026 is still counted with its holidays, not Monday–Friday
    assert is_workday(D(2026, 2, 14)) and not is_workday(D(2026, 2, 16))
    assert calendar_covers(2026)
