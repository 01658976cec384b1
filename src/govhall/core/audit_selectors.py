"""Reads of the audit trail for pages: the operators' audit log and a person's access log.

Only reads: entries are written by ``core.audit`` alone. ``audit_entry_list`` returns a lazy
queryset, newest first, so callers slice and paginate it without loading the table; every filter
uses an indexed column or narrows one (sequence, created_at, action, object type + id, actor).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db.models import Q, QuerySet

from .models import AuditEntry


def _action_q(action: str) -> Q:
    """``identity.`` (ending in a dot) matches the whole area; anything else matches exactly."""
    if action.endswith("."):
        return Q(action__startswith=action)
    return Q(action=action)


def audit_entry_list(
    *,
    action: str = "",
    actions: Sequence[str] = (),
    actor: str = "",
    object_type: str = "",
    object_id: str = "",
    on_behalf_of: str = "",
    channel: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditEntry]:
    """Entries matching every given filter, newest first.

    ``action`` is one action or an area prefix (``identity.``); ``actions`` is a list of them, any
    of which may match. ``actor`` is a username, or the label of a system actor (``system``,
    ``anonymous``, a command's name). ``since`` is inclusive, ``until`` exclusive.
    """
    entries = AuditEntry.objects.all()
    if action:
        entries = entries.filter(_action_q(action))
    if actions:
        any_of = Q()
        for one in actions:
            any_of |= _action_q(one)
        entries = entries.filter(any_of)
    if actor:
        entries = entries.filter(Q(actor__username=actor) | Q(actor__isnull=True, actor_label=actor))
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if on_behalf_of:
        entries = entries.filter(on_behalf_of=on_behalf_of)
    if channel:
        entries = entries.filter(channel=channel)
    if since is not None:
        entries = entries.filter(created_at__gte=since)
    if until is not None:
        entries = entries.filter(created_at__lt=until)
    return entries.order_by("-sequence")
