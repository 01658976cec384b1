"""Every change to licences: issue, revoke, cancel, import, use as material, download, verify; result documents.

Owns the ``licences`` tables (seal certificates through ``licences.seals``). Every change is
audited in its own transaction with ``core.audit.audit_record`` and leaves a ``LicenceEvent``.
Never decides *whether* a case is approved — ``cases`` calls ``licence_issue`` once it is — and
never reaches into another context's tables: persons and enterprises come in as arguments or
through identity's lookup hashes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from govhall.core.audit import AuditTarget, audit_record
from govhall.directory.models import Department
from govhall.identity.models import Enterprise, Person

from .documents import result_pdf
from .imports import ImportReport, licence_import  # noqa: F401 - part of the public surface
from .issuance import licence_create, licence_data_clean, licence_holder, licence_valid_until
from .models import Licence, LicenceEvent, LicenceEventKind, LicenceStatus, LicenceType, LicenceUse
from .selectors import licence_type_get, licence_types_for_item  # noqa: F401 - part of the public surface
from .verification import SignatureCheck, pdf_signature_check

REASON_MIN = 2


def _reason_clean(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN:
        raise ValidationError(f"{what}须填写原因")
    return reason[:500]


def _event(
    licence: Licence, kind: str, actor: Any, reason: str = "", summary: dict[str, Any] | None = None
) -> None:
    label = getattr(actor, "get_username", lambda: "")() if actor is not None else "system"
    LicenceEvent.objects.create(
        licence=licence,
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=label[:200],
        reason=reason,
        summary=summary or {},
    )


def licence_type_upsert(
    *,
    actor: Any,
    code: str,
    name: str,
    issuer_level: int | None = None,
    holder_kind: str = "any",
    metadata_schema: dict[str, Any] | None = None,
    validity_years: int | None = None,
    item_codes: list[str] | None = None,
) -> LicenceType:
    """Create or update a licence type (its schema checked as JSON Schema 2020-12); audited."""
    schema = metadata_schema or {"type": "object", "properties": {}}
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        raise ValidationError(f"证照信息项定义不是有效的 JSON Schema：{exc.message}") from exc
    values = {
        "name": name,
        "issuer_level": issuer_level,
        "holder_kind": holder_kind,
        "metadata_schema": schema,
        "validity_years": validity_years,
        "item_codes": list(item_codes or []),
    }
    existing = LicenceType.objects.filter(code=code.strip().upper()).first()
    if existing is not None and all(getattr(existing, key) == value for key, value in values.items()):
        return existing  # unchanged: nothing to write or audit
    with transaction.atomic():
        licence_type, created = LicenceType.objects.update_or_create(
            code=code.strip().upper(), defaults=values
        )
        licence_type.full_clean()
        audit_record(
            actor=actor,
            action="licences.type_create" if created else "licences.type_update",
            target=AuditTarget.of(licence_type),
            summary={"code": licence_type.code, "item_codes": licence_type.item_codes},
        )
    return licence_type


def licence_issue(
    *,
    actor: Any,
    type_code: str,
    holder_person: Person | None = None,
    holder_enterprise: Enterprise | None = None,
    issuer: Department,
    data: dict[str, Any],
    valid_until: date | None,
    source_case: str = "",
    valid_from: date | None = None,
    base_url: str = "",
) -> Licence:
    """Issue a licence: identifier, PDF sealed (PAdES) by ``issuer``, event and audit entry.

    ``valid_until=None`` means the type's ``validity_years`` from ``valid_from`` (today), or long-term
    for types without one.
    """
    try:
        licence_type = licence_type_get(type_code)
    except LicenceType.DoesNotExist:
        raise ValidationError(f"证照类型 {type_code} 不存在") from None
    if not licence_type.active:
        raise ValidationError(f"证照类型 {licence_type.name} 已停用")
    holder = licence_holder(licence_type, holder_person, holder_enterprise)
    data = licence_data_clean(licence_type, data)
    start = valid_from or timezone.localdate()
    end = licence_valid_until(licence_type, start, valid_until)
    with transaction.atomic():
        licence = licence_create(
            licence_type=licence_type,
            holder=holder,
            issuer=issuer,
            data=data,
            valid_from=start,
            valid_until=end,
            source_case=source_case,
            imported=False,
            base_url=base_url,
        )
        _event(licence, LicenceEventKind.ISSUED, actor, summary={"source_case": source_case})
        audit_record(
            actor=actor,
            action="licences.licence_issue",
            target=AuditTarget.of(licence, f"{licence_type.name} {identifier_short(licence)}"),
            summary={
                "identifier": licence.identifier,
                "issuer": issuer.credit_code,
                "source_case": source_case,
            },
        )
    return licence


def identifier_short(licence: Licence) -> str:
    return licence.identifier.rsplit(".", 3)[1] if licence.identifier.count(".") >= 3 else licence.identifier


def _status_change(
    *, actor: Any, licence: Licence, status: str, reason: str, action: str, kind: str
) -> Licence:
    with transaction.atomic():
        locked = Licence.objects.select_for_update().get(pk=licence.pk)
        if locked.status != LicenceStatus.VALID:
            raise ValidationError(f"该证照当前状态为“{locked.get_status_display()}”，不能再变更")
        locked.status = status
        locked.status_reason = reason
        locked.status_changed_at = timezone.now()
        locked.save(update_fields=["status", "status_reason", "status_changed_at"])
        _event(locked, kind, actor, reason)
        audit_record(
            actor=actor,
            action=action,
            target=AuditTarget.of(locked, locked.identifier),
            summary={"identifier": locked.identifier, "status": status},
            reason=reason,
        )
    return locked


def licence_revoke(*, actor: Any, licence: Licence, reason: str) -> Licence:
    """撤销 — the issuer withdraws a licence (e.g. obtained by deception); the reason is shown publicly."""
    reason = _reason_clean(reason, "撤销证照")
    return _status_change(
        actor=actor,
        licence=licence,
        status=LicenceStatus.REVOKED,
        reason=reason,
        action="licences.licence_revoke",
        kind=LicenceEventKind.REVOKED,
    )


def licence_cancel(*, actor: Any, licence: Licence, reason: str) -> Licence:
    """注销 — the licence ends (business closed, holder's request, replaced)."""
    reason = _reason_clean(reason, "注销证照")
    return _status_change(
        actor=actor,
        licence=licence,
        status=LicenceStatus.CANCELLED,
        reason=reason,
        action="licences.licence_cancel",
        kind=LicenceEventKind.CANCELLED,
    )


def licence_usable_as_material(
    *, identifier: str, person: Person | None, enterprise: Enterprise | None
) -> Licence:
    """The licence if it is valid today and the applicant's own (the enterprise's when acting for one)."""
    licence = (
        Licence.objects.select_related("licence_type", "issuer")
        .filter(identifier=(identifier or "").strip().upper())
        .first()
    )
    owner_ok = licence is not None and (
        licence.holder_enterprise_id == enterprise.pk
        if enterprise is not None
        else person is not None and licence.holder_person_id == person.pk
    )
    if licence is None or not owner_ok:
        raise ValidationError("证照库中没有您名下的这份证照")
    if licence.state() != LicenceStatus.VALID:
        raise ValidationError(f"该证照{licence.state_label()}，不能用作申请材料")
    return licence


def licence_use_record(*, licence: Licence, actor: Any, case_number: str) -> None:
    """Record the holder's consent to use ``licence`` in case ``case_number`` (once per case); audited."""
    with transaction.atomic():
        _, created = LicenceUse.objects.get_or_create(
            licence=licence, case_number=case_number, defaults={"consented_by": actor}
        )
        if not created:
            return
        _event(licence, LicenceEventKind.USED_AS_MATERIAL, actor, summary={"case_number": case_number})
        audit_record(
            actor=actor,
            action="licences.licence_use",
            target=AuditTarget.of(licence, licence.identifier),
            summary={"identifier": licence.identifier, "case_number": case_number},
        )


def licence_pdf_read(*, licence: Licence, actor: Any) -> bytes:
    """The licence PDF for its holder (or staff); audited as a read of personal data."""
    with transaction.atomic():
        _event(licence, LicenceEventKind.DOWNLOADED, actor)
        audit_record(
            actor=actor,
            action="personal_data.licence_download",
            target=AuditTarget.of(licence, licence.identifier),
            summary={"identifier": licence.identifier, "field": "licence"},
        )
    with licence.pdf.open("rb") as handle:
        return bytes(handle.read())


@dataclass(frozen=True)
class LicenceCheck:
    """What the public verification page says about an uploaded PDF."""

    signature: SignatureCheck
    matches_archive: bool  # byte-identical to the copy the platform issued
    notes: list[str] = field(default_factory=list)


def licence_pdf_check(*, licence: Licence | None, pdf: bytes) -> LicenceCheck:
    """Validate an uploaded PDF's seal; if it is for ``licence``, compare with the archive and record it."""
    signature = pdf_signature_check(pdf)
    matches = licence is not None and hashlib.sha256(pdf).hexdigest() == licence.pdf_sha256
    if licence is not None:
        with transaction.atomic():
            _event(licence, LicenceEventKind.VERIFIED, None, summary={"ok": signature.ok, "matches": matches})
            audit_record(
                actor=None,
                actor_label="public",
                action="licences.licence_verify",
                target=AuditTarget.of(licence, licence.identifier),
                summary={"ok": signature.ok, "matches_archive": matches},
            )
    return LicenceCheck(signature=signature, matches_archive=matches)


def result_document_sign(*, issuer: Department, title: str, body: list[str], reference: str) -> bytes:
    """A decision notice (准予/不予许可决定书, 不予受理通知书) as a sealed PDF; the signing is audited."""
    pdf = result_pdf(issuer=issuer, title=title, body=body, reference=reference)
    audit_record(
        actor=None,
        actor_label="system",
        action="licences.result_document_sign",
        target=AuditTarget(type="licences.result_document", id=reference[:80], label=title),
        summary={"issuer": issuer.credit_code, "sha256": hashlib.sha256(pdf).hexdigest()},
    )
    return pdf
