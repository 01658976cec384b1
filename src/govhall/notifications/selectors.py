"""Reads of the outbox and the simulators, for the operator's workbench page and the demo inbox.

Never returns a recipient in clear from the outbox (only the masked column); filtering by
recipient goes through the keyed lookup hash.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from govhall.core.personal_data import lookup_hash

from .models import Message, SimulatedDelivery, SiteMessage
from .services import _mask, gateway_for


def simulator_active() -> bool:
    """Whether SMS currently end up in the local simulator (the demo inbox is shown only then)."""
    return bool(getattr(gateway_for("sms"), "delivers_to_simulator", False))


def outbox_list(
    *, channel: str = "", status: str = "", template: str = "", recipient: str = ""
) -> QuerySet[Message]:
    """Messages sent or attempted, newest first, narrowed by the given filters (empty: any)."""
    messages = Message.objects.order_by("-id")
    if channel:
        messages = messages.filter(channel=channel)
    if status:
        messages = messages.filter(status=status)
    if template:
        messages = messages.filter(template=template)
    if recipient:
        messages = messages.filter(recipient_hash=lookup_hash(recipient, purpose="notification_recipient"))
    return messages


def simulator_delivery_list(*, channel: str = "", recipient: str = "") -> QuerySet[SimulatedDelivery]:
    """What the simulators received, newest first."""
    deliveries = SimulatedDelivery.objects.order_by("-id")
    if channel:
        deliveries = deliveries.filter(channel=channel)
    if recipient:
        deliveries = deliveries.filter(recipient=recipient)
    return deliveries


def recipient_masked(*, channel: str, recipient: str) -> str:
    """How a recipient is shown to staff: ``138****8000``, ``z***@example.cn``."""
    return _mask(channel, recipient)


def site_messages_for(*, recipient: Any) -> QuerySet[SiteMessage]:
    """站内消息 of ``recipient``, newest first."""
    return SiteMessage.objects.filter(recipient=recipient).order_by("-id")


def site_message_get(*, recipient: Any, pk: int) -> SiteMessage | None:
    return SiteMessage.objects.filter(recipient=recipient, pk=pk).first()


def site_messages_unread_count(*, recipient: Any) -> int:
    return SiteMessage.objects.filter(recipient=recipient, read_at__isnull=True).count()
