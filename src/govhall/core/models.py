"""Tables every context shares: the audit trail (see ``audit``) and the working-day calendar (``workdays``)."""

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """审计记录 — one append-only, hash-chained entry. Written only by ``core.audit``."""

    sequence = models.BigIntegerField("序号", unique=True)
    created_at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,  # the chain, not a foreign key, protects the row; users are never deleted anyway
    )
    actor_label = models.CharField("操作人名称", max_length=200, blank=True)
    actor_level = models.CharField("认证等级", max_length=4, blank=True)
    actor_method = models.CharField("认证方式", max_length=30, blank=True)
    on_behalf_of = models.CharField("代表", max_length=80, blank=True)
    channel = models.CharField("渠道", max_length=20, blank=True)
    ip = models.CharField("IP 地址", max_length=45, blank=True)
    action = models.CharField("操作", max_length=80, db_index=True)
    object_type = models.CharField("对象类型", max_length=80, blank=True)
    object_id = models.CharField("对象标识", max_length=80, blank=True)
    object_label = models.CharField("对象名称", max_length=200, blank=True)
    summary = models.JSONField("变更摘要", default=dict)
    reason = models.CharField("事由", max_length=500, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = verbose_name_plural = "审计记录"
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"


class AuditHead(models.Model):
    """The chain's head: last sequence number and hash (one row, locked while appending)."""

    sequence = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = verbose_name_plural = "审计链头"

    def __str__(self) -> str:
        return f"#{self.sequence}"


class CalendarSource(models.TextChoices):
    PACKAGE = "package", "chinese-calendar"
    OPERATOR = "operator", "运维录入"


class CalendarDay(models.Model):
    """工作日历 — one day of the working-day calendar, from the package or from an operator.

    ``govhall calendar_seed`` (and the data migration) writes one ``package`` row for every day of
    every year ``chinese-calendar`` covers: statutory holidays, make-up working days (调休上班) and
    ordinary days alike. ``operator`` rows are corrections and the years the package does not cover
    yet; an operator row always wins over the package row of the same date. Read only through
    ``core.workdays``; written only by ``core.services_calendar``.
    """

    date = models.DateField("日期")
    source = models.CharField("来源", max_length=10, choices=CalendarSource.choices)
    is_workday = models.BooleanField("是否工作日")
    holiday_name = models.CharField("节日", max_length=60, blank=True)
    note = models.CharField("说明", max_length=100, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作日历"
        ordering = ["date", "source"]
        constraints = [models.UniqueConstraint(fields=["date", "source"], name="core_calendar_day_source")]

    def __str__(self) -> str:
        return f"{self.date} {'工作日' if self.is_workday else '休息日'}（{self.get_source_display()}）"


class CalendarYear(models.Model):
    """工作日历年度 — a year whose holiday arrangement (国务院办公厅放假通知) an operator entered.

    ``confirmed`` means the operator's rows for that year are the whole arrangement: the year counts
    as covered (no alert) even when ``chinese-calendar`` does not know it.
    """

    year = models.PositiveSmallIntegerField("年度", unique=True)
    confirmed = models.BooleanField("已确认", default=False)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    notice = models.CharField("放假通知", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作日历年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year} 年{'（已确认）' if self.confirmed else ''}"
