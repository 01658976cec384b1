"""咨询投诉 — the department's consultations and complaints: the list (due dates coloured, filters,
export), one record with its timeline and the actions the viewer may take.

Records are loaded through ``interaction.selectors`` (数据权限: the department's own, a supervisor's
region): anything else is a 404. Every action posts to its own URL and calls one service, which checks
the actor again (department staff answer, transfer, publish, reply, close; supervisors also triage
complaints; only the department head reveals a reporter's contact, audited).
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
from django.views.decorators.http import require_GET, require_POST
from openpyxl import Workbook

from govhall.identity.models import StaffRole
from govhall.interaction import selectors
from govhall.interaction.models import Complaint, ComplaintStatus, Consultation, ConsultationStatus
from govhall.interaction.services import complaints as complaint_services
from govhall.interaction.services import consultations as consultation_services
from govhall.interaction.services.access import interaction_list_export_record

from ..forms.interaction import (
    AnswerForm,
    CloseForm,
    InteractionFilterForm,
    PublishForm,
    ReplyForm,
    RevealForm,
    TransferForm,
    TriageForm,
)
from .base import paginate, query_without_page, staff_view

ROLES = (StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD, StaffRole.SUPERVISOR)
DEPARTMENT_ROLES = (StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 50_000


def _filter(request: HttpRequest) -> tuple[InteractionFilterForm, selectors.ListFilter]:
    form = InteractionFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, selectors.ListFilter(**form.cleaned_data)
    return form, selectors.ListFilter(
        kind=request.GET.get("kind") if request.GET.get("kind") == "complaint" else "consultation"
    )


def _is_open(record: Any) -> bool:
    if isinstance(record, Consultation):
        return record.status == ConsultationStatus.PENDING
    return record.status in (ComplaintStatus.SUBMITTED, ComplaintStatus.ACCEPTED)


@require_GET
@staff_view(*ROLES)
def interaction_list(request: HttpRequest) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    form, flt = _filter(request)
    page = paginate(request, selectors.interaction_list_for_staff(scope, flt))
    today = timezone.localdate()
    rows = [
        {"record": r, "colour": selectors.due_colour(r.due_on, open_=_is_open(r), today=today)} for r in page
    ]
    return render(
        request,
        "workbench/interaction/list.html",
        {
            "form": form,
            "kind": flt.kind,
            "page": page,
            "rows": rows,
            "query": query_without_page(request.GET),
            "nav": "interaction",
        },
    )


CONSULTATION_COLUMNS = [
    "编号",
    "渠道",
    "标题",
    "事项",
    "承办部门",
    "首接部门",
    "状态",
    "收到日期",
    "答复期限",
    "答复日期",
    "逾期说明",
    "已公开",
]
COMPLAINT_COLUMNS = [
    "编号",
    "类型",
    "对象",
    "渠道",
    "标题",
    "事项",
    "承办部门",
    "状态",
    "收到日期",
    "办理期限",
    "答复日期",
    "办结日期",
    "办结方式",
    "重新办理次数",
]


def _export_row(record: Any) -> list[Any]:
    if isinstance(record, Consultation):
        return [
            record.pk, record.get_channel_display(), record.title, record.item_name, record.department.name,
            record.first_department.name, record.get_status_display(), record.received_on, record.due_on,
            record.answered_on, record.late_explanation, "是" if record.faq_published else "",
        ]  # fmt: skip
    return [
        record.pk, record.get_kind_display(), record.get_subject_display(), record.get_channel_display(),
        record.title, record.item_name, record.department.name, record.get_status_display(), record.received_on,
        record.due_on, record.replied_on, record.closed_on, record.get_close_reason_display() if record.close_reason else "",
        record.reopen_count,
    ]  # fmt: skip


@require_GET
@staff_view(*ROLES)
def interaction_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as .xlsx (no asker names or contacts), its export audited."""
    form, flt = _filter(request)
    records = selectors.interaction_list_for_staff(request.staff_scope, flt)  # type: ignore[attr-defined]
    records = records.select_related("first_department")[:EXPORT_LIMIT]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("投诉举报" if flt.kind == "complaint" else "咨询")
    sheet.append(COMPLAINT_COLUMNS if flt.kind == "complaint" else CONSULTATION_COLUMNS)
    count = 0
    for record in records:
        sheet.append(_export_row(record))
        count += 1
    out = BytesIO()
    workbook.save(out)
    filters = {key: str(value) for key, value in vars(flt).items() if value}
    interaction_list_export_record(actor=request.user, kind=flt.kind, rows=count, filters=filters)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    label = "投诉举报" if flt.kind == "complaint" else "咨询"
    response["Content-Disposition"] = content_disposition_header(
        True, f"{label}清单-{timezone.localdate():%Y%m%d}.xlsx"
    )
    return response


# --- consultations ----------------------------------------------------------------------------------


def _consultation(request: HttpRequest, pk: int) -> Consultation:
    return selectors.consultation_get_for_staff(scope=request.staff_scope, id=pk)  # type: ignore[attr-defined]


def _complaint(request: HttpRequest, pk: int) -> Complaint:
    return selectors.complaint_get_for_staff(scope=request.staff_scope, id=pk)  # type: ignore[attr-defined]


def _may_handle(request: HttpRequest, record: Any) -> bool:
    scope = request.staff_scope  # type: ignore[attr-defined]
    return scope.covers(
        region_path=record.region.path, department_id=record.department_id, for_roles=DEPARTMENT_ROLES
    )


@require_GET
@staff_view(*ROLES)
def consultation_page(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    return _consultation_render(request, consultation)


def _consultation_render(request: HttpRequest, consultation: Consultation, **forms: Any) -> HttpResponse:
    departments = selectors.transfer_targets(
        region=consultation.region, exclude_id=consultation.department_id
    )
    return render(
        request,
        "workbench/interaction/consultation.html",
        {
            "record": consultation,
            "colour": selectors.due_colour(consultation.due_on, open_=_is_open(consultation)),
            "late": timezone.localdate() > consultation.due_on,
            "events": selectors.events_of(consultation, public_only=False),
            "may_handle": _may_handle(request, consultation),
            "answer_form": forms.get("answer_form") or AnswerForm(),
            "transfer_form": forms.get("transfer_form") or TransferForm(departments=departments),
            "publish_form": forms.get("publish_form")
            or PublishForm(
                initial={
                    "public_question": consultation.faq_question or consultation.title,
                    "public_answer": consultation.faq_answer or consultation.answer,
                }
            ),
            "nav": "interaction",
        },
    )


def _error_text(exc: Exception) -> str:
    return "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _act(request: HttpRequest, form: Any, action: Any, success: str, back: Any) -> HttpResponse:
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return back
    try:
        action(form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, success)
    return back


@require_POST
@staff_view(*DEPARTMENT_ROLES)
def consultation_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    return _act(
        request,
        AnswerForm(request.POST),
        lambda data: consultation_services.consultation_answer(
            actor=request.user, consultation=consultation, **data
        ),
        "已答复，并已通知咨询人",
        redirect("workbench:interaction_consultation", pk),
    )


@require_POST
@staff_view(*DEPARTMENT_ROLES)
def consultation_transfer_view(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    departments = selectors.transfer_targets(
        region=consultation.region, exclude_id=consultation.department_id
    )
    form = TransferForm(request.POST, departments=departments)
    moved = form.is_valid()
    response = _act(
        request,
        form,
        lambda data: consultation_services.consultation_transfer(
            actor=request.user, consultation=consultation, **data
        ),
        "已转办，答复期限不变",
        redirect("workbench:interaction_consultation", pk),
    )
    if moved and not selectors.consultations_for_staff(request.staff_scope).filter(pk=pk).exists():  # type: ignore[attr-defined]
        return redirect("workbench:interaction_list")  # no longer ours: back to the list
    return response


@require_POST
@staff_view(*DEPARTMENT_ROLES)
def consultation_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    return _act(
        request,
        PublishForm(request.POST),
        lambda data: consultation_services.consultation_publish(
            actor=request.user, consultation=consultation, **data
        ),
        "已公开为常见问题",
        redirect("workbench:interaction_consultation", pk),
    )


# --- complaints -------------------------------------------------------------------------------------


@require_GET
@staff_view(*ROLES)
def complaint_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _complaint_render(request, _complaint(request, pk))


def _complaint_render(
    request: HttpRequest, complaint: Complaint, *, revealed: str = "", reveal_form: Any = None
) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    departments = selectors.transfer_targets(region=complaint.region, exclude_id=complaint.department_id)
    return render(
        request,
        "workbench/interaction/complaint.html",
        {
            "record": complaint,
            "colour": selectors.due_colour(complaint.due_on, open_=_is_open(complaint)),
            "events": selectors.events_of(complaint, public_only=False),
            "may_handle": _may_handle(request, complaint),
            "may_triage": complaint.status == ComplaintStatus.SUBMITTED
            and (_may_handle(request, complaint) or scope.has_role(StaffRole.SUPERVISOR)),
            "may_reveal": bool(complaint.contact_sealed)
            and scope.covers(
                region_path=complaint.region.path,
                department_id=complaint.department_id,
                for_roles=(StaffRole.DEPARTMENT_HEAD,),
            ),
            "revealed": revealed,
            "triage_form": TriageForm(departments=departments),
            "transfer_form": TransferForm(departments=departments),
            "reply_form": ReplyForm(),
            "close_form": CloseForm(),
            "reveal_form": reveal_form or RevealForm(),
            "nav": "interaction",
        },
    )


@require_POST
@staff_view(*ROLES)
def complaint_triage_view(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    departments = selectors.transfer_targets(region=complaint.region, exclude_id=complaint.department_id)
    response = _act(
        request,
        TriageForm(request.POST, departments=departments),
        lambda data: complaint_services.complaint_triage(actor=request.user, complaint=complaint, **data),
        "已分办",
        redirect("workbench:interaction_complaint", pk),
    )
    if not selectors.complaints_for_staff(request.staff_scope).filter(pk=pk).exists():  # type: ignore[attr-defined]
        return redirect("workbench:interaction_list")
    return response


@require_POST
@staff_view(*DEPARTMENT_ROLES)
def complaint_transfer_view(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    departments = selectors.transfer_targets(region=complaint.region, exclude_id=complaint.department_id)
    response = _act(
        request,
        TransferForm(request.POST, departments=departments),
        lambda data: complaint_services.complaint_transfer(actor=request.user, complaint=complaint, **data),
        "已转办，办理期限不变",
        redirect("workbench:interaction_complaint", pk),
    )
    if not selectors.complaints_for_staff(request.staff_scope).filter(pk=pk).exists():  # type: ignore[attr-defined]
        return redirect("workbench:interaction_list")
    return response


@require_POST
@staff_view(*DEPARTMENT_ROLES)
def complaint_reply_view(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    return _act(
        request,
        ReplyForm(request.POST),
        lambda data: complaint_services.complaint_reply(actor=request.user, complaint=complaint, **data),
        "已答复，等待投诉举报人确认",
        redirect("workbench:interaction_complaint", pk),
    )


@require_POST
@staff_view(*DEPARTMENT_ROLES)
def complaint_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    return _act(
        request,
        CloseForm(request.POST),
        lambda data: complaint_services.complaint_close(actor=request.user, complaint=complaint, **data),
        "已办结",
        redirect("workbench:interaction_complaint", pk),
    )


@require_POST
@staff_view(StaffRole.DEPARTMENT_HEAD)
def complaint_reveal_view(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    form = RevealForm(request.POST)
    if not form.is_valid():
        return _complaint_render(request, complaint, reveal_form=form)
    try:
        contact = complaint_services.complaint_contact_reveal(
            actor=request.user, complaint=complaint, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _complaint_render(request, complaint, reveal_form=form)
    return _complaint_render(request, complaint, revealed=contact)
