"""End-to-end in Chromium: find an item, read its guide, download the one-time notice; pages render Chinese."""

import io

import pypdf
import pytest
from PIL import Image, ImageChops

from tests.factories import build_world

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_search_guide_and_notice_download(live_server, page, tmp_path):
    world = build_world()

    page.goto(f"{live_server.url}/")
    assert page.evaluate("document.activeElement.id") == "home-q"  # the search box has focus
    page.keyboard.type("食品经营许可")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    assert "共找到" in page.locator(".result-count").inner_text()
    page.get_by_role("link", name="食品经营许可").first.click()

    page.wait_for_url(f"**/items/{world.implementation.code}/")
    assert page.locator("h1").inner_text() == "食品经营许可"
    assert page.get_by_role("button", name="打印办事指南").is_visible()  # portal.js ran
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载一次性告知单（PDF）").click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)

    assert download.suggested_filename == "一次性告知单-食品经营许可.pdf"
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages).replace("\n", "")
    assert "事项名称：食品经营许可" in text
    assert "营业执照复印件" in text


def test_guide_renders_chinese_glyphs_not_boxes(live_server, page, tmp_path):
    world = build_world()
    page.goto(f"{live_server.url}/items/{world.implementation.code}/")
    page.screenshot(path=tmp_path / "guide-desktop.png", full_page=True)
    page.evaluate("""() => {
        for (const [id, text] of [["probe-a", "食品经营"], ["probe-b", "营业执照"]]) {
            const span = document.createElement("span");
            span.id = id; span.textContent = text; span.className = "probe";
            document.querySelector("h1").after(span);
        }
        for (const span of document.querySelectorAll(".probe")) {
            span.style.cssText = "display:inline-block;font-size:40px;line-height:1;padding:4px;background:#fff;color:#000";
        }
    }""")

    first = Image.open(io.BytesIO(page.locator("#probe-a").screenshot())).convert("L")
    second = Image.open(io.BytesIO(page.locator("#probe-b").screenshot())).convert("L")
    heading_width = page.evaluate("""() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector("h1"));
        return range.getBoundingClientRect().width;
    }""")

    assert (tmp_path / "guide-desktop.png").stat().st_size > 10_000
    assert first.size == second.size
    # Missing glyphs render as identical boxes: two different words would then give the same pixels.
    difference = ImageChops.difference(first, second)
    changed = sum(difference.histogram()[65:])
    assert changed > 0.05 * first.size[0] * first.size[1]
    assert heading_width > 6 * 20  # six characters of a 28px heading: real glyphs, not collapsed text


def test_pages_fit_a_phone_screen_without_sideways_scrolling(live_server, phone_page, tmp_path):
    world = build_world()
    for name, path in [
        ("home", "/"),
        ("search", "/search?q=食品"),
        ("guide", f"/items/{world.implementation.code}/"),
    ]:
        phone_page.goto(f"{live_server.url}{path}")
        phone_page.screenshot(path=tmp_path / f"{name}-phone.png", full_page=True)

        overflow = phone_page.evaluate("document.documentElement.scrollWidth")

        assert overflow <= PHONE["width"], name


def test_keyboard_users_get_a_visible_skip_link(live_server, page):
    build_world()
    page.goto(f"{live_server.url}/departments/")

    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_header_switcher_changes_the_site(live_server, page):
    build_world()
    page.goto(f"{live_server.url}/")

    page.get_by_label("选择要切换的站点").select_option("350821000000")
    page.get_by_role("button", name="切换站点").click()

    page.wait_for_url(f"{live_server.url}/")
    assert "龙岩市长汀县" in page.locator(".site-switch__current").inner_text()
