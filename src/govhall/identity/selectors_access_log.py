"""数据查阅记录 — who looked at, released or used a person's own data, read from the audit trail.

Only reads, and only entries about the given person's own ``Person`` row: what a clerk looked up
or revealed (with the reason they gave), which system received the ID number, when the phone
number was used for a message, and the person's own verifications and bindings. Built on
``core.audit_selectors``; never shows another person's entries, an address or a raw summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from oauth2_provider.models import get_application_model

from govhall.core.audit_labels import ACTION_LABELS
from govhall.core.audit_selectors import audit_entry_list

from .models import Person

PERSON_TYPE = Person._meta.label_lower  # "identity.person", as ``AuditTarget.of(person)`` records it
ACCESS_ACTIONS = (
    "personal_data.",
    "identity.person_register",
    "identity.person_lookup",
    "identity.person_verify",
    "identity.person_verify_failed",
    "identity.level_raise",
    "identity.credential_bind",
    "identity.certificate_bind",
)
WHAT = {  # worded for the person whose data it is
    "personal_data.reveal": "查看完整身份证号码",
    "personal_data.use": "用于发送短信",
    "identity.person_lookup": "查询您的账号信息",
    "identity.person_verify": "核验您的身份（通过）",
    "identity.person_verify_failed": "核验您的身份（未通过）",
}
FIELD_NAMES = {"id_number": "身份证号码", "phone": "手机号码"}


@dataclass(frozen=True)
class AccessRecord:
    at: datetime
    who: str
    what: str
    reason: str
    by_staff: bool


def person_access_entries(*, person: Person) -> QuerySet[Any]:
    """Audit entries about ``person``'s own data, newest first (lazy: paginate it)."""
    return audit_entry_list(actions=ACCESS_ACTIONS, object_type=PERSON_TYPE, object_id=str(person.pk))


def _client_names(entries: Iterable[Any]) -> dict[str, str]:
    """Names of the single sign-on clients that received data in ``entries`` (one query)."""
    client_ids = {
        str(entry.summary.get("recipient", "")).removeprefix("oidc:")
        for entry in entries
        if isinstance(entry.summary, dict) and str(entry.summary.get("recipient", "")).startswith("oidc:")
    }
    if not client_ids:
        return {}
    rows = get_application_model().objects.filter(client_id__in=client_ids).values_list("client_id", "name")
    return dict(rows)


def _recipient(recipient: str, clients: dict[str, str]) -> str:
    kind, _, name = recipient.partition(":")
    if kind == "oidc":
        return f"接入系统：{clients.get(name) or name}"
    if kind == "population_registry":
        return f"人口库（{name}）" if name else "人口库"
    return recipient or "接入系统"


def _what(entry: Any) -> str:
    if entry.action == "personal_data.release":
        field = FIELD_NAMES.get(str(entry.summary.get("field", "")), "个人信息")
        return f"向接入系统提供{field}"
    return WHAT.get(entry.action) or ACTION_LABELS.get(entry.action, entry.action)


def _who(entry: Any, person: Person, clients: dict[str, str]) -> tuple[str, bool]:
    """The one who saw or received the data, and whether that was a staff member."""
    recipient = entry.summary.get("recipient") if isinstance(entry.summary, dict) else None
    if recipient:
        return _recipient(str(recipient), clients), False
    if entry.actor_id == person.user_id:
        return "本人", False
    if entry.actor_id is None:
        return "系统", False
    return f"工作人员 {entry.actor_label}", True


def person_access_records(*, person: Person, entries: Iterable[Any]) -> list[AccessRecord]:
    """``entries`` (from ``person_access_entries``) worded for the person: when, who, what, why."""
    entries = [entry for entry in entries if entry.object_id == str(person.pk)]
    clients = _client_names(entries)
    records = []
    for entry in entries:
        who, by_staff = _who(entry, person, clients)
        records.append(AccessRecord(entry.created_at, who, _what(entry), entry.reason, by_staff))
    return records
