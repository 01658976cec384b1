"""The audit trail (审计): an append-only, hash-chained record of every state change and every reveal.

Services call ``audit_record`` (or ``audit_record_many`` for bulk work) inside the same
transaction as the change they describe, so a change and its entry commit or roll back together.
Who acted, at what assurance level, with which login method, for which enterprise and from which
address come from the *audit context*: the middleware fills it per request from the session
(``identity`` sets level, method and the enterprise acted for); commands and tasks run with an
empty context and name themselves through ``actor_label``.

Each entry stores the SHA-256 of its own canonical content plus the previous entry's hash, and
``AuditHead`` (one row) holds the last sequence number and hash. Appending locks the head row, so
the chain is strictly ordered on SQLite and PostgreSQL alike. ``audit_chain_verify`` recomputes
the chain: an edited entry breaks its own hash, a deleted entry leaves a gap in the sequence or a
mismatch with the head. Database triggers (migration ``core.0002``) refuse UPDATE (and on
PostgreSQL DELETE), so tampering needs a deliberate DDL change first — which verification catches.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .models import AuditEntry, AuditHead

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditContext:
    """Who is acting, as the request (or command) knows it."""

    ip: str = ""
    level: str = ""  # assurance level of the session (L1/L2/L3; staff sessions: L2, method totp)
    method: str = ""  # login method of the session: password, sms, certificate, totp, upstream ...
    on_behalf_of: str = ""  # e.g. "enterprise:91350802MA31X6YQ46" when an agent acts for an enterprise
    channel: str = ""  # portal, workbench, api, oidc, command
    extra: dict[str, str] = field(default_factory=dict)


# AuditContext is frozen, so one shared default instance is safe.
_context: contextvars.ContextVar[AuditContext] = contextvars.ContextVar(
    "govhall_audit",
    default=AuditContext(),  # noqa: B039
)


def audit_context() -> AuditContext:
    return _context.get()


def audit_context_set(**changes: Any) -> None:
    """Refine the current context (identity middleware adds level, method, enterprise)."""
    _context.set(replace(_context.get(), **changes))


class audit_context_use:  # noqa: N801 - used as a context manager, reads like a function
    """``with audit_context_use(channel="command"):`` for commands, tasks and tests."""

    def __init__(self, **values: Any) -> None:
        self.values = values
        self.token: contextvars.Token[AuditContext] | None = None

    def __enter__(self) -> AuditContext:
        self.token = _context.set(replace(_context.get(), **self.values))
        return _context.get()

    def __exit__(self, *exc: object) -> None:
        assert self.token is not None
        _context.reset(self.token)


def client_ip(request: HttpRequest) -> str:
    """The client address as django-axes sees it (``core.client_address``: proxy-aware, GOVHALL_PROXY_COUNT)."""
    try:
        from axes.helpers import get_client_ip_address

        return get_client_ip_address(request) or ""
    except Exception:  # noqa: BLE001 - axes not installed or misconfigured: fall back to the socket
        return request.META.get("REMOTE_ADDR", "")


class AuditContextMiddleware:
    """Starts a fresh audit context per request with the client address and channel."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        channel = (
            "api" if path.startswith("/api/") else "workbench" if path.startswith("/workbench/") else "portal"
        )
        if path.startswith("/o/"):
            channel = "oidc"
        token = _context.set(AuditContext(ip=client_ip(request), channel=channel))
        try:
            return self.get_response(request)
        finally:
            _context.reset(token)


@dataclass(frozen=True)
class AuditTarget:
    """The object an entry is about (``type`` like ``identity.person``, ``id`` as text, a safe label)."""

    type: str
    id: str
    label: str = ""

    @classmethod
    def of(cls, instance: models.Model, label: str = "") -> AuditTarget:
        return cls(type=instance._meta.label_lower, id=str(instance.pk), label=label or str(instance)[:200])


def _canonical(entry: AuditEntry) -> bytes:
    payload = {
        "sequence": entry.sequence,
        "created_at": entry.created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "actor_level": entry.actor_level,
        "actor_method": entry.actor_method,
        "on_behalf_of": entry.on_behalf_of,
        "channel": entry.channel,
        "ip": entry.ip,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_label": entry.object_label,
        "summary": entry.summary,
        "reason": entry.reason,
        "previous_hash": entry.previous_hash,
    }
    return json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    ).encode()


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(entry)).hexdigest()


def _actor_label(actor: Any) -> str:
    """A readable name for the entry: the staff member's, person's or enterprise's name and the username."""
    if actor is None:
        return ""
    for relation, attribute in (
        ("staff_profile", "display_name"),
        ("person", "name"),
        ("enterprise", "name"),
    ):
        profile = getattr(actor, relation, None)  # a missing one-to-one raises an AttributeError subclass
        if profile is not None:
            return f"{getattr(profile, attribute)}（{actor.get_username()}）"
    return actor.get_username()


@dataclass(frozen=True)
class AuditItem:
    """One entry of a bulk write: the action on one target."""

    action: str
    target: AuditTarget | None = None
    summary: dict[str, Any] | None = None
    reason: str = ""


def _lock_head() -> AuditHead:
    head, _ = AuditHead.objects.get_or_create(pk=1, defaults={"sequence": 0, "last_hash": GENESIS_HASH})
    return AuditHead.objects.select_for_update().get(pk=head.pk)


@transaction.atomic
def audit_record_many(*, actor: Any, items: Iterable[AuditItem], actor_label: str = "") -> list[AuditEntry]:
    """Append several entries in one locked step (bulk imports, bulk actions)."""
    items = list(items)
    if not items:
        return []
    context = audit_context()
    head = _lock_head()
    now = timezone.now()
    label = actor_label or _actor_label(actor)
    entries: list[AuditEntry] = []
    previous = head.last_hash
    sequence = head.sequence
    for item in items:
        sequence += 1
        target = item.target or AuditTarget(type="", id="")
        entry = AuditEntry(
            sequence=sequence,
            created_at=now,
            actor_id=getattr(actor, "pk", None),
            actor_label=label[:200],
            actor_level=context.level,
            actor_method=context.method,
            on_behalf_of=context.on_behalf_of,
            channel=context.channel or "command",
            ip=context.ip,
            action=item.action,
            object_type=target.type,
            object_id=target.id,
            object_label=target.label[:200],
            summary=_jsonable(item.summary or {}),
            reason=item.reason[:500],
            previous_hash=previous,
        )
        entry.entry_hash = entry_hash(entry)
        previous = entry.entry_hash
        entries.append(entry)
    AuditEntry.objects.bulk_create(entries, batch_size=500)
    head.sequence = sequence
    head.last_hash = previous
    head.save(update_fields=["sequence", "last_hash"])
    return entries


def audit_record(
    *,
    actor: Any,
    action: str,
    target: AuditTarget | None = None,
    summary: dict[str, Any] | None = None,
    reason: str = "",
    actor_label: str = "",
) -> AuditEntry:
    """Append one entry. ``actor`` is a user or None (the system); ``summary`` holds before/after, never secrets."""
    return audit_record_many(
        actor=actor, items=[AuditItem(action, target, summary, reason)], actor_label=actor_label
    )[0]


def _jsonable(value: Any) -> Any:
    """Round-trip through JSON so the stored summary hashes the same after reading it back."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    kind: str  # edited | missing | head
    message: str


def _entries_in_order(chunk_size: int = 2000) -> Iterator[AuditEntry]:
    return AuditEntry.objects.order_by("sequence").iterator(chunk_size=chunk_size)


def audit_chain_verify() -> tuple[int, list[ChainProblem]]:
    """Recompute the whole chain; returns (entries checked, problems). Streams, so it scales."""
    problems: list[ChainProblem] = []
    previous_hash = GENESIS_HASH
    expected = 1
    count = 0
    for entry in _entries_in_order():
        count += 1
        if entry.sequence != expected:
            problems.append(
                ChainProblem(
                    expected, "missing", f"第 {expected}–{entry.sequence - 1} 条审计记录缺失（已被删除）"
                )
            )
            previous_hash = entry.previous_hash  # resynchronise so one deletion is reported once
        if entry.previous_hash != previous_hash:
            problems.append(
                ChainProblem(entry.sequence, "edited", f"第 {entry.sequence} 条记录与前一条的链接不符")
            )
        if entry_hash(entry) != entry.entry_hash:
            problems.append(
                ChainProblem(entry.sequence, "edited", f"第 {entry.sequence} 条记录的内容已被修改")
            )
        previous_hash = entry.entry_hash
        expected = entry.sequence + 1
    head = AuditHead.objects.filter(pk=1).first()
    head_sequence = head.sequence if head else 0
    head_hash = head.last_hash if head else GENESIS_HASH
    if head_sequence != expected - 1 or head_hash != previous_hash:
        problems.append(
            ChainProblem(
                head_sequence,
                "head",
                f"链尾应为第 {head_sequence} 条，实际为第 {expected - 1} 条：末尾记录被删除或链头被改动",
            )
        )
    return count, problems


def audit_entries_for(*, object_type: str, object_id: str) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=object_type, object_id=object_id).order_by("sequence")


def audit_created_since(moment: datetime) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(created_at__gte=moment).order_by("sequence")
