"""``govhall indicators_rebuild [--since DATE]`` — recompute the indicators' daily rollup from the cases."""

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from govhall.supervision.rollup.services import RefreshResult, rollup_rebuild


class Command(BaseCommand):
    help = (
        "重建监察指标汇总（办件日统计、月统计）：从最早的办件（或 --since 日期）到今天，按月分批，可重复运行"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--since", help="从这一天起重建（YYYY-MM-DD；默认从最早的办件起全部重建）")

    def handle(self, *args: Any, **options: Any) -> None:
        since = None
        if options["since"]:
            try:
                since = dt.date.fromisoformat(options["since"])
            except ValueError as error:
                raise CommandError("--since 应为 YYYY-MM-DD 格式的日期") from error
        started = time.monotonic()

        def progress(result: RefreshResult) -> None:
            self.stdout.write(
                f"  {result.start} 至 {result.end}：日统计 {result.day_rows} 行，"
                f"月统计 {result.month_rows} 行（{result.seconds:.1f} 秒，累计 {time.monotonic() - started:.0f} 秒）"
            )

        results = rollup_rebuild(since=since, today=timezone.localdate(), progress=progress)
        days = sum(result.day_rows for result in results)
        self.stdout.write(
            self.style.SUCCESS(
                f"监察指标汇总已重建：{len(results)} 个月，日统计 {days} 行，用时 {time.monotonic() - started:.1f} 秒"
            )
        )
