"""Staff login with a mandatory second factor (TOTP), and logout.

Step 1 checks username and password through ``authenticate(request, ...)`` — django-axes counts
failures and locks the username and the address (429) — and accepts only accounts with a staff
profile. Nobody is logged in yet: the session only remembers the pending user for five minutes.
Step 2 asks for the 6-digit code of the user's confirmed TOTP device; a staff member without one
enrols first (QR code as a ``data:`` image — no script — plus the secret for manual entry) and
the first correct code confirms the device. Only then ``session_open`` logs the user in (L2,
method ``totp``, a staff session that ends when idle) and ``django_otp.login`` marks the session
verified. Wrong codes count as failed logins for django-axes too. A staff member whose password
an operator set (``must_change_password``) is sent from there to the password change page; every
other workbench page redirects there too until the password is changed (``views.base``).
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_ratelimit.decorators import ratelimit

from govhall.core.ratelimit import rate_limited
from govhall.identity.models import AssuranceLevel, AuthMethod
from govhall.identity.selectors import staff_profile_for
from govhall.identity.services.staff_totp import (
    staff_totp_check,
    staff_totp_confirm,
    staff_totp_device,
    staff_totp_enrol_start,
    totp_secret_base32,
)
from govhall.identity.session import session_close, session_open

from ..forms.login import StaffPasswordForm, TotpCodeForm
from .base import staff_session_verified

PENDING_KEY = "workbench.login_pending"
PENDING_SECONDS = 300
MAX_CODE_FAILURES = 5


def login_rate(group: str, request: HttpRequest) -> str:
    return str(settings.GOVHALL["LOGIN_RATE"])


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("workbench:home")


def _context(**values: Any) -> dict[str, Any]:
    return {"site_name": settings.GOVHALL["SITE_NAME"], **values}


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=login_rate, method="POST", block=False)
def login_view(request: HttpRequest) -> HttpResponse:
    """Step 1: username and password of a staff account."""
    if getattr(request, "limited", False):
        return rate_limited(request)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "GET" and request.user.is_authenticated and staff_session_verified(request):
        return redirect(_safe_next(request, next_url))
    form = StaffPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if user is None:
            form.add_error(None, "用户名或密码错误")
        elif staff_profile_for(user) is None:
            form.add_error(None, "该账号不是工作人员账号，不能登录工作台")
        else:
            request.session[PENDING_KEY] = {
                "user_id": user.pk,
                "at": int(time.time()),
                "next": _safe_next(request, next_url),
                "failures": 0,
            }
            return redirect("workbench:login_code")
    return render(request, "workbench/login.html", _context(form=form, next=next_url))


def _pending_user(request: HttpRequest) -> Any | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or int(time.time()) - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    user = get_user_model().objects.filter(pk=pending["user_id"], is_active=True).first()
    if user is None or staff_profile_for(user) is None:
        return None
    return user


def _restart(request: HttpRequest, message: str) -> HttpResponse:
    request.session.pop(PENDING_KEY, None)
    messages.error(request, message)
    return redirect("workbench:login")


def _code_failed(request: HttpRequest, user: Any, form: TotpCodeForm, message: str) -> HttpResponse | None:
    """Count a wrong code (session and django-axes); after too many, start again from the password."""
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
    if getattr(request, "axes_locked_out", False):
        request.session.pop(PENDING_KEY, None)
        return None  # AxesMiddleware answers with the lockout page
    pending = request.session[PENDING_KEY]
    pending["failures"] = pending.get("failures", 0) + 1
    request.session[PENDING_KEY] = pending
    if pending["failures"] >= MAX_CODE_FAILURES:
        return _restart(request, "动态口令错误次数过多，请重新输入用户名和密码")
    form.add_error("code", message)
    return None


def _finish(request: HttpRequest, user: Any, device: Any) -> HttpResponse:
    next_url = _safe_next(request, request.session.pop(PENDING_KEY, {}).get("next"))
    session_open(request, user, level=AssuranceLevel.L2, method=AuthMethod.TOTP, staff=True)
    otp_login(request, device)
    profile = staff_profile_for(user)
    if profile is not None and profile.must_change_password:
        messages.info(request, "您的密码由运维人员设置，请先修改密码再使用工作台。")
        return redirect(f"{reverse('workbench:password_change')}?{urlencode({'next': next_url})}")
    return redirect(next_url)


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=login_rate, method="POST", block=False)
def login_code(request: HttpRequest) -> HttpResponse:
    """Step 2: the code shown by the staff member's authenticator app."""
    if getattr(request, "limited", False):
        return rate_limited(request)
    user = _pending_user(request)
    if user is None:
        return _restart(request, "登录已超时，请重新输入用户名和密码")
    device = staff_totp_device(user=user)
    if device is None:
        return redirect("workbench:login_enrol")
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, message = staff_totp_check(device=device, code=form.cleaned_data["code"])
        if ok:
            return _finish(request, user, device)
        response = _code_failed(request, user, form, message)
        if response is not None:
            return response
    return render(request, "workbench/login_code.html", _context(form=form, username=user.get_username()))


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=login_rate, method="POST", block=False)
def login_enrol(request: HttpRequest) -> HttpResponse:
    """First login: bind an authenticator app (QR code or secret), confirmed by its first code."""
    if getattr(request, "limited", False):
        return rate_limited(request)
    user = _pending_user(request)
    if user is None:
        return _restart(request, "登录已超时，请重新输入用户名和密码")
    if staff_totp_device(user=user) is not None:
        return redirect("workbench:login_code")
    device = staff_totp_enrol_start(user=user)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, message = staff_totp_check(device=device, code=form.cleaned_data["code"])
        if ok:
            return _finish(request, user, staff_totp_confirm(device=device))
        response = _code_failed(request, user, form, message)
        if response is not None:
            return response
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "workbench/login_enrol.html",
        _context(
            form=form,
            username=user.get_username(),
            qr_data_uri=qr.svg_data_uri(scale=5, dark="#1f2d3d"),
            secret=totp_secret_base32(device),
            issuer=settings.OTP_TOTP_ISSUER,
        ),
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    session_close(request)
    messages.info(request, "您已退出工作台")
    return redirect("workbench:login")
