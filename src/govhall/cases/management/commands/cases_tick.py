"""``govhall cases_tick`` — the periodic step of case handling (deemed acceptance, BPMN timers).

Run it every few minutes from cron or a Celery beat schedule in production; ``make run`` runs it
in the background of the embedded server (``GOVHALL_TICK_SECONDS``, default 300). Idempotent.
"""

from typing import Any

from django.core.management.base import BaseCommand

from govhall.cases.services.handling import cases_tick


class Command(BaseCommand):
    help = "办件定时处理：逾期视为受理、流程定时器（可重复运行）"

    def handle(self, *args: Any, **options: Any) -> None:
        result = cases_tick()
        self.stdout.write(
            f"逾期视为受理 {result['deemed_accepted']} 件，触发流程定时器 {result['timers_fired']} 件"
        )
