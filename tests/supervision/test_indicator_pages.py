"""监察看板 pages and exports: drill-down, scope, the dispatch table (.xlsx), the bulletin (PDF), query counts.

Given the indicator fixture (week 2026-05-18 … 05-24) and supervisors of 福建省, 龙岩市 and 福州市,
when they open the dashboard pages and downloads, then they see exactly their region's figures and
nothing outside it.
"""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from ..staff_login import staff_client
from .indicator_fixture import fake_interaction, indicator_world_build

pytestmark = pytest.mark.django_db
WEEK = "period=week&date=2026-05-20"


@pytest.fixture
def iw(db, monkeypatch):
    iw = indicator_world_build()
    fake_interaction(monkeypatch, iw.xinluo, iw.changting, iw.other_city, iw.dept_x, iw.dept_z)
    return iw


def _get(user, url):
    return staff_client(user).get(url)


def test_city_supervisor_sees_the_counties_of_the_city_with_their_figures(iw):
    response = _get(iw.city_supervisor, reverse("workbench:dashboard") + "?" + WEEK)

    html = response.content.decode()
    assert response.status_code == 200
    assert "监察看板 · 龙岩市" in html and "2026年第21周（5月18日—5月24日）" in html
    assert 'href="/workbench/indicators/regions/350802000000/?period=week&amp;date=2026-05-18"' in html
    assert "85.7%" in html  # the city's on-time rate 6 / 7
    assert "<svg" in html and 'style="' not in html  # inline SVG charts, no inline styles (CSP)


def test_province_supervisor_drills_down_to_a_department_and_its_late_cases(iw):
    client = staff_client(iw.province_supervisor)

    province = client.get(reverse("workbench:dashboard") + "?" + WEEK).content.decode()
    city = client.get(reverse("workbench:dashboard_region", args=["350800"]) + "?" + WEEK).content.decode()
    county = client.get(reverse("workbench:dashboard_region", args=["350802"]) + "?" + WEEK).content.decode()
    department = client.get(
        reverse("workbench:dashboard_department", args=[iw.dept_x.pk]) + "?" + WEEK
    ).content.decode()

    assert "regions/350800000000/" in province  # 龙岩市 row links down
    assert "regions/350802000000/" in city
    assert reverse("workbench:dashboard_department", args=[iw.dept_x.pk]) in county
    late_x2 = reverse("workbench:case_detail", args=[iw.cases["X2"].number])
    assert late_x2 in department and iw.cases["X5"].number in department
    assert iw.cases["X3"].number not in department  # late too, but completed next week
    assert "超期办结" in department and "尚未办结" in department
    assert "红牌：测试" in department  # the card issued on X2 explains it
    assert client.get(late_x2).status_code == 200  # …and the case page opens for the supervisor


def test_supervisor_cannot_open_another_city_or_its_departments(iw):
    other = iw.other_city_supervisor

    assert _get(other, reverse("workbench:dashboard_region", args=["350800"])).status_code == 404
    assert _get(other, reverse("workbench:dashboard_department", args=[iw.dept_x.pk])).status_code == 404
    assert _get(other, reverse("workbench:dispatch_xlsx", args=["350800"])).status_code == 404
    assert _get(iw.city_supervisor, reverse("workbench:dashboard_region", args=["350000"])).status_code == 404
    assert _get(iw.city_supervisor, reverse("workbench:bulletin_pdf", args=["350100"])).status_code == 404


def test_malformed_period_falls_back_to_the_last_full_week_with_a_message(iw):
    html = _get(
        iw.city_supervisor, reverse("workbench:dashboard") + "?period=custom&start=2026-05-30&end=2026-05-01"
    )

    assert html.status_code == 200
    assert "自定义时段需要有效的开始和结束日期" in html.content.decode()


def test_dispatch_table_has_a_row_per_county_and_the_city_level_with_the_week_values(iw):
    response = _get(
        iw.city_supervisor, reverse("workbench:dispatch_xlsx", args=["350800"]) + "?week=2026-W21"
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    header, *body = rows
    by_region = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert list(by_region) == ["龙岩市本级", "新罗区", "长汀县", "合计"]
    assert "2026年第21周" in sheet["A1"].value
    xinluo = by_region["新罗区"]
    assert (xinluo["收件数"], xinluo["办结数"]) == (5, 5)
    assert xinluo["按时办结率"] == pytest.approx(0.8)  # 4 / 5
    assert xinluo["材料减免率"] == pytest.approx(round(3 / 14, 4))
    assert xinluo["红牌数"] == 1 and xinluo["黄牌数"] == 1
    assert by_region["长汀县"]["投诉办结率"] == "—"  # no complaint
    assert by_region["合计"]["按时办结率"] == pytest.approx(round(6 / 7, 4))
    assert sheet.cell(row=5, column=header.index("按时办结率") + 1).number_format == "0.0%"


def test_bulletin_ranks_the_counties_and_lists_the_cards(iw):
    response = _get(iw.city_supervisor, reverse("workbench:bulletin_pdf", args=["350800"]) + "?" + WEEK)

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "龙岩市政务服务效能监察通报" in text
    ranking = text[text.index("按时办结率排名") : text.index("好评率（满意度）排名")]
    assert ranking.index("长汀县") < ranking.index("新罗区")  # 100% before 80%
    flat = text.replace("\n", "")
    assert "红牌" in text and "黄牌" in text and iw.cases["X2"].number in flat
    assert iw.cases["Z2"].number not in flat  # its red card is next week's


def test_dashboard_query_count_does_not_grow_with_rows(iw):
    client = staff_client(iw.province_supervisor)
    url = reverse("workbench:dashboard_region", args=["350800"]) + "?" + WEEK
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    extra = indicator_world_build.__globals__["_case"]
    for _ in range(5):
        extra(
            iw.cases["X1"].applicant,
            iw.world.implementation,
            iw.dept_z,
            channel="online",
            received=iw.cases["X1"].received_on,
            status="submitted",
        )
    with CaptureQueriesContext(connection) as after:
        client.get(url)

    assert len(after) == len(before) <= 25


def test_department_page_query_count_is_bounded(iw):
    client = staff_client(iw.city_supervisor)
    url = reverse("workbench:dashboard_department", args=[iw.dept_x.pk]) + "?" + WEEK
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert len(queries) <= 20
