"""What the consultation and complaint services share: routing to a department, the timeline event,
the staff check, sealing a contact and telling the asker (in-site message + SMS after commit).

Never call these from outside ``interaction.services``; they write no audit entry of their own (the
calling service does, in the same transaction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from govhall.catalog.selectors import implementation_for_case
from govhall.core.audit import AuditTarget, audit_record
from govhall.core.personal_data import mask_phone, seal, unseal
from govhall.directory.models import Department, Region
from govhall.identity.models import StaffRole
from govhall.identity.scope import StaffScope, staff_scope_for
from govhall.identity.services.reveal import person_phone_use
from govhall.notifications.models import Channel as MessageChannel
from govhall.notifications.services import notification_send, site_message_post

from ..models import Complaint, Consultation, EventKind, InteractionEvent
from .rules import rule_for

CONTACT_PURPOSE = "interaction_contact"
DEPARTMENT_ROLES = (StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD)
PHONE = re.compile(r"^1\d{10}$|^0\d{2,3}-?\d{7,8}$")


@dataclass(frozen=True)
class Routed:
    """Where a new consultation or complaint goes: the receiving department and its region."""

    department: Department
    region: Region
    implementation_code: str = ""
    item_name: str = ""


def route(
    *, implementation_code: str = "", department: Department | None = None, region: Region | None = None
) -> Routed:
    """An item's department (and region); else the chosen department; else the region's default department."""
    code = (implementation_code or "").strip()
    if code:
        try:
            implementation = implementation_for_case(code=code)
        except ObjectDoesNotExist as exc:
            raise ValidationError({"implementation_code": f"没有实施编码为“{code}”的在用事项"}) from exc
        return Routed(
            department=implementation.department,
            region=implementation.region,
            implementation_code=implementation.code,
            item_name=implementation.name,
        )
    if department is not None:
        if not department.is_active:
            raise ValidationError({"department": "该部门已停用，请选择其他部门"})
        return Routed(department=department, region=department.region)
    if region is not None:
        rule = rule_for(region)
        if rule.default_department_id:
            chosen = Department.objects.select_related("region").get(pk=rule.default_department_id)
            return Routed(department=chosen, region=chosen.region)
    raise ValidationError({"department": "请选择受理部门（本区划未配置默认受理部门）"})


def contact_seal(phone: str) -> tuple[str, str]:
    """``(sealed, masked)`` of a contact phone, checked for shape; ``("", "")`` when none is given."""
    phone = re.sub(r"\s", "", phone or "")
    if not phone:
        return "", ""
    if not PHONE.match(phone):
        raise ValidationError({"contact_phone": "联系电话格式不正确（手机号码或带区号的固定电话）"})
    return seal(phone, purpose=CONTACT_PURPOSE), mask_phone(phone.replace("-", ""))


def actor_label(actor: Any) -> str:
    if actor is None:
        return "系统"
    profile = getattr(actor, "staff_profile", None)
    if profile is not None:
        return profile.display_name
    return actor.get_username()


def event_add(
    *,
    subject: Consultation | Complaint,
    kind: str,
    actor: Any,
    department: Department | None = None,
    to_department: Department | None = None,
    note: str = "",
    public: bool = True,
) -> InteractionEvent:
    key = "consultation" if isinstance(subject, Consultation) else "complaint"
    return InteractionEvent.objects.create(
        **{key: subject},
        kind=kind,
        at=timezone.now(),
        actor=actor,
        actor_label=actor_label(actor)[:200],
        department=department,
        to_department=to_department,
        note=note,
        public=public,
    )


def department_move(subject: Consultation | Complaint, to_department: Department) -> Department:
    """Point ``subject`` at another (active) department and its region; returns the previous one (unsaved)."""
    if to_department.pk == subject.department_id:
        raise ValidationError({"to_department": "不能转给本部门"})
    if not to_department.is_active:
        raise ValidationError({"to_department": "该部门已停用"})
    previous = subject.department
    subject.department = to_department
    subject.region = to_department.region
    subject.save(update_fields=["department", "region"])
    return previous


def transfer_record(
    *,
    subject: Consultation | Complaint,
    actor: Any,
    previous: Department,
    reason: str,
    action: str,
    target: AuditTarget,
) -> None:
    """The timeline event and the audit entry of a transfer (转办) from ``previous`` to the subject's department."""
    event_add(
        subject=subject,
        kind=EventKind.TRANSFERRED,
        actor=actor,
        department=previous,
        to_department=subject.department,
        note=reason,
    )
    audit_record(
        actor=actor,
        action=action,
        target=target,
        summary={"from": previous.name, "to": subject.department.name},
        reason=reason,
    )


def staff_require(
    actor: Any, subject: Consultation | Complaint, *, roles: tuple[str, ...] = DEPARTMENT_ROLES
) -> StaffScope:
    """The actor's scope if it covers ``subject`` for ``roles``; ``PermissionDenied`` (Chinese) otherwise."""
    scope = staff_scope_for(actor)
    if scope is None or not scope.covers(
        region_path=subject.region.path, department_id=subject.department_id, for_roles=roles
    ):
        names = "、".join(str(StaffRole(role).label) for role in roles)
        raise PermissionDenied(f"只有承办部门的{names}可以办理")
    return scope


def text_require(value: str, field: str, label: str, maximum: int) -> str:
    """A required text field, stripped, at most ``maximum`` characters (Chinese errors keyed by ``field``)."""
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"请填写{label}"})
    if len(value) > maximum:
        raise ValidationError({field: f"{label}不能超过 {maximum} 字"})
    return value


def reason_require(reason: str, *, field: str = "reason", what: str = "理由") -> str:
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValidationError({field: f"请填写{what}"})
    return reason


def asker_notify(
    *, user: Any, contact_sealed: str, template: str, params: dict[str, str], link: str, target: AuditTarget
) -> None:
    """An in-site message to a logged-in asker, and an SMS after commit (their account's phone, else the contact)."""
    if user is not None:
        site_message_post(recipient=user, template=template, params=params, link=link)
    person = getattr(user, "person", None) if user is not None else None
    if person is not None and person.phone_sealed:

        def send_person() -> None:
            phone = person_phone_use(person=person, reason=f"互动通知 {target.label}")
            notification_send(channel=MessageChannel.SMS, recipient=phone, template=template, params=params)

        transaction.on_commit(send_person)
        return
    if contact_sealed:
        audit_record(
            actor=None,
            actor_label="system",
            action="personal_data.use",
            target=target,
            summary={"field": "contact"},
            reason="互动通知短信",
        )
        phone = unseal(contact_sealed, purpose=CONTACT_PURPOSE)
        transaction.on_commit(
            lambda: notification_send(
                channel=MessageChannel.SMS, recipient=phone, template=template, params=params
            )
        )
