"""The rollup tables: case figures per day and per month for each (region, department), and the
record of the last refresh. Derived data only — a rebuild recreates every row from the cases."""

from django.db import models

from govhall.directory.models import Department, Region


class CaseStatsColumns(models.Model):
    """The counts of one group of cases; named like the fields of ``indicators.IndicatorCounts``."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    # Cases received (by ``received_on``) and the materials of those cases.
    received = models.IntegerField("收件数", default=0)
    received_online = models.IntegerField("网上申报", default=0)
    received_window = models.IntegerField("窗口受理", default=0)
    received_back_entry = models.IntegerField("补录", default=0)
    listed_materials = models.IntegerField("指南所列材料", default=0)
    saved_materials = models.IntegerField("免提交与证照复用材料", default=0)
    # Cases completed (local date of ``completed_at``, status 办结).
    completed = models.IntegerField("办结数", default=0)
    completed_with_due = models.IntegerField("有办结期限的办结数", default=0)
    completed_on_time = models.IntegerField("按时办结数", default=0)
    zero_visits = models.IntegerField("零跑动办结数", default=0)
    once_cases = models.IntegerField("最多跑一次办结数", default=0)
    visits_sum = models.IntegerField("跑动次数合计", default=0)
    visits_max = models.IntegerField("最多跑动次数", default=0)

    class Meta:
        abstract = True


class CaseDayStats(CaseStatsColumns):
    """办件日统计 — the case figures of one day, region and department."""

    day = models.DateField("日期")

    class Meta:
        verbose_name = verbose_name_plural = "办件日统计"
        constraints = [
            models.UniqueConstraint(fields=["day", "region", "department"], name="case_day_stats_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.region_id}/{self.department_id}"


class CaseMonthStats(CaseStatsColumns):
    """办件月统计 — the sum of the month's ``CaseDayStats`` rows (``month`` is its first day)."""

    month = models.DateField("月份")

    class Meta:
        verbose_name = verbose_name_plural = "办件月统计"
        constraints = [
            models.UniqueConstraint(fields=["month", "region", "department"], name="case_month_stats_unique")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.region_id}/{self.department_id}"


class RollupRefresh(models.Model):
    """The last refresh (one row, id 1): when, which days, and how far the corrected materials were
    looked at. Locked by every refresh, so two refreshes never interleave."""

    refreshed_at = models.DateTimeField("更新时间", null=True, blank=True)
    start = models.DateField("起始日期", null=True, blank=True)
    end = models.DateField("截止日期", null=True, blank=True)
    # Material rows with ids above ``material_id_checked`` are looked at by the next recent refresh;
    # ``material_id_seen`` (the newest id at the last refresh) becomes the next mark, so every new row
    # is looked at twice, one interval apart — a row committed late by a slow transaction is not lost.
    material_id_checked = models.BigIntegerField(null=True, blank=True)
    material_id_seen = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "指标汇总更新记录"

    def __str__(self) -> str:
        return f"{self.refreshed_at}"
