"""电子监察 pages: red/yellow cards, supervision notices (督办通知单) and the region's warning rule.

Thin pages over ``supervision.selectors`` (what the caller may see: their department, or their
region and below for supervisors) and ``supervision.services`` (issue, answer, close, save the
rule — each checks the caller and writes the audit entry). Cards are exported as .xlsx with the
current filters.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from govhall.identity.models import StaffRole
from govhall.supervision.models import NoticeStatus, SubjectType, WarningRule
from govhall.supervision.notice_pdf import notice_pdf
from govhall.supervision.rules import rule_for_region
from govhall.supervision.selectors import (
    CardFilter,
    card_get_for_staff,
    card_list,
    notice_get_for_staff,
    notice_list,
    notices_of_card,
    scope_region,
)
from govhall.supervision.services.notices import notice_answer, notice_close, notice_issue
from govhall.supervision.services.rules import warning_rule_save
from govhall.supervision.services.scan import RULE_LABELS

from ..forms.supervision import (
    CardFilterForm,
    NoticeAnswerForm,
    NoticeCloseForm,
    NoticeFilterForm,
    NoticeForm,
    WarningRuleForm,
)
from .base import paginate, query_without_page, staff_view

READERS = (StaffRole.SUPERVISOR, StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 50_000
ALL_RULE_LABELS = RULE_LABELS | {
    "catalog_onboarding": "事项未上线",
    "consultation_overdue": "咨询逾期未答复",
    "complaint_overdue": "投诉举报逾期未办结",
    "rectification_overdue": "差评逾期未整改",
}


def rule_label(code: str) -> str:
    return ALL_RULE_LABELS.get(code, code)


def staff_name(user: Any) -> str:
    if user is None:
        return ""
    profile = getattr(user, "staff_profile", None)
    return profile.display_name if profile is not None else user.get_username()


def _errors(exc: ValidationError) -> str:
    return "；".join(exc.messages)


def _subject_link(subject_type: str, label: str) -> str:
    """The case number at the head of a case or task label (for the link to the case page)."""
    if subject_type in (SubjectType.CASE, SubjectType.TASK) and label:
        return label.split(" ", 1)[0]
    return ""


@staff_view(*READERS)
def card_list_page(request: HttpRequest) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    form = CardFilterForm(request.GET or None, region_path=scope.region_path, region_wide=scope.region_wide)
    flt = CardFilter(**form.selector_filters()) if form.is_valid() else CardFilter()
    cards = card_list(scope, flt)
    if request.GET.get("export") == "xlsx":
        return _export(cards)
    page = paginate(request, cards)
    rows = [
        {
            "card": card,
            "rule": rule_label(card.rule),
            "case_number": _subject_link(card.subject_type, card.subject_label),
            "responsible": staff_name(card.responsible),
        }
        for card in page
    ]
    query = query_without_page(request.GET)
    return render(
        request,
        "workbench/supervision/card_list.html",
        {"form": form, "page": page, "rows": rows, "query": query, "nav": "cards"},
    )


def _export(cards: Any) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("红黄牌")
    sheet.append(
        ["等级", "规则", "对象", "期限", "责任部门", "区划", "责任人", "原因", "发牌日期", "状态", "升级至"]
    )
    for card in cards[:EXPORT_LIMIT].iterator(chunk_size=2000):
        sheet.append(
            [
                card.get_level_display(),
                rule_label(card.rule),
                card.subject_label,
                card.due_on.isoformat() if card.due_on else "",
                card.department.name if card.department_id else "",
                card.region.name,
                staff_name(card.responsible),
                card.reason,
                card.issued_on.isoformat(),
                card.get_status_display(),
                card.escalated_to.name if card.escalated_to_id else "",
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    filename = f"红黄牌-{timezone.localtime():%Y%m%d-%H%M%S}.xlsx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


@staff_view(*READERS)
def card_detail(request: HttpRequest, card_id: int) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    card = card_get_for_staff(scope, card_id)
    return render(
        request,
        "workbench/supervision/card_detail.html",
        {
            "card": card,
            "rule": rule_label(card.rule),
            "case_number": _subject_link(card.subject_type, card.subject_label),
            "notices": notices_of_card(card),
            "may_issue": scope.has_role(StaffRole.SUPERVISOR),
            "nav": "cards",
        },
    )


@staff_view(*READERS)
def notice_list_page(request: HttpRequest) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    form = NoticeFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = paginate(request, notice_list(scope, status=status))
    return render(
        request,
        "workbench/supervision/notice_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request.GET),
            "may_issue": scope.has_role(StaffRole.SUPERVISOR),
            "today": timezone.localdate(),
            "nav": "notices",
        },
    )


def _notice_context(request: HttpRequest, notice: Any, **extra: Any) -> dict[str, Any]:
    scope = request.staff_scope  # type: ignore[attr-defined]
    may_answer = (
        notice.status == NoticeStatus.ISSUED
        and scope.department_id == notice.department_id
        and scope.has_role(StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD)
    )
    may_close = (
        notice.status == NoticeStatus.ANSWERED
        and scope.has_role(StaffRole.SUPERVISOR)
        and scope.region_id == notice.issuer_region_id
    )
    return {
        "notice": notice,
        "case_number": _subject_link(notice.subject_type, notice.subject_label),
        "may_answer": may_answer,
        "may_close": may_close,
        "answer_form": extra.pop("answer_form", NoticeAnswerForm()),
        "close_form": extra.pop("close_form", NoticeCloseForm()),
        "nav": "notices",
        **extra,
    }


@staff_view(*READERS)
def notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = notice_get_for_staff(request.staff_scope, notice_id)  # type: ignore[attr-defined]
    return render(request, "workbench/supervision/notice_detail.html", _notice_context(request, notice))


@staff_view(StaffRole.SUPERVISOR)
def notice_new(request: HttpRequest) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    card = card_get_for_staff(scope, request.GET["card"]) if request.GET.get("card", "").isdigit() else None
    form = NoticeForm(request.POST or None, initial={"subject_type": request.GET.get("subject_type", "case")})
    if request.method == "POST" and form.is_valid():
        try:
            notice = notice_issue(
                actor=request.user,
                requirement=form.cleaned_data["requirement"],
                card=card,
                subject_type=form.cleaned_data["subject_type"],
                reference=form.cleaned_data["reference"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"已发出督办通知单 {notice.number}")
            return redirect("workbench:notice_detail", notice.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workbench/supervision/notice_new.html",
        {"form": form, "card": card, "rule": rule_label(card.rule) if card else "", "nav": "notices"},
        status=status,
    )


@require_POST
@staff_view(*READERS)
def notice_answer_view(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = notice_get_for_staff(request.staff_scope, notice_id)  # type: ignore[attr-defined]
    form = NoticeAnswerForm(request.POST)
    if form.is_valid():
        try:
            notice_answer(actor=request.user, notice=notice, answer=form.cleaned_data["answer"])
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, "已回复督办")
            return redirect("workbench:notice_detail", notice.pk)
    context = _notice_context(request, notice, answer_form=form)
    return render(request, "workbench/supervision/notice_detail.html", context, status=400)


@require_POST
@staff_view(StaffRole.SUPERVISOR)
def notice_close_view(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = notice_get_for_staff(request.staff_scope, notice_id)  # type: ignore[attr-defined]
    form = NoticeCloseForm(request.POST)
    if form.is_valid():
        try:
            notice_close(actor=request.user, notice=notice, remark=form.cleaned_data["remark"])
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, "督办已办结")
            return redirect("workbench:notice_detail", notice.pk)
    context = _notice_context(request, notice, close_form=form)
    return render(request, "workbench/supervision/notice_detail.html", context, status=400)


@staff_view(*READERS)
def notice_pdf_view(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = notice_get_for_staff(request.staff_scope, notice_id)  # type: ignore[attr-defined]
    response = HttpResponse(notice_pdf(notice), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"督办通知单-{notice.number}.pdf"
    )
    return response


@staff_view(StaffRole.SUPERVISOR)
def rule_edit(request: HttpRequest) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    region = scope_region(scope)
    effective = rule_for_region(region)
    own = effective if effective.pk and effective.region_id == region.pk else None
    form = WarningRuleForm(request.POST or None, instance=own or WarningRule(**_copy(effective)))
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in WarningRuleForm.Meta.fields}
        try:
            warning_rule_save(
                actor=request.user, region=region, values=values, reason=form.cleaned_data["reason"]
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _errors(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, f"已保存{region.name}的预警规则")
            return redirect("workbench:rule_edit")
    inherited = None if own else (effective.region if effective.pk else None)
    return render(
        request,
        "workbench/supervision/rule_edit.html",
        {"form": form, "region": region, "own": own, "inherited": inherited, "nav": "cards"},
        status=400 if request.method == "POST" else 200,
    )


def _copy(rule: WarningRule) -> dict[str, Any]:
    return {field: getattr(rule, field) for field in WarningRuleForm.Meta.fields}
