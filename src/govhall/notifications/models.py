"""The outbox of every message the platform sends, and what the local gateway simulators received."""

from django.conf import settings
from django.db import models


class Channel(models.TextChoices):
    SMS = "sms", "短信"
    EMAIL = "email", "电子邮件"


class MessageStatus(models.TextChoices):
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"


class Message(models.Model):
    """发件记录 — one message sent (or attempted) through a channel's gateway."""

    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    recipient_sealed = models.TextField("接收人（加密）")
    recipient_hash = models.CharField(max_length=64, db_index=True)
    recipient_masked = models.CharField("接收人", max_length=120)
    template = models.CharField("模板", max_length=50)
    subject = models.CharField("标题", max_length=200, blank=True)
    body = models.TextField("内容（敏感内容已隐去）")
    status = models.CharField("状态", max_length=10, choices=MessageStatus.choices)
    gateway = models.CharField("通道", max_length=50)
    gateway_reference = models.CharField("通道流水号", max_length=100, blank=True)
    error = models.CharField("错误", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "发件记录"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.recipient_masked} {self.template}"


class SimulatedDelivery(models.Model):
    """模拟器收件 — what a local gateway simulator received, as the phone or mailbox would show it."""

    channel = models.CharField(max_length=10, choices=Channel.choices)
    recipient = models.CharField(max_length=120, db_index=True)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    gateway_reference = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "模拟器收件"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.gateway_reference}"


class SiteMessage(models.Model):
    """站内消息 — a message in the recipient's portal (or workbench) inbox, with a link to act on."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
    )
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    link = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "站内消息"
        ordering = ["-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject
