"""好差评 — ratings of a case at a stage, poor-rating rectification (整改), return visits (回访), appeals (申诉).

Written only by ``ratings.services``. A rating points at its case by id and number (the case belongs to
the ``cases`` context: no foreign key); it snapshots the case's department and region, which is what
statistics and staff scope group and filter by. Foreign keys reach only ``directory`` and the user model.

Stages (``Stage``): 受理 — open once the case was accepted (or deemed accepted) or refused; 办结 — open once
the case was completed. Each stage is rated once (``Rating.round`` 1); after a poor rating's rectification
is done the rater may rate that stage once more (round 2), which replaces the first rating in the
statistics (``current``) while the first is kept as history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from govhall.directory.models import Department, Region


class Stage(models.TextChoices):
    ACCEPTANCE = "acceptance", "受理"
    COMPLETION = "completion", "办结"


class Level(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", "非常满意"
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"
    VERY_DISSATISFIED = "very_dissatisfied", "非常不满意"


SCORES: dict[str, int] = {
    Level.VERY_SATISFIED: 10,
    Level.SATISFIED: 8,
    Level.BASIC: 6,
    Level.DISSATISFIED: 3,
    Level.VERY_DISSATISFIED: 0,
}
POOR_LEVELS = (Level.DISSATISFIED, Level.VERY_DISSATISFIED)
POOR_SCORE_MAX = 3  # 差评: 不满意 (3) and 非常不满意 (0)
SATISFIED_SCORE_MIN = 6  # 满意度: 基本满意 and better


class RatingChannel(models.TextChoices):
    WEB = "web", "网上评价"
    SMS = "sms", "短信评价"
    DEVICE = "device", "窗口评价器"
    WINDOW = "window", "窗口服务评价"
    AUTO = "auto", "系统默认评价"


class RatingRule(models.Model):
    """好差评规则 of a region: the rectification limit and the optional automatic rating; the nearest
    ancestor's rule applies to a case (none at all: 15 working days, no automatic rating)."""

    region = models.OneToOneField(Region, verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    rectification_days = models.PositiveSmallIntegerField("整改时限（工作日）", default=15)
    auto_level = models.CharField("默认评价", max_length=20, choices=Level.choices, blank=True)
    auto_after_days = models.PositiveSmallIntegerField("未评价多少个工作日后默认评价", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "好差评规则"

    def __str__(self) -> str:
        return f"好差评规则 {self.region_id}"


class Rating(models.Model):
    """好差评 — one rating of one case at one stage by its applicant (or the system, when configured)."""

    case_id = models.BigIntegerField("办件", db_index=True)
    case_number = models.CharField("办件编号", max_length=32)
    item_name = models.CharField("事项名称", max_length=300)
    department = models.ForeignKey(
        Department, verbose_name="办理部门", on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(Region, verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField("评价环节", max_length=12, choices=Stage.choices)
    round = models.PositiveSmallIntegerField("评价轮次", default=1)
    level = models.CharField("评价等级", max_length=20, choices=Level.choices)
    score = models.PositiveSmallIntegerField("分值")
    comment = models.TextField("评价意见", blank=True)
    channel = models.CharField("评价渠道", max_length=8, choices=RatingChannel.choices)
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="评价人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    rater_name = models.CharField("评价人姓名", max_length=200, blank=True)
    rated_at = models.DateTimeField("评价时间")
    rated_on = models.DateField("评价日期")
    # The rating that counts for this case and stage (a re-rating replaces the first one).
    current = models.BooleanField("计入统计的评价", default=True)
    # An appeal the supervisor accepted: kept, never counted.
    excluded = models.BooleanField("申诉成立，不计入统计", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "好差评"
        ordering = ["-rated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_id", "stage", "round"], name="rating_once_per_case_stage_round"
            ),
            models.UniqueConstraint(
                fields=["case_id", "stage"],
                condition=models.Q(current=True),
                name="rating_one_current_per_case_stage",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "-rated_at"]),
            models.Index(fields=["region", "rated_on"]),
            models.Index(fields=["rated_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.get_stage_display()} {self.get_level_display()}"

    @property
    def poor(self) -> bool:
        return self.score <= POOR_SCORE_MAX

    @property
    def automatic(self) -> bool:
        return self.channel == RatingChannel.AUTO


class RectificationStatus(models.TextChoices):
    OPEN = "open", "整改中"
    DONE = "done", "已整改"
    CANCELLED = "cancelled", "已撤销（申诉成立）"


class Rectification(models.Model):
    """差评整改 — what the case's department must do about one poor rating, by a deadline in working days."""

    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, related_name="rectification")
    department = models.ForeignKey(
        Department, verbose_name="整改部门", on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(Region, verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField("下达日期")
    due_on = models.DateField("整改期限")
    status = models.CharField(
        "状态", max_length=10, choices=RectificationStatus.choices, default=RectificationStatus.OPEN
    )
    action = models.TextField("整改情况", blank=True)
    done_at = models.DateTimeField("整改完成时间", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "差评整改"
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["department", "status"]),
        ]

    def __str__(self) -> str:
        return f"整改 {self.rating.case_number}"


class VisitMethod(models.TextChoices):
    PHONE = "phone", "电话回访"
    SMS = "sms", "短信回访"
    VISIT = "visit", "上门回访"


class VisitReaction(models.TextChoices):
    SATISFIED = "satisfied", "对整改满意"
    ACCEPTED = "accepted", "基本认可"
    DISSATISFIED = "dissatisfied", "仍不满意"
    UNREACHABLE = "unreachable", "未能联系上"


class ReturnVisit(models.Model):
    """回访 — staff asked the rater about the rectification: when, how, and what the rater said."""

    rectification = models.ForeignKey(Rectification, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField("回访日期")
    method = models.CharField("回访方式", max_length=8, choices=VisitMethod.choices)
    reaction = models.CharField("评价人反馈", max_length=14, choices=VisitReaction.choices)
    note = models.TextField("回访记录", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("登记时间")

    class Meta:
        verbose_name = verbose_name_plural = "回访记录"
        ordering = ["visited_on", "id"]

    def __str__(self) -> str:
        return f"回访 {self.visited_on}"


class AppealStatus(models.TextChoices):
    PENDING = "pending", "待复核"
    UPHELD = "upheld", "维持评价"
    ACCEPTED = "accepted", "申诉成立"


class Appeal(models.Model):
    """申诉 — the department contests a rating; a supervisor of the region upholds it or accepts the appeal."""

    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, related_name="appeal")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("申诉理由")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField("申诉时间")
    status = models.CharField(
        "状态", max_length=10, choices=AppealStatus.choices, default=AppealStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("复核时间", null=True, blank=True)
    decision_reason = models.TextField("复核理由", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "评价申诉"
        ordering = ["filed_at", "id"]
        indexes = [models.Index(fields=["status", "filed_at"])]

    def __str__(self) -> str:
        return f"申诉 {self.rating_id} {self.get_status_display()}"


class RatingInvitation(models.Model):
    """An SMS invitation to rate a case's stage, sent once (unique) by ``ratings_tick``."""

    case_id = models.BigIntegerField("办件")
    stage = models.CharField("评价环节", max_length=12, choices=Stage.choices)
    sent_at = models.DateTimeField("发送时间")

    class Meta:
        verbose_name = verbose_name_plural = "评价邀请"
        constraints = [models.UniqueConstraint(fields=["case_id", "stage"], name="rating_invitation_once")]

    def __str__(self) -> str:
        return f"评价邀请 {self.case_id} {self.stage}"


class RatingDevice(models.Model):
    """评价器 — a window's tablet registered for a department; it holds a key whose hash only is stored."""

    name = models.CharField("名称", max_length=100)
    department = models.ForeignKey(
        Department, verbose_name="所属部门", on_delete=models.PROTECT, related_name="+"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    key_hint = models.CharField("密钥末四位", max_length=4)
    active = models.BooleanField("启用", default=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField("登记时间")
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "评价器"
        ordering = ["department_id", "name", "id"]

    def __str__(self) -> str:
        return self.name
