"""Operators' single sign-on pages: department systems (OIDC clients) and upstream identity providers.

Only operators (``StaffRole.OPERATOR``) may open them. A client's secret is shown exactly once —
right after registration or rotation — from a one-time session slot, never stored in clear.
Writes go through ``identity.services.sso_clients`` and ``identity.services.upstream``.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from oauth2_provider.models import Application

from govhall.identity.models import ClientPolicy, StaffRole
from govhall.identity.selectors_upstream import upstream_provider_list
from govhall.identity.services.sso_clients import (
    sso_client_disable,
    sso_client_register,
    sso_client_secret_rotate,
)
from govhall.identity.services.upstream import upstream_provider_register

from ..forms.sso import ReasonForm, SsoClientForm, UpstreamProviderForm
from .base import staff_view

ONE_TIME_SLOT = "workbench.sso_secret"  # {"client_id": ..., "secret": ...}, popped when shown


operator_view = staff_view(StaffRole.OPERATOR)


def _form_error(form: Any, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


@operator_view
def sso_client_list(request: HttpRequest) -> HttpResponse:
    clients = Application.objects.select_related("govhall_policy", "govhall_policy__department").order_by(
        "name"
    )
    return render(request, "workbench/sso/client_list.html", {"clients": clients, "nav": "sso"})


@operator_view
@require_http_methods(["GET", "POST"])
def sso_client_new(request: HttpRequest) -> HttpResponse:
    form = SsoClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registered = sso_client_register(
                name=data["name"],
                redirect_uris=data["redirect_uris"],
                post_logout_redirect_uris=data["post_logout_redirect_uris"],
                confidential=data["confidential"],
                may_read_id_number=data["may_read_id_number"],
                department=data["department"],
                skip_consent=data["skip_consent"],
                registered_by=request.user,
                purpose=data["purpose"],
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            request.session[ONE_TIME_SLOT] = {
                "client_id": registered.application.client_id,
                "secret": registered.client_secret,
            }
            messages.success(request, f"已登记接入系统“{registered.application.name}”。")
            return redirect("workbench:sso_client_detail", client_id=registered.application.client_id)
    return render(request, "workbench/sso/client_new.html", {"form": form, "nav": "sso"})


@operator_view
def sso_client_detail(request: HttpRequest, client_id: str) -> HttpResponse:
    application = get_object_or_404(Application, client_id=client_id)
    policy = (
        ClientPolicy.objects.filter(application=application)
        .select_related("department", "registered_by")
        .first()
    )
    shown = request.session.pop(ONE_TIME_SLOT, None)
    secret = shown["secret"] if shown and shown.get("client_id") == client_id else ""
    return render(
        request,
        "workbench/sso/client_detail.html",
        {
            "application": application,
            "policy": policy,
            "secret": secret,
            "reason_form": ReasonForm(),
            "discovery_url": request.build_absolute_uri(
                reverse("oauth2_provider:oidc-connect-discovery-info")
            ),
            "nav": "sso",
        },
    )


@operator_view
@require_POST
def sso_client_rotate(request: HttpRequest, client_id: str) -> HttpResponse:
    application = get_object_or_404(Application, client_id=client_id)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("请填写轮换密钥的原因")
        secret = sso_client_secret_rotate(
            application=application, rotated_by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        request.session[ONE_TIME_SLOT] = {"client_id": client_id, "secret": secret}
        messages.success(request, "已生成新密钥，旧密钥立即失效。")
    return redirect("workbench:sso_client_detail", client_id=client_id)


@operator_view
@require_POST
def sso_client_disable_view(request: HttpRequest, client_id: str) -> HttpResponse:
    application = get_object_or_404(Application, client_id=client_id)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("请填写停用原因")
        sso_client_disable(
            application=application, disabled_by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "接入系统已停用，其全部令牌已作废。")
    return redirect("workbench:sso_client_detail", client_id=client_id)


@operator_view
@require_http_methods(["GET", "POST"])
def upstream_provider_list_view(request: HttpRequest) -> HttpResponse:
    form = UpstreamProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            provider = upstream_provider_register(registered_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"已登记互认身份提供方“{provider.name}”。")
            return redirect("workbench:sso_upstream_list")
    return render(
        request,
        "workbench/sso/upstream_list.html",
        {"providers": upstream_provider_list(), "form": form, "nav": "sso"},
    )
