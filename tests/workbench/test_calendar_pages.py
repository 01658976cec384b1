"""工作日历 in the workbench: operators see a year's grid and the alert, correct a day, enter a year."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from govhall.core.models import AuditEntry, CalendarDay, CalendarSource, CalendarYear
from govhall.core.workdays import calendar_cache_reset, is_workday
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert

from ..staff_login import staff_client

pytestmark = pytest.mark.django_db
D = dt.date
YEAR = reverse("workbench:calendar")
DAY = reverse("workbench:calendar_day")


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    calendar_cache_reset()
    yield
    calendar_cache_reset()


@pytest.fixture
def operator(world):
    return staff_upsert(
        username="fj_operator", display_name="省运维", region=world.province, roles=[StaffRole.OPERATOR]
    ).user


@pytest.fixture
def client(operator):
    return staff_client(operator)


@pytest.fixture
def today(monkeypatch):
    """Pin the date the pages see (the alert depends on it)."""

    def pin(day: dt.date) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return pin


def cell(html: str, day: dt.date) -> str:
    start = html.index(f'data-date="{day.isoformat()}"')
    return html[html.rindex("<td", 0, start) : html.index("</td>", start)]


def test_the_year_grid_marks_holidays_and_make_up_days(client, today):
    today(D(2026, 6, 1))
    response = client.get(YEAR + "?year=2026")
    html = response.content.decode()
    assert response.status_code == 200
    assert "工作日历 · 2026 年" in html and "chinese-calendar" in html
    assert 'data-kind="holiday"' in cell(html, D(2026, 2, 16)) and "春节" in cell(html, D(2026, 2, 16))
    assert 'data-kind="makeup"' in cell(html, D(2026, 2, 14))
    assert 'data-kind="makeup"' in cell(html, D(2026, 10, 10))
    assert 'data-kind="rest"' in cell(html, D(2026, 3, 7))
    assert 'data-kind="work"' in cell(html, D(2026, 3, 9))
    assert 'data-testid="calendar-alert"' not in html


def test_the_alert_shows_from_november_until_the_year_is_entered(client, today):
    today(D(2026, 11, 2))
    html = client.get(YEAR).content.decode()
    assert "2027 年节假日安排尚未录入工作日历" in html
    response = client.post(
        reverse("workbench:calendar_year_enter", args=[2027]),
        {
            "arrangement": "2027-01-01~2027-01-03 元旦\n2027-02-05~02-11 春节\n2027-01-30 调休上班",
            "notice": "国办发明电〔2026〕X号（测试）",
            "reason": "录入 2027 年放假安排",
        },
    )
    assert response.status_code == 302 and response["Location"] == YEAR + "?year=2027"
    html = client.get(response["Location"]).content.decode()
    assert "尚未录入工作日历" not in html
    assert "运维人员录入的全年安排" in html
    assert 'data-kind="holiday"' in cell(html, D(2027, 2, 8))
    assert 'data-kind="makeup"' in cell(html, D(2027, 1, 30))
    assert CalendarYear.objects.get(year=2027).notice == "国办发明电〔2026〕X号（测试）"


def test_the_year_entry_form_starts_from_the_current_arrangement(client):
    html = client.get(reverse("workbench:calendar_year_enter", args=[2026])).content.decode()
    assert "2026-02-15~2026-02-23 春节" in html
    assert "2026-10-10 调休上班" in html


def test_a_bad_arrangement_is_shown_line_by_line_and_nothing_is_saved(client):
    response = client.post(
        reverse("workbench:calendar_year_enter", args=[2027]),
        {"arrangement": "2027-01-01~2027-01-03 元旦\n2027-01-04 调休上班\n明年再说", "reason": "录入"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "放假安排有 2 处问题" in html
    assert "第 2 行：2027-01-04 是星期一" in html and "第 3 行：无法识别“明年再说”" in html
    assert not CalendarYear.objects.exists()
    assert not CalendarDay.objects.filter(source=CalendarSource.OPERATOR).exists()


def test_an_operator_corrects_a_day_and_the_grid_marks_it(client):
    response = client.post(
        DAY, {"date": "2026-10-08", "status": "rest", "note": "台风停工", "reason": "省政府通知"}
    )
    assert response.status_code == 302 and response["Location"] == YEAR + "?year=2026"
    assert not is_workday(D(2026, 10, 8))
    html = client.get(response["Location"]).content.decode()
    assert 'data-corrected="1"' in cell(html, D(2026, 10, 8))
    assert "台风停工" in html
    entry = AuditEntry.objects.get(action="core.calendar_day_set")
    assert entry.reason == "省政府通知" and entry.actor.username == "fj_operator"


def test_undoing_a_correction_restores_the_package_day(client):
    client.post(DAY, {"date": "2026-10-08", "status": "rest", "reason": "更正"})
    client.post(DAY, {"date": "2026-10-08", "status": "reset", "reason": "撤销"})
    assert is_workday(D(2026, 10, 8))
    assert AuditEntry.objects.filter(action="core.calendar_day_reset").count() == 1


def test_a_correction_without_reason_is_refused_on_the_page(client):
    response = client.post(DAY, {"date": "2026-10-08", "status": "rest", "reason": ""})
    assert response.status_code == 200
    assert "field--error" in response.content.decode()
    assert not CalendarDay.objects.filter(source=CalendarSource.OPERATOR).exists()


def test_a_county_operator_may_look_but_not_change(world):
    county_operator = staff_upsert(
        username="xl_operator", display_name="区运维", region=world.county, roles=[StaffRole.OPERATOR]
    ).user
    client = staff_client(county_operator)
    html = client.get(YEAR).content.decode()
    assert "工作日历由省级运维人员维护" in html
    response = client.post(DAY, {"date": "2026-10-08", "status": "rest", "reason": "想改"})
    assert response.status_code == 403
    assert client.get(reverse("workbench:calendar_year_enter", args=[2027])).status_code == 403
    assert not CalendarDay.objects.filter(source=CalendarSource.OPERATOR).exists()


def test_an_impossible_year_parameter_shows_this_year(client, today):
    today(D(2026, 6, 1))
    assert "工作日历 · 2026 年" in client.get(YEAR + "?year=abc").content.decode()
    assert "工作日历 · 2026 年" in client.get(YEAR + "?year=99999").content.decode()


@pytest.mark.parametrize("year", [2026, 2031])
def test_the_year_page_needs_a_fixed_number_of_queries(client, django_assert_num_queries, year):
    # Given a warm calendar snapshot, the page reads the staff gate (4) plus the year's rows and its record.
    client.get(YEAR + f"?year={year}")
    with django_assert_num_queries(6):
        assert client.get(YEAR + f"?year={year}").status_code == 200
