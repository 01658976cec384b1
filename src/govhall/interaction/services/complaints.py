"""投诉举报 — submitting, triage, transfer, reply, the complainant's confirmation or reopening, closure,
and the audited reveal of an anonymous reporter's contact.

Lifecycle: 待受理 (submitted) → triage by the receiving department or a supervisor of the region:
受理 (accepted) / 不予受理 (rejected, with reason — the complaint ends) / 分办 (assigned to another
department, still awaiting acceptance) → 答复 (replied) → the complainant confirms (satisfied → closed)
or reopens it with a reason (back to accepted; **the deadline restarts**: N working days from the
reopening, N the region's complaint days) — as often as needed. A reply not confirmed within the
region's confirmation period is closed by ``interaction_tick``. Transfers never restart the deadline.

Anonymous reports (匿名举报, kind 举报 only) keep no name; the contact phone is sealed and only the head
of the handling department may reveal it, with a reason, audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from govhall.cases.selectors_interaction import case_brief
from govhall.core.audit import AuditTarget, audit_record
from govhall.core.personal_data import unseal
from govhall.directory.models import Department, Region
from govhall.identity.models import StaffRole

from ..models import (
    Channel,
    CloseReason,
    Complaint,
    ComplaintKind,
    ComplaintStatus,
    ComplaintSubject,
    EventKind,
)
from .common import (
    CONTACT_PURPOSE,
    DEPARTMENT_ROLES,
    Routed,
    asker_notify,
    contact_seal,
    department_move,
    event_add,
    reason_require,
    route,
    staff_require,
    text_require,
    transfer_record,
)
from .rules import complaint_due, confirm_due

TITLE_MAX, TEXT_MAX = 100, 5000
TRIAGE_ROLES = (*DEPARTMENT_ROLES, StaffRole.SUPERVISOR)


def _target(complaint: Complaint) -> AuditTarget:
    return AuditTarget(type="interaction.complaint", id=str(complaint.pk), label=f"投诉举报 {complaint.pk}")


def _subject_route(
    *,
    subject: str,
    case_number: str,
    implementation_code: str,
    department: Department | None,
    region: Region | None,
) -> tuple[Routed, str]:
    """The routing of a complaint's subject and the case number kept (for a complaint against a case)."""
    if subject == ComplaintSubject.CASE:
        brief = case_brief(number=case_number)
        if brief is None:
            raise ValidationError({"case_number": "没有找到该办件编号，请核对"})
        return Routed(
            department=Department.objects.get(pk=brief["department_id"]),
            region=Region.objects.get(pk=brief["region_id"]),
            implementation_code=brief["implementation_code"],
            item_name=brief["item_name"],
        ), brief["number"]
    if subject == ComplaintSubject.ITEM:
        if not (implementation_code or "").strip():
            raise ValidationError({"implementation_code": "请填写被投诉事项的实施编码"})
        return route(implementation_code=implementation_code), ""
    if subject == ComplaintSubject.DEPARTMENT and department is None:
        raise ValidationError({"department": "请选择被投诉的部门"})
    return route(department=department, region=region), ""


@transaction.atomic
def complaint_submit(
    *,
    complainant: Any,
    kind: str,
    subject: str,
    title: str,
    content: str,
    case_number: str = "",
    implementation_code: str = "",
    department: Department | None = None,
    region: Region | None = None,
    window_name: str = "",
    anonymous: bool = False,
    contact_phone: str = "",
    complainant_name: str = "",
    channel: str = Channel.WEB,
    today: dt.date | None = None,
) -> Complaint:
    """A new complaint or report, routed to the department concerned; its deadline set in working days."""
    if kind not in ComplaintKind.values:
        raise ValidationError({"kind": "请选择投诉或举报"})
    if subject not in ComplaintSubject.values:
        raise ValidationError({"subject": "请选择投诉对象"})
    if anonymous and kind != ComplaintKind.REPORT:
        raise ValidationError({"anonymous": "只有举报可以匿名提交"})
    if complainant is None and not anonymous and channel == Channel.WEB:
        raise PermissionDenied("请先登录后投诉；举报可以匿名提交")
    title = text_require(title, "title", "标题", TITLE_MAX)
    content = text_require(content, "content", "内容", TEXT_MAX)
    window_name = (window_name or "").strip()[:100]
    if subject == ComplaintSubject.WINDOW and not window_name:
        raise ValidationError({"window_name": "请填写被投诉的窗口"})
    routed, number = _subject_route(
        subject=subject,
        case_number=case_number,
        implementation_code=implementation_code,
        department=department,
        region=region,
    )
    sealed, masked = contact_seal(contact_phone)
    if anonymous and not sealed:
        raise ValidationError(
            {"contact_phone": "匿名举报请留下联系电话，以便核实情况（仅承办部门负责人经审计可查看）"}
        )
    person = getattr(complainant, "person", None) if complainant is not None else None
    name = "" if anonymous else (person.name if person is not None else complainant_name.strip())
    received_on = today or timezone.localdate()
    complaint = Complaint.objects.create(
        kind=kind,
        subject=subject,
        channel=channel,
        case_number=number,
        implementation_code=routed.implementation_code,
        item_name=routed.item_name,
        window_name=window_name,
        region=routed.region,
        department=routed.department,
        first_department=routed.department,
        complainant=complainant,
        complainant_name=name[:100],
        anonymous=anonymous,
        contact_sealed=sealed,
        contact_masked=masked,
        title=title,
        content=content,
        received_on=received_on,
        due_on=complaint_due(routed.region, received_on),
    )
    event_add(
        subject=complaint,
        kind=EventKind.RECEIVED,
        actor=None if anonymous else complainant,
        department=routed.department,
    )
    audit_record(
        actor=None if anonymous else complainant,
        actor_label="匿名举报人" if anonymous else "",
        action="interaction.complaint_submit",
        target=_target(complaint),
        summary={
            "kind": kind,
            "subject": subject,
            "department": routed.department.name,
            "channel": channel,
            "anonymous": anonymous,
            "due_on": complaint.due_on.isoformat(),
        },
    )
    return complaint


def _locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("region", "department")
        .get(pk=complaint.pk)
    )


def _link(complaint: Complaint) -> str:
    return reverse("portal:complaint_detail", args=[complaint.pk])


def _notify(complaint: Complaint, template: str) -> None:
    asker_notify(
        user=complaint.complainant,
        contact_sealed=complaint.contact_sealed,
        template=template,
        params={"kind": complaint.get_kind_display(), "title": complaint.title[:30]},
        link=_link(complaint),
        target=_target(complaint),
    )


@transaction.atomic
def complaint_triage(
    *,
    actor: Any,
    complaint: Complaint,
    decision: str,
    reason: str = "",
    to_department: Department | None = None,
    today: dt.date | None = None,
) -> Complaint:
    """分办: accept, reject as not admissible (with reason), or assign to another department (with reason)."""
    complaint = _locked(complaint)
    staff_require(actor, complaint, roles=TRIAGE_ROLES)
    if complaint.status != ComplaintStatus.SUBMITTED:
        raise ValidationError("该投诉举报已分办")
    today = today or timezone.localdate()
    if decision == "accept":
        complaint.status = ComplaintStatus.ACCEPTED
        complaint.accepted_on = today
        complaint.save(update_fields=["status", "accepted_on"])
        event_add(
            subject=complaint,
            kind=EventKind.ACCEPTED,
            actor=actor,
            department=complaint.department,
            note=reason.strip(),
        )
    elif decision == "reject":
        reason = reason_require(reason, what="不予受理的理由")
        complaint.status = ComplaintStatus.REJECTED
        complaint.close_reason = CloseReason.REJECTED
        complaint.closed_at = timezone.now()
        complaint.closed_on = today
        complaint.reply = reason
        complaint.save(update_fields=["status", "close_reason", "closed_at", "closed_on", "reply"])
        event_add(
            subject=complaint,
            kind=EventKind.REJECTED,
            actor=actor,
            department=complaint.department,
            note=reason,
        )
        _notify(complaint, "complaint_rejected")
    elif decision == "assign":
        if to_department is None:
            raise ValidationError({"to_department": "请选择承办部门"})
        reason = reason_require(reason, what="分办说明")
        previous = department_move(complaint, to_department)
        event_add(
            subject=complaint,
            kind=EventKind.TRANSFERRED,
            actor=actor,
            department=previous,
            to_department=to_department,
            note=reason,
        )
    else:
        raise ValidationError({"decision": "请选择受理、不予受理或分办"})
    audit_record(
        actor=actor,
        action="interaction.complaint_triage",
        target=_target(complaint),
        summary={"decision": decision, "department": complaint.department.name},
        reason=reason,
    )
    return complaint


@transaction.atomic
def complaint_transfer(
    *, actor: Any, complaint: Complaint, to_department: Department, reason: str
) -> Complaint:
    """转办 between departments with a reason; the deadline does not restart."""
    complaint = _locked(complaint)
    staff_require(actor, complaint)
    if complaint.status not in (ComplaintStatus.SUBMITTED, ComplaintStatus.ACCEPTED):
        raise ValidationError("只有待受理或办理中的投诉举报可以转办")
    reason = reason_require(reason, what="转办理由")
    previous = department_move(complaint, to_department)
    transfer_record(
        subject=complaint,
        actor=actor,
        previous=previous,
        reason=reason,
        action="interaction.complaint_transfer",
        target=_target(complaint),
    )
    return complaint


@transaction.atomic
def complaint_reply(
    *, actor: Any, complaint: Complaint, reply: str, today: dt.date | None = None
) -> Complaint:
    """答复 the complainant; they then confirm or reopen within the region's confirmation period."""
    complaint = _locked(complaint)
    staff_require(actor, complaint)
    if complaint.status != ComplaintStatus.ACCEPTED:
        raise ValidationError("请先受理，再答复")
    today = today or timezone.localdate()
    complaint.reply = text_require(reply, "reply", "答复内容", TEXT_MAX)
    complaint.status = ComplaintStatus.REPLIED
    complaint.replied_at = timezone.now()
    complaint.replied_on = today
    complaint.confirm_due = confirm_due(complaint.region, today)
    complaint.save(update_fields=["reply", "status", "replied_at", "replied_on", "confirm_due"])
    event_add(
        subject=complaint,
        kind=EventKind.REPLIED,
        actor=actor,
        department=complaint.department,
        note=complaint.reply,
    )
    audit_record(
        actor=actor,
        action="interaction.complaint_reply",
        target=_target(complaint),
        summary={"late": today > complaint.due_on, "due_on": complaint.due_on.isoformat()},
    )
    _notify(complaint, "complaint_replied")
    return complaint


def _own(user: Any, complaint: Complaint) -> None:
    if user is None or complaint.complainant_id != getattr(user, "pk", None):
        raise PermissionDenied("只有投诉举报人本人可以确认")


@transaction.atomic
def complaint_confirm(*, complainant: Any, complaint: Complaint, comment: str = "") -> Complaint:
    """The complainant is satisfied with the reply: the complaint is closed."""
    complaint = _locked(complaint)
    _own(complainant, complaint)
    if complaint.status != ComplaintStatus.REPLIED:
        raise ValidationError("该投诉举报当前不需要确认")
    complaint.status = ComplaintStatus.CLOSED
    complaint.close_reason = CloseReason.CONFIRMED
    complaint.closed_at = timezone.now()
    complaint.closed_on = timezone.localdate()
    complaint.save(update_fields=["status", "close_reason", "closed_at", "closed_on"])
    event_add(
        subject=complaint, kind=EventKind.CONFIRMED, actor=complainant, note=(comment or "").strip()[:500]
    )
    audit_record(actor=complainant, action="interaction.complaint_confirm", target=_target(complaint))
    return complaint


@transaction.atomic
def complaint_reopen(
    *, complainant: Any, complaint: Complaint, reason: str, today: dt.date | None = None
) -> Complaint:
    """Not satisfied: back to the department with a reason; the deadline restarts from today."""
    complaint = _locked(complaint)
    _own(complainant, complaint)
    if complaint.status != ComplaintStatus.REPLIED:
        raise ValidationError("只有已答复、待确认的投诉举报可以要求重新办理")
    reason = reason_require(reason, what="不满意的理由")
    today = today or timezone.localdate()
    previous_due = complaint.due_on
    complaint.status = ComplaintStatus.ACCEPTED
    complaint.reopen_count += 1
    complaint.due_on = complaint_due(complaint.region, today)
    complaint.confirm_due = None
    complaint.save(update_fields=["status", "reopen_count", "due_on", "confirm_due"])
    event_add(
        subject=complaint,
        kind=EventKind.REOPENED,
        actor=complainant,
        department=complaint.department,
        note=reason,
    )
    audit_record(
        actor=complainant,
        action="interaction.complaint_reopen",
        target=_target(complaint),
        summary={"previous_due": previous_due.isoformat(), "due_on": complaint.due_on.isoformat()},
        reason=reason,
    )
    return complaint


@transaction.atomic
def complaint_close(*, actor: Any, complaint: Complaint, note: str) -> Complaint:
    """Staff close a replied complaint after a return call (回访) confirmed it — with a note."""
    complaint = _locked(complaint)
    staff_require(actor, complaint)
    if complaint.status != ComplaintStatus.REPLIED:
        raise ValidationError("只有已答复的投诉举报可以办结")
    note = reason_require(note, field="note", what="回访情况")
    complaint.status = ComplaintStatus.CLOSED
    complaint.close_reason = CloseReason.STAFF
    complaint.closed_at = timezone.now()
    complaint.closed_on = timezone.localdate()
    complaint.save(update_fields=["status", "close_reason", "closed_at", "closed_on"])
    event_add(
        subject=complaint, kind=EventKind.CLOSED, actor=actor, department=complaint.department, note=note
    )
    audit_record(actor=actor, action="interaction.complaint_close", target=_target(complaint), reason=note)
    return complaint


@transaction.atomic
def complaint_contact_reveal(*, actor: Any, complaint: Complaint, reason: str) -> str:
    """The sealed contact in clear, for the head of the handling department only; reason required, audited."""
    complaint = _locked(complaint)
    staff_require(actor, complaint, roles=(StaffRole.DEPARTMENT_HEAD,))
    if not complaint.contact_sealed:
        raise ValidationError("该投诉举报没有留联系电话")
    reason = reason_require(reason, what="查看事由")
    audit_record(
        actor=actor,
        action="interaction.contact_reveal",
        target=_target(complaint),
        summary={"field": "contact", "anonymous": complaint.anonymous},
        reason=reason,
    )
    event_add(
        subject=complaint,
        kind=EventKind.REVEALED,
        actor=actor,
        department=complaint.department,
        note=reason,
        public=False,
    )
    return unseal(complaint.contact_sealed, purpose=CONTACT_PURPOSE)


def complaints_close_unconfirmed(*, today: dt.date) -> int:
    """Close every replied complaint whose confirmation period ended before ``today`` (idempotent)."""
    due = list(
        Complaint.objects.filter(status=ComplaintStatus.REPLIED, confirm_due__lt=today).values_list(
            "pk", flat=True
        )
    )
    closed = 0
    for pk in due:
        with transaction.atomic():
            complaint = (
                Complaint.objects.select_for_update().filter(pk=pk, status=ComplaintStatus.REPLIED).first()
            )
            if complaint is None:
                continue
            complaint.status = ComplaintStatus.CLOSED
            complaint.close_reason = CloseReason.UNCONFIRMED
            complaint.closed_at = timezone.now()
            complaint.closed_on = today
            complaint.save(update_fields=["status", "close_reason", "closed_at", "closed_on"])
            event_add(subject=complaint, kind=EventKind.CLOSED, actor=None, note="答复后逾期未确认，自动办结")
            audit_record(
                actor=None,
                actor_label="interaction_tick",
                action="interaction.complaint_auto_close",
                target=_target(complaint),
                summary={"confirm_due": complaint.confirm_due.isoformat() if complaint.confirm_due else ""},
            )
            closed += 1
    return closed
