"""Logging staff into the workbench in tests: a verified session without the pages, or the real pages.

The workbench accepts only sessions opened by its login (password + TOTP). ``staff_client(user)``
gives a test ``Client`` whose session is what that login leaves behind — logged in through
``session_open(..., staff=True)`` and marked OTP-verified with a real confirmed TOTP device — so
page tests need not type codes. ``log_in_through_pages`` (test client) and
``browser_log_in`` (Playwright) go through the real pages, computing the code with
``django_otp.oath.totp`` from the device's secret.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from govhall.identity.session import LAST_SEEN_KEY, LEVEL_KEY, METHOD_KEY, STAFF_KEY


def totp_device_for(user: User) -> TOTPDevice:
    """The user's confirmed TOTP device (created if missing)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="测试设备", confirmed=True)


def totp_code(device: TOTPDevice, *, drift: int = 0) -> str:
    """The code the device's authenticator shows now (``drift`` steps away)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def staff_client(user: User | None, *, verified: bool = True) -> Client:
    """A client logged in as ``user`` the way the workbench login leaves it (anonymous if None).

    Accounts without a staff profile (citizens) are just logged in. ``verified=False`` leaves the
    second factor out: the session of a staff member who logged in elsewhere with a password only.
    """
    client = Client()
    if user is None:
        return client
    client.force_login(user)
    if verified and hasattr(user, "staff_profile"):
        device = totp_device_for(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[STAFF_KEY] = True
        session[LEVEL_KEY] = "L2"
        session[METHOD_KEY] = "totp"
        session[LAST_SEEN_KEY] = int(time.time())
        session.save()
    return client


def log_in_through_pages(client: Client, username: str, password: str, *, next_url: str = "") -> Any:
    """Password step then code step with the test client; returns the code step's response."""
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    first = client.post(reverse("workbench:login"), data)
    assert first.status_code == 302 and first["Location"] == reverse("workbench:login_code"), first
    device = totp_device_for(User.objects.get(username=username))
    return client.post(reverse("workbench:login_code"), {"code": totp_code(device)})


def browser_log_in(page: Any, base_url: str, username: str, password: str) -> None:
    """The real login in Chromium: password, then the current code of the user's device (created if missing)."""
    device = totp_device_for(User.objects.get(username=username))
    page.goto(f"{base_url}/workbench/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="下一步", exact=True).click()
    page.wait_for_url(f"{base_url}/workbench/login/code/")
    page.get_by_role("textbox", name="动态口令").fill(totp_code(device))
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_url(f"{base_url}/workbench/")
