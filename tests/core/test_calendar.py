"""The working-day calendar table: alert, operators' services, year-entry text, seeding, invalidation."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction

from govhall.core import workdays
from govhall.core.calendar_text import arrangement_parse
from govhall.core.models import AuditEntry, CalendarDay, CalendarSource, CalendarYear
from govhall.core.services_calendar import (
    calendar_day_reset,
    calendar_day_set,
    calendar_seed_package,
    calendar_year_enter,
)
from govhall.core.workdays import calendar_alert, calendar_cache_reset, calendar_covers, is_workday

D = dt.date
pytestmark = pytest.mark.django_db
HOLIDAYS_2027 = [(D(2027, 1, 1), D(2027, 1, 3), "元旦"), (D(2027, 2, 5), D(2027, 2, 11), "春节")]


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    calendar_cache_reset()
    yield
    calendar_cache_reset()


def enter_2027(actor, **changes):
    arguments = {"holidays": HOLIDAYS_2027, "workdays": [D(2027, 1, 30)], "reason": "录入 2027 年放假安排"}
    return calendar_year_enter(actor=actor, year=2027, **(arguments | changes))


# The alert


def test_no_alert_before_the_first_of_november():
    assert calendar_alert(D(2026, 10, 31)) is None


def test_from_the_first_of_november_a_missing_next_year_raises_the_alert():
    alert = calendar_alert(D(2026, 11, 1))
    assert alert is not None and alert.startswith("2027 年节假日安排尚未录入工作日历：")
    assert calendar_alert(D(2026, 12, 31)) == alert


def test_the_alert_is_gone_once_the_year_is_entered(world):
    enter_2027(world.manager)
    assert calendar_alert(D(2026, 11, 1)) is None
    assert CalendarYear.objects.get(year=2027).confirmed


def test_a_current_year_without_holidays_alerts_all_year():
    assert calendar_alert(D(2027, 3, 1)).startswith("2027 年节假日安排尚未录入")


# Services


def test_a_correction_is_audited_with_its_reason(world):
    calendar_day_set(
        actor=world.manager, date=D(2026, 10, 8), is_workday=False, note="演练", reason="通知调整"
    )
    entry = AuditEntry.objects.get(action="core.calendar_day_set")
    assert (entry.object_id, entry.reason) == ("2026-10-08", "通知调整")
    assert entry.summary["before"] == "工作日" and entry.summary["after"] == "休息日"
    row = CalendarDay.objects.get(date=D(2026, 10, 8), source=CalendarSource.OPERATOR)
    assert (row.is_workday, row.note) == (False, "演练")


def test_a_correction_without_reason_writes_nothing(world):
    with pytest.raises(ValidationError):
        calendar_day_set(actor=world.manager, date=D(2026, 10, 8), is_workday=False, reason=" ")
    assert not CalendarDay.objects.filter(source=CalendarSource.OPERATOR).exists()
    assert not AuditEntry.objects.filter(action__startswith="core.calendar").exists()
    assert is_workday(D(2026, 10, 8))


def test_resetting_a_day_without_a_correction_is_refused(world):
    with pytest.raises(ValidationError):
        calendar_day_reset(actor=world.manager, date=D(2026, 10, 8), reason="撤销")


def test_entering_a_year_replaces_its_earlier_operator_rows(world):
    calendar_day_set(actor=world.manager, date=D(2027, 3, 1), is_workday=False, reason="旧的更正")
    enter_2027(world.manager)
    operator_rows = CalendarDay.objects.filter(source=CalendarSource.OPERATOR, date__year=2027)
    assert sorted(operator_rows.values_list("date", flat=True)) == [
        *(D(2027, 1, d) for d in (1, 2, 3)),
        D(2027, 1, 30),
        *(D(2027, 2, d) for d in range(5, 12)),
    ]
    assert is_workday(D(2027, 3, 1))  # back to Monday–Friday
    assert operator_rows.get(date=D(2027, 2, 8)).holiday_name == "春节"
    entry = AuditEntry.objects.get(action="core.calendar_year_enter")
    assert entry.summary["workdays"] == ["2027-01-30"] and entry.summary["replaced"] == 1


def test_an_entered_arrangement_overrides_the_package_for_days_it_leaves_out(world):
    # 2026 entered without the National Day make-up Saturday 10-10: it is a rest day again
    calendar_year_enter(
        actor=world.manager,
        year=2026,
        holidays=[(D(2026, 10, 1), D(2026, 10, 7), "国庆节")],
        workdays=[D(2026, 9, 20)],
        reason="测试：只录入国庆",
    )
    assert not is_workday(D(2026, 10, 10))
    assert is_workday(D(2026, 2, 16))  # the Spring Festival was not entered: Monday–Friday
    assert is_workday(D(2026, 9, 20)) and not is_workday(D(2026, 10, 5))


@pytest.mark.parametrize(
    "holidays, make_up, expected",
    [
        (
            [(D(2027, 1, 1), D(2027, 1, 3), "元旦"), (D(2027, 1, 3), D(2027, 1, 5), "假")],
            [],
            "已在“元旦”的放假日期中",
        ),
        ([(D(2027, 1, 1), D(2027, 1, 3), "元旦")], [D(2027, 1, 2)], "已在“元旦”的放假日期中"),
        ([(D(2027, 1, 1), D(2027, 1, 3), "元旦")], [D(2027, 1, 4)], "本来就是工作日"),
        (
            [(D(2027, 5, 1), D(2027, 5, 5), "劳动节"), (D(2028, 1, 1), D(2028, 1, 1), "元旦")],
            [],
            "日期不在 2027 年",
        ),
        ([(D(2027, 5, 5), D(2027, 5, 1), "劳动节")], [], "结束日期早于开始日期"),
        ([], [D(2027, 1, 30)], "至少应有一段放假日期"),
    ],
)
def test_an_invalid_arrangement_writes_nothing(world, holidays, make_up, expected):
    with pytest.raises(ValidationError) as raised:
        calendar_year_enter(
            actor=world.manager, year=2027, holidays=holidays, workdays=make_up, reason="录入"
        )
    assert any(expected in message for message in raised.value.messages)
    assert not CalendarYear.objects.exists()
    assert not CalendarDay.objects.filter(source=CalendarSource.OPERATOR).exists()
    assert not AuditEntry.objects.filter(action__startswith="core.calendar").exists()


def test_the_new_years_holiday_may_start_in_the_previous_december(world):
    enter_2027(world.manager, holidays=[(D(2026, 12, 31), D(2027, 1, 2), "元旦")], workdays=[])
    assert not is_workday(D(2026, 12, 31))


# The operator's text


def test_the_year_text_is_read_into_holidays_and_make_up_days():
    text = "# 2027\n2027-01-01~2027-01-03 元旦\n\n2027年2月5日～2月11日 春节\n2027/1/30 调休上班\n"
    holidays, make_up = arrangement_parse(text, year=2027)
    assert holidays == HOLIDAYS_2027
    assert make_up == [D(2027, 1, 30)]


def test_every_bad_line_is_named_in_chinese():
    text = "\n".join(
        [
            "2027-01-01~2027-01-03 元旦",
            "2027-02-30 春节",  # 2
            "2027-01-04 调休上班",  # 3: a Monday
            "2027-01-02 调休上班",  # 4: inside 元旦
            "2027-10-01~2027-10-07",  # 5: no name
            "国庆节放七天",  # 6
            "2028-05-01 劳动节",  # 7
        ]
    )
    with pytest.raises(ValidationError) as raised:
        arrangement_parse(text, year=2027)
    assert raised.value.messages == [
        "第 2 行：日期 2027-02-30 不存在",
        "第 3 行：2027-01-04 是星期一，本来就是工作日，调休上班日应为周六或周日",
        "第 4 行：2027-01-02 已在“元旦”的放假日期中",
        "第 5 行：缺少节日名称或“调休上班”，应为“2027-01-01~2027-01-03 元旦”或“2027-01-04 调休上班”",
        "第 6 行：无法识别“国庆节放七天”，应为“2027-01-01~2027-01-03 元旦”或“2027-01-04 调休上班”",
        "第 7 行：日期不在 2027 年（只有元旦假期可从上一年 12 月开始）",
    ]


# Seeding


def test_seeding_again_changes_nothing_and_audits_nothing():
    result = calendar_seed_package()
    assert (result.created, result.updated) == (0, 0)
    assert not AuditEntry.objects.filter(action="core.calendar_seed").exists()


def test_seeding_restores_package_rows_and_leaves_operator_rows_alone(world, capsys):
    calendar_day_set(actor=world.manager, date=D(2026, 10, 8), is_workday=False, reason="运维更正")
    CalendarDay.objects.filter(source=CalendarSource.PACKAGE, date__year=2026).delete()
    CalendarDay.objects.filter(source=CalendarSource.PACKAGE, date=D(2025, 1, 28)).update(is_workday=True)
    call_command("calendar_seed")
    assert "新增 365 天，更新 1 天" in capsys.readouterr().out
    assert not CalendarDay.objects.get(source=CalendarSource.PACKAGE, date=D(2025, 1, 28)).is_workday
    assert CalendarDay.objects.filter(source=CalendarSource.PACKAGE, date__year=2026).count() == 365
    assert not is_workday(D(2026, 10, 8))  # the operator's row still wins
    assert AuditEntry.objects.filter(action="core.calendar_seed").count() == 1


# Invalidation across processes


def test_another_processs_change_is_seen_once_the_shared_version_moves(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(workdays.time, "monotonic", lambda: clock[0])
    assert is_workday(D(2031, 1, 6))  # a Monday, year unknown: this process caches its snapshot
    # Another process writes a correction and publishes a new version (what its calendar_changed does);
    # nothing in this process is told.
    CalendarDay.objects.create(date=D(2031, 1, 6), source=CalendarSource.OPERATOR, is_workday=False)
    cache.set(workdays.VERSION_KEY, "set-by-another-process", timeout=None)
    assert is_workday(D(2031, 1, 6))  # within CHECK_SECONDS the snapshot is still used
    clock[0] += workdays.CHECK_SECONDS + 0.1
    assert not is_workday(D(2031, 1, 6))  # the version moved: reloaded


def test_without_a_new_version_a_direct_table_write_is_not_seen(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(workdays.time, "monotonic", lambda: clock[0])
    assert is_workday(D(2031, 1, 6))
    CalendarDay.objects.create(date=D(2031, 1, 6), source=CalendarSource.OPERATOR, is_workday=False)
    clock[0] += workdays.CHECK_SECONDS + 0.1
    assert is_workday(D(2031, 1, 6))  # the version, not the clock, invalidates


def test_a_rolled_back_correction_leaves_nothing_in_the_cache(world):
    with transaction.atomic():
        calendar_day_set(actor=world.manager, date=D(2026, 10, 8), is_workday=False, reason="将回滚")
        assert not is_workday(D(2026, 10, 8))  # the writing transaction sees its own change
        transaction.set_rollback(True)
    assert is_workday(D(2026, 10, 8))
    assert calendar_covers(2026)
