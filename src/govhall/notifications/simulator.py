"""Reading what the local simulators received — for tests, the demo and the operator's simulator page."""

import re

from .models import SimulatedDelivery


def simulator_inbox(*, recipient: str, channel: str = "sms") -> list[SimulatedDelivery]:
    return list(SimulatedDelivery.objects.filter(channel=channel, recipient=recipient).order_by("-id"))


def simulator_last_code(*, recipient: str) -> str | None:
    """The verification code in the newest SMS to ``recipient`` (6 digits), or None."""
    for delivery in simulator_inbox(recipient=recipient):
        if match := re.search(r"验证码为(\d{6})", delivery.body):
            return match.group(1)
    return None
