"""End-to-end in Chromium: a new staff member binds an authenticator on first login, then works; no CSP errors."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.factories import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_first_login_shows_a_qr_code_and_the_secret_and_the_first_code_logs_in(live_server, page):
    build_world()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    base = live_server.url

    page.goto(f"{base}/workbench/login/")
    page.get_by_label("用户名").fill("xl_manager")
    page.get_by_label("密码").fill("Xinluo-2026!")
    page.get_by_role("button", name="下一步", exact=True).click()
    page.wait_for_url(f"{base}/workbench/login/enrol/")

    qr = page.get_by_role("img", name="动态口令二维码（govhall · xl_manager）")
    expect(qr).to_be_visible()
    assert qr.evaluate("image => image.naturalWidth") > 100  # the data: image rendered under the CSP
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_role("textbox", name="动态口令").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="完成绑定并登录").click()

    page.wait_for_url(f"{base}/workbench/")
    expect(page.get_by_role("heading", level=1)).to_have_text("您好，林晓")
    assert not [e for e in errors if "Content Security Policy" in e], errors
