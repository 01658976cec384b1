"""互动 — consultations (咨询), complaints and reports (投诉举报), their timelines, per-region time rules and
the 12345 hotline's API clients and tickets.

Written only by ``interaction.services``. Foreign keys reach only ``directory`` (regions, departments) and
the user model; a complaint about a case keeps the case number and the item's implementation code as
text (looked up through the cases/catalog selectors). Contacts (phone numbers) are stored sealed
(``core.personal_data``) with a masked form beside them, never raw.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from govhall.directory.models import Department, Region

DEFAULT_CONSULTATION_DAYS = 3
DEFAULT_COMPLAINT_DAYS = 10
DEFAULT_CONFIRM_DAYS = 5


class InteractionRule(models.Model):
    """互动时限规则 — per region; the nearest ancestor's rule applies to regions without their own."""

    region = models.OneToOneField(Region, verbose_name="行政区划", on_delete=models.CASCADE, related_name="+")
    consultation_days = models.PositiveSmallIntegerField(
        "咨询答复时限（工作日）", default=DEFAULT_CONSULTATION_DAYS
    )
    complaint_days = models.PositiveSmallIntegerField(
        "投诉办理时限（工作日）", default=DEFAULT_COMPLAINT_DAYS
    )
    confirm_days = models.PositiveSmallIntegerField(
        "答复后待确认期（工作日）", default=DEFAULT_CONFIRM_DAYS, help_text="逾期未确认的投诉自动办结"
    )
    default_department = models.ForeignKey(
        Department,
        verbose_name="默认受理部门（首接部门）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "互动时限规则"

    def __str__(self) -> str:
        return f"{self.region} 互动时限规则"


class Channel(models.TextChoices):
    WEB = "web", "网上"
    HOTLINE = "hotline", "12345热线"


class ConsultationStatus(models.TextChoices):
    PENDING = "pending", "待答复"
    ANSWERED = "answered", "已答复"


class Consultation(models.Model):
    """咨询 — a question about an item or in general, owned by the first receiving department (首问负责)."""

    channel = models.CharField("渠道", max_length=10, choices=Channel.choices, default=Channel.WEB)
    implementation_code = models.CharField("实施编码", max_length=48, blank=True, db_index=True)
    item_name = models.CharField("事项名称", max_length=300, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name="承办部门", on_delete=models.PROTECT, related_name="+"
    )
    first_department = models.ForeignKey(
        Department, verbose_name="首接部门", on_delete=models.PROTECT, related_name="+"
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    asker_name = models.CharField("咨询人", max_length=100, blank=True)
    contact_sealed = models.TextField("联系电话（加密）", blank=True)
    contact_masked = models.CharField("联系电话", max_length=20, blank=True)
    title = models.CharField("标题", max_length=100)
    question = models.TextField("咨询内容")
    status = models.CharField(
        "状态", max_length=10, choices=ConsultationStatus.choices, default=ConsultationStatus.PENDING
    )
    received_on = models.DateField("收到日期")
    due_on = models.DateField("答复期限")
    answer = models.TextField("答复", blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    late_explanation = models.TextField("逾期说明", blank=True)
    # 常见问题: the department's edited public wording; the asker never appears.
    faq_published = models.BooleanField("已公开为常见问题", default=False)
    faq_question = models.CharField("公开问题", max_length=300, blank=True)
    faq_answer = models.TextField("公开答复", blank=True)
    faq_published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "咨询"
        indexes = [
            models.Index(fields=["department", "status", "due_on"]),
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["received_on"]),
            models.Index(fields=["asker", "-created_at"]),
            models.Index(fields=["faq_published", "-faq_published_at"]),
        ]

    def __str__(self) -> str:
        return f"咨询 {self.pk}：{self.title}"


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", "投诉"
    REPORT = "report", "举报"


class ComplaintSubject(models.TextChoices):
    CASE = "case", "办件"
    ITEM = "item", "事项"
    DEPARTMENT = "department", "部门"
    WINDOW = "window", "窗口"


class ComplaintStatus(models.TextChoices):
    SUBMITTED = "submitted", "待受理"
    ACCEPTED = "accepted", "办理中"
    REPLIED = "replied", "已答复待确认"
    CLOSED = "closed", "已办结"
    REJECTED = "rejected", "不予受理"


class CloseReason(models.TextChoices):
    NONE = "", "—"
    CONFIRMED = "confirmed", "投诉人确认满意"
    UNCONFIRMED = "unconfirmed", "逾期未确认，自动办结"
    STAFF = "staff", "经回访办结"
    REJECTED = "rejected", "不予受理"


class Complaint(models.Model):
    """投诉举报 — against a case, an item, a department or a window; triaged, handled, replied, confirmed."""

    kind = models.CharField("类型", max_length=10, choices=ComplaintKind.choices)
    subject = models.CharField("投诉对象", max_length=12, choices=ComplaintSubject.choices)
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices, default=Channel.WEB)
    case_number = models.CharField("办件编号", max_length=32, blank=True)
    implementation_code = models.CharField("实施编码", max_length=48, blank=True)
    item_name = models.CharField("事项名称", max_length=300, blank=True)
    window_name = models.CharField("窗口", max_length=100, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name="承办部门", on_delete=models.PROTECT, related_name="+"
    )
    first_department = models.ForeignKey(
        Department, verbose_name="首接部门", on_delete=models.PROTECT, related_name="+"
    )
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    complainant_name = models.CharField("投诉人", max_length=100, blank=True)
    anonymous = models.BooleanField("匿名", default=False)
    contact_sealed = models.TextField("联系电话（加密）", blank=True)
    contact_masked = models.CharField("联系电话", max_length=20, blank=True)
    title = models.CharField("标题", max_length=100)
    content = models.TextField("内容")
    status = models.CharField(
        "状态", max_length=10, choices=ComplaintStatus.choices, default=ComplaintStatus.SUBMITTED
    )
    received_on = models.DateField("收到日期")
    due_on = models.DateField("办理期限")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    reply = models.TextField("答复", blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    confirm_due = models.DateField("确认期限", null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField("重新办理次数", default=0)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    close_reason = models.CharField(
        "办结方式", max_length=12, choices=CloseReason.choices, default="", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "投诉举报"
        indexes = [
            models.Index(fields=["department", "status", "due_on"]),
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["status", "confirm_due"]),
            models.Index(fields=["received_on"]),
            models.Index(fields=["complainant", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}：{self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in (ComplaintStatus.SUBMITTED, ComplaintStatus.ACCEPTED, ComplaintStatus.REPLIED)


class EventKind(models.TextChoices):
    RECEIVED = "received", "收到"
    TRANSFERRED = "transferred", "转办"
    ANSWERED = "answered", "答复"
    PUBLISHED = "published", "公开为常见问题"
    UNPUBLISHED = "unpublished", "撤回常见问题"
    ACCEPTED = "accepted", "受理"
    REJECTED = "rejected", "不予受理"
    REPLIED = "replied", "答复"
    CONFIRMED = "confirmed", "确认满意"
    REOPENED = "reopened", "不满意，重新办理"
    CLOSED = "closed", "办结"
    REVEALED = "revealed", "查看匿名举报人联系方式"


class InteractionEvent(models.Model):
    """全过程留痕 — one step of a consultation or a complaint (exactly one of the two is set)."""

    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField("办理人", max_length=200, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField("说明", blank=True)
    public = models.BooleanField("对提问人可见", default=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consultation__isnull=False, complaint__isnull=True)
                | models.Q(consultation__isnull=True, complaint__isnull=False),
                name="interaction_event_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class HotlineClient(models.Model):
    """12345 热线接入方 — an API client holding a bearer token (only its SHA-256 is stored)."""

    name = models.CharField("名称", max_length=100, unique=True)
    region = models.ForeignKey(Region, verbose_name="所属区划", on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    token_prefix = models.CharField("令牌前缀", max_length=12)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "12345热线接入方"

    def __str__(self) -> str:
        return self.name

    # DRF's IsAuthenticated reads request.user.is_authenticated; a hotline client is the caller.
    @property
    def is_authenticated(self) -> bool:
        return True


class HotlineTicket(models.Model):
    """A hotline ticket id, unique per client, and the consultation or complaint made from it (dedup)."""

    client = models.ForeignKey(HotlineClient, on_delete=models.PROTECT, related_name="tickets")
    ticket_id = models.CharField("工单编号", max_length=64)
    consultation = models.OneToOneField(
        Consultation, null=True, blank=True, on_delete=models.PROTECT, related_name="hotline_ticket"
    )
    complaint = models.OneToOneField(
        Complaint, null=True, blank=True, on_delete=models.PROTECT, related_name="hotline_ticket"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "12345热线工单"
        constraints = [
            models.UniqueConstraint(fields=["client", "ticket_id"], name="hotline_ticket_unique_per_client")
        ]

    def __str__(self) -> str:
        return self.ticket_id
