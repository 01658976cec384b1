"""Window clerks' enterprise pages: find an enterprise by credit code, see its agents, and grant or
revoke a mandate on the representative's written authorisation. The audit trail names the clerk.

Gate: ``window_clerk_view`` — a logged-in staff member holding the window-clerk role
(``identity.scope.staff_scope_require``); refusals render the workbench's Chinese 403 page.
Enterprises are province-wide (no region of their own), so any window clerk may serve them.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from govhall.identity.models import Enterprise, StaffRole
from govhall.identity.selectors_enterprises import enterprise_get, mandate_status, mandates_of_enterprise
from govhall.identity.services.enterprises import (
    agent_mandate_grant_at_window,
    agent_mandate_revoke_at_window,
)

from ..forms.enterprises import EnterpriseFindForm, WindowMandateGrantForm, WindowMandateRevokeForm
from .base import staff_view

View = Callable[..., HttpResponse]


window_clerk_view = staff_view(StaffRole.WINDOW_CLERK)


@window_clerk_view
def enterprise_find(request: HttpRequest) -> HttpResponse:
    form = EnterpriseFindForm(request.GET or None)
    missing = ""
    if request.GET and form.is_valid():
        code = form.cleaned_data["credit_code"]
        if Enterprise.objects.filter(credit_code=code).exists():
            return redirect("workbench:enterprise_detail", credit_code=code)
        missing = code
    return render(
        request, "workbench/enterprises/find.html", {"form": form, "missing": missing, "nav": "enterprises"}
    )


@window_clerk_view
@require_http_methods(["GET", "POST"])
def enterprise_detail(request: HttpRequest, credit_code: str) -> HttpResponse:
    enterprise = enterprise_get(credit_code=credit_code)
    form = WindowMandateGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mandate = agent_mandate_grant_at_window(
                clerk=request.user, enterprise=enterprise, **form.service_arguments()
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"已为 {mandate.agent.name} 办理经办人授权，操作已记录。")
            return redirect("workbench:enterprise_detail", credit_code=enterprise.credit_code)
    context = {
        "enterprise": enterprise,
        "mandates": [(mandate, mandate_status(mandate)) for mandate in mandates_of_enterprise(enterprise)],
        "form": form,
        "nav": "enterprises",
    }
    return render(request, "workbench/enterprises/detail.html", context, status=400 if form.errors else 200)


@window_clerk_view
@require_POST
def enterprise_mandate_revoke(request: HttpRequest, credit_code: str, mandate_id: int) -> HttpResponse:
    enterprise = enterprise_get(credit_code=credit_code)
    mandate = mandates_of_enterprise(enterprise).get(pk=mandate_id)
    form = WindowMandateRevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "撤销授权须填写撤销原因。")
    else:
        try:
            agent_mandate_revoke_at_window(
                clerk=request.user, mandate=mandate, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"已撤销 {mandate.agent.name} 的经办人授权，操作已记录。")
    return redirect("workbench:enterprise_detail", credit_code=enterprise.credit_code)
