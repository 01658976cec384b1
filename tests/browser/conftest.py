"""Browser tests drive Debian's Chromium through Playwright (never a downloaded browser).

Chromium is found through ``GOVHALL_CHROMIUM`` or ``chromium`` on the PATH; without it the
browser tests are skipped with a loud reason (the only skip the suite allows).
"""

import os
import shutil
from collections.abc import Iterator

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def chromium_path() -> str | None:
    return os.environ.get("GOVHALL_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    path = chromium_path()
    if not path:
        pytest.skip(
            "浏览器测试未运行：找不到 Chromium。请安装 Debian 的 chromium 与 fonts-noto-cjk 软件包，"
            "或用 GOVHALL_CHROMIUM 指定可执行文件。BROWSER TESTS SKIPPED: Chromium not found."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page with Chinese locale; downloads allowed."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", accept_downloads=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True, device_scale_factor=2
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
