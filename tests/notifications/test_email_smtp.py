"""SmtpEmailGateway against a real SMTP server (aiosmtpd) started by the test."""

from __future__ import annotations

import email
import socket
from email.policy import default as default_policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from govhall.notifications.models import Message, MessageStatus
from govhall.notifications.services import notification_send

from .conftest import govhall_with


class Recorder:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd hook)
        if address.endswith("@refused.example.cn"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd hook)
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "福建省网上办事大厅 <noreply@zwfw.example.gov.cn>"
    govhall_with(settings, EMAIL_GATEWAY="govhall.notifications.email_smtp.SmtpEmailGateway")
    yield recorder
    controller.stop()


@pytest.mark.django_db
def test_message_arrives_with_chinese_subject_and_body(smtp_server):
    message = notification_send(
        channel="email",
        recipient="zhang.san@example.cn",
        template="agent_authorised",
        params={"enterprise": "龙岩市闽西食品有限公司", "valid_until": "2027-12-31"},
    )

    assert message.status == MessageStatus.SENT, message.error
    assert message.gateway == "smtp"
    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == ["zhang.san@example.cn"]
    assert envelope.mail_from == "noreply@zwfw.example.gov.cn"
    received = email.message_from_bytes(envelope.original_content, policy=default_policy)
    assert received["Subject"] == "经办人授权"
    assert received["To"] == "zhang.san@example.cn"
    assert received["Message-ID"] == message.gateway_reference
    assert received.get_content_charset() == "utf-8"
    assert (
        received.get_content().strip()
        == "【福建省网上办事大厅】龙岩市闽西食品有限公司已授权您为经办人，有效期至2027-12-31。"
    )
    assert message.recipient_masked == "z***@example.cn"


@pytest.mark.django_db
def test_recipient_refused_by_the_server_is_recorded_as_failed(smtp_server):
    message = notification_send(
        channel="email",
        recipient="nobody@refused.example.cn",
        template="level_raised",
        params={"level": "L2"},
    )

    assert message.status == MessageStatus.FAILED
    assert message.error == "邮件服务器拒收：收件人地址被拒绝"
    assert smtp_server.envelopes == []


@pytest.mark.django_db
def test_unreachable_smtp_server_is_recorded_as_failed(settings):
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    govhall_with(settings, EMAIL_GATEWAY="govhall.notifications.email_smtp.SmtpEmailGateway")

    message = notification_send(
        channel="email", recipient="zhang.san@example.cn", template="level_raised", params={"level": "L2"}
    )

    assert message.status == MessageStatus.FAILED
    assert message.error.startswith("无法连接邮件服务器 127.0.0.1:")
    assert Message.objects.count() == 1


@pytest.mark.django_db
def test_malformed_address_is_refused_before_connecting(smtp_server):
    message = notification_send(
        channel="email", recipient="不是邮箱", template="level_raised", params={"level": "L2"}
    )

    assert message.status == MessageStatus.FAILED
    assert message.error == "收件人电子邮件地址无效"
    assert smtp_server.envelopes == []
