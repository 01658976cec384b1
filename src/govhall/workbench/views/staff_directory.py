"""Operators' staff directory (工作人员目录): list, create, edit, and account recovery.

Only operators (``StaffRole.OPERATOR``) may open these pages, and only for staff of their own
region and below (``identity.selectors_staff.staff_account_get`` refuses the rest with 403).
Recovery actions — reset the authenticator, reset the password, clear a login lockout,
deactivate, reactivate — are POST-only, need a reason and go through ``identity.services.staff``,
``staff_password`` and ``staff_totp``, which audit them. New accounts get an initial password
typed by the operator (Django's password validators apply); it is never shown again, and the staff
member enrols an authenticator and changes that password on first login (so after a password
reset or a reactivation too).
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from govhall.identity.models import StaffRole
from govhall.identity.selectors_staff import staff_account_get, staff_directory_list, staff_locked_usernames
from govhall.identity.services.staff import (
    staff_account_deactivate,
    staff_account_reactivate,
    staff_account_save,
    staff_lockout_clear,
)
from govhall.identity.services.staff_password import staff_password_reset
from govhall.identity.services.staff_totp import staff_totp_reset

from ..forms.staff_directory import StaffAccountForm, StaffFilterForm, StaffPasswordResetForm, StaffReasonForm
from .base import paginate, query_without_page, staff_view

operator_view = staff_view(StaffRole.OPERATOR)


def _form_error(form: Any, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


@operator_view
def staff_list(request: HttpRequest) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    form = StaffFilterForm(request.GET or None, scope=scope)
    filters = form.cleaned_data if form.is_valid() else {}
    profiles = staff_directory_list(
        scope=scope,
        q=filters.get("q") or "",
        region_code=filters.get("region") or "",
        department_id=filters.get("department"),
        role=filters.get("role") or "",
    )
    page = paginate(request, profiles)
    locked = staff_locked_usernames(usernames=[p.user.username for p in page.object_list])
    rows = [
        {
            "profile": profile,
            "locked": profile.user.username in locked,
            "role_labels": [str(StaffRole(r).label) for r in profile.roles if r in StaffRole.values],
        }
        for profile in page.object_list
    ]
    return render(
        request,
        "workbench/staff/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query_without_page(request.GET),
            "nav": "staff",
        },
    )


@operator_view
@require_http_methods(["GET", "POST"])
def staff_new(request: HttpRequest) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    form = StaffAccountForm(request.POST or None, scope=scope, new=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profile = staff_account_save(
                by=request.user,
                username=data["username"],
                display_name=data["display_name"],
                region=data["region"],
                department=data["department"],
                roles=data["roles"],
                initial_password=data["initial_password"],
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                f"已创建工作人员账号“{profile.user.username}”。请将初始密码安全告知本人；"
                "首次登录时须绑定验证器（动态口令）并修改初始密码。",
            )
            return redirect("workbench:staff_detail", username=profile.user.username)
    return render(request, "workbench/staff/new.html", {"form": form, "nav": "staff"})


@operator_view
@require_http_methods(["GET", "POST"])
def staff_detail(request: HttpRequest, username: str) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    account = staff_account_get(scope=scope, username=username)
    profile = account.profile
    initial = {
        "display_name": profile.display_name,
        "region": profile.region.code,
        "department": profile.department_id,
        "roles": profile.roles,
    }
    form = StaffAccountForm(
        request.POST or None, initial=initial, scope=scope, new=False, current_region_id=profile.region_id
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            staff_account_save(
                by=request.user,
                username=username,
                display_name=data["display_name"],
                region=data["region"],
                department=data["department"],
                roles=data["roles"],
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("workbench:staff_detail", username=username)
    return render(
        request,
        "workbench/staff/detail.html",
        {
            "account": account,
            "profile": profile,
            "form": form,
            # One reason field per action form; distinct ids so every label points at its own field.
            "totp_form": StaffReasonForm(auto_id="totp_%s"),
            "lockout_form": StaffReasonForm(auto_id="lockout_%s"),
            "deactivate_form": StaffReasonForm(auto_id="deactivate_%s"),
            "password_form": StaffPasswordResetForm(auto_id="password_%s"),
            "reactivate_form": StaffReasonForm(auto_id="reactivate_%s"),
            "is_self": profile.user_id == request.user.pk,
            "nav": "staff",
        },
    )


def _recovery_action(request: HttpRequest, username: str, act: Callable[[Any, str], str]) -> HttpResponse:
    """Load the account (scope-checked), run ``act(user, reason)`` and report its message or the error."""
    account = staff_account_get(scope=request.staff_scope, username=username)  # type: ignore[attr-defined]
    form = StaffReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("请填写原因（至少 2 个字）")
        done = act(account.user, form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, done)
    return redirect("workbench:staff_detail", username=username)


@operator_view
@require_POST
def staff_totp_reset_view(request: HttpRequest, username: str) -> HttpResponse:
    def act(user: Any, reason: str) -> str:
        staff_totp_reset(by=request.user, user=user, reason=reason)
        return "已重置验证器：该工作人员下次登录时须重新绑定验证器。"

    return _recovery_action(request, username, act)


@operator_view
@require_POST
def staff_lockout_clear_view(request: HttpRequest, username: str) -> HttpResponse:
    def act(user: Any, reason: str) -> str:
        staff_lockout_clear(by=request.user, username=user.username, reason=reason)
        return "已解除登录锁定，该工作人员可以重新登录。"

    return _recovery_action(request, username, act)


@operator_view
@require_POST
def staff_deactivate_view(request: HttpRequest, username: str) -> HttpResponse:
    def act(user: Any, reason: str) -> str:
        staff_account_deactivate(by=request.user, user=user, reason=reason)
        return "账号已停用，不能再登录。"

    return _recovery_action(request, username, act)


@operator_view
@require_POST
def staff_reactivate_view(request: HttpRequest, username: str) -> HttpResponse:
    def act(user: Any, reason: str) -> str:
        staff_account_reactivate(by=request.user, user=user, reason=reason)
        return "账号已重新启用，登录失败记录已清除；本人下次登录后须先修改密码。"

    return _recovery_action(request, username, act)


@operator_view
@require_POST
def staff_password_reset_view(request: HttpRequest, username: str) -> HttpResponse:
    """A new password typed twice by the operator, with a reason; every refusal is shown on the detail page."""
    account = staff_account_get(scope=request.staff_scope, username=username)  # type: ignore[attr-defined]
    form = StaffPasswordResetForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("workbench:staff_detail", username=username)
    try:
        staff_password_reset(
            by=request.user,
            user=account.user,
            new_password=form.cleaned_data["new_password"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            "已重置密码：该工作人员已登录的会话随即失效，下次登录时须修改密码。请将新密码安全告知本人。",
        )
    return redirect("workbench:staff_detail", username=username)
