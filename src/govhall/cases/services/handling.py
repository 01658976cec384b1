"""办理 — what staff (and the applicant) do to a case after submission.

Every function locks the case row, checks the step (the open task of the right kind) and the actor
(department and role of the task, and that no colleague has claimed it), writes the timeline
(``CaseEvent``: who, when, opinion, attachment) and an audit entry, advances the process, and tells
the applicant when something changed for them. Clocks are dates counted in working days
(``core.workdays``); special procedures pause them, approved extensions lengthen them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from govhall.core.audit import AuditTarget, audit_record
from govhall.core.workdays import workdays_add
from govhall.identity.models import StaffRole
from govhall.identity.selectors import staff_profile_for
from govhall.licences.selectors import licence_types_for_item
from govhall.licences.services import (
    licence_issue,
    licence_usable_as_material,
    licence_use_record,
    result_document_sign,
)

from ..models import (
    Case,
    CaseEvent,
    CaseMaterial,
    CaseResult,
    CaseStatus,
    CaseTask,
    Correction,
    EventKind,
    Extension,
    MaterialSource,
    SpecialProcedure,
    SpecialProcedureKind,
    TaskStatus,
)
from ..uploads import upload_clean
from .applicants import Applicant
from .flow import flow_cancel_open, flow_complete, flow_fire_timers, task_actor_check, task_open_of_kind
from .notify import applicant_notify

MAX_OPINION = 2000


def _lock(case: Case) -> Case:
    return (
        Case.objects.select_for_update(
            of=("self",)
        )  # PostgreSQL: no FOR UPDATE on the nullable enterprise join
        .select_related("department", "applicant", "enterprise")
        .get(pk=case.pk)
    )


def _label(actor: Any) -> str:
    profile = staff_profile_for(actor)
    if profile is not None:
        return profile.display_name
    person = getattr(actor, "person", None)
    return getattr(person, "name", "") or getattr(actor, "get_username", lambda: "系统")()


def _text(value: str, *, field: str, required: bool, what: str) -> str:
    text = (value or "").strip()
    if required and len(text) < 2:
        raise ValidationError({field: [f"请填写{what}"]})
    if len(text) > MAX_OPINION:
        raise ValidationError({field: [f"{what}不能超过 {MAX_OPINION} 字"]})
    return text


def _event(
    case: Case,
    kind: str,
    actor: Any,
    *,
    opinion: str = "",
    public: bool = True,
    data: dict[str, Any] | None = None,
    department: Any = None,
    attachment: tuple[str, bytes] | None = None,
) -> CaseEvent:
    event = CaseEvent(
        case=case,
        kind=kind,
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_label(actor) if actor is not None else "系统",
        department=department,
        opinion=opinion,
        public=public,
        data=data or {},
    )
    if attachment is not None:
        clean = upload_clean(attachment[1])
        event.attachment.save(
            f"{clean.sha256[:16]}.{clean.extension}", ContentFile(clean.content), save=False
        )
        event.data = {**event.data, "attachment_name": attachment[0][:150]}
    event.save()
    return event


def _audit(
    actor: Any, case: Case, action: str, summary: dict[str, Any] | None = None, reason: str = ""
) -> None:
    audit_record(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label="" if getattr(actor, "pk", None) else "system",
        action=action,
        target=AuditTarget.of(case, f"{case.number} {case.item_name}"),
        summary=summary or {},
        reason=reason[:500],
    )


def _pauses(case: Case) -> list[tuple[dt.date, dt.date | None]]:
    return [(p.started_on, p.ended_on) for p in case.special_procedures.all()]


def _recompute_due(case: Case) -> None:
    """Promised and statutory due dates from the acceptance date, extensions and paused intervals."""
    pauses = _pauses(case)
    if case.accepted_on is None or any(end is None for _, end in pauses):
        return  # not started, or paused: the due dates are set again when the pause ends
    if case.promised_days is not None:
        case.promised_due = workdays_add(
            case.accepted_on, case.promised_days + case.extension_days, pauses=pauses
        )
    if case.statutory_days is not None:
        case.statutory_due = workdays_add(
            case.accepted_on, case.statutory_days + case.extension_days, pauses=pauses
        )
    case.tasks.filter(status=TaskStatus.OPEN).exclude(kind__in=["accept", "preliminary"]).update(
        due_on=case.promised_due or case.statutory_due
    )


# --- the inbox -----------------------------------------------------------------------------------


@transaction.atomic
def task_claim(*, actor: Any, task: CaseTask) -> CaseTask:
    """签收: the task is mine until I finish or release it; colleagues see who holds it."""
    task = CaseTask.objects.select_for_update().select_related("case").get(pk=task.pk)
    if task.status != TaskStatus.OPEN:
        raise ValidationError("该待办已办结", code="closed")
    task_actor_check(task, actor)
    if task.claimed_by_id == actor.pk:
        return task
    task.claimed_by, task.claimed_at = actor, timezone.now()
    task.save(update_fields=["claimed_by", "claimed_at"])
    _event(
        task.case,
        EventKind.CLAIMED,
        actor,
        public=False,
        department=task.department,
        data={"task": task.name},
    )
    _audit(actor, task.case, "case.task_claimed", {"task": task.name})
    return task


@transaction.atomic
def task_release(*, actor: Any, task: CaseTask, reason: str = "") -> CaseTask:
    """退回待办: give a claimed task back to the department's pool (the holder, or the department head)."""
    task = CaseTask.objects.select_for_update().select_related("case").get(pk=task.pk)
    profile = staff_profile_for(actor)
    is_head = (
        profile is not None
        and profile.department_id == task.department_id
        and StaffRole.DEPARTMENT_HEAD in profile.roles
    )
    if task.claimed_by_id != actor.pk and not is_head:
        raise PermissionDenied("只有签收人或部门负责人可以退回该待办")
    task.claimed_by, task.claimed_at = None, None
    task.save(update_fields=["claimed_by", "claimed_at"])
    _event(
        task.case,
        EventKind.RELEASED,
        actor,
        public=False,
        opinion=reason.strip()[:500],
        department=task.department,
    )
    _audit(actor, task.case, "case.task_released", {"task": task.name}, reason)
    return task


# --- acceptance ----------------------------------------------------------------------------------


def _accept_task(case: Case, actor: Any) -> CaseTask:
    if case.status not in (CaseStatus.SUBMITTED, CaseStatus.CORRECTION):
        raise ValidationError("该办件不在受理环节", code="wrong_step")
    task = task_open_of_kind(case, "accept")
    task_actor_check(task, actor)
    return task


@transaction.atomic
def case_accept(*, actor: Any, case: Case, opinion: str = "") -> Case:
    """受理: the promised and statutory clocks start today."""
    case = _lock(case)
    task = _accept_task(case, actor)
    if case.status == CaseStatus.CORRECTION:
        raise ValidationError("申请人尚未提交补正材料，不能受理", code="awaiting_correction")
    case.status = CaseStatus.IN_REVIEW
    case.accepted_on = timezone.localdate()
    _recompute_due(case)
    opinion = _text(opinion, field="opinion", required=False, what="受理意见")
    _event(case, EventKind.ACCEPTED, actor, opinion=opinion, department=task.department)
    flow_complete(case, task, actor=actor, outcome="accepted")
    _recompute_due(case)
    case.save()
    _audit(actor, case, "case.accepted", {"promised_due": str(case.promised_due or "")})
    applicant_notify(case, "case_accepted", due=str(case.promised_due or case.statutory_due or "—"))
    return case


@transaction.atomic
def case_refuse(*, actor: Any, case: Case, reason: str) -> Case:
    """不予受理 with the reason, and a written notice sealed by the department."""
    case = _lock(case)
    task = _accept_task(case, actor)
    reason = _text(reason, field="reason", required=True, what="不予受理的理由")
    pdf = result_document_sign(
        issuer=case.department,
        title="不予受理通知书",
        body=[
            f"{case.applicant_name}：",
            f"你（单位）于{case.received_on:%Y年%m月%d日}提出的{case.item_name}申请（办件编号 {case.number}），经审查，决定不予受理。",
            f"理由：{reason}",
            "如不服本决定，可以依法申请行政复议或者提起行政诉讼。",
        ],
        reference=case.number,
    )
    case.result_document.save(f"{case.number}-refusal.pdf", ContentFile(pdf), save=False)
    case.status = CaseStatus.REFUSED
    case.completed_at = timezone.now()
    _event(case, EventKind.REFUSED, actor, opinion=reason, department=task.department)
    flow_complete(case, task, actor=actor, outcome="refused")
    case.save()
    _audit(actor, case, "case.refused", reason=reason)
    applicant_notify(case, "case_refused")
    return case


@transaction.atomic
def case_correction_request(
    *, actor: Any, case: Case, items: list[dict[str, Any]], note: str = ""
) -> Correction:
    """一次性告知补正: one notice listing every missing or defective material; the applicant answers once."""
    case = _lock(case)
    task = _accept_task(case, actor)
    if case.status == CaseStatus.CORRECTION:
        raise ValidationError("已发出补正告知，等待申请人补正", code="awaiting_correction")
    listed = {m.material_position: m.name for m in case.materials.all()}
    cleaned: list[dict[str, Any]] = []
    from govhall.catalog.models import Material

    names = dict(Material.objects.filter(version_id=case.version_id).values_list("position", "name"))
    for index, item in enumerate(items):
        try:
            position = int(str(item.get("material_position")))
        except (TypeError, ValueError):
            raise ValidationError({f"items.{index}.material_position": ["请选择需要补正的材料"]}) from None
        if position not in names:
            raise ValidationError({f"items.{index}.material_position": [f"第 {position} 项材料不存在"]})
        problem = _text(
            str(item.get("problem", "")), field=f"items.{index}.problem", required=True, what="补正要求"
        )
        cleaned.append(
            {"material_position": position, "name": listed.get(position, names[position]), "problem": problem}
        )
    if not cleaned:
        raise ValidationError({"items": ["请至少列出一项需要补正的材料"]})
    if len({i["material_position"] for i in cleaned}) != len(cleaned):
        raise ValidationError({"items": ["同一材料请只列一次，把所有问题写在一起"]})
    note = _text(note, field="note", required=False, what="补充说明")
    correction = Correction.objects.create(
        case=case, items=cleaned, note=note, requested_at=timezone.now(), requested_by=actor
    )
    pdf = result_document_sign(
        issuer=case.department,
        title="补正材料通知书（一次性告知）",
        body=[
            f"{case.applicant_name}：",
            f"你（单位）提出的{case.item_name}申请（办件编号 {case.number}）材料不齐全或不符合法定形式，请一次性补正以下材料：",
        ]
        + [f"{n}. {i['name']}：{i['problem']}" for n, i in enumerate(cleaned, 1)]
        + ([f"说明：{note}"] if note else []),
        reference=case.number,
    )
    correction.notice.save(f"{case.number}-correction-{correction.pk}.pdf", ContentFile(pdf), save=True)
    case.status = CaseStatus.CORRECTION
    case.save(update_fields=["status", "updated_at"])
    _event(
        case,
        EventKind.CORRECTION_REQUESTED,
        actor,
        opinion=note,
        department=task.department,
        data={"items": cleaned},
    )
    _audit(actor, case, "case.correction_requested", {"items": len(cleaned)})
    applicant_notify(case, "case_correction")
    return correction


@transaction.atomic
def case_correction_answer(
    *,
    applicant: Applicant,
    case: Case,
    uploads: dict[int, list[tuple[str, bytes]]],
    licences: dict[int, str] | None = None,
    note: str = "",
    at_window_by: Any = None,
) -> Case:
    """The applicant's single answer: every listed material must be supplied (upload or licence)."""
    case = _lock(case)
    if case.status != CaseStatus.CORRECTION:
        raise ValidationError("该办件没有待补正的事项", code="no_correction")
    correction = case.corrections.filter(answered_at__isnull=True).order_by("-id").first()
    assert correction is not None
    licences = licences or {}
    wanted = [int(i["material_position"]) for i in correction.items]
    missing = [
        i["name"]
        for i in correction.items
        if not uploads.get(int(i["material_position"])) and not licences.get(int(i["material_position"]))
    ]
    if missing:
        raise ValidationError({"materials": [f"请补正全部告知的材料，尚缺：{'、'.join(missing)}"]})
    round_no = (correction.case.corrections.filter(answered_at__isnull=False).count()) + 1
    actor = at_window_by or applicant.user
    rows = []
    for position in wanted:
        name = next(i["name"] for i in correction.items if int(i["material_position"]) == position)
        case.materials.filter(material_position=position, superseded=False).update(superseded=True)
        for filename, content in uploads.get(position, []):
            clean = upload_clean(content)
            row = CaseMaterial(
                case=case,
                material_position=position,
                name=name,
                source=MaterialSource.SCAN if at_window_by else MaterialSource.UPLOAD,
                original_name=f"{(filename or '材料').rsplit('.', 1)[0][:150]}.{clean.extension}",
                content_type=clean.content_type,
                size=clean.size,
                sha256=clean.sha256,
                round=round_no,
                added_by=actor,
            )
            row.file.save(f"{clean.sha256[:16]}.{clean.extension}", ContentFile(clean.content), save=False)
            rows.append(row)
        if licences.get(position):
            licence = licence_usable_as_material(
                identifier=licences[position], person=applicant.person, enterprise=applicant.enterprise
            )
            licence_use_record(licence=licence, actor=applicant.user, case_number=case.number)
            rows.append(
                CaseMaterial(
                    case=case,
                    material_position=position,
                    name=name,
                    source=MaterialSource.LICENCE,
                    original_name=licence.licence_type.name,
                    licence_identifier=licence.identifier,
                    round=round_no,
                    added_by=actor,
                )
            )
    CaseMaterial.objects.bulk_create(rows)
    correction.answered_at = timezone.now()
    correction.save(update_fields=["answered_at"])
    today = timezone.localdate()
    case.status = CaseStatus.SUBMITTED
    case.accept_due = workdays_add(today, 5)
    case.save(update_fields=["status", "accept_due", "updated_at"])
    case.tasks.filter(status=TaskStatus.OPEN, kind="accept").update(due_on=case.accept_due)
    note = _text(note, field="note", required=False, what="补正说明")
    _event(
        case,
        EventKind.CORRECTED,
        actor,
        opinion=note,
        data={"materials": len(rows), "window": bool(at_window_by)},
    )
    if at_window_by is not None:
        _visit(case, at_window_by, "窗口提交补正材料")
    _audit(actor, case, "case.corrected", {"materials": len(rows)})
    return case


@transaction.atomic
def cases_deem_accepted(*, today: dt.date | None = None) -> int:
    """行政许可法 Art. 32: no decision on acceptance within 5 working days → accepted from receipt, flagged."""
    today = today or timezone.localdate()
    count = 0
    for case in Case.objects.select_for_update().filter(status=CaseStatus.SUBMITTED, accept_due__lt=today):
        task = case.tasks.filter(status=TaskStatus.OPEN, kind="accept").first()
        case.status = CaseStatus.IN_REVIEW
        case.deemed_accepted = True
        case.accepted_on = case.received_on
        _event(
            case,
            EventKind.DEEMED_ACCEPTED,
            None,
            opinion="受理期限内未作出决定，自收到申请之日起视为受理",
            data={"accept_due": str(case.accept_due)},
        )
        if task is not None:
            flow_complete(case, task, actor=None, outcome="accepted")
        _recompute_due(case)
        case.save()
        _audit(None, case, "case.deemed_accepted", {"accept_due": str(case.accept_due)})
        applicant_notify(case, "case_accepted", due=str(case.promised_due or case.statutory_due or "—"))
        count += 1
    return count


# --- review, parallel approval, preliminary review, decision --------------------------------------

_OPINION_KINDS = {
    "review": EventKind.OPINION,
    "countersign": EventKind.COUNTERSIGNED,
    "preliminary": EventKind.PRELIMINARY,
}


@transaction.atomic
def case_opinion(
    *,
    actor: Any,
    case: Case,
    task: CaseTask,
    opinion: str,
    agree: bool = True,
    attachment: tuple[str, bytes] | None = None,
) -> Case:
    """审查 / 并联审批协办 / 下级初审 opinion: completes the actor's task; the process moves on."""
    case = _lock(case)
    task = CaseTask.objects.select_for_update().get(pk=task.pk, case=case)
    if task.status != TaskStatus.OPEN or task.kind not in _OPINION_KINDS:
        raise ValidationError("该待办不是需要出具意见的环节", code="wrong_step")
    if case.paused:
        raise ValidationError("办件处于特别程序中，请先结束特别程序", code="paused")
    task_actor_check(task, actor)
    opinion = _text(opinion, field="opinion", required=True, what="意见")
    _event(
        case,
        _OPINION_KINDS[task.kind],
        actor,
        opinion=opinion,
        public=False,
        department=task.department,
        data={"agree": agree, "task": task.name},
        attachment=attachment,
    )
    flow_complete(case, task, actor=actor, outcome="agree" if agree else "disagree")
    case.save()
    _audit(actor, case, f"case.{task.kind}_opinion", {"agree": agree, "department": task.department.name})
    return case


@transaction.atomic
def case_decide(*, actor: Any, case: Case, approve: bool, opinion: str) -> Case:
    """决定: approve (licence or result document issued, sealed) or deny with reasons (决定书)."""
    case = _lock(case)
    if case.status != CaseStatus.IN_REVIEW:
        raise ValidationError("该办件不在决定环节", code="wrong_step")
    if case.paused:
        raise ValidationError("办件处于特别程序中，请先结束特别程序", code="paused")
    task = task_open_of_kind(case, "decide")
    task_actor_check(task, actor)
    opinion = _text(
        opinion, field="opinion", required=not approve, what="不予许可的理由" if not approve else "决定意见"
    )
    case.status = CaseStatus.COMPLETED
    case.result = CaseResult.APPROVED if approve else CaseResult.DENIED
    case.completed_at = timezone.now()
    _event(
        case,
        EventKind.APPROVED if approve else EventKind.DENIED,
        actor,
        opinion=opinion,
        department=task.department,
    )
    flow_complete(case, task, actor=actor, outcome="approved" if approve else "denied")
    _issue_result(case, actor, approve=approve, opinion=opinion)
    case.save()
    _audit(
        actor,
        case,
        "case.approved" if approve else "case.denied",
        {"licence": case.licence_identifier},
        opinion,
    )
    applicant_notify(case, "case_decided", result=str(case.get_result_display()))
    return case


def _licence_data(case: Case, metadata_schema: dict[str, Any]) -> dict[str, Any]:
    """The licence's metadata from the application: each field by its key, else by the form field of the same title.

    The form is the item's (edited by catalog managers), the metadata schema the licence type's; they
    need not share keys — 食品经营许可's form asks for ``operator_name`` where the licence shows
    ``business_name``, both titled 经营者名称.
    """
    from govhall.catalog.models import ImplementationVersion

    form_schema = (
        ImplementationVersion.objects.filter(pk=case.version_id).values_list("form_schema", flat=True).first()
        or {}
    )
    by_title = {
        str(spec.get("title", "")).strip(): key
        for key, spec in (form_schema.get("properties") or {}).items()
        if isinstance(spec, dict) and spec.get("title")
    }
    data: dict[str, Any] = {}
    for key, spec in (metadata_schema.get("properties") or {}).items():
        source = key if key in case.form_data else by_title.get(str(spec.get("title", "")).strip())
        if source not in case.form_data:
            continue
        value = case.form_data[source]
        if spec.get("type") == "string" and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # 面积 60 shown on a licence as text
        data[key] = value
    return data


def _issue_result(case: Case, actor: Any, *, approve: bool, opinion: str) -> None:
    if case.bundle_code:  # 一件事: a licence per item with a licence type and one combined notice
        from .bundles import bundle_result_issue

        bundle_result_issue(case, actor, approve=approve, opinion=opinion)
        return
    types = licence_types_for_item(case.item_code) if approve else []
    if types:
        licence_type = types[0]
        valid_until = None
        if licence_type.validity_years:
            today = timezone.localdate()
            valid_until = today.replace(year=today.year + licence_type.validity_years) - dt.timedelta(days=1)
        data = _licence_data(case, licence_type.metadata_schema or {})
        licence = licence_issue(
            actor=actor,
            type_code=licence_type.code,
            holder_person=None if case.enterprise_id else case.applicant,
            holder_enterprise=case.enterprise,
            issuer=case.department,
            data=data,
            valid_until=valid_until,
            source_case=case.number,
        )
        case.licence_identifier = licence.identifier
        _event(
            case,
            EventKind.LICENCE_ISSUED,
            actor,
            data={"licence": licence.identifier, "type": licence_type.name},
        )
        applicant_notify(case, "case_result_ready", document=licence_type.name)
        return
    title = "准予行政许可决定书" if approve else "不予行政许可决定书"
    body = [
        f"{case.applicant_name}：",
        f"你（单位）于{case.received_on:%Y年%m月%d日}提出的{case.item_name}申请（办件编号 {case.number}），经审查，",
    ]
    body.append(
        "符合法定条件、标准，决定准予许可。"
        if approve
        else f"不符合法定条件、标准，决定不予许可。理由：{opinion}"
    )
    if not approve:
        body.append(
            "如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。"
        )
    pdf = result_document_sign(issuer=case.department, title=title, body=body, reference=case.number)
    case.result_document.save(f"{case.number}-decision.pdf", ContentFile(pdf), save=False)
    if approve:
        applicant_notify(case, "case_result_ready", document=title)


# --- extensions and special procedures ------------------------------------------------------------


@transaction.atomic
def extension_request(*, actor: Any, case: Case, days: int, reason: str) -> Extension:
    """延期 requested by whoever handles the case; a department head approves it."""
    case = _lock(case)
    if case.status != CaseStatus.IN_REVIEW:
        raise ValidationError("只有审查中的办件可以申请延期", code="wrong_step")
    profile = staff_profile_for(actor)
    if profile is None or profile.department_id != case.department_id:
        raise PermissionDenied("只有牵头部门可以申请延期")
    if not 1 <= int(days) <= 30:
        raise ValidationError({"days": ["延期天数应为 1 至 30 个工作日"]})
    if case.extensions.filter(approved__isnull=True).exists():
        raise ValidationError("已有待审批的延期申请", code="pending")
    reason = _text(reason, field="reason", required=True, what="延期理由")
    extension = Extension.objects.create(
        case=case, days=int(days), reason=reason, requested_by=actor, requested_at=timezone.now()
    )
    _event(case, EventKind.EXTENSION_REQUESTED, actor, opinion=reason, public=False, data={"days": int(days)})
    _audit(actor, case, "case.extension_requested", {"days": int(days)}, reason)
    return extension


@transaction.atomic
def extension_decide(*, actor: Any, extension: Extension, approve: bool, opinion: str = "") -> Extension:
    case = _lock(extension.case)
    extension = Extension.objects.select_for_update().get(pk=extension.pk)
    profile = staff_profile_for(actor)
    if (
        profile is None
        or profile.department_id != case.department_id
        or StaffRole.DEPARTMENT_HEAD not in profile.roles
    ):
        raise PermissionDenied("延期须由牵头部门负责人批准")
    if extension.approved is not None:
        raise ValidationError("该延期申请已处理", code="decided")
    if extension.requested_by_id == actor.pk:
        raise PermissionDenied("不能批准自己提出的延期申请")
    extension.approved, extension.decided_by, extension.decided_at = approve, actor, timezone.now()
    extension.save()
    opinion = _text(opinion, field="opinion", required=not approve, what="意见")
    if approve:
        case.extension_days += extension.days
        _recompute_due(case)
        case.save()
        _event(
            case,
            EventKind.EXTENDED,
            actor,
            opinion=extension.reason,
            data={"days": extension.days, "due": str(case.promised_due)},
        )
        applicant_notify(case, "case_extended", due=str(case.promised_due or case.statutory_due or "—"))
    else:
        _event(case, EventKind.EXTENSION_REJECTED, actor, opinion=opinion, public=False)
    _audit(actor, case, "case.extension_decided", {"approved": approve, "days": extension.days}, opinion)
    return extension


def _handler_check(actor: Any, case: Case) -> None:
    """Staff of the lead department with a handling role (reviewer or head)."""
    profile = staff_profile_for(actor)
    if (
        profile is None
        or profile.department_id != case.department_id
        or not {StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD} & set(profile.roles)
    ):
        raise PermissionDenied("只有牵头部门的审批人员可以操作")


@transaction.atomic
def special_start(
    *, actor: Any, case: Case, kind: str, reason: str, expected_days: int | None = None
) -> SpecialProcedure:
    """特别程序 (听证, 检验, 鉴定, 专家评审, 现场勘查 …): the clock stops from today; the applicant is told."""
    case = _lock(case)
    if case.status != CaseStatus.IN_REVIEW:
        raise ValidationError("只有审查中的办件可以启动特别程序", code="wrong_step")
    _handler_check(actor, case)
    if case.paused:
        raise ValidationError("该办件已处于特别程序中", code="paused")
    if kind not in SpecialProcedureKind.values:
        raise ValidationError({"kind": ["请选择特别程序类型"]})
    reason = _text(reason, field="reason", required=True, what="启动事由")
    procedure = SpecialProcedure.objects.create(
        case=case,
        kind=kind,
        reason=reason,
        expected_days=expected_days,
        started_on=timezone.localdate(),
        started_by=actor,
    )
    case.paused = True
    _recompute_due(case)
    case.save()
    label = str(SpecialProcedureKind(kind).label)
    _event(
        case,
        EventKind.SPECIAL_STARTED,
        actor,
        opinion=reason,
        data={"kind": kind, "label": label, "expected_days": expected_days},
    )
    _audit(actor, case, "case.special_started", {"kind": kind}, reason)
    applicant_notify(case, "case_special", procedure=label)
    return procedure


@transaction.atomic
def special_end(*, actor: Any, procedure: SpecialProcedure, outcome: str) -> SpecialProcedure:
    case = _lock(procedure.case)
    procedure = SpecialProcedure.objects.select_for_update().get(pk=procedure.pk)
    _handler_check(actor, case)
    if procedure.ended_on is not None:
        raise ValidationError("该特别程序已结束", code="ended")
    procedure.outcome = _text(outcome, field="outcome", required=True, what="特别程序结果")
    procedure.ended_on = timezone.localdate()
    procedure.save()
    case.paused = False
    _recompute_due(case)
    case.save()
    _event(
        case,
        EventKind.SPECIAL_ENDED,
        actor,
        opinion=procedure.outcome,
        data={
            "kind": procedure.kind,
            "label": procedure.get_kind_display(),
            "due": str(case.promised_due or ""),
        },
    )
    _audit(actor, case, "case.special_ended", {"kind": procedure.kind})
    return procedure


# --- the applicant and the window -----------------------------------------------------------------


@transaction.atomic
def case_withdraw(*, applicant: Applicant, case: Case, reason: str) -> Case:
    """撤回 by the applicant before the decision."""
    case = _lock(case)
    if case.submitted_by_id != applicant.user.pk and not (
        applicant.enterprise and case.enterprise_id == applicant.enterprise.pk
    ):
        raise PermissionDenied("只能撤回本人（本单位）的申请")
    if not case.is_open:
        raise ValidationError("该办件已办结，不能撤回", code="closed")
    reason = _text(reason, field="reason", required=True, what="撤回原因")
    case.status = CaseStatus.WITHDRAWN
    case.completed_at = timezone.now()
    case.paused = False
    case.save()
    flow_cancel_open(case)
    _event(case, EventKind.WITHDRAWN, applicant.user, opinion=reason)
    _audit(applicant.user, case, "case.withdrawn", reason=reason)
    return case


def _visit(case: Case, clerk: Any, purpose: str) -> None:
    case.visits += 1
    case.save(update_fields=["visits", "updated_at"])
    _event(case, EventKind.WINDOW_VISIT, clerk, opinion=purpose, data={"visit": case.visits})


@transaction.atomic
def case_visit_record(*, actor: Any, case: Case, purpose: str) -> Case:
    """到现场: a window clerk records that the applicant came in (counted for 最多跑一次)."""
    case = _lock(case)
    profile = staff_profile_for(actor)
    if profile is None or StaffRole.WINDOW_CLERK not in profile.roles:
        raise PermissionDenied("只有窗口人员可以登记到现场")
    purpose = _text(purpose, field="purpose", required=True, what="来办事由")
    _visit(case, actor, purpose)
    _audit(actor, case, "case.visit", {"visits": case.visits}, purpose)
    return case


@transaction.atomic
def case_result_collected(*, actor: Any, case: Case) -> Case:
    """窗口出件: the applicant collected the paper result at the window (one visit)."""
    case = _lock(case)
    profile = staff_profile_for(actor)
    if (
        profile is None
        or StaffRole.WINDOW_CLERK not in profile.roles
        or profile.department_id != case.department_id
    ):
        raise PermissionDenied("只有本部门窗口人员可以登记出件")
    if case.status != CaseStatus.COMPLETED:
        raise ValidationError("办件尚未办结", code="not_completed")
    _event(case, EventKind.RESULT_COLLECTED, actor)
    _visit(case, actor, "窗口领取结果")
    _audit(actor, case, "case.result_collected")
    return case


# --- the periodic tick ----------------------------------------------------------------------------


def cases_tick(*, now: dt.datetime | None = None) -> dict[str, int]:
    """What runs periodically: deemed acceptance, then due BPMN timers. Idempotent — safe to run twice."""
    now = now or timezone.now()
    deemed = cases_deem_accepted(today=timezone.localdate(now))
    fired = 0
    for case_id in Case.objects.filter(
        timer_due__lte=now, status__in=[CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW]
    ).values_list("pk", flat=True):
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=case_id)
            if case.timer_due is None or case.timer_due > now:
                continue
            flow_fire_timers(case, now)
            case.save()
            _event(case, EventKind.TIMER_FIRED, None, public=False)
            fired += 1
    return {"deemed_accepted": deemed, "timers_fired": fired}
