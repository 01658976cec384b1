"""``govhall supervision_scan`` — issue, cure and escalate warning cards now (idempotent).

Production runs it every five minutes from Celery beat (``govhall.celery``); ``make run`` runs it
in the background of the embedded server beside ``cases_tick``. ``--date`` scans as of another day.
"""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from govhall.supervision.services.scan import supervision_scan


class Command(BaseCommand):
    help = "电子监察预警扫描：发出、解除、升级红黄牌，升级逾期未回复的督办（可重复运行）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="按指定日期扫描（YYYY-MM-DD，默认今天）")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD") from exc
        counts = supervision_scan(today=today)
        self.stdout.write(
            f"新发红黄牌 {counts['issued'] + counts['monitor_cards']} 张（其中监察对象 {counts['monitor_cards']} 张），"
            f"解除 {counts['closed']} 张，升级 {counts['escalated']} 张，督办逾期升级 {counts['notices_escalated']} 件"
        )
