"""End-to-end in Chromium: a catalog manager revises a guide, another manager reviews it, the portal follows.

The old version stays live until the reviewer approves; the author cannot approve their own
version; a bad value in the draft editor is shown next to its field and changes nothing public.
"""

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from govhall.catalog.elements import snapshot_diff, version_snapshot
from govhall.catalog.models import ImplementationVersion
from tests.factories import build_world
from tests.staff_login import browser_log_in

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Xinluo-2026!"  # the password build_world() gives xl_manager and xl_reviewer


@pytest.fixture
def new_page(browser) -> Iterator[Callable[[], Page]]:
    """Opens a page in a browser context of its own (its own cookies: another person at another desk)."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def log_in(page: Page, base_url: str, username: str) -> None:
    browser_log_in(page, base_url, username, PASSWORD)


def expect_guide(page: Page, *, promised_limit: str, version: int) -> None:
    """The public guide shows ``promised_limit`` as 承诺办结时限 and says it is version ``version``."""
    limits = page.get_by_role("region", name="办理时限")
    expect(limits.locator("div", has_text="承诺办结时限").get_by_role("definition")).to_have_text(
        promised_limit
    )
    expect(page.get_by_text(f"承诺时限：{promised_limit}", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^第 \d+ 版 · "))).to_have_text(re.compile(rf"^第 {version} 版 · "))


def nav_link(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name="工作台导航").get_by_role("link", name=name, exact=True)


def test_revised_time_limit_goes_live_only_after_another_manager_approves(live_server, page, new_page):
    world = build_world()
    base = live_server.url
    code = world.implementation.code
    citizen = new_page()
    citizen.goto(f"{base}/items/{code}/")
    expect_guide(citizen, promised_limit="10 个工作日", version=1)

    # The manager finds the item in the list and opens a revision.
    log_in(page, base, "xl_manager")
    nav_link(page, "事项清单").click()
    page.get_by_label("名称或编码").fill("食品经营许可")
    page.get_by_role("button", name="筛选", exact=True).click()
    page.get_by_role("row").filter(has_text=code).get_by_role("link", name="食品经营许可").click()
    page.wait_for_url(f"{base}/workbench/catalog/{code}/")
    page.get_by_role("button", name="修订", exact=True).click()
    page.wait_for_url(f"{base}/workbench/catalog/{code}/draft/")
    expect(page.get_by_role("heading", level=1)).to_have_text("编辑草稿：食品经营许可 第 2 版 · 草稿")

    promised = page.get_by_label("承诺办结时限")
    expect(promised).to_have_value("10")
    promised.fill("5")
    page.get_by_role("button", name="保存草稿", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("第 2 版草稿已保存。")
    expect(page.get_by_label("承诺办结时限")).to_have_value("5")

    page.get_by_label("变更原因").fill("压缩承诺时限")
    page.get_by_role("button", name="保存并提交审核", exact=True).click()
    page.wait_for_url(f"{base}/workbench/catalog/{code}/")
    expect(page.get_by_role("status")).to_have_text("第 2 版已提交审核，审核通过后对外发布。")

    # Pending is not public: the citizen still reads version 1.
    citizen.reload()
    expect_guide(citizen, promised_limit="10 个工作日", version=1)

    # The author is offered no way to approve, and a forged approval is refused.
    page.get_by_role("link", name="查看待审核版本", exact=True).click()
    page.wait_for_url(f"{base}/workbench/catalog/reviews/{code}/")
    expect(page.get_by_text("不能审核自己的版本")).to_be_visible()
    expect(page.get_by_role("button", name="审核通过")).to_have_count(0)
    expect(page.get_by_role("button", name="退回")).to_have_count(0)
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    forged = page.request.post(
        f"{base}/workbench/catalog/reviews/{code}/",
        form={"csrfmiddlewaretoken": token, "decision": "approve", "comment": ""},
    )
    assert forged.status == 403
    assert "不能审核自己编制或提交的版本" in forged.text()
    citizen.reload()
    expect_guide(citizen, promised_limit="10 个工作日", version=1)
    nav_link(page, "审核队列").click()
    expect(page.get_by_role("region", name="待我审核")).to_contain_text("目前没有待您审核的版本。")
    mine = page.get_by_role("region", name="我提交的待审核版本")
    expect(mine.get_by_role("listitem")).to_have_text([re.compile(r"^食品经营许可 第 2 版 · .* 提交$")])
    expect(page.get_by_role("main").get_by_role("link", name="审核", exact=True)).to_have_count(0)

    # Another manager reviews the change and approves it.
    reviewer = new_page()
    log_in(reviewer, base, "xl_reviewer")
    nav_link(reviewer, "审核队列").click()
    row = reviewer.get_by_role("region", name="待我审核").get_by_role("row").filter(has_text=code)
    expect(row).to_contain_text("第 2 版")
    expect(row).to_contain_text("林晓")
    expect(row).to_contain_text("压缩承诺时限")
    row.get_by_role("link", name="审核", exact=True).click()
    reviewer.wait_for_url(f"{base}/workbench/catalog/reviews/{code}/")
    expect(reviewer.get_by_role("region", name="变更原因")).to_contain_text("压缩承诺时限")
    diff = reviewer.get_by_role("table", name="基本要素")
    expect(diff.get_by_role("columnheader")).to_have_text(
        ["要素", "在用版本（第 1 版）", "待审核版本（第 2 版）"]
    )
    promised_row = diff.get_by_role("row").filter(has=reviewer.get_by_role("rowheader", name="承诺办结时限"))
    expect(promised_row.get_by_role("cell")).to_have_text(["10", "5"])
    expect(promised_row.get_by_role("deletion")).to_have_text("10")
    expect(promised_row.get_by_role("insertion")).to_have_text("5")
    reviewer.get_by_label("审核意见（可选）").fill("同意")
    reviewer.get_by_role("button", name="审核通过", exact=True).click()
    reviewer.wait_for_url(f"{base}/workbench/catalog/reviews/")
    expect(reviewer.get_by_role("status")).to_have_text("第 2 版已审核通过并发布。")

    citizen.reload()
    expect_guide(citizen, promised_limit="5 个工作日", version=2)


def test_bad_value_in_draft_editor_is_shown_beside_its_field_and_changes_nothing(live_server, page, new_page):
    world = build_world()
    base = live_server.url
    code = world.implementation.code
    log_in(page, base, "xl_manager")
    page.goto(f"{base}/workbench/catalog/{code}/")
    page.get_by_role("button", name="修订", exact=True).click()
    page.wait_for_url(f"{base}/workbench/catalog/{code}/draft/")

    page.get_by_label("承诺办结时限").fill("abc")
    page.get_by_role("group", name="材料 2", exact=True).get_by_label("材料名称").fill("")
    page.get_by_role("textbox", name="办理地点").fill("龙岩市新罗区行政服务中心三楼")
    page.get_by_role("button", name="保存草稿", exact=True).click()

    expect(page.get_by_role("alert").first).to_contain_text("未能保存，请修改标红的项目后重试。")
    promised = page.get_by_label("承诺办结时限")
    expect(promised).to_have_value("abc")
    expect(promised).to_have_attribute("aria-invalid", "true")
    expect(promised).to_have_accessible_description(re.compile(r"^(⚠ )?承诺办结时限应为整数，收到“abc”$"))
    expect(page.locator(".field", has=promised).locator(".field__error")).to_have_text(
        "承诺办结时限应为整数，收到“abc”"
    )
    material = page.get_by_role("group", name="材料 2", exact=True).get_by_label("材料名称")
    expect(material).to_have_value("")
    expect(material).to_have_accessible_description(re.compile(r"^(⚠ )?材料名称不能为空$"))
    expect(page.get_by_role("textbox", name="办理地点")).to_have_value("龙岩市新罗区行政服务中心三楼")
    expect(page.get_by_role("group", name="材料 3", exact=True).get_by_label("材料名称")).to_have_value(
        "委托书"
    )

    citizen = new_page()
    citizen.goto(f"{base}/items/{code}/")
    expect_guide(citizen, promised_limit="10 个工作日", version=1)
    expect(citizen.get_by_role("region", name="办理地点与时间")).to_contain_text(
        "龙岩市新罗区行政服务中心二楼市场监管窗口"
    )
    draft = ImplementationVersion.objects.get(implementation=world.implementation, number=2)
    assert (draft.state, draft.promised_limit, draft.service_location) == (
        "draft",
        10,
        "龙岩市新罗区行政服务中心二楼市场监管窗口",
    )
    assert [m.name for m in draft.materials.order_by("position")] == [
        "食品经营许可申请书",
        "营业执照复印件",
        "委托书",
    ]


def test_saving_an_untouched_draft_changes_no_element(live_server, page):
    """Browsers send a textarea's line breaks as CRLF; a multi-line element must not change by being saved."""
    world = build_world()
    base = live_server.url
    code = world.implementation.code
    log_in(page, base, "xl_manager")
    page.goto(f"{base}/workbench/catalog/{code}/")
    page.get_by_role("button", name="修订", exact=True).click()
    page.wait_for_url(f"{base}/workbench/catalog/{code}/draft/")

    page.get_by_role("button", name="保存草稿", exact=True).click()

    expect(page.get_by_role("status")).to_have_text("第 2 版草稿已保存。")
    live, draft = ImplementationVersion.objects.filter(implementation=world.implementation).order_by("number")
    assert [
        change["label"] for change in snapshot_diff(version_snapshot(live), version_snapshot(draft))
    ] == []
