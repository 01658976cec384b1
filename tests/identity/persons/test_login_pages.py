"""Registering and logging in through the real pages: password (phone or ID number), SMS code, lockout, rate limits."""

import re

import pytest
from django.test import Client

from govhall.core.models import AuditEntry
from govhall.identity.models import Person
from govhall.identity.session import LEVEL_KEY, METHOD_KEY
from govhall.notifications.simulator import simulator_last_code

from .conftest import ID_NUMBER, PASSWORD, PHONE

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def request_code(client: Client, phone: str, purpose: str):
    return client.post("/account/sms-code/", {"phone": phone, "purpose": purpose}, **JSON)


def password_login(client: Client, login_id: str, password: str = PASSWORD, next_url: str = ""):
    data = {"tab": "password", "pw-login_id": login_id, "pw-password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/account/login/", data)


def test_register_through_the_page_logs_the_person_in_at_l1(client):
    response = request_code(client, PHONE, "register")
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "message": "验证码已发送至 139****5678，5 分钟内有效",
        "resend_after": 60,
    }
    response = client.post(
        "/account/register/",
        {
            "phone": PHONE,
            "sms_code": simulator_last_code(recipient=PHONE),
            "name": "林小明",
            "id_number": ID_NUMBER,
            "password": PASSWORD,
            "password_confirm": PASSWORD,
            "agree": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert client.session[LEVEL_KEY] == "L1" and client.session[METHOD_KEY] == "sms"
    page = client.get("/account/").content.decode()
    assert "林小明" in page and Person.objects.get().id_number_masked in page and ID_NUMBER not in page


def test_register_page_shows_each_error_in_chinese_next_to_its_field(client):
    response = client.post(
        "/account/register/",
        {"phone": "12345", "sms_code": "", "name": "林小明", "id_number": "3501021990", "password": "abc"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_phone-error">请填写正确的 11 位手机号码（1 开头）' in page
    assert 'id="id_id_number-error">身份证号码应为 18 位，您填写了 10 位' in page
    assert 'id="id_sms_code-error">请填写短信验证码' in page
    assert 'id="id_agree-error">请阅读并同意用户服务协议和个人信息保护说明' in page
    assert 'aria-invalid="true"' in page
    assert not Person.objects.exists()


def test_sms_code_without_javascript_returns_to_the_form_with_the_phone_filled_in(client):
    response = client.post("/account/sms-code/", {"phone": PHONE, "purpose": "register"})
    assert response.status_code == 302 and response["Location"] == "/account/register/"
    page = client.get("/account/register/").content.decode()
    assert "验证码已发送至 139****5678" in page and f'value="{PHONE}"' in page


def test_sms_code_refusal_is_json_with_a_chinese_message(client, person):
    response = request_code(client, PHONE, "register")
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "code": "phone_taken",
        "message": "该手机号码已注册账号，请直接登录或更换手机号码",
    }


@pytest.mark.parametrize("login_id", [PHONE, ID_NUMBER, ID_NUMBER.lower(), f"+86 {PHONE[:3]} {PHONE[3:]}"])
def test_password_login_by_phone_or_id_number(client, person, login_id):
    response = password_login(client, login_id)
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert client.session[LEVEL_KEY] == "L1" and client.session[METHOD_KEY] == "password"
    assert AuditEntry.objects.filter(action="identity.login", actor_id=person.user_id).count() == 1


def test_wrong_password_is_refused_in_chinese_and_opens_no_session(client, person):
    response = password_login(client, PHONE, "Wrong-password-1")
    assert response.status_code == 200
    assert "账号或密码错误" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_login_id_is_refused_like_a_wrong_password(client, person):
    response = password_login(client, "13000000000")
    assert response.status_code == 200 and "账号或密码错误" in response.content.decode()


def test_five_failures_lock_the_account_even_for_the_right_password(client, person):
    statuses = [password_login(client, PHONE, f"Wrong-password-{n}").status_code for n in range(5)]
    assert statuses[:4] == [200, 200, 200, 200]
    response = password_login(client, PHONE)  # the right password, too late
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录失败次数过多，账号已临时锁定" in page
    assert "_auth_user_id" not in client.session


def test_failures_by_id_number_and_phone_count_toward_the_same_account(client, person):
    for n in range(3):
        password_login(client, PHONE, f"Wrong-password-{n}")
    for n in range(2):
        password_login(client, ID_NUMBER, f"Wrong-password-{n}")
    other_address = Client(REMOTE_ADDR="10.1.2.3")
    assert password_login(other_address, ID_NUMBER).status_code == 429


def test_sms_login(client, person):
    assert request_code(client, PHONE, "login").json()["ok"] is True
    response = client.post(
        "/account/login/",
        {"tab": "sms", "sms-phone": PHONE, "sms-sms_code": simulator_last_code(recipient=PHONE)},
    )
    assert response.status_code == 302
    assert client.session[METHOD_KEY] == "sms" and int(client.session["_auth_user_id"]) == person.user_id


def test_sms_login_with_a_wrong_code_says_so_beside_the_code(client, person):
    request_code(client, PHONE, "login")
    code = simulator_last_code(recipient=PHONE)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    response = client.post("/account/login/", {"tab": "sms", "sms-phone": PHONE, "sms-sms_code": wrong})
    assert response.status_code == 200
    assert 'id="id_sms-sms_code-error">验证码不正确，还可尝试 4 次' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sms_endpoint_is_rate_limited_per_address(client, settings):
    settings.GOVHALL = {**settings.GOVHALL, "SMS_RATE": "3/m"}
    phones = [f"1370000{n:04d}" for n in range(4)]
    statuses = [request_code(client, phone, "register").status_code for phone in phones]
    assert statuses == [200, 200, 200, 429]
    assert client.post(
        "/account/sms-code/", {"phone": "13800000000", "purpose": "register"}, **JSON
    ).json() == {
        "code": "rate_limited",
        "message": "操作过于频繁，请稍后再试",
        "detail": {},
    }
    html = client.post("/account/sms-code/", {"phone": "13800000001", "purpose": "register"})
    assert html.status_code == 429 and "操作过于频繁" in html.content.decode()


def test_login_endpoint_is_rate_limited_per_address(client, settings, person):
    settings.GOVHALL = {**settings.GOVHALL, "LOGIN_RATE": "2/m"}
    password_login(client, "13000000001", "x")
    password_login(client, "13000000002", "x")
    assert password_login(client, PHONE).status_code == 429
    assert client.get("/account/login/").status_code == 200  # reading the page is never limited


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/search?q=spjy", "/search?q=spjy"),
        ("https://evil.example/", "/account/"),
        ("//evil.example/x", "/account/"),
    ],
)
def test_next_is_followed_only_on_this_site(client, person, next_url, expected):
    response = password_login(client, PHONE, next_url=next_url)
    assert response["Location"] == expected


def test_logout_needs_post_and_is_audited(client, person):
    password_login(client, PHONE)
    assert client.get("/account/logout/").status_code == 405
    response = client.post("/account/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="identity.logout", actor_id=person.user_id).exists()


def test_account_pages_carry_no_inline_script(client, person):
    pages = [client.get("/account/register/"), client.get("/account/login/?tab=sms")]
    password_login(client, PHONE)
    pages += [client.get("/account/"), client.get("/account/upgrade/")]
    for response in pages:
        assert response.status_code == 200
        assert not re.search(r"<script(?![^>]*\bsrc=)", response.content.decode())
        assert "script-src 'self'" in response["Content-Security-Policy"]
