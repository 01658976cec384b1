"""Account pages for citizens: register, log in (password / SMS code), my account, real-name upgrade, log out.

Views parse forms and call ``identity.services.persons``; sessions are opened only through
``identity.session.session_open``. Login, registration and "获取验证码" are rate limited per
address (``GOVHALL["LOGIN_RATE"]``, ``["SMS_RATE"]``); password failures also count toward the
django-axes lockout. ``next`` is followed only when it stays on this site.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from govhall.core.personal_data import mask_phone
from govhall.identity.models import AssuranceLevel, AuthMethod, SmsPurpose, level_at_least
from govhall.identity.selectors import credentials_for_user, person_for_user
from govhall.identity.services.persons import (
    RESEND_INTERVAL,
    person_authenticate_password,
    person_authenticate_sms,
    person_register,
    person_verify_with_registry,
    phone_clean,
    sms_code_send,
)
from govhall.identity.session import session_close, session_identity, session_level_raise, session_open

from ..forms_account import PasswordLoginForm, RegisterForm, SmsLoginForm

CERTIFICATE_LOGIN_PATH = "/enterprise/certificate/login/"  # portal:certificate_login (enterprise pages)
PREFILL_PHONE_KEY = "portal.sms_phone"  # the phone a code was just sent to (no-JavaScript fallback)


def login_rate(group: str, request: HttpRequest) -> str:
    return str(settings.GOVHALL["LOGIN_RATE"])


def sms_rate(group: str, request: HttpRequest) -> str:
    return str(settings.GOVHALL["SMS_RATE"])


def safe_next(request: HttpRequest, default: str = "portal:account") -> str:
    """``next`` from the form or query when it points at this site; otherwise ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


def _next_field(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    return (
        target
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        else ""
    )


@ratelimit(key="ip", rate=login_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:account")
    if request.method == "POST":
        form = RegisterForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                person = person_register(
                    name=data["name"],
                    id_number=data["id_number"],
                    phone=data["phone"],
                    sms_code=data["sms_code"],
                    password=data["password"],
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                session_open(request, person.user, level=person.level, method=AuthMethod.SMS)
                messages.success(request, "注册成功。完成实名认证后可办理更多事项。")
                return redirect(safe_next(request))
    else:
        form = RegisterForm(initial={"phone": request.session.pop(PREFILL_PHONE_KEY, "")})
    return render(request, "portal/account/register.html", {"form": form, "next": _next_field(request)})


@ratelimit(key="ip", rate=login_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    tab = request.POST.get("tab") or request.GET.get("tab") or "password"
    tab = tab if tab in ("password", "sms") else "password"
    password_form: Any = PasswordLoginForm(prefix="pw")
    sms_form: Any = SmsLoginForm(prefix="sms", initial={"phone": request.session.pop(PREFILL_PHONE_KEY, "")})
    if request.method == "POST":
        if tab == "sms":
            sms_form = SmsLoginForm(request.POST, prefix="sms")
            if sms_form.is_valid():
                try:
                    person = person_authenticate_sms(
                        phone=sms_form.cleaned_data["phone"], code=sms_form.cleaned_data["sms_code"]
                    )
                except ValidationError as exc:
                    sms_form.add_error("sms_code" if exc.code != "phone_unknown" else "phone", exc.messages)
                    sms_form.mark_errors()
                else:
                    return _logged_in(request, person, AuthMethod.SMS)
        else:
            password_form = PasswordLoginForm(request.POST, prefix="pw")
            if password_form.is_valid():
                try:
                    person = person_authenticate_password(
                        request=request,
                        login_id=password_form.cleaned_data["login_id"],
                        password=password_form.cleaned_data["password"],
                    )
                except ValidationError as exc:
                    password_form.add_error(None, exc.messages)
                else:
                    return _logged_in(request, person, AuthMethod.PASSWORD)
    context = {
        "tab": tab,
        "password_form": password_form,
        "sms_form": sms_form,
        "next": _next_field(request),
        "certificate_login_url": CERTIFICATE_LOGIN_PATH,
    }
    return render(request, "portal/account/login.html", context)


def _logged_in(request: HttpRequest, person: Any, method: str) -> HttpResponse:
    session_open(request, person.user, level=person.level, method=method)
    return redirect(safe_next(request))


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@ratelimit(key="ip", rate=sms_rate, method="POST", block=True)
@require_POST
def sms_code(request: HttpRequest) -> HttpResponse:
    """“获取验证码”: JSON for the page script; without JavaScript, back to the form with a message."""
    purpose = request.POST.get("purpose", "")
    phone = request.POST.get("phone", "") or request.POST.get("sms-phone", "")
    fallback = "portal:register" if purpose == SmsPurpose.REGISTER else "portal:login"
    try:
        sms_code_send(phone=phone, purpose=purpose)
        phone = phone_clean(phone)
    except ValidationError as exc:
        message = exc.messages[0]
        if _wants_json(request):
            return JsonResponse(
                {"ok": False, "code": exc.code or "invalid", "message": message},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        messages.error(request, message)
        return redirect(_back(request, fallback))
    seconds = int(RESEND_INTERVAL.total_seconds())
    message = f"验证码已发送至 {mask_phone(phone)}，5 分钟内有效"
    if _wants_json(request):
        return JsonResponse(
            {"ok": True, "message": message, "resend_after": seconds},
            json_dumps_params={"ensure_ascii": False},
        )
    messages.success(request, message)
    request.session[PREFILL_PHONE_KEY] = phone
    return redirect(_back(request, fallback))


def _back(request: HttpRequest, fallback: str) -> str:
    target = reverse(fallback)
    if fallback == "portal:login":
        target += "?tab=sms"
    return target


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    session_close(request)
    messages.info(request, "您已安全退出登录。")
    return redirect("portal:home")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    person = person_for_user(request.user)
    session = session_identity(request)
    context = {
        "person": person,
        "session_method": dict(AuthMethod.choices).get(session.method, session.method) if session else "",
        "session_level": dict(AssuranceLevel.choices).get(session.level, session.level) if session else "",
        "credentials": credentials_for_user(request.user),  # type: ignore[arg-type]
        "has_password": request.user.has_usable_password(),  # type: ignore[union-attr]
        "needs_upgrade": person is not None and not level_at_least(person.level, AssuranceLevel.L2),
    }
    return render(request, "portal/account/account.html", context)


@ratelimit(key="user_or_ip", rate=login_rate, method="POST", block=True)
@login_required
@require_http_methods(["GET", "POST"])
def account_upgrade(request: HttpRequest) -> HttpResponse:
    person = person_for_user(request.user)
    answer = None
    if person is not None and request.method == "POST":
        answer = person_verify_with_registry(person=person, actor=request.user)
        if answer.matched:
            session_level_raise(request, level=person.level, method=AuthMethod.POPULATION_REGISTRY)
            messages.success(request, "实名认证成功，您的账号已提升为二级（实名核验）。")
            return redirect("portal:account")
    context = {
        "person": person,
        "answer": answer,
        "verified": person is not None and level_at_least(person.level, AssuranceLevel.L2),
    }
    return render(request, "portal/account/upgrade.html", context, status=200)
