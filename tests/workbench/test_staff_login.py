"""Staff login with TOTP: enrolment, the code step, refusals, lockout, rate limit, idle timeout, logout."""

import re
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from govhall.core.models import AuditEntry
from govhall.identity.session import LAST_SEEN_KEY

from ..staff_login import staff_client, totp_code, totp_device_for
from .conftest import client_for

pytestmark = pytest.mark.django_db

PASSWORD = "Xinluo-2026!"  # build_world()'s password for xl_manager


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    """Rate-limit counters live in the cache; django-otp's throttle would delay a retried code by seconds."""
    cache.clear()
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    yield
    cache.clear()


def _password_step(client, username="xl_manager", password=PASSWORD):
    return client.post(reverse("workbench:login"), {"username": username, "password": password})


def _home_status(client):
    return client.get(reverse("workbench:home")).status_code


def test_first_login_enrols_an_authenticator_with_a_qr_code_and_logs_in_after_its_first_code(world):
    client = client_for(None)
    assert _password_step(client)["Location"] == reverse("workbench:login_code")
    assert client.get(reverse("workbench:login_code"))["Location"] == reverse("workbench:login_enrol")

    page = client.get(reverse("workbench:login_enrol"))
    html = page.content.decode()
    assert page.status_code == 200 and "绑定动态口令" in html
    assert re.search(r'<img src="data:image/svg\+xml[^"]+"', html)
    assert "<script>" not in html  # CSP: no inline script, the QR code is an image
    pending = TOTPDevice.objects.get(user=world.manager)
    assert not pending.confirmed
    assert _home_status(client) == 302  # not logged in yet

    response = client.post(reverse("workbench:login_enrol"), {"code": totp_code(pending)})

    assert response.status_code == 302 and response["Location"] == reverse("workbench:home")
    assert TOTPDevice.objects.get(user=world.manager).confirmed
    assert _home_status(client) == 200
    login = AuditEntry.objects.filter(action="identity.login", actor=world.manager).get()
    assert (login.summary, login.actor_method) == ({"level": "L2", "method": "totp"}, "totp")
    assert AuditEntry.objects.filter(action="identity.totp_enrol_confirm", actor=world.manager).exists()


def test_enrolment_page_shows_the_same_secret_on_reload(world):
    client = client_for(None)
    _password_step(client)
    first = client.get(reverse("workbench:login_enrol")).content.decode()
    second = client.get(reverse("workbench:login_enrol")).content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', first).group(1)
    assert secret in second and TOTPDevice.objects.filter(user=world.manager).count() == 1


def test_wrong_code_is_refused_in_chinese_and_the_right_one_logs_in(world):
    device = totp_device_for(world.manager)
    client = client_for(None)
    _password_step(client)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"

    refused = client.post(reverse("workbench:login_code"), {"code": wrong})
    assert refused.status_code == 200 and "动态口令不正确或已过期" in refused.content.decode()
    assert _home_status(client) == 302
    malformed = client.post(reverse("workbench:login_code"), {"code": "12ab"})
    assert "请输入 6 位数字动态口令" in malformed.content.decode()

    accepted = client.post(reverse("workbench:login_code"), {"code": totp_code(device)})
    assert accepted["Location"] == reverse("workbench:home") and _home_status(client) == 200


def test_a_code_is_accepted_only_once(world):
    device = totp_device_for(world.manager)
    code = totp_code(device)
    first = client_for(None)
    _password_step(first)
    assert first.post(reverse("workbench:login_code"), {"code": code}).status_code == 302
    second = client_for(None)
    _password_step(second)
    replay = second.post(reverse("workbench:login_code"), {"code": code})
    assert replay.status_code == 200 and _home_status(second) == 302


def test_password_alone_gives_no_access_to_any_workbench_page(world):
    totp_device_for(world.manager)
    client = client_for(None)
    _password_step(client)
    for name in ("workbench:home", "workbench:implementation_list", "workbench:realname_search"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("workbench:login"))


def test_next_page_is_kept_through_both_steps(world):
    device = totp_device_for(world.manager)
    client = client_for(None)
    target = reverse("workbench:review_queue")
    client.post(reverse("workbench:login"), {"username": "xl_manager", "password": PASSWORD, "next": target})
    assert client.post(reverse("workbench:login_code"), {"code": totp_code(device)})["Location"] == target
    evil = client_for(None)
    evil.post(
        reverse("workbench:login"),
        {"username": "xl_manager", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert evil.session["workbench.login_pending"]["next"] == reverse("workbench:home")


def test_account_without_staff_profile_cannot_log_in_to_the_workbench(world, staff):
    client = client_for(None)
    response = _password_step(client, "citizen", "Citizen-2026!")
    assert response.status_code == 200 and "该账号不是工作人员账号" in response.content.decode()
    assert "workbench.login_pending" not in client.session
    assert client.get(reverse("workbench:login_code"))["Location"] == reverse("workbench:login")


def test_five_wrong_passwords_lock_the_account_with_a_chinese_429_page(world):
    client = client_for(None)
    responses = [_password_step(client, password=f"wrong-{n}") for n in range(5)]
    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert responses[4].status_code == 429 and "账号已临时锁定" in responses[4].content.decode()
    assert _password_step(client).status_code == 429  # even the right password, while locked


def test_wrong_codes_count_as_failed_logins_too(world):
    device = totp_device_for(world.manager)
    client = client_for(None)
    _password_step(client)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    statuses = [client.post(reverse("workbench:login_code"), {"code": wrong}).status_code for _ in range(5)]
    assert statuses[:4] == [200] * 4 and statuses[4] == 429
    assert _password_step(client_for(None)).status_code == 429


def test_login_posts_are_rate_limited(world, settings):
    settings.GOVHALL = settings.GOVHALL | {"LOGIN_RATE": "3/m"}
    client = client_for(None)
    statuses = [_password_step(client, "nobody", "x").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "操作过于频繁" in _password_step(client, "nobody", "x").content.decode()


def test_idle_staff_session_ends_and_is_audited(world, settings):
    settings.GOVHALL = settings.GOVHALL | {"STAFF_IDLE_SECONDS": 60}
    client = staff_client(world.manager)
    assert _home_status(client) == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 61
    session.save()

    response = client.get(reverse("workbench:home"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("workbench:login"))
    assert AuditEntry.objects.filter(action="identity.session_expired", actor=world.manager).count() == 1
    assert _home_status(client) == 302


def test_active_staff_session_within_the_idle_limit_continues(world, settings):
    settings.GOVHALL = settings.GOVHALL | {"STAFF_IDLE_SECONDS": 60}
    client = staff_client(world.manager)
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 50
    session.save()
    assert _home_status(client) == 200


def test_logout_closes_the_session_and_audits_it(world):
    client = staff_client(world.manager)
    response = client.post(reverse("workbench:logout"))
    assert response["Location"] == reverse("workbench:login")
    assert AuditEntry.objects.filter(action="identity.logout", actor=world.manager).count() == 1
    assert _home_status(client) == 302
