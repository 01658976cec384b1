"""Celery tasks of the periodic run: the case tick and the supervision scan (see ``govhall.celery``).

Each task calls the one service that does the work; both are idempotent, so a retried or doubled
beat is harmless. Without Celery the embedded server's ticker and the management commands
(``govhall cases_tick``, ``govhall supervision_scan``) call the same services.
"""

from __future__ import annotations

from celery import shared_task


@shared_task(name="govhall.cases_tick")
def cases_tick_task() -> dict[str, int]:
    from govhall.cases.services.handling import cases_tick

    return cases_tick()


@shared_task(name="govhall.supervision_scan")
def supervision_scan_task() -> dict[str, int]:
    from .services.scan import supervision_scan

    return supervision_scan()
