"""监察指标: every indicator of the fixture in ``indicator_fixture`` (week 2026-05-18 … 05-24), worked out by hand.

Given the fixture's implementations, cases, materials, cards and interaction rows, when the
indicators of 龙岩市 are computed per county (and per department of 新罗区), then each value is
exactly what the arithmetic in the comments gives.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from govhall.cases.selectors_indicators import cases_late_of_department
from govhall.supervision.indicators import (
    INDICATORS,
    indicator_trend,
    indicators_for,
    indicators_of_department,
)

from .indicator_fixture import WEEK_END, WEEK_START, fake_interaction, indicator_world_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def iw(db, monkeypatch):
    iw = indicator_world_build()
    fake_interaction(monkeypatch, iw.xinluo, iw.changting, iw.other_city, iw.dept_x, iw.dept_z)
    return iw


def _values(counts) -> dict:
    return {indicator.key: counts.value(indicator.key) for indicator in INDICATORS}


def _city_table(iw):
    return indicators_for(scope_region=iw.world.city, start=WEEK_START, end=WEEK_END)


def test_every_indicator_of_xinluo_matches_the_hand_computation(iw):
    table = _city_table(iw)
    xinluo = next(row for row in table.rows if row.region == iw.xinluo)

    assert _values(xinluo.counts) == pytest.approx(
        {
            "onboarding_rate": 2 / 3,  # A, B published of A, B, C (C draft)
            "online_available_rate": 1 / 2,  # A ★4 of A ★4, B ★2
            "deep_online_share": 1 / 2,  # A
            "once_items_share": 1 / 2,  # A 跑1; B 跑2
            "online_handling_rate": 2 / 5,  # received X1 X2 X4 X5 Y1; online X1 X5
            "full_online_rate": 2 / 5,  # completed X1 X2 X4 X6 Y1; 0 visits X1 X6
            "one_window_rate": 2 / 3,  # window X2 Y1; back-entered X4
            "on_time_rate": 4 / 5,  # X2 done 05-24 after 05-22; X4 by statutory 05-21 on time
            "average_visits": 4 / 5,  # 0 + 2 + 1 + 0 + 1
            "max_visits": 2,  # X2
            "once_cases_share": 4 / 5,  # all but X2
            "materials_reduction_rate": 3 / 14,  # X1 免提交, X4 证照 + 免提交 / 3 + 2 + 3 + 3 + 3 listed
            "consultation_reply_rate": 3 / 4,
            "complaint_closure_rate": 1 / 2,
            "satisfaction_rate": 4 / 5,
            "yellow_cards": 1,
            "red_cards": 1,
        }
    )
    assert (xinluo.counts.received, xinluo.counts.completed) == (5, 5)


def test_every_indicator_of_changting_matches_the_hand_computation(iw):
    table = _city_table(iw)
    changting = next(row for row in table.rows if row.region == iw.changting)

    assert _values(changting.counts) == pytest.approx(
        {
            "onboarding_rate": 1.0,  # D published; E withdrawn is not counted at all
            "online_available_rate": 1.0,  # D ★3
            "deep_online_share": 0.0,
            "once_items_share": 1.0,  # D 跑0
            "online_handling_rate": 1 / 2,  # Z1 online, Z2 window; Z3 received 05-25 (next week)
            "full_online_rate": 1.0,  # Z1
            "one_window_rate": 1.0,  # Z2 window, nothing back-entered
            "on_time_rate": 1.0,  # Z1 05-23 ≤ 05-26
            "average_visits": 0.0,
            "max_visits": 0,
            "once_cases_share": 1.0,
            "materials_reduction_rate": 2 / 6,  # Z1 免提交 + 证照 / (3 + 3) listed for Z1, Z2
            "consultation_reply_rate": 1.0,
            "complaint_closure_rate": None,  # no complaint
            "satisfaction_rate": 1.0,
            "yellow_cards": 1,  # the department-less card of 05-18
            "red_cards": 0,  # the red card of 05-25 is next week's
        }
    )


def test_city_totals_add_counties_and_the_city_level(iw):
    table = _city_table(iw)

    own = table.rows[0]
    assert own.own_level and own.label == "龙岩市本级"
    assert (own.counts.received, own.counts.completed, own.counts.completed_on_time) == (1, 1, 1)  # W1
    assert own.value("one_window_rate") is None  # W1 was online: no in-person intake
    assert [row.label for row in table.rows] == ["龙岩市本级", "新罗区", "长汀县"]
    assert _values(table.total) == pytest.approx(
        {
            "onboarding_rate": 3 / 4,  # A B D of A B C D
            "online_available_rate": 2 / 3,  # A D of A B D
            "deep_online_share": 1 / 3,
            "once_items_share": 2 / 3,
            "online_handling_rate": 4 / 8,  # 新罗区 2/5 + 长汀县 1/2 + 本级 1/1
            "full_online_rate": 4 / 7,  # 2 + 1 + 1 of 5 + 1 + 1
            "one_window_rate": 3 / 4,  # window X2 Y1 Z2; back-entered X4
            "on_time_rate": 6 / 7,  # 4 + 1 + 1 of 7
            "average_visits": 4 / 7,
            "max_visits": 2,
            "once_cases_share": 6 / 7,
            "materials_reduction_rate": 5 / 23,  # (3 + 2 + 0) / (14 + 6 + 3)
            "consultation_reply_rate": 4 / 5,  # 福州市's row is out of scope
            "complaint_closure_rate": 1 / 2,
            "satisfaction_rate": 7 / 8,
            "yellow_cards": 2,
            "red_cards": 1,
        }
    )


def test_departments_of_xinluo_are_reported_separately(iw):
    table = indicators_for(scope_region=iw.xinluo, start=WEEK_START, end=WEEK_END, group_by="department")
    rows = {row.department: row for row in table.rows}

    x, y = rows[iw.dept_x], rows[iw.dept_y]
    assert set(rows) == {iw.dept_x, iw.dept_y}
    assert _values(x.counts) == pytest.approx(
        {
            "onboarding_rate": 1.0,  # A, B
            "online_available_rate": 1 / 2,
            "deep_online_share": 1 / 2,
            "once_items_share": 1 / 2,
            "online_handling_rate": 2 / 4,  # X1 X2 X4 X5
            "full_online_rate": 2 / 4,  # X1 X2 X4 X6
            "one_window_rate": 1 / 2,  # X2 window, X4 back-entered
            "on_time_rate": 3 / 4,
            "average_visits": 3 / 4,  # 0 + 2 + 1 + 0
            "max_visits": 2,
            "once_cases_share": 3 / 4,
            "materials_reduction_rate": 3 / 11,  # 3 + 2 + 3 + 3 listed
            "consultation_reply_rate": 3 / 4,
            "complaint_closure_rate": 1 / 2,
            "satisfaction_rate": 4 / 5,
            "yellow_cards": 1,
            "red_cards": 1,
        }
    )
    assert y.value("onboarding_rate") == 0.0  # C is a draft
    assert y.value("online_available_rate") is None  # nothing published
    assert (y.value("on_time_rate"), y.value("average_visits"), y.value("one_window_rate")) == (1.0, 1.0, 1.0)
    assert indicators_of_department(department=iw.dept_x, start=WEEK_START, end=WEEK_END) == x.counts


def test_a_case_completed_late_on_sunday_counts_this_week_and_one_completed_monday_next_week(iw):
    this_week = _city_table(iw).total
    next_week = indicators_for(
        scope_region=iw.world.city, start=WEEK_END + dt.timedelta(days=1), end=WEEK_END + dt.timedelta(days=7)
    ).total

    # X2 (Sunday 23:30, late) and X6 (Monday 00:05) are this week's; X3 (Monday 00:10) is next week's.
    assert this_week.completed == 7 and this_week.completed_on_time == 6
    assert (next_week.completed, next_week.completed_on_time) == (1, 0)  # X3, due 05-20
    assert next_week.received == 1  # Z3 received Monday 05-25
    assert (next_week.red_cards, next_week.yellow_cards) == (1, 0)


@pytest.mark.parametrize(
    "start, end",
    [(WEEK_START, WEEK_END), (dt.date(2025, 12, 8), dt.date(2026, 12, 7))],  # a week; a year (months + days)
)
def test_indicators_take_a_handful_of_queries_whatever_the_rows(iw, start, end):
    with CaptureQueriesContext(connection) as queries:
        indicators_for(scope_region=iw.world.province, start=start, end=end)

    # catalog, the case rollup (days and months in one UNION ALL), cards, the rows' region paths,
    # the child regions (PostgreSQL also sends ``SET LOCAL jit = off``, which reads nothing)
    reads = [q for q in queries.captured_queries if not q["sql"].startswith("SET ")]
    assert len(reads) == 5


def test_trend_counts_each_week_and_fills_empty_weeks(iw):
    points = indicator_trend(
        scope_region=iw.world.city, start=dt.date(2026, 5, 4), end=dt.date(2026, 5, 31), unit="week"
    )

    assert [p.start for p in points] == [dt.date(2026, 5, d) for d in (4, 11, 18, 25)]
    # X3 X6 (Sunday 05-17) | X1 X2 X4 X5 Y1 Z1 Z2 W1 | Z3
    assert [p.counts.received for p in points] == [0, 2, 8, 1]
    assert [p.counts.completed for p in points] == [0, 0, 7, 1]
    assert points[2].counts.value("on_time_rate") == pytest.approx(6 / 7)
    assert points[0].counts.value("on_time_rate") is None


def test_late_cases_of_a_department_are_the_late_completed_and_the_overdue_open(iw):
    late = cases_late_of_department(
        department_id=iw.dept_x.pk,
        region_path=iw.xinluo.path,
        start=WEEK_START,
        end=WEEK_END,
        today=dt.date(2026, 6, 1),
    )

    # X2 completed after its deadline; X5 still open past 05-22. X3 is late but completed next week.
    assert [case.number for case in late] == [iw.cases["X2"].number, iw.cases["X5"].number]


def test_indicators_read_the_real_interaction_selectors_without_error(db):
    iw = indicator_world_build()  # no consultation, complaint or rating exists

    total = indicators_for(scope_region=iw.world.province, start=WEEK_START, end=WEEK_END).total

    assert (total.consultations, total.complaints, total.ratings) == (0, 0, 0)
    assert total.value("satisfaction_rate") is None
    assert total.completed == 7
