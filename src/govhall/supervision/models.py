"""电子监察 — yellow/red cards (红黄牌), warning rules per region, supervision notices (督办通知单).

Written only by ``supervision.services``. Cards and notices point at what they watch by
``subject_type`` + ``subject_id`` (a case, a case task, a consultation, a complaint, a rating's
rectification, a catalog item): those tables belong to other contexts, so there is no foreign key
to them — only to ``directory`` (department, region) and to the user model.
"""

from django.conf import settings
from django.db import models

from govhall.directory.models import Department, Region


class CardLevel(models.TextChoices):
    YELLOW = "yellow", "黄牌"
    RED = "red", "红牌"


class CardStatus(models.TextChoices):
    OPEN = "open", "未解除"
    CLOSED = "closed", "已解除"


class SubjectType(models.TextChoices):
    CASE = "case", "办件"
    TASK = "task", "办理环节"
    CONSULTATION = "consultation", "咨询"
    COMPLAINT = "complaint", "投诉举报"
    RECTIFICATION = "rectification", "差评整改"
    ITEM = "item", "事项"
    CARD = "card", "预警"


class Card(models.Model):
    """红黄牌 — one warning on one subject by one rule at one level; issued once (unique), closed when cured."""

    level = models.CharField("等级", max_length=8, choices=CardLevel.choices)
    rule = models.CharField("规则", max_length=40)
    subject_type = models.CharField("对象类型", max_length=16, choices=SubjectType.choices)
    subject_id = models.CharField("对象标识", max_length=40)
    subject_label = models.CharField("对象名称", max_length=300, blank=True)
    due_on = models.DateField("期限", null=True, blank=True)
    department = models.ForeignKey(
        Department, verbose_name="责任部门", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(Region, verbose_name="所在区划", on_delete=models.PROTECT, related_name="+")
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField("原因", max_length=300, blank=True)
    issued_on = models.DateField("发牌日期", db_index=True)
    issued_at = models.DateTimeField("发牌时间")
    status = models.CharField("状态", max_length=8, choices=CardStatus.choices, default=CardStatus.OPEN)
    closed_at = models.DateTimeField("解除时间", null=True, blank=True)
    escalated_at = models.DateTimeField("升级时间", null=True, blank=True)
    escalated_to = models.ForeignKey(
        Region, verbose_name="升级至", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "红黄牌"
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "rule", "level"],
                name="card_once_per_subject_rule_level",
            )
        ]
        indexes = [
            models.Index(fields=["department", "status", "level"]),
            models.Index(fields=["region", "issued_on"]),
            models.Index(fields=["status", "issued_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.subject_label}"


class WarningRule(models.Model):
    """预警规则 — thresholds of a region (and, unless it has its own, the regions below it)."""

    region = models.OneToOneField(Region, verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    yellow_remaining_days = models.PositiveSmallIntegerField("剩余工作日≤（黄牌）", default=1)
    yellow_used_percent = models.PositiveSmallIntegerField("已用时限≥%（黄牌）", default=80)
    red_refusal_without_reason = models.BooleanField("不予受理未说明理由（红牌）", default=True)
    red_outside_system = models.BooleanField("体外循环（红牌）", default=True)
    red_late_back_entry = models.BooleanField("非当日补录（红牌）", default=True)
    escalate_after_days = models.PositiveSmallIntegerField("红牌未解除升级（工作日）", default=2)
    notice_answer_days = models.PositiveSmallIntegerField("督办回复期限（工作日）", default=3)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "预警规则"

    def __str__(self) -> str:
        return f"预警规则 {self.region}"


class NoticeStatus(models.TextChoices):
    ISSUED = "issued", "待回复"
    ANSWERED = "answered", "已回复"
    CLOSED = "closed", "已办结"


class Notice(models.Model):
    """督办通知单 — a supervisor's written demand on a subject; the department answers by a deadline."""

    number = models.CharField("督办编号", max_length=32, unique=True)
    subject_type = models.CharField("对象类型", max_length=16, choices=SubjectType.choices)
    subject_id = models.CharField("对象标识", max_length=40)
    subject_label = models.CharField("对象名称", max_length=300)
    card = models.ForeignKey(
        Card, verbose_name="预警", null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    department = models.ForeignKey(
        Department, verbose_name="被督办部门", on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(Region, verbose_name="所在区划", on_delete=models.PROTECT, related_name="+")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="督办人", on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField("督办时间")
    issuer_region = models.ForeignKey(
        Region, verbose_name="督办单位区划", on_delete=models.PROTECT, related_name="+"
    )
    requirement = models.TextField("督办要求")
    answer_due = models.DateField("回复期限")
    status = models.CharField(
        "状态", max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.ISSUED
    )
    answer = models.TextField("回复内容", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField("回复时间", null=True, blank=True)
    answered_late = models.BooleanField("逾期回复", default=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    closing_remark = models.TextField("办结意见", blank=True)
    escalated_at = models.DateTimeField("逾期升级时间", null=True, blank=True)
    escalated_to = models.ForeignKey(
        Region, verbose_name="升级至", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "督办通知单"
        ordering = ["-issued_at", "-id"]
        indexes = [
            models.Index(fields=["department", "status"]),
            models.Index(fields=["status", "answer_due"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject_label}"
