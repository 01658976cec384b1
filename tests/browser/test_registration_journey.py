"""End-to-end in Chromium on a phone: a citizen registers with an SMS code, is verified against the
population registry (L2), logs out, logs back in with the password and sees L2 and the masked ID number.
"""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from govhall.identity.idnumber import id_number_with_check
from govhall.identity.services.registry_simulator import registry_simulator_add
from govhall.notifications.simulator import simulator_last_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "黄丽"
ID_NUMBER = id_number_with_check("35010519950620004")
PHONE = "13805919999"
PASSWORD = "Minjiang-River-2026"


@pytest.fixture(autouse=True)
def clean_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_register_verify_log_out_and_log_in_again(live_server, phone_page):
    page = phone_page
    registry_simulator_add(name=NAME, id_number=ID_NUMBER)
    base = live_server.url

    page.goto(f"{base}/")
    page.get_by_role("navigation", name="账号").get_by_role("link", name="注册").click()
    expect(page.get_by_role("heading", name="个人用户注册")).to_be_visible()

    page.get_by_label("手机号码").fill(PHONE)
    page.get_by_role("button", name="获取验证码").click()
    expect(page.get_by_role("status").filter(has_text="验证码已发送至 138****9999")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"秒后重新获取"))).to_be_disabled()
    code = simulator_last_code(recipient=PHONE)
    assert code is not None
    page.get_by_label("短信验证码").fill(code)
    page.get_by_label("姓名").fill(NAME)
    page.get_by_label("身份证号码").fill(ID_NUMBER)
    page.get_by_label("登录密码").fill(PASSWORD)
    page.get_by_label("确认密码").fill(PASSWORD)
    page.get_by_label(re.compile("我已阅读并同意")).check()
    page.get_by_role("button", name="注册", exact=True).click()

    page.wait_for_url(f"{base}/account/")
    expect(page.get_by_text("注册成功")).to_be_visible()
    expect(page.get_by_test_id("level")).to_have_text("一级（注册用户）")

    page.get_by_role("link", name="去实名认证").click()
    page.get_by_role("button", name="开始核验").click()
    page.wait_for_url(f"{base}/account/")
    expect(page.get_by_text("实名认证成功")).to_be_visible()
    expect(page.get_by_test_id("level")).to_have_text("二级（实名核验）")

    page.get_by_role("navigation", name="账号").get_by_role("button", name="退出").click()
    page.wait_for_url(f"{base}/")
    page.get_by_role("navigation", name="账号").get_by_role("link", name="登录").click()
    page.get_by_label("手机号码或身份证号码").fill(PHONE)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()

    page.wait_for_url(f"{base}/account/")
    expect(page.get_by_test_id("level")).to_have_text("二级（实名核验）")
    expect(page.get_by_text("人口库核验", exact=False).first).to_be_visible()
    masked = f"{ID_NUMBER[:4]}**********{ID_NUMBER[-4:]}"
    expect(page.get_by_test_id("id-number")).to_have_text(masked)
    assert ID_NUMBER not in page.content()
    # Phone-first: nothing overflows the 390 px viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
