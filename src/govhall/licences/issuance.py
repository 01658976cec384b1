"""Issuing machinery shared by ``services.licence_issue`` and ``imports.licence_import``.

Checks the holder and the data against the type, computes the validity, allocates the serial under
a row lock, draws and seals the PDF and stores the row. Runs inside the caller's transaction and
writes no audit entry itself: its callers do.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone
from jsonschema import Draft202012Validator

from govhall.core.personal_data import lookup_hash, mask_id_number
from govhall.directory.models import Department
from govhall.identity.models import Enterprise, Person

from .documents import data_rows, licence_pdf
from .identifiers import licence_identifier_make
from .models import Licence, LicenceSerial, LicenceType


def _serial_next(licence_type: LicenceType, issuer: Department) -> int:
    """The next serial of (type, issuer): the counter row is updated (row-locked) in the caller's transaction."""
    row, _ = LicenceSerial.objects.get_or_create(licence_type=licence_type, issuer=issuer)
    LicenceSerial.objects.filter(pk=row.pk).update(last=F("last") + 1)
    return LicenceSerial.objects.values_list("last", flat=True).get(pk=row.pk)


@dataclass(frozen=True)
class Holder:
    person: Person | None
    enterprise: Enterprise | None
    label: str  # 持证人 / 持证单位
    name: str
    number_masked: str
    number_hash: str


def licence_holder(licence_type: LicenceType, person: Person | None, enterprise: Enterprise | None) -> Holder:
    if (person is None) == (enterprise is None):
        raise ValidationError("证照须有且只有一个持证主体（自然人或法人）")
    if enterprise is not None:
        if licence_type.holder_kind == "person":
            raise ValidationError(f"{licence_type.name}只能核发给自然人")
        return Holder(
            None,
            enterprise,
            "持证单位",
            enterprise.name,
            mask_id_number(enterprise.credit_code),
            lookup_hash(enterprise.credit_code, purpose="credit_code"),
        )
    assert person is not None
    if licence_type.holder_kind == "enterprise":
        raise ValidationError(f"{licence_type.name}只能核发给法人")
    return Holder(person, None, "持证人", person.name, person.id_number_masked, person.id_number_hash)


def licence_data_clean(licence_type: LicenceType, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` checked against the type's schema; ``ValidationError`` keyed by field, in Chinese."""
    if not isinstance(data, dict):
        raise ValidationError("证照信息应为对象")
    schema = licence_type.metadata_schema or {}
    properties = schema.get("properties") or {}
    errors: dict[str, list[str]] = {}
    for error in Draft202012Validator(schema).iter_errors(data):
        key = str(error.path[0]) if error.path else ""
        if error.validator == "required":
            missing = str(error.message).split("'")[1] if "'" in str(error.message) else ""
            key = missing or key
            message = "必填"
        elif error.validator in {"type", "format", "pattern"}:
            message = "格式不正确"
        elif error.validator == "enum":
            message = "不在可选范围内"
        elif error.validator in {"maxLength", "minLength", "minimum", "maximum"}:
            message = "超出允许的范围"
        else:
            message = "不符合要求"
        title = str((properties.get(key) or {}).get("title") or key or "证照信息")
        errors.setdefault(key or "__all__", []).append(f"{title}：{message}")
    if errors:
        raise ValidationError(errors)
    return data


def licence_valid_until(licence_type: LicenceType, valid_from: date, valid_until: date | None) -> date | None:
    if valid_until is not None:
        if valid_until < valid_from:
            raise ValidationError("有效期截止日期不能早于起始日期")
        return valid_until
    if licence_type.validity_years:
        try:
            end = valid_from.replace(year=valid_from.year + licence_type.validity_years)
        except ValueError:  # 29 February
            end = valid_from.replace(year=valid_from.year + licence_type.validity_years, day=28)
        return end - timedelta(days=1)
    return None


def licence_create(
    *,
    licence_type: LicenceType,
    holder: Holder,
    issuer: Department,
    data: dict[str, Any],
    valid_from: date,
    valid_until: date | None,
    source_case: str,
    imported: bool,
    base_url: str,
) -> Licence:
    """Allocate the serial, draw and seal the PDF, store the row (inside the caller's transaction)."""
    serial = _serial_next(licence_type, issuer)
    identifier = licence_identifier_make(
        type_code=licence_type.code, issuer_code=issuer.credit_code, serial=serial
    )
    issued_at = timezone.now()
    pdf = licence_pdf(
        type_name=licence_type.name,
        identifier=identifier,
        holder_label=holder.label,
        holder_name=holder.name,
        holder_number_masked=holder.number_masked,
        rows=data_rows(licence_type.metadata_schema or {}, data),
        issuer=issuer,
        issued_at=issued_at,
        valid_from=valid_from,
        valid_until=valid_until,
        base_url=base_url,
    )
    licence = Licence(
        identifier=identifier,
        licence_type=licence_type,
        serial=serial,
        version=1,
        holder_person=holder.person,
        holder_enterprise=holder.enterprise,
        holder_name=holder.name,
        holder_number_masked=holder.number_masked,
        holder_number_hash=holder.number_hash,
        issuer=issuer,
        data=data,
        issued_at=issued_at,
        valid_from=valid_from,
        valid_until=valid_until,
        source_case=source_case,
        imported=imported,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
    )
    licence.pdf.save(f"{identifier}.pdf", ContentFile(pdf), save=False)
    licence.save()
    return licence
