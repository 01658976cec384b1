"""评价器 — on-site rating devices: registration (a key shown once, only its hash stored), deactivation,
and rating from a device, which may rate only a case of its department handled there today.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from govhall.cases.selectors_ratings import CaseForRating, case_handled_by_department_on
from govhall.core.audit import AuditTarget, audit_record
from govhall.directory.models import Department
from govhall.identity.models import StaffRole
from govhall.identity.scope import staff_scope_require

from .models import Rating, RatingChannel, RatingDevice
from .services import rating_give

DEVICE_ROLES = (StaffRole.DEPARTMENT_HEAD, StaffRole.OPERATOR)


def device_key_hash(key: str) -> str:
    return hashlib.sha256(f"govhall.ratings.device:{key}".encode()).hexdigest()


def _manage_check(actor: Any, department: Department) -> None:
    scope = staff_scope_require(actor, *DEVICE_ROLES)
    region_path = department.region.path
    if scope.has_role(StaffRole.OPERATOR) and scope.administers(region_path):
        return
    if scope.covers(
        region_path=region_path, department_id=department.pk, for_roles=(StaffRole.DEPARTMENT_HEAD,)
    ):
        return
    raise PermissionDenied("只能为本部门（运维人员：本辖区部门）登记评价器")


@transaction.atomic
def rating_device_register(*, actor: Any, department: Department, name: str) -> tuple[RatingDevice, str]:
    """A new device of ``department``; returns it with its key, which is shown once and never stored."""
    _manage_check(actor, department)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationError("请填写评价器名称（100 字以内），例如“二楼市场监管 3 号窗口”", code="name")
    key = secrets.token_urlsafe(24)
    device = RatingDevice.objects.create(
        name=name,
        department=department,
        key_hash=device_key_hash(key),
        key_hint=key[-4:],
        registered_by=actor,
        registered_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="rating.device_registered",
        target=AuditTarget(type="ratings.device", id=str(device.pk), label=name),
        summary={"department": department.name},
    )
    return device, key


@transaction.atomic
def rating_device_deactivate(*, actor: Any, device_id: int) -> RatingDevice:
    device = RatingDevice.objects.select_for_update().get(pk=device_id)
    device = RatingDevice.objects.select_related("department__region").get(pk=device.pk)
    _manage_check(actor, device.department)
    if device.active:
        device.active = False
        device.save(update_fields=["active"])
        audit_record(
            actor=actor,
            action="rating.device_deactivated",
            target=AuditTarget(type="ratings.device", id=str(device.pk), label=device.name),
        )
    return device


def rating_device_for_key(key: str) -> RatingDevice | None:
    """The active device holding ``key`` (None for an unknown, empty or deactivated key)."""
    if not key or len(key) > 100:
        return None
    return (
        RatingDevice.objects.select_related("department")
        .filter(key_hash=device_key_hash(key), active=True)
        .first()
    )


def device_may_rate(*, device: RatingDevice, case: CaseForRating, today: dt.date | None = None) -> bool:
    """Only a case of the device's department that was handled (accepted, visited …) today."""
    today = today or timezone.localdate()
    return case.department_id == device.department_id and case_handled_by_department_on(
        case_id=case.id, department_id=device.department_id, day=today
    )


@transaction.atomic
def rating_give_on_device(*, device: RatingDevice, case: CaseForRating, stage: str, level: str) -> Rating:
    """A citizen's tap on the window's device (the applicant standing at the counter rates)."""
    if not device_may_rate(device=device, case=case):
        raise PermissionDenied("该评价器不能评价此办件")
    rating = rating_give(
        case=case,
        stage=stage,
        level=level,
        channel=RatingChannel.DEVICE,
        rater=None,
        actor_label=f"评价人（评价器：{device.name}）",
    )
    RatingDevice.objects.filter(pk=device.pk).update(last_used_at=timezone.now())
    return rating
