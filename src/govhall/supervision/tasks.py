"""Celery tasks of the periodic run: ``govhall.periodic_run`` (every step in order — what beat
schedules) and one task per step of ``supervision.periodic.PERIODIC_STEPS`` (to run one by hand).

Each task calls the services that do the work; all are idempotent, so a retried or doubled beat is
harmless. Without Celery the embedded server's ticker and ``govhall periodic_run`` run the same list.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task

from .periodic import PERIODIC_STEPS, periodic_run, periodic_step_run


def _task(name: str) -> Any:
    @shared_task(name=f"govhall.{name}")
    def run() -> Any:
        result = periodic_step_run(name)
        return result if isinstance(result, dict | int | None) else str(result)

    return run


@shared_task(name="govhall.periodic_run")
def periodic_run_task() -> dict[str, str]:
    return {name: str(result) for name, result in periodic_run().items()}


TASKS = {name: _task(name) for name, _ in PERIODIC_STEPS}
cases_tick_task = TASKS["cases_tick"]
supervision_scan_task = TASKS["supervision_scan"]
