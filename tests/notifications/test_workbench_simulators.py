"""The operators' page 消息与模拟器 (workbench:simulator_inbox): masked outbox, simulator deliveries, filters."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govhall.directory.services import region_upsert
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert
from govhall.notifications.services import notification_send
from tests.staff_login import staff_client

from .conftest import govhall_with

URL = reverse("workbench:simulator_inbox")
PHONE = "13800138000"


@pytest.fixture
def operator(db):
    province = region_upsert(code="350000", name="福建省")
    return staff_upsert(
        username="ops", display_name="运维小王", region=province, roles=[StaffRole.OPERATOR]
    ).user


@pytest.fixture
def operator_client(operator):
    return staff_client(operator)


def send_code(phone: str = PHONE, code: str = "551234") -> None:
    notification_send(
        channel="sms",
        recipient=phone,
        template="verification_code",
        params={"code": code, "minutes": "5", "purpose": "注册"},
    )


def test_outbox_shows_masked_recipients_and_no_code(operator_client):
    send_code()

    response = operator_client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "138****8000" in html
    assert PHONE not in html
    assert "551234" not in html
    assert "已发送" in html


def test_failed_messages_show_their_error(operator_client, settings):
    govhall_with(
        settings,
        SMS_GATEWAY="govhall.notifications.sms_aliyun.AliyunSmsGateway",
        SMS_ALIYUN={"TEMPLATES": {}},
    )
    send_code()

    response = operator_client.get(URL, {"status": "failed"})

    html = response.content.decode()
    assert "发送失败" in html
    assert "未配置模板“verification_code”对应的阿里云短信模板编号" in html


def test_recipient_filter_finds_by_full_number(operator_client):
    send_code(PHONE)
    send_code("13900139000")

    response = operator_client.get(URL, {"recipient": "13900139000"})

    html = response.content.decode()
    assert "139****9000" in html
    assert "138****8000" not in html


def test_deliveries_view_shows_the_simulated_phone_with_masked_number(operator_client):
    send_code()

    response = operator_client.get(URL, {"view": "deliveries"})

    html = response.content.decode()
    assert "您的验证码为551234" in html
    assert "138****8000" in html
    assert PHONE not in html


def test_invalid_filter_is_a_400_with_the_unfiltered_list(operator_client):
    send_code()

    response = operator_client.get(URL, {"status": "lost"})

    assert response.status_code == 400
    assert "138****8000" in response.content.decode()


def test_outbox_is_paginated(operator_client):
    for number in range(30):
        send_code(f"1380013{number:04d}")

    first = operator_client.get(URL)
    second = operator_client.get(URL, {"page": 2})

    assert "第 1 / 2 页，共 30 条" in first.content.decode()
    assert second.content.decode().count("138****") == 5


def test_query_count_does_not_grow_with_rows(operator_client):
    for number in range(3):
        send_code(f"1380013{number:04d}")
    with CaptureQueriesContext(connection) as few:
        operator_client.get(URL, {"view": "deliveries"})
    for number in range(3, 20):
        send_code(f"1380013{number:04d}")
    with CaptureQueriesContext(connection) as many:
        operator_client.get(URL, {"view": "deliveries"})

    assert len(many) == len(few)


def test_staff_session_without_second_factor_goes_to_login(operator):
    response = staff_client(operator, verified=False).get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workbench:login"))


def test_catalog_manager_is_refused(world):
    response = staff_client(world.manager).get(URL)

    assert response.status_code == 403
    assert "运维人员" in response.content.decode()
