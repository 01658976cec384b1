"""Sending messages: one interface for SMS and e-mail (``notification_send``).

Texts come from ``templates.TEMPLATES``; a template marked sensitive (verification codes) is
stored in the outbox with its parameters blanked. The gateway for each channel is chosen in
settings (``GOVHALL["SMS_GATEWAY"]``, ``GOVHALL["EMAIL_GATEWAY"]``); the embedded default is the
local simulator, which records what a phone or mailbox would receive (``simulator``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from govhall.core.personal_data import lookup_hash, mask_phone, seal

from .gateways import Gateway, GatewayError, OutgoingMessage
from .models import Channel, Message, MessageStatus, SiteMessage
from .templates import render_template


def gateway_for(channel: str) -> Gateway:
    key = {"sms": "SMS_GATEWAY", "email": "EMAIL_GATEWAY"}[channel]
    path = str(settings.GOVHALL[key])
    return import_string(path)()


def _mask(channel: str, recipient: str) -> str:
    if channel == Channel.SMS:
        return mask_phone(recipient)
    name, _, domain = recipient.partition("@")
    return f"{name[:1]}***@{domain}"


def _redact(text: str, hidden: tuple[str, ...]) -> str:
    """A gateway's error may echo what it was sent; a secret parameter never reaches the outbox."""
    for value in hidden:
        text = text.replace(value, "******")
    return text


def notification_send(*, channel: str, recipient: str, template: str, params: dict[str, str]) -> Message:
    """Send one message now; the outbox row records the outcome either way (never raises on gateway errors)."""
    rendered = render_template(template, params)
    gateway = gateway_for(channel)
    status, reference, error = MessageStatus.SENT, "", ""
    try:
        reference = gateway.send(
            OutgoingMessage(
                channel=channel,
                recipient=recipient,
                subject=rendered.subject,
                body=rendered.body,
                template=template,
                params=params,
            )
        )
    except GatewayError as exc:
        status, error = MessageStatus.FAILED, _redact(str(exc), rendered.hidden)[:300]
    return Message.objects.create(
        channel=channel,
        recipient_sealed=seal(recipient, purpose="notification_recipient"),
        recipient_hash=lookup_hash(recipient, purpose="notification_recipient"),
        recipient_masked=_mask(channel, recipient),
        template=template,
        subject=rendered.subject,
        body=rendered.stored_body,
        status=status,
        gateway=gateway.name,
        gateway_reference=reference,
        error=error,
    )


def site_message_post(
    *, recipient: Any, template: str, params: dict[str, str], link: str = ""
) -> SiteMessage:
    """An in-site message (站内消息) to ``recipient``'s inbox, worded like the SMS of the same template."""
    rendered = render_template(template, params)
    return SiteMessage.objects.create(
        recipient=recipient, subject=rendered.subject, body=rendered.stored_body, link=link
    )


def site_messages_mark_read(*, recipient: Any, ids: list[int] | None = None) -> int:
    """Mark the recipient's messages (all, or ``ids``) read; returns how many changed."""
    unread = SiteMessage.objects.filter(recipient=recipient, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
