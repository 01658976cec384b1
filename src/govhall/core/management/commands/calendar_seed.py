"""``govhall calendar_seed``: bring the working-day calendar's package rows up to the installed chinese-calendar.

Idempotent: a second run changes nothing. Operators' rows (corrections, entered years) are never
touched and keep winning over the package. Run it after upgrading ``chinese-calendar``.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from govhall.core.services_calendar import calendar_seed_package
from govhall.core.workdays import calendar_alert


class Command(BaseCommand):
    help = "按已安装的 chinese-calendar 更新工作日历（不改动运维人员录入的日期）。"

    def handle(self, *args, **options):
        result = calendar_seed_package(actor=None)
        self.stdout.write(
            f"工作日历：chinese-calendar 覆盖 {result.years.start}–{result.years.stop - 1} 年，"
            f"新增 {result.created} 天，更新 {result.updated} 天"
        )
        alert = calendar_alert(timezone.localdate())
        if alert:
            self.stdout.write(self.style.WARNING(alert))
