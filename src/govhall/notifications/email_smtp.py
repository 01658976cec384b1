"""E-mail through an SMTP server with Django's SMTP backend (settings ``EMAIL_HOST``, ``EMAIL_PORT``, ...).

The backend is named explicitly rather than taken from ``EMAIL_BACKEND``, so choosing this gateway
always means real SMTP (the test runner swaps ``EMAIL_BACKEND`` for an in-memory one). The
reference is the ``Message-ID`` header the message was sent with.
"""

from __future__ import annotations

import smtplib
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email

from .gateways import GatewayError, OutgoingMessage

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


class SmtpEmailGateway:
    name = "smtp"

    def send(self, message: OutgoingMessage) -> str:
        if message.channel != "email":
            raise GatewayError("SMTP 通道只能发送电子邮件")
        try:
            validate_email(message.recipient)
        except ValidationError:
            raise GatewayError("收件人电子邮件地址无效") from None
        sender = settings.DEFAULT_FROM_EMAIL
        message_id = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or "localhost")
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=sender,
            to=[message.recipient],
            headers={"Message-ID": message_id},
            connection=get_connection(SMTP_BACKEND, fail_silently=False),
        )
        try:
            sent = email.send()
        except smtplib.SMTPRecipientsRefused:
            raise GatewayError("邮件服务器拒收：收件人地址被拒绝") from None
        except smtplib.SMTPException as exc:
            raise GatewayError(f"邮件服务器拒绝发送：{type(exc).__name__}") from None
        except OSError as exc:
            raise GatewayError(
                f"无法连接邮件服务器 {settings.EMAIL_HOST}:{settings.EMAIL_PORT}（{type(exc).__name__}）"
            ) from None
        if sent != 1:
            raise GatewayError("邮件服务器未接收邮件")
        return message_id
