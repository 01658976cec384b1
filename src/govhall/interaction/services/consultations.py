"""咨询 — asking, answering (a late answer must explain itself), first-inquiry transfer, the public FAQ.

首问负责: the department that first receives a consultation owns it until it transfers it, with a
reason, to another department; the new department then owns it. Transfers never restart the answer
deadline (``due_on`` is fixed at receipt: ``workdays_add(received_on, N)``, N from the region's rule).
A department may publish an answered consultation to the FAQ in an edited public wording; the asker
is never shown there. Every change writes an audit entry and a timeline event in its transaction;
messages to the asker go out after commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from govhall.core.audit import AuditTarget, audit_record
from govhall.directory.models import Department, Region

from ..models import Channel, Consultation, ConsultationStatus, EventKind
from .common import (
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
from .rules import consultation_due

TITLE_MAX, TEXT_MAX = 100, 5000


def _target(consultation: Consultation) -> AuditTarget:
    return AuditTarget(
        type="interaction.consultation", id=str(consultation.pk), label=f"咨询 {consultation.pk}"
    )


@transaction.atomic
def consultation_ask(
    *,
    asker: Any,
    title: str,
    question: str,
    implementation_code: str = "",
    department: Department | None = None,
    region: Region | None = None,
    contact_phone: str = "",
    asker_name: str = "",
    channel: str = Channel.WEB,
    today: dt.date | None = None,
) -> Consultation:
    """A new consultation, routed to the item's department, the chosen one or the region's default one.

    ``asker`` is the logged-in account (web) or None (hotline: then ``contact_phone`` is sealed and kept).
    """
    title = text_require(title, "title", "标题", TITLE_MAX)
    question = text_require(question, "question", "咨询内容", TEXT_MAX)
    routed = route(implementation_code=implementation_code, department=department, region=region)
    sealed, masked = contact_seal(contact_phone)
    received_on = today or timezone.localdate()
    person = getattr(asker, "person", None) if asker is not None else None
    consultation = Consultation.objects.create(
        channel=channel,
        implementation_code=routed.implementation_code,
        item_name=routed.item_name,
        region=routed.region,
        department=routed.department,
        first_department=routed.department,
        asker=asker,
        asker_name=(person.name if person is not None else asker_name.strip())[:100],
        contact_sealed=sealed,
        contact_masked=masked,
        title=title,
        question=question,
        received_on=received_on,
        due_on=consultation_due(routed.region, received_on),
    )
    event_add(subject=consultation, kind=EventKind.RECEIVED, actor=asker, department=routed.department)
    audit_record(
        actor=asker,
        action="interaction.consultation_ask",
        target=_target(consultation),
        summary={
            "department": routed.department.name,
            "item": routed.implementation_code,
            "channel": channel,
            "due_on": consultation.due_on.isoformat(),
        },
    )
    return consultation


def _locked(consultation: Consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("region", "department")
        .get(pk=consultation.pk)
    )


@transaction.atomic
def consultation_answer(
    *,
    actor: Any,
    consultation: Consultation,
    answer: str,
    late_explanation: str = "",
    today: dt.date | None = None,
) -> Consultation:
    """Answer (once). After the deadline the answer must carry an explanation (逾期说明)."""
    consultation = _locked(consultation)
    staff_require(actor, consultation)
    if consultation.status != ConsultationStatus.PENDING:
        raise ValidationError("该咨询已答复，不能重复答复")
    answer = text_require(answer, "answer", "答复内容", TEXT_MAX)
    today = today or timezone.localdate()
    late_explanation = (late_explanation or "").strip()
    if today > consultation.due_on and len(late_explanation) < 2:
        raise ValidationError(
            {"late_explanation": f"已超过答复期限（{consultation.due_on:%Y-%m-%d}），请填写逾期说明"}
        )
    consultation.answer = answer
    consultation.late_explanation = late_explanation if today > consultation.due_on else ""
    consultation.status = ConsultationStatus.ANSWERED
    consultation.answered_at = timezone.now()
    consultation.answered_on = today
    consultation.answered_by = actor
    consultation.save(
        update_fields=["answer", "late_explanation", "status", "answered_at", "answered_on", "answered_by"]
    )
    event_add(
        subject=consultation,
        kind=EventKind.ANSWERED,
        actor=actor,
        department=consultation.department,
        note=consultation.late_explanation and f"逾期说明：{consultation.late_explanation}",
    )
    audit_record(
        actor=actor,
        action="interaction.consultation_answer",
        target=_target(consultation),
        summary={"late": bool(consultation.late_explanation), "due_on": consultation.due_on.isoformat()},
        reason=consultation.late_explanation,
    )
    asker_notify(
        user=consultation.asker,
        contact_sealed=consultation.contact_sealed,
        template="consultation_answered",
        params={"title": consultation.title[:30]},
        link=reverse("portal:consultation_detail", args=[consultation.pk]),
        target=_target(consultation),
    )
    return consultation


@transaction.atomic
def consultation_transfer(
    *, actor: Any, consultation: Consultation, to_department: Department, reason: str
) -> Consultation:
    """首问负责: the owning department hands the consultation to another one; the deadline does not restart."""
    consultation = _locked(consultation)
    staff_require(actor, consultation)
    if consultation.status != ConsultationStatus.PENDING:
        raise ValidationError("已答复的咨询不能转办")
    reason = reason_require(reason, what="转办理由")
    previous = department_move(consultation, to_department)
    transfer_record(
        subject=consultation,
        actor=actor,
        previous=previous,
        reason=reason,
        action="interaction.consultation_transfer",
        target=_target(consultation),
    )
    return consultation


@transaction.atomic
def consultation_publish(
    *, actor: Any, consultation: Consultation, public_question: str, public_answer: str
) -> Consultation:
    """Publish an answered consultation to the FAQ in the department's own public wording."""
    consultation = _locked(consultation)
    staff_require(actor, consultation)
    if consultation.status != ConsultationStatus.ANSWERED:
        raise ValidationError("只有已答复的咨询可以公开为常见问题")
    consultation.faq_question = text_require(public_question, "public_question", "公开问题", 300)
    consultation.faq_answer = text_require(public_answer, "public_answer", "公开答复", TEXT_MAX)
    consultation.faq_published = True
    consultation.faq_published_at = timezone.now()
    consultation.save(update_fields=["faq_question", "faq_answer", "faq_published", "faq_published_at"])
    event_add(
        subject=consultation,
        kind=EventKind.PUBLISHED,
        actor=actor,
        department=consultation.department,
        public=False,
    )
    audit_record(actor=actor, action="interaction.consultation_publish", target=_target(consultation))
    return consultation


@transaction.atomic
def consultation_unpublish(*, actor: Any, consultation: Consultation, reason: str) -> Consultation:
    consultation = _locked(consultation)
    staff_require(actor, consultation)
    if not consultation.faq_published:
        raise PermissionDenied("该咨询未公开")
    reason = reason_require(reason, what="撤回理由")
    consultation.faq_published = False
    consultation.save(update_fields=["faq_published"])
    event_add(
        subject=consultation,
        kind=EventKind.UNPUBLISHED,
        actor=actor,
        department=consultation.department,
        note=reason,
        public=False,
    )
    audit_record(
        actor=actor, action="interaction.consultation_unpublish", target=_target(consultation), reason=reason
    )
    return consultation
