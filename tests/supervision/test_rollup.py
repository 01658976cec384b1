"""监察指标汇总 (the daily rollup): it gives exactly the live figures, refreshes idempotently, picks up
completions and corrections, and the dashboard says when it was refreshed.

Given the indicator fixture (its May and June refreshed once), when cases change and the rollup is
refreshed, then the sums read by the dashboard equal the live ``GROUP BY`` over the cases.
"""

import datetime as dt
import io
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govhall.cases.models import Case, CaseMaterial
from govhall.cases.selectors_indicators import (
    DAY_STATS_COLUMNS,
    case_indicator_rows,
    case_listed_material_rows,
    case_saved_material_rows,
)
from govhall.core.models import AuditEntry
from govhall.supervision.indicators import indicators_for
from govhall.supervision.rollup.models import CaseDayStats, CaseMonthStats, RollupRefresh
from govhall.supervision.rollup.selectors import period_split, rollup_case_rows, rollup_refreshed_at
from govhall.supervision.rollup.services import rollup_refresh, rollup_refresh_recent

from ..staff_login import staff_client
from .indicator_fixture import (
    ROLLUP_END,
    ROLLUP_START,
    TZ,
    WEEK_END,
    WEEK_START,
    at,
    d,
    indicator_world_build,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def iw(db):
    return indicator_world_build()


def _merged(rows) -> dict:
    """Rows per (region, department) added up, zero columns left out."""
    out: dict = defaultdict(lambda: defaultdict(int))
    for row in rows:
        key = (row["region_id"], row["department_id"])
        for name in DAY_STATS_COLUMNS:
            value = int(row.get(name) or 0)
            if value:
                out[key][name] = (
                    max(out[key][name], value) if name == "visits_max" else out[key][name] + value
                )
    return {key: dict(columns) for key, columns in out.items()}


def _live(region_path: str, start: dt.date, end: dt.date) -> dict:
    args = {"region_path": region_path, "start": start, "end": end}
    return _merged(
        [*case_indicator_rows(**args), *case_listed_material_rows(**args), *case_saved_material_rows(**args)]
    )


def _rollup(region_path: str, start: dt.date, end: dt.date) -> dict:
    return _merged(rollup_case_rows(region_path=region_path, start=start, end=end))


def _table_rows() -> list[tuple]:
    return sorted(CaseDayStats.objects.values_list("day", "region_id", "department_id", *DAY_STATS_COLUMNS))


@pytest.mark.parametrize(
    "start, end",
    [
        (WEEK_START, WEEK_END),  # days only
        (d("05-01"), d("05-31")),  # one whole month
        (d("05-11"), d("06-03")),  # days of May, days of June
        (d("04-20"), d("06-30")),  # days of April, whole May and June
        (d("05-25"), d("05-25")),  # one day
    ],
)
def test_rollup_gives_exactly_the_live_figures_of_every_region_and_department(iw, start, end):
    province = iw.world.province.path

    live = _live(province, start, end)

    assert live  # the fixture has figures in every one of these periods
    assert _rollup(province, start, end) == live
    assert _rollup(iw.xinluo.path, start, end) == _live(iw.xinluo.path, start, end)


def test_refresh_twice_leaves_the_same_rows(iw):
    before = _table_rows()
    months = sorted(CaseMonthStats.objects.values_list("month", "region_id", "department_id", "received"))

    rollup_refresh(start=ROLLUP_START, end=ROLLUP_END)
    rollup_refresh(start=WEEK_START, end=WEEK_END)

    assert _table_rows() == before and len(before) > 0
    assert (
        sorted(CaseMonthStats.objects.values_list("month", "region_id", "department_id", "received"))
        == months
    )


def test_a_case_completed_after_a_refresh_counts_once_the_next_refresh_has_run(iw):
    z2 = iw.cases["Z2"]  # received Sunday 05-24, not yet completed
    Case.objects.filter(pk=z2.pk).update(
        status="completed", completed_at=at("05-24", "18:00"), promised_due=d("05-29"), visits=1
    )

    stale = indicators_for(scope_region=iw.changting, start=WEEK_START, end=WEEK_END).total
    rollup_refresh_recent(d("05-26"))
    fresh = indicators_for(scope_region=iw.changting, start=WEEK_START, end=WEEK_END).total

    assert (stale.completed, stale.completed_on_time, stale.visits_sum) == (1, 1, 0)  # Z1 only
    assert (fresh.completed, fresh.completed_on_time, fresh.visits_sum) == (2, 2, 1)  # Z1 and Z2
    assert _rollup(iw.world.province.path, WEEK_START, WEEK_END) == _live(
        iw.world.province.path, WEEK_START, WEEK_END
    )


def test_a_correction_of_a_case_received_weeks_ago_reaches_the_rollup_by_the_recent_refresh(iw):
    x6 = iw.cases["X6"]  # received 05-17: far outside the 7 days refreshed on 06-20
    rollup_refresh_recent(d("06-20"))  # the first periodic refresh sets the material mark
    CaseMaterial.objects.create(
        case=x6, material_position=2, name="补正材料", source="licence", added_by=x6.submitted_by
    )

    rollup_refresh_recent(d("06-20"))

    x = indicators_for(scope_region=iw.xinluo, start=d("05-17"), end=d("05-17"), group_by="department")
    assert x.total.saved_materials == 2  # 免提交 + the licence reused in the correction
    assert _rollup(iw.xinluo.path, d("05-01"), d("05-31")) == _live(iw.xinluo.path, d("05-01"), d("05-31"))
    state = RollupRefresh.objects.get(pk=1)
    assert (state.start, state.end) == (d("06-13"), d("06-20"))


def test_indicators_for_a_year_read_the_rollup_in_one_query_whatever_the_rows(iw):
    year = (dt.date(2025, 12, 8), dt.date(2026, 12, 7))
    with CaptureQueriesContext(connection) as before:
        indicators_for(scope_region=iw.world.province, start=year[0], end=year[1], group_by="department")
    for number in range(5):
        Case.objects.filter(pk=iw.cases["Z3"].pk).update(received_on=d("05-25") + dt.timedelta(days=number))
        rollup_refresh(start=d("05-25"), end=d("06-05"))
    with CaptureQueriesContext(connection) as after:
        indicators_for(scope_region=iw.world.province, start=year[0], end=year[1], group_by="department")

    rollup_queries = [q for q in after.captured_queries if "supervision_rollup_case" in q["sql"]]

    # catalog, rollup, cards, region paths, departments (+ the interaction contexts' own queries)
    def reads(queries):  # PostgreSQL also sends ``SET LOCAL jit = off``, which reads nothing
        return [q for q in queries.captured_queries if not q["sql"].startswith("SET ")]

    assert len(reads(after)) == len(reads(before)) <= 8
    assert len(rollup_queries) == 1 and "UNION ALL" in rollup_queries[0]["sql"]


def test_a_period_is_read_as_whole_months_and_the_days_around_them():
    assert period_split(d("05-18"), d("05-24")) == ([(d("05-18"), d("05-24"))], None)
    assert period_split(d("05-01"), d("05-31")) == ([], (d("05-01"), d("05-01")))
    assert period_split(dt.date(2025, 12, 8), d("12-07")) == (
        [(dt.date(2025, 12, 8), dt.date(2025, 12, 31)), (d("12-01"), d("12-07"))],
        (d("01-01"), d("11-01")),
    )
    assert period_split(d("05-11"), d("06-03")) == ([(d("05-11"), d("06-03"))], None)


def test_rebuild_command_recomputes_every_day_drops_stale_rows_and_is_audited(iw):
    CaseDayStats.objects.filter(day=d("05-18")).update(received=99)
    stale = CaseDayStats.objects.create(
        day=dt.date(2020, 1, 1), region=iw.xinluo, department=iw.dept_x, received=7
    )
    expected = _live(iw.world.province.path, d("05-01"), d("05-31"))
    out = io.StringIO()

    call_command("indicators_rebuild", stdout=out)

    assert (
        "2026-05-11 至 2026-05-31：日统计 17 行" in out.getvalue() and "监察指标汇总已重建" in out.getvalue()
    )
    assert not CaseDayStats.objects.filter(pk=stale.pk).exists()
    assert _rollup(iw.world.province.path, d("05-01"), d("05-31")) == expected
    entry = AuditEntry.objects.filter(action="supervision.indicators_rebuilt").get()
    assert entry.summary["start"] == "2026-05-11"  # X3, the earliest case


def test_rebuild_since_a_day_leaves_older_rows_alone(iw):
    CaseDayStats.objects.filter(day=d("05-11")).update(received=99)

    call_command("indicators_rebuild", "--since", "2026-05-12", stdout=io.StringIO())

    assert CaseDayStats.objects.filter(day=d("05-11"), received=99).exists()


def test_dashboard_says_when_the_figures_were_refreshed(iw):
    RollupRefresh.objects.filter(pk=1).update(refreshed_at=dt.datetime(2026, 5, 25, 10, 5, tzinfo=TZ))

    html = staff_client(iw.city_supervisor).get(reverse("workbench:dashboard")).content.decode()

    assert "办件类指标数据更新于 2026-05-25 10:05" in html
    assert rollup_refreshed_at() == dt.datetime(2026, 5, 25, 10, 5, tzinfo=TZ)


def test_dashboard_says_when_nothing_was_rolled_up_yet(iw):
    RollupRefresh.objects.all().delete()

    html = staff_client(iw.city_supervisor).get(reverse("workbench:dashboard")).content.decode()

    assert "办件类指标尚未汇总" in html
