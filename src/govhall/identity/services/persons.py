"""Natural persons (自然人): SMS codes, registration, login, real-name verification against the registry.

Owns ``Person`` accounts and ``SmsChallenge`` rows. Every write runs in a transaction with its audit
entry. ID numbers and phone numbers are sealed (``core.personal_data``) before they touch the
database and looked up by keyed hash; this module never logs or audits them in clear — summaries
carry the masked forms only. Password checks go through ``django.contrib.auth.authenticate`` so
django-axes counts every failure (per opaque username and per address).

Must never: open a session (views call ``identity.session.session_open``), or call a registry or
gateway while holding a row lock.
"""

from __future__ import annotations

import hmac
import math
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from govhall.core.audit import AuditTarget, audit_record
from govhall.core.personal_data import lookup_hash, mask_id_number, mask_phone, seal
from govhall.notifications.models import MessageStatus
from govhall.notifications.services import notification_send

from ..idnumber import id_number_clean, id_number_normalise
from ..models import AssuranceLevel, AuthMethod, Person, SmsChallenge, SmsPurpose, level_at_least
from ..registry import RegistryAnswer, population_registry
from .reveal import person_id_number_release, person_phone_use

PHONE_PATTERN = re.compile(r"1[3-9]\d{9}")
CODE_PATTERN = re.compile(r"\d{6}")
CODE_LIFETIME = timedelta(minutes=5)
RESEND_INTERVAL = timedelta(seconds=60)
DAILY_WINDOW = timedelta(hours=24)
DAILY_LIMIT = 10
MAX_ATTEMPTS = 5
NAME_MAX_LENGTH = 50

DUPLICATE_ID_NUMBER = "该身份证号码已注册账号，请直接登录；如非本人注册，请携带身份证到政务服务大厅窗口办理"
DUPLICATE_PHONE = "该手机号码已注册账号，请直接登录或更换手机号码"
# Django's own validator messages are not all translated; these are shown instead, by error code.
PASSWORD_MESSAGES = {
    "password_too_short": "密码太短，至少需要 {min_length} 个字符",
    "password_too_common": "这个密码太常见，容易被猜中，请换一个",
    "password_entirely_numeric": "密码不能全是数字",
    "password_too_similar": "密码与您的个人信息过于相似",
}
INVALID_LOGIN = "账号或密码错误，请核对后重试（连续 5 次错误将暂时锁定）"


# ---------------------------------------------------------------- shapes


def phone_clean(value: str) -> str:
    """A mainland mobile number (11 digits, 1[3-9]…); spaces, dashes and +86 are tolerated."""
    phone = re.sub(r"[\s-]", "", value or "")
    if phone.startswith("+86"):
        phone = phone[3:]
    if not phone:
        raise ValidationError("请填写手机号码", code="required")
    if not PHONE_PATTERN.fullmatch(phone):
        raise ValidationError("请填写正确的 11 位手机号码（1 开头）", code="phone")
    return phone


def name_clean(value: str) -> str:
    name = re.sub(r"\s+", " ", (value or "").strip())
    if not name:
        raise ValidationError("请填写与身份证一致的姓名", code="required")
    if len(name) > NAME_MAX_LENGTH or any(c.isdigit() for c in name):
        raise ValidationError("姓名应与身份证一致，不能包含数字，最多 50 个字", code="name")
    return name


def _phone_hash(phone: str) -> str:
    return lookup_hash(phone, purpose="phone")


def _code_hash(phone: str, purpose: str, code: str) -> str:
    return lookup_hash(f"{purpose}\x00{phone}\x00{code}", purpose="sms_code")


# ---------------------------------------------------------------- SMS codes


def sms_code_send(*, phone: str, purpose: str) -> SmsChallenge:
    """Send a 6-digit code to ``phone`` for ``purpose`` (register / login); at most 1 per 60 s and 10 per 24 h."""
    phone = phone_clean(phone)
    if purpose not in SmsPurpose.values:
        raise ValidationError("验证码用途无效", code="purpose")
    phone_hash = _phone_hash(phone)
    registered = Person.objects.filter(phone_hash=phone_hash).exists()
    if purpose == SmsPurpose.REGISTER and registered:
        raise ValidationError(DUPLICATE_PHONE, code="phone_taken")
    if purpose == SmsPurpose.LOGIN and not registered:
        raise ValidationError("该手机号码尚未注册，请先注册账号", code="phone_unknown")
    failed = False
    with transaction.atomic():
        now = timezone.now()
        recent = SmsChallenge.objects.filter(phone_hash=phone_hash, created_at__gte=now - DAILY_WINDOW)
        last = recent.order_by("-created_at").first()
        if last is not None and now - last.created_at < RESEND_INTERVAL:
            wait = math.ceil((RESEND_INTERVAL - (now - last.created_at)).total_seconds())
            raise ValidationError(f"验证码发送过于频繁，请 {wait} 秒后再获取", code="too_soon")
        if recent.count() >= DAILY_LIMIT:
            raise ValidationError(
                f"该手机号码 24 小时内已获取 {DAILY_LIMIT} 次验证码，请明天再试", code="daily_limit"
            )
        code = f"{secrets.randbelow(10**6):06d}"
        challenge = SmsChallenge.objects.create(
            phone_hash=phone_hash,
            purpose=purpose,
            code_hash=_code_hash(phone, purpose, code),
            expires_at=now + CODE_LIFETIME,
        )
        message = notification_send(
            channel="sms",
            recipient=phone,
            template="verification_code",
            params={
                "code": code,
                "minutes": str(int(CODE_LIFETIME.total_seconds() // 60)),
                "purpose": str(SmsPurpose(purpose).label),
            },
        )
        if message.status != MessageStatus.SENT:
            failed = True
            challenge.consumed_at = now  # never usable: the person did not receive it
            challenge.save(update_fields=["consumed_at"])
        audit_record(
            actor=None,
            actor_label="anonymous",
            action="identity.sms_code_failed" if failed else "identity.sms_code_send",
            target=AuditTarget.of(challenge, f"短信验证码（{SmsPurpose(purpose).label}）"),
            summary={"phone": mask_phone(phone), "purpose": purpose},
        )
    if failed:
        raise ValidationError("短信发送失败，请稍后再试", code="gateway")
    return challenge


def sms_code_verify(*, phone: str, purpose: str, code: str) -> None:
    """Accept ``code`` once, within 5 minutes, within 5 attempts; else ``ValidationError`` in Chinese.

    Commits its own transaction (attempt counts must survive a refusal): call it before, not inside,
    the caller's transaction.
    """
    phone = phone_clean(phone)
    code = (code or "").strip()
    if not CODE_PATTERN.fullmatch(code):
        raise ValidationError("请填写短信中的 6 位数字验证码", code="format")
    phone_hash = _phone_hash(phone)
    error: tuple[str, str] | None = None
    with transaction.atomic():
        now = timezone.now()
        challenge = (
            SmsChallenge.objects.select_for_update()
            .filter(phone_hash=phone_hash, purpose=purpose)
            .order_by("-created_at", "-id")
            .first()
        )
        if challenge is None:
            error = ("请先获取短信验证码", "no_code")
        elif challenge.consumed_at is not None:
            error = ("该验证码已使用或已失效，请重新获取", "used")
        elif challenge.expires_at <= now:
            error = ("验证码已过期，请重新获取", "expired")
        elif challenge.attempts >= MAX_ATTEMPTS:
            error = ("验证码错误次数过多，请重新获取", "too_many_attempts")
        elif not hmac.compare_digest(challenge.code_hash, _code_hash(phone, purpose, code)):
            SmsChallenge.objects.filter(pk=challenge.pk).update(attempts=F("attempts") + 1)
            remaining = MAX_ATTEMPTS - challenge.attempts - 1
            error = (
                (f"验证码不正确，还可尝试 {remaining} 次", "wrong")
                if remaining
                else ("验证码错误次数过多，请重新获取", "too_many_attempts")
            )
        else:
            challenge.consumed_at = now
            challenge.save(update_fields=["consumed_at"])
        if challenge is not None:
            audit_record(
                actor=None,
                actor_label="anonymous",
                action="identity.sms_code_rejected" if error else "identity.sms_code_used",
                target=AuditTarget.of(challenge, f"短信验证码（{SmsPurpose(purpose).label}）"),
                summary={
                    "phone": mask_phone(phone),
                    "purpose": purpose,
                    "outcome": error[1] if error else "ok",
                },
            )
    if error:
        raise ValidationError(error[0], code=error[1])


# ---------------------------------------------------------------- registration


@dataclass(frozen=True)
class NewPerson:
    name: str
    id_number: str
    phone: str
    password: str


def person_fields_clean(*, name: str, id_number: str, phone: str, password: str) -> NewPerson:
    """Check every registration field at once; ``ValidationError`` maps field names to Chinese messages."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, str] = {}
    for field, cleaner, value in (
        ("name", name_clean, name),
        ("id_number", id_number_clean, id_number),
        ("phone", phone_clean, phone),
    ):
        try:
            cleaned[field] = cleaner(value)
        except ValidationError as exc:
            errors[field] = exc.messages
    if (
        "id_number" in cleaned
        and Person.objects.filter(
            id_number_hash=lookup_hash(cleaned["id_number"], purpose="id_number")
        ).exists()
    ):
        errors["id_number"] = [DUPLICATE_ID_NUMBER]
    if "phone" in cleaned and Person.objects.filter(phone_hash=_phone_hash(cleaned["phone"])).exists():
        errors["phone"] = [DUPLICATE_PHONE]
    password_errors = _password_problems(password, cleaned)
    if password_errors:
        errors["password"] = password_errors
    if errors:
        raise ValidationError(errors)
    return NewPerson(cleaned["name"], cleaned["id_number"], cleaned["phone"], password)


def _password_problems(password: str, cleaned: dict[str, str]) -> list[str]:
    if not password:
        return ["请设置登录密码"]
    problems: list[str] = []
    try:
        validate_password(password, user=get_user_model()(username="", first_name=cleaned.get("name", "")))
    except ValidationError as exc:
        for error in exc.error_list:
            text = PASSWORD_MESSAGES.get(error.code or "")
            problems.append(text.format(**(error.params or {})) if text else " ".join(error.messages))
    id_tail, phone = cleaned.get("id_number", "")[-6:], cleaned.get("phone", "")
    if (id_tail and id_tail in password.upper()) or (phone and phone[-6:] in password):
        problems.append("密码不能包含身份证号码或手机号码")
    return problems


def person_register(*, name: str, id_number: str, phone: str, sms_code: str, password: str) -> Person:
    """Register a citizen at L1: fields checked, the SMS code for ``phone`` accepted, account created."""
    try:
        fields = person_fields_clean(name=name, id_number=id_number, phone=phone, password=password)
    except ValidationError as exc:
        errors = exc.message_dict
        if not CODE_PATTERN.fullmatch((sms_code or "").strip()):
            errors["sms_code"] = ["请填写短信中的 6 位数字验证码"]
        raise ValidationError(errors) from None
    try:
        sms_code_verify(phone=fields.phone, purpose=SmsPurpose.REGISTER, code=sms_code)
    except ValidationError as exc:
        raise ValidationError({"sms_code": exc.messages}) from None
    return person_create(fields=fields, level_method=AuthMethod.SMS)


@transaction.atomic
def person_create(
    *,
    fields: NewPerson,
    level: str = AssuranceLevel.L1,
    level_method: str = AuthMethod.SMS,
    actor: Any = None,
) -> Person:
    """Create the ``User`` (opaque username) and its ``Person``; duplicates refused by the unique hashes.

    Registration creates L1 accounts with a verified phone and a password. A person arriving from an
    upstream identity provider has neither (``phone``/``password`` empty: no phone, unusable
    password) and starts at the level the provider vouches for.
    """
    user = get_user_model()(username=f"p-{secrets.token_hex(8)}")
    if fields.password:
        user.set_password(fields.password)
    else:
        user.set_unusable_password()
    id_masked = mask_id_number(fields.id_number)
    phone_masked = mask_phone(fields.phone) if fields.phone else ""
    try:
        with transaction.atomic():
            user.save()
            person = Person.objects.create(
                user=user,
                name=fields.name,
                id_number_sealed=seal(fields.id_number, purpose="id_number"),
                id_number_hash=lookup_hash(fields.id_number, purpose="id_number"),
                id_number_masked=id_masked,
                phone_sealed=seal(fields.phone, purpose="phone") if fields.phone else "",
                phone_hash=_phone_hash(fields.phone) if fields.phone else None,
                phone_masked=phone_masked,
                level=level,
                level_method=level_method,
                level_verified_at=timezone.now(),
            )
    except IntegrityError:
        # Another registration with the same ID number or phone won the race.
        taken_id = Person.objects.filter(
            id_number_hash=lookup_hash(fields.id_number, purpose="id_number")
        ).exists()
        raise ValidationError(
            {"id_number": [DUPLICATE_ID_NUMBER]} if taken_id else {"phone": [DUPLICATE_PHONE]}
        ) from None
    audit_record(
        actor=actor or user,
        action="identity.person_register",
        target=AuditTarget.of(person, f"{person.name}（{id_masked}）"),
        summary={"level": level, "method": level_method, "id_number": id_masked, "phone": phone_masked},
    )
    return person


# ---------------------------------------------------------------- login


def person_find_for_login(login_id: str) -> Person | None:
    """The person whose phone number or ID number is ``login_id`` (looked up by keyed hash), or None."""
    value = re.sub(r"[\s-]", "", login_id or "").upper()
    if value.startswith("+86"):
        value = value[3:]
    if not value:
        return None
    people = Person.objects.select_related("user")
    if PHONE_PATTERN.fullmatch(value):
        return people.filter(phone_hash=_phone_hash(value)).first()
    return people.filter(id_number_hash=lookup_hash(id_number_normalise(value), purpose="id_number")).first()


def person_authenticate_password(*, request: HttpRequest, login_id: str, password: str) -> Person:
    """The person for ``login_id`` + ``password``, or ``ValidationError``; failures are counted by django-axes.

    An unknown ``login_id`` is still tried (as a username no account has, derived from its keyed
    hash) so it costs the same time and counts toward the address's lockout — without storing the
    phone or ID number in django-axes' tables.
    """
    person = person_find_for_login(login_id)
    username = (
        person.user.get_username()
        if person is not None
        else "unknown-" + lookup_hash((login_id or "").strip().upper(), purpose="login_id")[:24]
    )
    user = authenticate(request, username=username, password=password or "")
    if user is None or person is None or user.pk != person.user_id:
        raise ValidationError(INVALID_LOGIN, code="invalid_login")
    return person


def person_authenticate_sms(*, phone: str, code: str) -> Person:
    """The person owning ``phone`` once the login code is accepted, or ``ValidationError``."""
    phone = phone_clean(phone)
    person = Person.objects.select_related("user").filter(phone_hash=_phone_hash(phone)).first()
    if person is None:
        raise ValidationError("该手机号码尚未注册，请先注册账号", code="phone_unknown")
    sms_code_verify(phone=phone, purpose=SmsPurpose.LOGIN, code=code)
    if not person.user.is_active:
        raise ValidationError("该账号已停用，请联系政务服务热线 12345", code="inactive")
    return person


# ---------------------------------------------------------------- real-name verification


def person_verify_with_registry(*, person: Person, actor: Any) -> RegistryAnswer:
    """Raise ``person`` to L2 when the population registry confirms name and ID number.

    On a mismatch or an unreachable registry nothing changes on the account; the attempt and its
    reason are audited either way. ``person`` is refreshed in place.
    """
    if level_at_least(person.level, AssuranceLevel.L2):
        return RegistryAnswer(True, "您的账号已完成实名认证，无需重复核验")
    registry = population_registry()
    id_number = person_id_number_release(
        person=person, recipient=f"population_registry:{registry.name}", reason="实名认证（人口库核验）"
    )
    answer = registry.verify(person.name, id_number)  # outside any transaction: it may be a network call
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        before = locked.level
        raised = answer.matched and not level_at_least(locked.level, AssuranceLevel.L2)
        if raised:
            locked.level = AssuranceLevel.L2
            locked.level_method = AuthMethod.POPULATION_REGISTRY
            locked.level_verified_at = timezone.now()
            locked.level_verified_by = None
            locked.save(update_fields=["level", "level_method", "level_verified_at", "level_verified_by"])
            transaction.on_commit(lambda: _notify_level_raised(locked.pk))
        audit_record(
            actor=actor,
            action="identity.person_verify" if answer.matched else "identity.person_verify_failed",
            target=AuditTarget.of(locked, f"{locked.name}（{locked.id_number_masked}）"),
            summary={
                "method": AuthMethod.POPULATION_REGISTRY,
                "registry": registry.name,
                "matched": answer.matched,
                "unavailable": answer.unavailable,
                "level": {"before": before, "after": locked.level},
            },
            reason=answer.reason,
        )
    person.refresh_from_db()
    return answer


def _notify_level_raised(person_pk: int) -> None:
    person = Person.objects.get(pk=person_pk)
    if not person.phone_sealed:
        return
    phone = person_phone_use(person=person, reason="实名认证完成通知")
    notification_send(
        channel="sms",
        recipient=phone,
        template="level_raised",
        params={"level": str(person.get_level_display())},
    )
