"""监察看板 in a real browser: a provincial supervisor drills down province → city → county → department
→ case, and downloads the weekly dispatch table (.xlsx) of the city, read back with openpyxl."""

import io
import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook
from playwright.sync_api import Page

from tests.staff_login import browser_log_in
from tests.supervision.indicator_fixture import fake_interaction, indicator_world_build

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Supervise-2026!"


def shot(page: Page, name: str) -> None:
    """With ``GOVHALL_SCREENSHOTS=<dir>``, keep this page as ``<dir>/supervision-<name>.png``."""
    folder = os.environ.get("GOVHALL_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"supervision-{name}.png"), full_page=True)


@pytest.fixture
def iw(settings, monkeypatch):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    iw = indicator_world_build()
    fake_interaction(monkeypatch, iw.xinluo, iw.changting, iw.other_city, iw.dept_x, iw.dept_z)
    user = User.objects.get(pk=iw.province_supervisor.pk)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return iw


def test_supervisor_drills_down_to_a_late_case_and_downloads_the_dispatch_table(
    live_server, page, iw, tmp_path
):
    base = live_server.url
    browser_log_in(page, base, "ind_fj_supervisor", PASSWORD)

    # The dashboard of the province, for the week of 2026-05-18 chosen in the period picker.
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="监察看板").click()
    page.get_by_role("heading", name="监察看板 · 福建省").wait_for()
    page.get_by_label("所在日期").fill("2026-05-20")
    page.get_by_role("button", name="查看").click()
    page.get_by_text("2026年第21周（5月18日—5月24日）", exact=True).first.wait_for()
    shot(page, "province")

    # Province → city → county → department.
    page.get_by_role("table").first.get_by_role("link", name="龙岩市", exact=True).click()
    page.get_by_role("heading", name="监察看板 · 龙岩市").wait_for()
    shot(page, "city")
    page.get_by_role("table").first.get_by_role("link", name="新罗区", exact=True).click()
    page.get_by_role("heading", name="监察看板 · 新罗区").wait_for()
    page.get_by_role("link", name="龙岩市新罗区市场监督管理局", exact=True).click()
    page.get_by_role("heading", name="龙岩市新罗区市场监督管理局").wait_for()
    late = page.get_by_role("table")
    assert (
        late.get_by_role("row").filter(has_text=iw.cases["X2"].number).filter(has_text="超期办结").count()
        == 1
    )
    assert (
        late.get_by_role("row").filter(has_text=iw.cases["X5"].number).filter(has_text="尚未办结").count()
        == 1
    )
    shot(page, "department")

    # → the case.
    page.get_by_role("link", name=iw.cases["X2"].number).click()
    page.wait_for_url(re.compile(rf"/workbench/cases/{re.escape(iw.cases['X2'].number)}/$"))
    assert iw.cases["X2"].number in page.content()

    # Back at the city, the weekly dispatch table.
    page.go_back()
    page.get_by_role("link", name="返回新罗区").click()
    page.get_by_role("navigation", name="下钻层级").get_by_role("link", name="龙岩市").click()
    page.get_by_role("heading", name="监察看板 · 龙岩市").wait_for()
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("下载调度表 2026-W21")).click()
    saved = tmp_path / "dispatch.xlsx"
    info.value.save_as(saved)
    sheet = load_workbook(io.BytesIO(saved.read_bytes())).active
    header, *body = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert list(rows) == ["龙岩市本级", "新罗区", "长汀县", "合计"]
    assert rows["新罗区"]["按时办结率"] == pytest.approx(0.8)
    assert rows["长汀县"]["网上办理率"] == pytest.approx(0.5)


def test_dashboard_fits_a_phone(live_server, browser, iw):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        browser_log_in(page, live_server.url, "ind_fj_supervisor", PASSWORD)
        page.goto(f"{live_server.url}/workbench/indicators/regions/350800/?period=week&date=2026-05-20")
        page.get_by_role("heading", name="监察看板 · 龙岩市").wait_for()
        # Only the wide tables scroll, inside their own box: the page itself does not.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(page, "city-phone")
    finally:
        context.close()
