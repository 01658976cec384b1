"""The outbox never keeps a verification code in clear — not in the body, not in an error."""

from __future__ import annotations

import pytest
from django.db import connection

from govhall.notifications.gateways import GatewayError
from govhall.notifications.models import Message, MessageStatus
from govhall.notifications.services import notification_send

from .conftest import govhall_with

CODE = "718293"
PHONE = "13800138000"


def raw_row(message: Message) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Message._meta.db_table} WHERE id = %s", [message.pk])  # noqa: S608
        return " ".join(str(value) for value in cursor.fetchone())


class EchoingGateway:
    """A gateway whose error repeats what it was sent, as Alibaba Cloud's SignatureDoesNotMatch does."""

    name = "echo"

    def send(self, message):
        raise GatewayError(f"refused: {message.body} {message.params}")


@pytest.mark.django_db
def test_sent_code_is_not_in_the_stored_row():
    message = notification_send(
        channel="sms",
        recipient=PHONE,
        template="verification_code",
        params={"code": CODE, "minutes": "5", "purpose": "登录"},
    )

    assert message.status == MessageStatus.SENT
    assert CODE not in raw_row(message)
    assert PHONE not in raw_row(message)
    assert message.body.endswith("您的验证码为******，5分钟内有效，用于登录。如非本人操作请忽略。")


@pytest.mark.django_db
def test_code_echoed_in_a_gateway_error_is_blanked(settings):
    govhall_with(settings, SMS_GATEWAY=f"{__name__}.EchoingGateway")

    message = notification_send(
        channel="sms",
        recipient=PHONE,
        template="verification_code",
        params={"code": CODE, "minutes": "5", "purpose": "登录"},
    )

    assert message.status == MessageStatus.FAILED
    assert message.error.startswith("refused:")
    assert "******" in message.error
    assert CODE not in raw_row(message)


@pytest.mark.django_db
def test_code_survives_the_wrong_secret_round_trip_only_on_the_phone(aliyun_to_simulator, settings):
    govhall_with(settings, SMS_ALIYUN={"ACCESS_KEY_SECRET": "wrong"})

    message = notification_send(
        channel="sms",
        recipient=PHONE,
        template="verification_code",
        params={"code": CODE, "minutes": "5", "purpose": "登录"},
    )

    assert message.status == MessageStatus.FAILED
    assert CODE not in raw_row(message)
