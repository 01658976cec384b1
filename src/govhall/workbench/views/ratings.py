"""好差评 in the workbench: the department's ratings (supervisors: their region's), one rating with its
rectification, return visits and appeal, the supervisors' appeal queue and poor-rating follow-up, the
region's rule, and the registration of window rating devices.

Thin: reads through ``interaction.ratings.selectors`` narrowed by the caller's ``StaffScope``; every
change through one ``interaction.ratings`` service, which checks the caller again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govhall.directory.selectors import department_get
from govhall.identity.models import StaffRole
from govhall.interaction.ratings.devices import DEVICE_ROLES, rating_device_deactivate, rating_device_register
from govhall.interaction.ratings.models import AppealStatus, RectificationStatus
from govhall.interaction.ratings.rules import rule_for_region_path
from govhall.interaction.ratings.selectors import (
    DEPARTMENT_READ_ROLES,
    READ_ROLES,
    RatingFilter,
    appeals_for_supervisor,
    devices_for_staff,
    due_colour,
    rating_get_for_staff,
    rating_history,
    ratings_for_staff,
    return_visits,
)
from govhall.interaction.ratings.selectors_supervision import poor_ratings_for_supervisor
from govhall.interaction.ratings.services import (
    appeal_decide,
    appeal_file,
    rating_rule_save,
    rectification_complete,
    return_visit_record,
)

from ..forms.ratings import (
    AppealDecisionForm,
    AppealForm,
    DeviceForm,
    FollowUpFilterForm,
    RatingFilterForm,
    RatingRuleForm,
    RectificationForm,
    ReturnVisitForm,
)
from .base import paginate, query_without_page, staff_view


def _scope(request: HttpRequest) -> Any:
    return request.staff_scope  # type: ignore[attr-defined]


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@staff_view(*READ_ROLES)
@require_GET
def rating_list(request: HttpRequest) -> HttpResponse:
    form = RatingFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    flt = RatingFilter(
        level=data.get("level") or "",
        stage=data.get("stage") or "",
        since=data.get("since"),
        until=data.get("until"),
        poor=bool(data.get("poor")),
        q=data.get("q") or "",
    )
    scope = _scope(request)
    page = paginate(request, ratings_for_staff(scope=scope, flt=flt))
    today = timezone.localdate()
    rows = []
    for rating in page.object_list:
        rectification = getattr(rating, "rectification", None)
        colour = due_colour(rectification.due_on, rectification.status, today) if rectification else "none"
        rows.append((rating, rectification, getattr(rating, "appeal", None), colour))
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query_without_page(request.GET),
        "supervisor": scope.has_role(StaffRole.SUPERVISOR),
        "nav": "ratings",
    }
    return render(request, "workbench/ratings/list.html", context)


@staff_view(*READ_ROLES)
@require_GET
def rating_detail(request: HttpRequest, rating_id: int) -> HttpResponse:
    scope = _scope(request)
    rating = rating_get_for_staff(scope=scope, rating_id=rating_id)
    rectification = getattr(rating, "rectification", None)
    appeal = getattr(rating, "appeal", None)
    of_department = scope.covers(
        region_path=rating.region.path, department_id=rating.department_id, for_roles=DEPARTMENT_READ_ROLES
    )
    is_head = scope.covers(
        region_path=rating.region.path,
        department_id=rating.department_id,
        for_roles=(StaffRole.DEPARTMENT_HEAD,),
    )
    context = {
        "rating": rating,
        "history": rating_history(rating),
        "rectification": rectification,
        "due": due_colour(rectification.due_on, rectification.status) if rectification else "none",
        "visits": return_visits(rectification),
        "appeal": appeal,
        "can_rectify": of_department
        and rectification is not None
        and rectification.status == RectificationStatus.OPEN,
        "can_visit": of_department
        and rectification is not None
        and rectification.status == RectificationStatus.DONE,
        "can_appeal": is_head and appeal is None and rating.current and not rating.excluded,
        "can_decide": appeal is not None
        and appeal.status == AppealStatus.PENDING
        and scope.covers(region_path=rating.region.path, for_roles=(StaffRole.SUPERVISOR,)),
        "rectification_form": RectificationForm(),
        "visit_form": ReturnVisitForm(initial={"visited_on": timezone.localdate()}),
        "appeal_form": AppealForm(),
        "decision_form": AppealDecisionForm(),
        "nav": "ratings",
    }
    return render(request, "workbench/ratings/detail.html", context)


@staff_view(*DEPARTMENT_READ_ROLES)
@require_POST
def rating_rectify(request: HttpRequest, rating_id: int) -> HttpResponse:
    rating = rating_get_for_staff(scope=_scope(request), rating_id=rating_id)
    rectification = rating.rectification  # RelatedObjectDoesNotExist → 404
    form = RectificationForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["action"])
        rectification_complete(
            actor=request.user, rectification_id=rectification.pk, action=form.cleaned_data["action"]
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "整改情况已登记，已通知评价人。")
    return redirect("workbench:rating_detail", rating.pk)


@staff_view(*DEPARTMENT_READ_ROLES)
@require_POST
def rating_return_visit(request: HttpRequest, rating_id: int) -> HttpResponse:
    rating = rating_get_for_staff(scope=_scope(request), rating_id=rating_id)
    rectification = rating.rectification
    form = ReturnVisitForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        return_visit_record(actor=request.user, rectification_id=rectification.pk, **form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "回访已登记。")
    return redirect("workbench:rating_detail", rating.pk)


@staff_view(StaffRole.DEPARTMENT_HEAD)
@require_POST
def rating_appeal(request: HttpRequest, rating_id: int) -> HttpResponse:
    rating = rating_get_for_staff(scope=_scope(request), rating_id=rating_id)
    form = AppealForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["reason"])
        appeal_file(actor=request.user, rating_id=rating.pk, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "申诉已提交，等待效能监察人员复核。")
    return redirect("workbench:rating_detail", rating.pk)


@staff_view(StaffRole.SUPERVISOR)
@require_GET
def rating_appeals(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", AppealStatus.PENDING)
    if status not in ("", *AppealStatus.values):
        status = AppealStatus.PENDING
    page = paginate(request, appeals_for_supervisor(scope=_scope(request), status=status))
    context = {
        "page": page,
        "status": status,
        "statuses": [
            (AppealStatus.PENDING, "待复核"),
            (AppealStatus.UPHELD, "维持评价"),
            (AppealStatus.ACCEPTED, "申诉成立"),
            ("", "全部"),
        ],
        "query": query_without_page(request.GET),
        "nav": "ratings",
    }
    return render(request, "workbench/ratings/appeals.html", context)


@staff_view(StaffRole.SUPERVISOR)
@require_POST
def rating_appeal_decide(request: HttpRequest, appeal_id: int) -> HttpResponse:
    appeal = appeals_for_supervisor(scope=_scope(request), status="").get(pk=appeal_id)
    form = AppealDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        appeal_decide(
            actor=request.user,
            appeal_id=appeal.pk,
            accept=form.cleaned_data["decision"] == "accept",
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "复核结论已保存，已通知评价人。")
    return redirect("workbench:rating_detail", appeal.rating_id)


@staff_view(*READ_ROLES)
@require_GET
def rating_followup(request: HttpRequest) -> HttpResponse:
    """差评跟踪: poor ratings with their rectification, return visits and appeal."""
    form = FollowUpFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    page = paginate(request, poor_ratings_for_supervisor(scope=_scope(request), status=status))
    today = timezone.localdate()
    rows = []
    for rating in page.object_list:
        rectification = getattr(rating, "rectification", None)
        colour = due_colour(rectification.due_on, rectification.status, today) if rectification else "none"
        rows.append((rating, rectification, getattr(rating, "appeal", None), colour))
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query_without_page(request.GET),
        "nav": "ratings",
    }
    return render(request, "workbench/ratings/followup.html", context)


@staff_view(StaffRole.SUPERVISOR)
@require_http_methods(["GET", "POST"])
def rating_rule(request: HttpRequest) -> HttpResponse:
    """The supervisor's own region's rule (a lower region without its own rule follows this one)."""
    region = request.staff_profile.region  # type: ignore[attr-defined]
    effective = rule_for_region_path(region.path)
    initial = {
        "rectification_days": effective.rectification_days,
        "auto_level": effective.auto_level,
        "auto_after_days": effective.auto_after_days,
    }
    form = RatingRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rating_rule_save(actor=request.user, region=region, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "好差评规则已保存。")
            return redirect("workbench:rating_rule")
    inherited = effective.region_id is not None and effective.region_id != region.pk
    context = {"form": form, "region": region, "inherited": inherited, "nav": "ratings"}
    return render(request, "workbench/ratings/rule.html", context, status=400 if form.errors else 200)


@staff_view(*DEVICE_ROLES)
@require_http_methods(["GET", "POST"])
def rating_devices(request: HttpRequest) -> HttpResponse:
    """评价器: the devices of the department (operators: of their region); register one (key shown once)."""
    scope = _scope(request)
    form = DeviceForm(request.POST or None)
    new_key = ""
    new_device = None
    if request.method == "POST" and form.is_valid():
        try:
            department = _device_department(request, form.cleaned_data["credit_code"])
            new_device, new_key = rating_device_register(
                actor=request.user, department=department, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            form = DeviceForm()
    page = paginate(request, devices_for_staff(scope=scope))
    context = {
        "form": form,
        "page": page,
        "new_device": new_device,
        "new_key": new_key,
        "is_operator": scope.has_role(StaffRole.OPERATOR),
        "nav": "ratings",
    }
    return render(request, "workbench/ratings/devices.html", context, status=400 if form.errors else 200)


def _device_department(request: HttpRequest, credit_code: str) -> Any:
    """The department named by credit code (operators), else the department head's own department."""
    scope = _scope(request)
    code = (credit_code or "").strip().upper()
    if code:
        try:
            return department_get(credit_code=code)
        except ObjectDoesNotExist as exc:
            raise ValidationError("未找到该统一社会信用代码对应的部门") from exc
    if scope.department_id is None or not scope.has_role(StaffRole.DEPARTMENT_HEAD):
        raise ValidationError("请填写所属部门的统一社会信用代码")
    return request.staff_profile.department  # type: ignore[attr-defined]


@staff_view(*DEVICE_ROLES)
@require_POST
def rating_device_deactivate_view(request: HttpRequest, device_id: int) -> HttpResponse:
    device = devices_for_staff(scope=_scope(request)).get(pk=device_id)
    rating_device_deactivate(actor=request.user, device_id=device.pk)
    messages.success(request, f"评价器“{device.name}”已停用。")
    return redirect("workbench:rating_devices")
