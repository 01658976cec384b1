"""The periodic run (定时任务): every step that must happen on its own, in order, in one list.

One list serves the three ways of running it: the embedded server's ticker thread (``make run``),
Celery beat in production (``govhall.celery`` schedules one task per step) and ``govhall
periodic_run`` (cron, or by hand). Each step is idempotent, so a doubled or retried run is harmless.
Order matters: clocks and deadlines first (deemed acceptance, interaction and rating ticks), then the
supervision scan that issues cards from them, then the indicator rollup that counts them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.utils import timezone

logger = logging.getLogger("govhall.tick")


def _cases(today: dt.date) -> Any:
    from govhall.cases.services.handling import cases_tick

    return cases_tick()


def _interaction(today: dt.date) -> Any:
    from govhall.interaction.services.tick import interaction_tick

    return interaction_tick(today)


def _ratings(today: dt.date) -> Any:
    from govhall.interaction.ratings.tick import ratings_tick

    return ratings_tick(today=today)


def _scan(today: dt.date) -> Any:
    from .services.scan import supervision_scan

    return supervision_scan(today=today)


def _rollup(today: dt.date) -> Any:
    from .rollup.services import rollup_refresh_recent

    return rollup_refresh_recent(today)


# (name, step): the Celery task of a step is "govhall.<name>".
PERIODIC_STEPS: list[tuple[str, Callable[[dt.date], Any]]] = [
    ("cases_tick", _cases),
    ("interaction_tick", _interaction),
    ("ratings_tick", _ratings),
    ("supervision_scan", _scan),
    ("indicators_rollup", _rollup),
]


def periodic_step_run(name: str, *, today: dt.date | None = None) -> Any:
    """Run one step by name (a Celery task)."""
    step = dict(PERIODIC_STEPS)[name]
    return step(today or timezone.localdate())


def periodic_run(*, today: dt.date | None = None) -> dict[str, Any]:
    """Run every step once; a failing step is logged and the others still run. Returns each step's result
    (or the exception's text)."""
    today = today or timezone.localdate()
    results: dict[str, Any] = {}
    for name, step in PERIODIC_STEPS:
        try:
            results[name] = step(today)
        except Exception as exc:  # noqa: BLE001 - one failing step must not stop the others; retried next run
            logger.exception("%s failed", name)
            results[name] = f"失败：{exc}"
    return results
