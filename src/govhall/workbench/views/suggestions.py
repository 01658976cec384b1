"""Staff pages for 问题与建议 under /workbench/surveys/suggestions/ (namespace ``workbench``, nav ``surveys``).

The inbox lists what the caller answers or supervises: operators the suggestions of their region
and below that no department was configured for, department heads their department's, supervisors
their region's (read only). A reply (and whether it is published) goes through
``suggestion_reply``; operators route categories to departments on the routes page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from govhall.directory.selectors import department_get
from govhall.identity.models import StaffRole
from govhall.interaction.surveys import selectors
from govhall.interaction.surveys.ownership import READ_ROLES
from govhall.interaction.surveys.selectors import SUGGESTION_ROLES
from govhall.interaction.surveys.services import suggestion_reply, suggestion_route_set
from govhall.interaction.surveys.services.suggestions import suggestion_may_reply

from ..forms.surveys import SuggestionFilterForm, SuggestionReplyForm, SuggestionRouteForm
from .base import paginate, query_without_page, staff_view


@staff_view(*SUGGESTION_ROLES)
@require_GET
def suggestion_inbox(request: HttpRequest) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    form = SuggestionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    suggestions = selectors.suggestions_for_staff(
        scope=scope, status=filters.get("status") or "", category=filters.get("category") or ""
    )
    context = {
        "form": form,
        "page": paginate(request, suggestions),
        "query": query_without_page(request.GET),
        "section": "suggestions",
        "show_survey_tabs": scope.has_role(*READ_ROLES),
        "is_operator": StaffRole.OPERATOR in scope.roles,
        "nav": "surveys",
    }
    return render(request, "workbench/surveys/suggestion_inbox.html", context)


@staff_view(*SUGGESTION_ROLES)
@require_http_methods(["GET", "POST"])
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    suggestion = selectors.suggestion_get_for_staff(scope=scope, pk=pk)
    form = SuggestionReplyForm(
        request.POST or None, initial={"reply": suggestion.reply, "published": suggestion.published}
    )
    if request.method == "POST" and form.is_valid():
        try:
            suggestion_reply(
                actor=request.user,
                scope=scope,
                suggestion=suggestion,
                reply=form.cleaned_data["reply"],
                publish=form.cleaned_data["published"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "答复已保存，提交人可在“我的问题与建议”中查看。")
            return redirect("workbench:suggestion_detail", pk=suggestion.pk)
    context = {
        "suggestion": suggestion,
        "form": form,
        "can_reply": suggestion_may_reply(scope, suggestion),
        "nav": "surveys",
    }
    return render(request, "workbench/surveys/suggestion_detail.html", context)


@staff_view(StaffRole.OPERATOR)
@require_http_methods(["GET", "POST"])
def suggestion_routes(request: HttpRequest) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    region = selectors.scope_region(scope=scope)
    form = SuggestionRouteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["credit_code"].strip().upper()
        try:
            department = department_get(credit_code=code) if code else None
            suggestion_route_set(
                actor=request.user,
                scope=scope,
                region=region,
                category=form.cleaned_data["category"],
                department=department,
            )
        except ObjectDoesNotExist:
            form.add_error("credit_code", "未找到该统一社会信用代码对应的部门")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "分派设置已保存，之后提交的问题与建议按新设置分派。")
            return redirect("workbench:suggestion_routes")
    context = {
        "routes": selectors.suggestion_routes_for_staff(scope=scope),
        "region": region,
        "form": form,
        "nav": "surveys",
    }
    return render(request, "workbench/surveys/suggestion_routes.html", context)
