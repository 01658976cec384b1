"""Tables every context shares: the audit trail (see ``audit``)."""

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


class CalendarDay(models.Model):
    """工作日历更正 — a date whose working-day status differs from what ``chinese-calendar`` says.

    The calendar is the package's table of statutory holidays and make-up working days; rows here
    override it (an operator's correction, or a year the package does not cover yet).
    """

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否工作日")
    note = models.CharField("说明", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作日历更正"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'工作日' if self.is_workday else '休息日'}"
