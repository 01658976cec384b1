"""The periodic work of the interaction context (wired into the ticker by the lead): close replied
complaints left unconfirmed past their confirmation period. Idempotent: a second run closes nothing."""

from __future__ import annotations

import datetime as dt

from .complaints import complaints_close_unconfirmed


def interaction_tick(today: dt.date) -> dict[str, int]:
    """Run once a day or more often; returns what it did."""
    return {"complaints_closed_unconfirmed": complaints_close_unconfirmed(today=today)}
