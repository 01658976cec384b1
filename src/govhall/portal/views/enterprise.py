"""Enterprise pages: certificate login and binding (L3), enterprise registration, acting for an
enterprise, and the representative's agent management (经办人授权).

The private key never reaches the server: ``portal/certificate.js`` signs the challenge in the
browser (or the holder pastes the output of their signing software). Views verify through
``identity.certificates`` and write through ``identity.services``; refusals are the services'
Chinese messages on the form, or the site's 403 page.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from govhall.identity.certificates import CHALLENGE_MINUTES, certificate_challenge_issue, certificate_verify
from govhall.identity.models import AgentMandate, AssuranceLevel, AuthMethod, Enterprise, level_at_least
from govhall.identity.selectors_enterprises import (
    enterprise_get,
    enterprise_of_user,
    enterprises_for_person,
    mandate_status,
    mandates_of_enterprise,
    person_of_user,
)
from govhall.identity.services.certificates import certificate_bind, certificate_login
from govhall.identity.services.enterprises import (
    agent_mandate_grant,
    agent_mandate_revoke,
    enterprise_act_for,
    enterprise_act_stop,
    enterprise_manage_require,
    enterprise_register,
)
from govhall.identity.session import session_identity, session_level_raise, session_open

from ..forms_enterprise import CertificateForm, MandateGrantForm, MandateRevokeForm
from .account import login_rate, safe_next


def _certificate_page(
    request: HttpRequest, template: str, form: CertificateForm, extra: dict[str, Any] | None = None
) -> HttpResponse:
    """Render a certificate form with a fresh challenge (a refused attempt never reuses one)."""
    context = {
        "form": form,
        "challenge": certificate_challenge_issue(),
        "challenge_minutes": CHALLENGE_MINUTES,
    }
    return render(request, template, context | (extra or {}), status=400 if form.errors else 200)


def _verify(form: CertificateForm) -> Any:
    data = form.cleaned_data
    return certificate_verify(
        certificate_pem=data["certificate_pem"], signature_b64=data["signature"], nonce=data["nonce"]
    )


@ratelimit(key="ip", rate=login_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def certificate_login_page(request: HttpRequest) -> HttpResponse:
    """数字证书登录 — persons and enterprises; the session opens at L3 (method certificate)."""
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                outcome = certificate_login(certificate=_verify(form))
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            session_open(request, outcome.user, level=AssuranceLevel.L3, method=AuthMethod.CERTIFICATE)
            if outcome.enterprise is not None:
                messages.success(request, f"已使用企业数字证书登录：{outcome.enterprise.name}")
                return redirect("portal:enterprise_agents", credit_code=outcome.enterprise.credit_code)
            messages.success(request, "已使用数字证书登录，本次登录为三级（数字证书）认证。")
            return redirect(safe_next(request))
    return _certificate_page(
        request, "portal/enterprise/certificate_login.html", form, {"next": _next(request)}
    )


def _next(request: HttpRequest) -> str:
    target = safe_next(request, default="portal:account")
    return target if target != reverse("portal:account") else ""


def _person_required(request: HttpRequest) -> Any:
    person = person_of_user(request.user)
    if person is None:
        raise PermissionDenied("此功能仅向个人用户开放，请使用个人账号登录")
    return person


@login_required
@require_http_methods(["GET", "POST"])
def certificate_bind_page(request: HttpRequest) -> HttpResponse:
    """绑定数字证书 — raise my account to L3."""
    person = _person_required(request)
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                certificate_bind(person=person, certificate=_verify(form))
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            session_level_raise(request, level=AssuranceLevel.L3, method=AuthMethod.CERTIFICATE)
            messages.success(request, "数字证书已绑定，您的账号已提升为三级（数字证书）。")
            return redirect("portal:account")
    return _certificate_page(request, "portal/enterprise/certificate_bind.html", form, {"person": person})


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_register_page(request: HttpRequest) -> HttpResponse:
    """法人注册 — the legal representative registers the enterprise with its certificate."""
    person = _person_required(request)
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                enterprise = enterprise_register(representative=person, certificate=_verify(form))
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"法人账号已注册：{enterprise.name}。现在可以为经办人授权。")
            return redirect("portal:enterprise_agents", credit_code=enterprise.credit_code)
    context = {"person": person, "verified": level_at_least(person.level, AssuranceLevel.L2)}
    return _certificate_page(request, "portal/enterprise/register.html", form, context)


@login_required
def enterprise_list(request: HttpRequest) -> HttpResponse:
    """我的企业 — enterprises I represent or act for, and the act-for switch."""
    person = person_of_user(request.user)
    own = enterprise_of_user(request.user)
    if person is None and own is None:
        raise PermissionDenied("此功能仅向个人用户和企业用户开放")
    identity = session_identity(request)
    context = {
        "person": person,
        "own_enterprise": own,
        "roles": enterprises_for_person(person) if person else [],
        "acting_id": identity.enterprise_id if identity else None,
    }
    return render(request, "portal/enterprise/list.html", context)


def _enterprise_or_404(credit_code: str) -> Enterprise:
    try:
        return enterprise_get(credit_code=credit_code)
    except Enterprise.DoesNotExist as exc:
        raise Http404("未找到该企业") from exc


@login_required
@require_POST
def enterprise_act(request: HttpRequest) -> HttpResponse:
    """以企业身份办事 — start acting for an enterprise (representative or agent)."""
    enterprise = _enterprise_or_404(request.POST.get("credit_code", ""))
    mandate = enterprise_act_for(request, enterprise)
    role = "经办人" if mandate else "法定代表人"
    messages.success(request, f"您现在以{role}身份代表“{enterprise.name}”办事，所有操作将同时记录您和企业。")
    return redirect("portal:enterprise_list")


@login_required
@require_POST
def enterprise_act_stop_page(request: HttpRequest) -> HttpResponse:
    enterprise_act_stop(request)
    messages.success(request, "已切换回个人身份。")
    return redirect("portal:enterprise_list")


def _managed_enterprise(request: HttpRequest, credit_code: str) -> Enterprise:
    enterprise = _enterprise_or_404(credit_code)
    enterprise_manage_require(enterprise, request.user)
    return enterprise


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_agents(request: HttpRequest, credit_code: str) -> HttpResponse:
    """经办人管理 — the representative (or the enterprise account) lists, grants and revokes mandates."""
    enterprise = _managed_enterprise(request, credit_code)
    form = MandateGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mandate = agent_mandate_grant(
                enterprise=enterprise, granted_by=request.user, **form.service_arguments()
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                f"已授权 {mandate.agent.name} 为经办人（{mandate.valid_from:%Y-%m-%d} 至 {mandate.valid_until:%Y-%m-%d}）。",
            )
            return redirect("portal:enterprise_agents", credit_code=enterprise.credit_code)
    mandates = [(mandate, mandate_status(mandate)) for mandate in mandates_of_enterprise(enterprise)]
    context = {
        "enterprise": enterprise,
        "mandates": mandates,
        "form": form,
        "revoke_form": MandateRevokeForm(),
    }
    return render(request, "portal/enterprise/agents.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def enterprise_agent_revoke(request: HttpRequest, credit_code: str, mandate_id: int) -> HttpResponse:
    enterprise = _managed_enterprise(request, credit_code)
    try:
        mandate = mandates_of_enterprise(enterprise).get(pk=mandate_id)
    except AgentMandate.DoesNotExist as exc:
        raise Http404("未找到该授权") from exc
    form = MandateRevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "撤销授权须填写撤销原因。")
    else:
        try:
            agent_mandate_revoke(mandate=mandate, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"已撤销 {mandate.agent.name} 的经办人授权。")
    return redirect("portal:enterprise_agents", credit_code=enterprise.credit_code)
