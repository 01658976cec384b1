"""12345 热线 intake: API clients with a bearer token, tickets turned into consultations or complaints.

A client's token (``hl_…``, 256 bits of randomness) is shown once at creation; only its SHA-256 is
stored, so a database dump does not let anyone call the API. A ticket id is unique per client: posting
the same ticket again returns the record made the first time (``created=False``) — the unique
constraint decides under concurrency, never a check-then-insert.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from govhall.core.audit import AuditTarget, audit_record
from govhall.directory.models import Department, Region

from ..models import (
    Channel,
    Complaint,
    ComplaintKind,
    ComplaintSubject,
    Consultation,
    HotlineClient,
    HotlineTicket,
)
from .complaints import complaint_submit
from .consultations import consultation_ask

TOKEN_PREFIX = "hl_"  # noqa: S105 - the public prefix of every token, not a secret


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedClient:
    client: HotlineClient
    token: str  # shown once; never stored


@transaction.atomic
def hotline_client_create(*, actor: Any, name: str, region: Region, actor_label: str = "") -> IssuedClient:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "请填写接入方名称"})
    if HotlineClient.objects.filter(name=name).exists():
        raise ValidationError({"name": "已有同名接入方"})
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    client = HotlineClient.objects.create(
        name=name, region=region, token_hash=token_digest(token), token_prefix=token[:10]
    )
    audit_record(
        actor=actor,
        actor_label=actor_label,
        action="interaction.hotline_client_create",
        target=AuditTarget(type="interaction.hotlineclient", id=str(client.pk), label=name),
        summary={"region": region.name, "token_prefix": client.token_prefix},
    )
    return IssuedClient(client=client, token=token)


def hotline_client_for_token(token: str) -> HotlineClient | None:
    """The active client holding ``token`` (looked up by its digest, compared in constant time)."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    digest = token_digest(token)
    client = HotlineClient.objects.select_related("region").filter(token_hash=digest, is_active=True).first()
    if client is None or not hmac.compare_digest(client.token_hash, digest):
        return None
    return client


@dataclass(frozen=True)
class Intake:
    ticket: HotlineTicket
    created: bool


def _existing(client: HotlineClient, ticket_id: str) -> HotlineTicket | None:
    return (
        HotlineTicket.objects.select_related("consultation", "complaint")
        .filter(client=client, ticket_id=ticket_id)
        .first()
    )


def hotline_ticket_receive(
    *,
    client: HotlineClient,
    ticket_id: str,
    kind: str,
    title: str,
    content: str,
    contact_name: str = "",
    contact_phone: str = "",
    implementation_code: str = "",
    department: Department | None = None,
    case_number: str = "",
    anonymous: bool = False,
) -> Intake:
    """The consultation (kind ``consultation``) or complaint (``complaint`` / ``report``) of a ticket; once per ticket."""
    ticket_id = (ticket_id or "").strip()
    found = _existing(client, ticket_id)
    if found is not None:
        return Intake(found, created=False)
    try:
        with transaction.atomic():
            ticket = _create(
                client=client,
                ticket_id=ticket_id,
                kind=kind,
                title=title,
                content=content,
                contact_name=contact_name,
                contact_phone=contact_phone,
                implementation_code=implementation_code,
                department=department,
                case_number=case_number,
                anonymous=anonymous,
            )
    except IntegrityError:  # the same ticket arrived twice at once: the first one won
        found = _existing(client, ticket_id)
        if found is None:
            raise
        return Intake(found, created=False)
    return Intake(ticket, created=True)


def _create(*, client: HotlineClient, ticket_id: str, kind: str, **fields: Any) -> HotlineTicket:
    ticket = HotlineTicket.objects.create(client=client, ticket_id=ticket_id)  # claims the id first
    common = {
        "title": fields["title"],
        "contact_phone": fields["contact_phone"],
        "channel": Channel.HOTLINE,
        "department": fields["department"],
        "region": client.region,
    }
    if kind == "consultation":
        ticket.consultation = consultation_ask(
            asker=None,
            question=fields["content"],
            implementation_code=fields["implementation_code"],
            asker_name=fields["contact_name"],
            **common,
        )
    else:
        subject = (
            ComplaintSubject.CASE
            if fields["case_number"]
            else ComplaintSubject.ITEM
            if fields["implementation_code"]
            else ComplaintSubject.DEPARTMENT
            if fields["department"] is not None
            else ComplaintSubject.WINDOW
        )
        ticket.complaint = complaint_submit(
            complainant=None,
            kind=ComplaintKind.REPORT if kind == "report" else ComplaintKind.COMPLAINT,
            subject=subject,
            content=fields["content"],
            case_number=fields["case_number"],
            implementation_code=fields["implementation_code"],
            window_name="12345热线转来" if subject == ComplaintSubject.WINDOW else "",
            anonymous=bool(fields["anonymous"]) and kind == "report",
            complainant_name=fields["contact_name"],
            **common,
        )
    ticket.save(update_fields=["consultation", "complaint"])
    audit_record(
        actor=None,
        actor_label=f"hotline:{client.name}",
        action="interaction.hotline_receive",
        target=AuditTarget(type="interaction.hotlineticket", id=str(ticket.pk), label=ticket_id),
        summary={"kind": kind, "client": client.name},
    )
    return ticket


def ticket_record(ticket: HotlineTicket) -> Consultation | Complaint:
    record = ticket.consultation or ticket.complaint
    assert record is not None
    return record
