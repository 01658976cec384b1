"""Turning sealed personal data back into text — always audited (R-OPS.1).

A reveal to a person (a clerk checking a card, a reviewer with a reason) and a release to a system
(an OIDC client holding the ``id_number`` permission, the SMS gateway) both leave an audit entry
naming who, why and whose data.
"""

from typing import Any

from django.core.exceptions import ValidationError

from govhall.core.audit import AuditTarget, audit_record
from govhall.core.personal_data import unseal

from ..models import Person


def person_id_number_reveal(*, person: Person, viewer: Any, reason: str) -> str:
    """The full ID number of ``person`` for ``viewer``; ``reason`` is mandatory and audited."""
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValidationError("查看完整身份证号码须填写事由", code="reason_required")
    audit_record(
        actor=viewer,
        action="personal_data.reveal",
        target=AuditTarget.of(person, person.name),
        summary={"field": "id_number"},
        reason=reason,
    )
    return unseal(person.id_number_sealed, purpose="id_number")


def person_id_number_release(*, person: Person, recipient: str, reason: str) -> str:
    """The full ID number released to a system (``recipient`` names it, e.g. ``oidc:<client id>``)."""
    audit_record(
        actor=person.user,
        action="personal_data.release",
        target=AuditTarget.of(person, person.name),
        summary={"field": "id_number", "recipient": recipient},
        reason=reason,
    )
    return unseal(person.id_number_sealed, purpose="id_number")


def person_phone_use(*, person: Person, reason: str) -> str:
    """The phone number for a system use (sending a message); audited as a use, not shown to anyone."""
    audit_record(
        actor=None,
        actor_label="system",
        action="personal_data.use",
        target=AuditTarget.of(person, person.name),
        summary={"field": "phone"},
        reason=reason,
    )
    return unseal(person.phone_sealed, purpose="phone")


def person_id_number_use(*, person: Person, reason: str, recorded_by_caller: bool = False) -> str:
    """The ID number for a system use (e.g. deriving a case's progress-query check); audited as a use.

    ``recorded_by_caller``: the caller writes the use into its own audit entry of the same transaction
    (``summary["personal_data_use"]``), so a case submission costs one chain append, not two.
    """
    if recorded_by_caller:
        return unseal(person.id_number_sealed, purpose="id_number")
    audit_record(
        actor=None,
        actor_label="system",
        action="personal_data.use",
        target=AuditTarget.of(person, person.name),
        summary={"field": "id_number"},
        reason=reason,
    )
    return unseal(person.id_number_sealed, purpose="id_number")
