"""Certificate login methods (数字证书): binding a certificate to a person, and logging in with one.

Owns the ``Credential`` rows of kind ``certificate`` and the L3 level they confer. Takes only
``VerifiedCertificate`` values from ``identity.certificates.certificate_verify`` — never raw PEM —
so nothing here can run on an unverified certificate. Never opens sessions: views call
``session_open`` with the user and level returned here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from govhall.core.audit import AuditTarget, audit_record
from govhall.core.personal_data import lookup_hash

from ..certificates import KIND_ENTERPRISE, KIND_PERSON, VerifiedCertificate
from ..models import AssuranceLevel, AuthMethod, Credential, CredentialKind, Enterprise, Person


@dataclass(frozen=True)
class CertificateLogin:
    user: Any
    kind: str  # person | enterprise
    person: Person | None = None
    enterprise: Enterprise | None = None


def _label(certificate: VerifiedCertificate) -> str:
    return f"{certificate.name} 的数字证书（有效期至 {timezone.localtime(certificate.not_after):%Y-%m-%d}）"


def credential_certificate_attach(*, user: Any, certificate: VerifiedCertificate) -> tuple[Credential, bool]:
    """The credential for ``certificate`` on ``user`` (created if new); refuses one bound elsewhere."""
    existing = Credential.objects.filter(
        kind=CredentialKind.CERTIFICATE, identifier=certificate.fingerprint
    ).first()
    if existing is not None:
        if existing.user_id != user.pk:
            raise ValidationError("该数字证书已绑定其他账号，不能重复绑定", code="certificate_taken")
        return existing, False
    try:
        with transaction.atomic():
            credential = Credential.objects.create(
                user=user,
                kind=CredentialKind.CERTIFICATE,
                identifier=certificate.fingerprint,
                label=_label(certificate)[:200],
            )
    except IntegrityError as exc:  # a concurrent binding of the same certificate
        raise ValidationError("该数字证书已绑定其他账号，不能重复绑定", code="certificate_taken") from exc
    return credential, True


@transaction.atomic
def certificate_bind(*, person: Person, certificate: VerifiedCertificate) -> Credential:
    """Bind a person certificate to ``person`` and raise the account to L3 (method certificate).

    The certificate's ID number must be the person's own (compared by lookup hash).
    """
    if certificate.kind != KIND_PERSON:
        raise ValidationError("请使用个人数字证书；企业证书请在“法人注册”中使用", code="certificate_kind")
    if lookup_hash(certificate.serial, purpose="id_number") != person.id_number_hash:
        raise ValidationError(
            "证书中的身份证号码与当前账号不一致，不能绑定他人的数字证书", code="certificate_other_person"
        )
    person = Person.objects.select_for_update().get(pk=person.pk)
    credential, created = credential_certificate_attach(user=person.user, certificate=certificate)
    level_before = person.level
    person.level = AssuranceLevel.L3
    person.level_method = AuthMethod.CERTIFICATE
    person.level_verified_at = timezone.now()
    person.level_verified_by = None
    person.save(update_fields=["level", "level_method", "level_verified_at", "level_verified_by"])
    audit_record(
        actor=person.user,
        action="identity.certificate_bind",
        target=AuditTarget.of(person, person.name),
        summary={
            "fingerprint": certificate.fingerprint,
            "issuer": certificate.issuer,
            "new_binding": created,
            "level": {"before": level_before, "after": person.level},
        },
    )
    return credential


def _credential_used(credential: Credential) -> None:
    credential.last_used_at = timezone.now()
    credential.save(update_fields=["last_used_at"])


def enterprise_user_ensure(enterprise: Enterprise, *, actor: Any) -> Any:
    """The enterprise's own login account (created on first use, no password: certificate only)."""
    if enterprise.user_id is not None:
        return enterprise.user
    user_model = get_user_model()
    user = user_model.objects.create(username=f"enterprise-{enterprise.credit_code}")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    enterprise.user = user
    enterprise.save(update_fields=["user"])
    audit_record(
        actor=actor or user,
        action="identity.enterprise_account_create",
        target=AuditTarget.of(enterprise, enterprise.name),
        summary={"username": user.get_username()},
    )
    return user


@transaction.atomic
def certificate_login(*, certificate: VerifiedCertificate) -> CertificateLogin:
    """Who a verified certificate logs in: a bound person, a registered person, or an enterprise."""
    if certificate.kind == KIND_ENTERPRISE:
        return _enterprise_login(certificate)
    credential = (
        Credential.objects.select_related("user")
        .filter(kind=CredentialKind.CERTIFICATE, identifier=certificate.fingerprint)
        .first()
    )
    person = Person.objects.filter(
        id_number_hash=lookup_hash(certificate.serial, purpose="id_number")
    ).first()
    if person is None:
        raise ValidationError(
            "该证书对应的身份证号码尚未注册，请先注册个人账号后再使用证书登录", code="person_unregistered"
        )
    if credential is not None and credential.user_id != person.user_id:
        raise ValidationError("该数字证书已绑定其他账号", code="certificate_taken")
    if credential is None or person.level != AssuranceLevel.L3:
        # The certificate proves the ID number at L3: first use binds it (audited as a binding).
        credential = certificate_bind(person=person, certificate=certificate)
    _credential_used(credential)
    return CertificateLogin(user=person.user, kind=KIND_PERSON, person=person)


def _enterprise_login(certificate: VerifiedCertificate) -> CertificateLogin:
    enterprise = Enterprise.objects.select_for_update().filter(credit_code=certificate.serial).first()
    if enterprise is None:
        raise ValidationError(
            f"统一社会信用代码为 {certificate.serial} 的企业尚未注册，请法定代表人先完成法人注册",
            code="enterprise_unregistered",
        )
    user = enterprise_user_ensure(enterprise, actor=None)
    credential, created = credential_certificate_attach(user=user, certificate=certificate)
    if created:
        audit_record(
            actor=user,
            action="identity.certificate_bind",
            target=AuditTarget.of(enterprise, enterprise.name),
            summary={
                "fingerprint": certificate.fingerprint,
                "issuer": certificate.issuer,
                "new_binding": True,
            },
        )
    if enterprise.level != AssuranceLevel.L3 or enterprise.level_method != AuthMethod.CERTIFICATE:
        before = enterprise.level
        enterprise.level = AssuranceLevel.L3
        enterprise.level_method = AuthMethod.CERTIFICATE
        enterprise.save(update_fields=["level", "level_method"])
        audit_record(
            actor=user,
            action="identity.enterprise_level_raise",
            target=AuditTarget.of(enterprise, enterprise.name),
            summary={"level": {"before": before, "after": enterprise.level}},
        )
    _credential_used(credential)
    return CertificateLogin(user=user, kind=KIND_ENTERPRISE, enterprise=enterprise)
