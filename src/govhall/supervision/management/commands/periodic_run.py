"""``govhall periodic_run`` — every periodic step once, in order (cron's alternative to Celery beat)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand

from govhall.supervision.periodic import periodic_run


class Command(BaseCommand):
    help = "定时任务：办件定时处理、咨询投诉与好差评定时处理、预警扫描、指标汇总（可重复运行）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, help="按该日期运行（默认今天）")

    def handle(self, *args: Any, **options: Any) -> None:
        results = periodic_run(today=options["date"])
        for name, result in results.items():
            self.stdout.write(f"{name}: {result}")
        if any(str(result).startswith("失败") for result in results.values()):
            raise SystemExit(1)
