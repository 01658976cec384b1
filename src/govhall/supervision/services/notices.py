"""督办通知单: issue (supervisor), answer (the department), close (the issuing level) — all audited.

Owns writes to ``Notice``. A notice is about a card, a case (by number), a complaint or a
consultation (through ``interaction.selectors_supervision.interaction_subject``, looked up lazily so
that supervision works without it). Numbers read 督办〔2026〕350800-0001: year, the issuing region's
code, a serial per year and region — allocated with the ``number`` unique constraint and a retry, so
two supervisors issuing at once never share one. The department's staff hear of a notice and the
issuer of its answer by in-site message, after commit. The scan escalates notices left unanswered
past their deadline (``services.scan``); an answer after the deadline is flagged ``answered_late``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from govhall.cases.selectors_supervision import case_subject
from govhall.core.audit import AuditTarget, audit_record
from govhall.core.workdays import workdays_add
from govhall.directory.models import Department, Region
from govhall.identity.models import StaffProfile, StaffRole
from govhall.identity.scope import DEPARTMENT_ROLES, staff_scope_for
from govhall.notifications.services import site_message_post

from ..models import Card, CardStatus, Notice, NoticeStatus, SubjectType
from ..rules import rule_for_region

NUMBER_ATTEMPTS = 5


@dataclass(frozen=True)
class Subject:
    type: str
    id: str
    label: str
    department_id: int
    region_id: int


def subject_resolve(*, subject_type: str, reference: str) -> Subject:
    """The subject of a new notice: a case by number, a complaint or consultation by id (Chinese errors)."""
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": "请填写督办对象的编号"})
    if subject_type == SubjectType.CASE:
        found = case_subject(number=reference)
        if found is None:
            raise ValidationError({"reference": f"未找到办件 {reference}"})
        return Subject(
            SubjectType.CASE, found["id"], found["label"], found["department_id"], found["region_id"]
        )
    if subject_type in (SubjectType.COMPLAINT, SubjectType.CONSULTATION):
        what = SubjectType(subject_type).label
        try:
            from govhall.interaction.selectors_supervision import interaction_subject
        except ImportError as exc:
            raise ValidationError({"reference": f"暂不能对{what}发起督办：互动模块未提供查询接口"}) from exc
        found = interaction_subject(subject_type=subject_type, subject_id=reference)
        if found is None:
            raise ValidationError({"reference": f"未找到{what} {reference}"})
        return Subject(subject_type, reference, found["label"], found["department_id"], found["region_id"])
    raise ValidationError({"subject_type": "督办对象只能是预警、办件、投诉举报或咨询"})


def _department_staff(department_id: int) -> list[Any]:
    ids = StaffProfile.objects.filter(department_id=department_id).values_list("user_id", flat=True)
    return list(get_user_model().objects.filter(pk__in=list(ids), is_active=True))


def _next_number(region: Region, year: int) -> str:
    prefix = f"督办〔{year}〕{region.short_code}-"
    last = (
        Notice.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{serial:04d}"


def notice_issue(
    *,
    actor: Any,
    requirement: str,
    card: Card | None = None,
    subject_type: str = "",
    reference: str = "",
) -> Notice:
    """A supervisor issues a notice on ``card`` or on a case/complaint/consultation (``reference``)."""
    scope = staff_scope_for(actor)
    if scope is None or not scope.has_role(StaffRole.SUPERVISOR):
        raise PermissionDenied("只有效能监察人员可以发起督办")
    requirement = (requirement or "").strip()
    if len(requirement) < 4:
        raise ValidationError({"requirement": "请写明督办要求（至少 4 个字）"})
    if card is not None:
        if card.department_id is None:
            raise ValidationError({"card": "该预警没有责任部门，无法督办"})
        subject = Subject(
            card.subject_type, card.subject_id, card.subject_label, card.department_id, card.region_id
        )
    else:
        subject = subject_resolve(subject_type=subject_type, reference=reference)
    region = Region.objects.get(pk=subject.region_id)
    if not scope.covers(region_path=region.path, for_roles=(StaffRole.SUPERVISOR,)):
        raise PermissionDenied("督办对象不在您的监察范围内")
    issuer_region = Region.objects.get(pk=scope.region_id)
    department = Department.objects.get(pk=subject.department_id)
    today = timezone.localdate()
    answer_due = workdays_add(today, rule_for_region(region).notice_answer_days)
    for attempt in range(NUMBER_ATTEMPTS):
        try:
            with transaction.atomic():
                notice = Notice.objects.create(
                    number=_next_number(issuer_region, today.year),
                    subject_type=subject.type,
                    subject_id=subject.id,
                    subject_label=subject.label,
                    card=card,
                    department=department,
                    region=region,
                    issued_by=actor,
                    issued_at=timezone.now(),
                    issuer_region=issuer_region,
                    requirement=requirement,
                    answer_due=answer_due,
                )
                audit_record(
                    actor=actor,
                    action="supervision.notice_issued",
                    target=AuditTarget.of(notice, label=f"{notice.number} {notice.subject_label}"[:200]),
                    summary={
                        "department": department.name,
                        "answer_due": answer_due,
                        "card": card and card.pk,
                    },
                    reason=requirement,
                )
                _tell_department(notice)
                return notice
        except IntegrityError:
            if attempt == NUMBER_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _tell_department(notice: Notice) -> None:
    from django.urls import reverse

    link = reverse("workbench:notice_detail", args=[notice.pk])
    params = {"number": notice.number, "subject": notice.subject_label[:60], "due": str(notice.answer_due)}

    def send() -> None:
        for user in _department_staff(notice.department_id):
            site_message_post(recipient=user, template="supervision_notice", params=params, link=link)

    transaction.on_commit(send)


def notice_answer(*, actor: Any, notice: Notice, answer: str) -> Notice:
    """The department (its head or staff) answers; an answer after ``answer_due`` is flagged late."""
    scope = staff_scope_for(actor)
    if scope is None or not scope.has_role(*DEPARTMENT_ROLES) or scope.department_id != notice.department_id:
        raise PermissionDenied("只有被督办部门的工作人员可以回复督办")
    answer = (answer or "").strip()
    if len(answer) < 4:
        raise ValidationError({"answer": "请填写回复内容（至少 4 个字）"})
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        if notice.status != NoticeStatus.ISSUED:
            raise ValidationError({"answer": "该督办已回复，不能重复回复"})
        notice.answer = answer
        notice.answered_by = actor
        notice.answered_at = timezone.now()
        notice.answered_late = timezone.localdate() > notice.answer_due
        notice.status = NoticeStatus.ANSWERED
        notice.save(update_fields=["answer", "answered_by", "answered_at", "answered_late", "status"])
        audit_record(
            actor=actor,
            action="supervision.notice_answered",
            target=AuditTarget.of(notice, label=notice.number),
            summary={"answered_late": notice.answered_late},
            reason=answer[:500],
        )
        issuer, params = (
            notice.issued_by,
            {
                "number": notice.number,
                "subject": notice.subject_label[:60],
                "department": notice.department.name,
            },
        )
        from django.urls import reverse

        link = reverse("workbench:notice_detail", args=[notice.pk])
        transaction.on_commit(
            lambda: site_message_post(
                recipient=issuer, template="supervision_answered", params=params, link=link
            )
        )
    return notice


def notice_close(*, actor: Any, notice: Notice, remark: str) -> Notice:
    """A supervisor of the issuing level closes an answered notice with a remark; its card is closed too."""
    scope = staff_scope_for(actor)
    if (
        scope is None
        or not scope.has_role(StaffRole.SUPERVISOR)
        or scope.region_id != notice.issuer_region_id
    ):
        raise PermissionDenied("只有督办单位（发起督办的层级）的效能监察人员可以办结督办")
    remark = (remark or "").strip()
    if len(remark) < 2:
        raise ValidationError({"remark": "请填写办结意见"})
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        if notice.status != NoticeStatus.ANSWERED:
            raise ValidationError({"remark": "只有已回复的督办可以办结"})
        now = timezone.now()
        notice.status, notice.closed_by, notice.closed_at, notice.closing_remark = (
            NoticeStatus.CLOSED,
            actor,
            now,
            remark,
        )
        notice.save(update_fields=["status", "closed_by", "closed_at", "closing_remark"])
        closed_card = 0
        if notice.card_id:
            closed_card = Card.objects.filter(pk=notice.card_id, status=CardStatus.OPEN).update(
                status=CardStatus.CLOSED, closed_at=now
            )
        audit_record(
            actor=actor,
            action="supervision.notice_closed",
            target=AuditTarget.of(notice, label=notice.number),
            summary={"card_closed": bool(closed_card)},
            reason=remark,
        )
    return notice
