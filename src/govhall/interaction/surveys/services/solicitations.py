"""意见征集 services: drafts, publication, opinions from the public, the feedback summary, exports.

A solicitation is edited only as a draft; publishing needs a period that has not ended yet.
Opinions are accepted only while it is open (today within the period) and from participants the
setting admits (``participants.participant_check``). The feedback (采纳情况) is published once the
period is over. Never reads or writes another context's tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from govhall.core.audit import AuditTarget, audit_record
from govhall.identity.scope import StaffScope

from ..models import OPINION_MAX, Opinion, Phase, PublishStatus, Solicitation
from ..ownership import change_require, owner_for, period_check
from ..participants import contact_seal, participant_check

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class SolicitationFields:
    title: str
    body: str
    opens_on: date
    closes_on: date
    participation: str
    attachment: UploadedFile | None = None
    remove_attachment: bool = False


def attachment_check(upload: UploadedFile) -> None:
    if upload.size and upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError("附件不能超过 10 MB")
    head = upload.read(1024)
    upload.seek(0)
    if not head.lstrip().startswith(b"%PDF-"):
        raise ValidationError("附件须为 PDF 文件")


def _apply(solicitation: Solicitation, fields: SolicitationFields) -> None:
    title, body = fields.title.strip(), fields.body.strip()
    if not title or not body:
        raise ValidationError("请填写标题和征求意见稿正文")
    period_check(fields.opens_on, fields.closes_on)
    solicitation.title, solicitation.body = title[:200], body
    solicitation.opens_on, solicitation.closes_on = fields.opens_on, fields.closes_on
    solicitation.participation = fields.participation
    if fields.attachment is not None:
        attachment_check(fields.attachment)
        solicitation.attachment.save(fields.attachment.name or "附件.pdf", fields.attachment, save=False)
        solicitation.attachment_name = (fields.attachment.name or "附件.pdf")[:200]
    elif fields.remove_attachment:
        solicitation.attachment = ""
        solicitation.attachment_name = ""


def _lock(solicitation: Solicitation) -> Solicitation:
    return (
        Solicitation.objects.select_for_update(of=("self",)).select_related("region").get(pk=solicitation.pk)
    )


def solicitation_create(*, actor: Any, scope: StaffScope, fields: SolicitationFields) -> Solicitation:
    owner = owner_for(scope)
    with transaction.atomic():
        solicitation = Solicitation(
            region=owner.region,
            department=owner.department,
            publisher_name=owner.publisher_name,
            created_by=actor,
        )
        _apply(solicitation, fields)
        solicitation.save()
        audit_record(
            actor=actor,
            action="surveys.solicitation_create",
            target=AuditTarget.of(solicitation),
            summary={
                "opens_on": fields.opens_on,
                "closes_on": fields.closes_on,
                "participation": fields.participation,
            },
        )
    return solicitation


def solicitation_update(
    *, actor: Any, scope: StaffScope, solicitation: Solicitation, fields: SolicitationFields
) -> Solicitation:
    with transaction.atomic():
        solicitation = _lock(solicitation)
        change_require(scope, region_path=solicitation.region.path, department_id=solicitation.department_id)
        if solicitation.status != PublishStatus.DRAFT:
            raise ValidationError("已发布的意见征集不能再修改")
        _apply(solicitation, fields)
        solicitation.save()
        audit_record(actor=actor, action="surveys.solicitation_update", target=AuditTarget.of(solicitation))
    return solicitation


def solicitation_publish(*, actor: Any, scope: StaffScope, solicitation: Solicitation) -> Solicitation:
    with transaction.atomic():
        solicitation = _lock(solicitation)
        change_require(scope, region_path=solicitation.region.path, department_id=solicitation.department_id)
        if solicitation.status != PublishStatus.DRAFT:
            raise ValidationError("该意见征集已发布")
        if solicitation.closes_on < timezone.localdate():
            raise ValidationError("截止日期已过，请先修改征集期限再发布")
        solicitation.status = PublishStatus.PUBLISHED
        solicitation.published_at = timezone.now()
        solicitation.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(actor=actor, action="surveys.solicitation_publish", target=AuditTarget.of(solicitation))
    return solicitation


def opinion_submit(*, user: Any, solicitation_id: int, body: str, contact: str = "") -> Opinion:
    """One opinion from the public while the solicitation is open; ``ValidationError`` (Chinese) otherwise."""
    body = (body or "").strip()
    if not body:
        raise ValidationError("请填写意见内容")
    if len(body) > OPINION_MAX:
        raise ValidationError(f"意见内容不能超过 {OPINION_MAX} 字")
    with transaction.atomic():
        solicitation = Solicitation.objects.get(pk=solicitation_id, status=PublishStatus.PUBLISHED)
        if solicitation.phase != Phase.OPEN:
            raise ValidationError("本次意见征集不在征集期内，不能提交意见")
        participant = participant_check(user=user, participation=solicitation.participation, what="意见征集")
        sealed, masked = contact_seal(contact)
        opinion = Opinion.objects.create(
            solicitation=solicitation,
            body=body,
            person=participant.person,
            contact_sealed=sealed,
            contact_masked=masked,
        )
        audit_record(
            actor=user if user is not None and user.is_authenticated else None,
            actor_label="" if user is not None and user.is_authenticated else "匿名公众",
            action="surveys.opinion_submit",
            target=AuditTarget(type="surveys.opinion", id=str(opinion.pk), label=solicitation.title[:200]),
            summary={"solicitation": solicitation.pk, "length": len(body), "contact": bool(sealed)},
        )
    return opinion


def solicitation_feedback_publish(
    *, actor: Any, scope: StaffScope, solicitation: Solicitation, feedback: str
) -> Solicitation:
    """Publish (or correct) the 采纳情况 once the period is over."""
    feedback = (feedback or "").strip()
    if len(feedback) < 10:
        raise ValidationError("采纳情况说明至少 10 个字")
    with transaction.atomic():
        solicitation = _lock(solicitation)
        change_require(scope, region_path=solicitation.region.path, department_id=solicitation.department_id)
        if solicitation.phase != Phase.CLOSED:
            raise ValidationError("征集期结束后才能发布意见采纳情况")
        solicitation.feedback = feedback
        solicitation.feedback_published_at = timezone.now()
        solicitation.save(update_fields=["feedback", "feedback_published_at", "updated_at"])
        audit_record(
            actor=actor,
            action="surveys.feedback_publish",
            target=AuditTarget.of(solicitation),
            summary={"length": len(feedback)},
        )
    return solicitation


def opinions_export_record(*, actor: Any, solicitation: Solicitation, rows: int) -> None:
    """Audit an export of the opinions (masked contacts only); the caller loaded it through the selector."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="surveys.opinions_export",
            target=AuditTarget.of(solicitation),
            summary={"rows": rows},
        )
