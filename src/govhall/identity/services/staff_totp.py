"""Staff second factor (动态口令, TOTP through django-otp): enrolment, confirmation, verification.

Every staff member logs in to the workbench with a password and a 6-digit code from an
authenticator app. A staff member without a confirmed device enrols on first login: the
workbench shows a QR code for an unconfirmed device, and the first correct code confirms it.
Demo databases give every demo account a confirmed device whose secret is derived from the
username (``govhall.demo.accounts.demo_totp_key``); ``demo_totp_device_ensure`` marks those
devices with ``DEMO_DEVICE_NAME`` so ``govhall demo_totp`` refuses every other device.

An operator resets a staff member's devices (``staff_totp_reset``, lost phone) with a reason.
Never stores or audits a code or a secret; audits enrolment, confirmation and resets.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from govhall.core.audit import AuditTarget, audit_record

from .staff import staff_account_lock, staff_reason_clean

DEVICE_NAME = "工作台动态口令"
DEMO_DEVICE_NAME = "演示动态口令（demo）"


def staff_totp_device(*, user: Any) -> TOTPDevice | None:
    """The user's confirmed TOTP device, if any (the newest)."""
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("-pk").first()


@transaction.atomic
def staff_totp_enrol_start(*, user: Any) -> TOTPDevice:
    """An unconfirmed device for the user to scan; reuses the pending one so a reload shows the same QR code."""
    pending = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).order_by("-pk").first()
    if pending is not None:
        return pending
    device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    audit_record(
        actor=user,
        action="identity.totp_enrol_start",
        target=AuditTarget.of(user, user.get_username()),
        summary={"device_id": device.pk},
    )
    return device


def staff_totp_check(*, device: TOTPDevice, code: str) -> tuple[bool, str]:
    """Check ``code`` against ``device`` (throttled by django-otp); ``(ok, Chinese message if not)``."""
    code = (code or "").strip().replace(" ", "")
    if not (code.isdigit() and len(code) == device.digits):
        return False, f"请输入 {device.digits} 位数字动态口令"
    allowed, details = device.verify_is_allowed()
    if not allowed:
        seconds = ""
        locked_until = (details or {}).get("locked_until")
        if locked_until is not None:
            seconds = f"，请 {max(1, int((locked_until - timezone.now()).total_seconds()) + 1)} 秒后再试"
        return False, f"动态口令尝试过于频繁{seconds or '，请稍后再试'}"
    if not device.verify_token(code):
        return False, "动态口令不正确或已过期，请输入验证器上当前显示的口令"
    return True, ""


@transaction.atomic
def staff_totp_confirm(*, device: TOTPDevice) -> TOTPDevice:
    """Confirm an enrolled device after its first correct code; other devices of the user are removed."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed:
        return device
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(
        actor=device.user,
        action="identity.totp_enrol_confirm",
        target=AuditTarget.of(device.user, device.user.get_username()),
        summary={"device_id": device.pk},
    )
    return device


def totp_secret_base32(device: TOTPDevice) -> str:
    """The secret as authenticator apps type it (base32, groups of four)."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@transaction.atomic
def demo_totp_device_ensure(*, user: Any, key_hex: str) -> TOTPDevice:
    """Demo data only: the user's one confirmed device with the derived demo secret ``key_hex``."""
    try:
        binascii.unhexlify(key_hex)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("演示动态口令密钥必须是十六进制") from exc
    existing = TOTPDevice.objects.filter(user_id=user.pk)
    if existing.count() == 1 and existing.filter(key=key_hex, name=DEMO_DEVICE_NAME, confirmed=True).exists():
        return existing.get()
    existing.delete()
    device = TOTPDevice.objects.create(user=user, name=DEMO_DEVICE_NAME, key=key_hex, confirmed=True)
    audit_record(
        actor=None,
        actor_label="demo",
        action="identity.totp_demo_device",
        target=AuditTarget.of(user, user.get_username()),
        summary={"device_id": device.pk},
    )
    return device


@transaction.atomic
def staff_totp_reset(*, by: Any, user: Any, reason: str) -> int:
    """An operator removes every TOTP device of a staff member (lost phone): the next login enrols anew.

    Refuses accounts outside the operator's region subtree; audits the number of devices removed
    and the reason, never a secret. Returns the number of devices removed.
    """
    reason = staff_reason_clean(reason)
    profile = staff_account_lock(by=by, user_id=user.pk)
    devices = TOTPDevice.objects.filter(user_id=profile.user_id)
    had_confirmed = devices.filter(confirmed=True).exists()
    removed, _ = devices.delete()
    if not removed:
        raise ValidationError("该账号尚未绑定验证器，无需重置", code="no_device")
    audit_record(
        actor=by,
        action="identity.totp_reset",
        target=AuditTarget.of(profile.user, profile.user.get_username()),
        summary={"devices_removed": removed, "had_confirmed_device": had_confirmed},
        reason=reason,
    )
    return removed
