"""Working-day arithmetic: statutory holidays, make-up working days, paused intervals, unknown years."""

import datetime as dt

import pytest

from govhall.core.models import CalendarDay
from govhall.core.workdays import calendar_covers, is_workday, workdays_add, workdays_between

D = dt.date


def test_spring_festival_2026_with_make_up_saturday():
    # 2026 Spring Festival: 02-15 … 02-23 off; Saturday 02-14 and Saturday 02-28 are working days.
    assert is_workday(D(2026, 2, 14)) and is_workday(D(2026, 2, 28))
    assert not is_workday(D(2026, 2, 17))
    # Received Thursday 02-12: 02-13 (Fri), 02-14 (Sat, make-up), 02-24, 02-25, 02-26.
    assert workdays_add(D(2026, 2, 12), 5) == D(2026, 2, 26)


def test_national_day_2026():
    assert workdays_add(D(2026, 9, 30), 5) == D(2026, 10, 13)
    assert workdays_between(D(2026, 9, 30), D(2026, 10, 13)) == 5
    assert workdays_between(D(2026, 10, 13), D(2026, 9, 30)) == 0


def test_paused_interval_does_not_count():
    monday = D(2026, 11, 2)
    assert workdays_add(monday, 10) == D(2026, 11, 16)
    assert workdays_add(monday, 10, pauses=[(D(2026, 11, 4), D(2026, 11, 10))]) == D(2026, 11, 23)
    # an open pause (still running) stops the count from its start
    assert workdays_between(monday, D(2026, 11, 30), pauses=[(D(2026, 11, 4), None)]) == 1


@pytest.mark.django_db
def test_a_year_the_package_does_not_know_falls_back_to_weekdays_and_operator_corrections():
    assert not calendar_covers(2031)
    assert is_workday(D(2031, 1, 6))  # a Monday
    CalendarDay.objects.create(date=D(2031, 1, 6), is_workday=False, note="元旦调休（运维更正）")
    assert not is_workday(D(2031, 1, 6))
    assert calendar_covers(2031)
    CalendarDay.objects.filter(date=D(2031, 1, 6)).delete()
    assert is_workday(D(2031, 1, 6))
