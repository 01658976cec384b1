"""Gateway interface and the embedded default: the local simulator (records, sends nothing out)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Protocol


class GatewayError(Exception):
    """The gateway refused or could not be reached; the message is recorded as failed."""


@dataclass(frozen=True)
class OutgoingMessage:
    channel: str
    recipient: str
    subject: str
    body: str
    template: str = ""
    params: dict[str, str] = field(default_factory=dict)


class Gateway(Protocol):
    name: str

    def send(self, message: OutgoingMessage) -> str:
        """Deliver ``message``; return the gateway's reference. Raise ``GatewayError`` on failure."""
        ...


class SimulatorGateway:
    """Records the message as the recipient would receive it (table ``SimulatedDelivery``)."""

    name = "simulator"
    delivers_to_simulator = True

    def send(self, message: OutgoingMessage) -> str:
        from .models import SimulatedDelivery

        reference = uuid.uuid4().hex
        SimulatedDelivery.objects.create(
            channel=message.channel,
            recipient=message.recipient,
            subject=message.subject,
            body=message.body,
            gateway_reference=reference,
        )
        return reference
