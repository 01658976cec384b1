"""A staff member's own password change (修改密码) — forced after an operator set the password, or voluntary.

Open to every verified staff session (password and TOTP), and the only workbench page open to one
whose password must be changed (``staff_view(password_change_page=True)``). The rules live in
``identity.services.staff_password.staff_password_change``; this view keeps the session alive
afterwards with ``update_session_auth_hash`` (the user's other sessions end) and returns to the
page the staff member first asked for.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from govhall.core.ratelimit import rate_limited
from govhall.identity.services.staff_password import staff_password_change

from ..forms.login import StaffPasswordChangeForm
from .base import staff_view


def _password_rate(group: str, request: HttpRequest) -> str:
    return str(settings.GOVHALL["LOGIN_RATE"])


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("workbench:home")


@staff_view(password_change_page=True)
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate=_password_rate, method="POST", block=False)
def password_change(request: HttpRequest) -> HttpResponse:
    if getattr(request, "limited", False):
        return rate_limited(request)
    profile = request.staff_profile  # type: ignore[attr-defined]
    form = StaffPasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            staff_password_change(user=request.user, current=data["current"], new=data["new"])
        except ValidationError as exc:
            for message in exc.messages:
                field = "current" if getattr(exc, "code", None) == "wrong_current_password" else "new"
                form.add_error(field, message)
        else:
            update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
            messages.success(request, "密码已修改。您在其他设备上的登录已失效。")
            return redirect(_next_url(request))
    return render(
        request,
        "workbench/password_change.html",
        {
            "form": form,
            "forced": profile.must_change_password,
            "next": _next_url(request),
            "nav": "password",
        },
    )
