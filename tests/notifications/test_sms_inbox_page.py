"""The public demo inbox (/simulators/sms/inbox) and the notice tag for the registration page."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse

from govhall.notifications.gateways import OutgoingMessage, SimulatorGateway
from govhall.notifications.selectors import simulator_active

from .conftest import ALIYUN_GATEWAY, govhall_with

URL = "/simulators/sms/inbox"
PHONE = "13800138000"


def deliver(recipient: str, body: str) -> None:
    SimulatorGateway().send(OutgoingMessage(channel="sms", recipient=recipient, subject="", body=body))


@pytest.mark.django_db
def test_inbox_lists_the_phones_messages_newest_first(client):
    deliver(PHONE, "第一条：验证码为111111")
    deliver("13900139000", "别人的短信")
    deliver(PHONE, "第二条：验证码为222222")

    response = client.get(URL, {"phone": PHONE})

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("第二条") < html.index("第一条")
    assert "别人的短信" not in html
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_inbox_accepts_the_86_prefix_and_spaces(client):
    deliver(PHONE, "验证码为333333")

    response = client.get(URL, {"phone": "+86 138 0013 8000"})

    assert "验证码为333333" in response.content.decode()


@pytest.mark.django_db
def test_bad_phone_number_gets_a_chinese_error(client):
    response = client.get(URL, {"phone": "12345"})

    assert response.status_code == 400
    assert "请输入正确的11位手机号码" in response.content.decode()


@pytest.mark.django_db
def test_empty_inbox_says_so(client):
    response = client.get(URL, {"phone": PHONE})

    assert "该号码还没有收到短信" in response.content.decode()


@pytest.mark.django_db
def test_inbox_is_404_when_sms_go_to_a_real_gateway(client, settings):
    deliver(PHONE, "验证码为444444")
    govhall_with(
        settings, SMS_GATEWAY=ALIYUN_GATEWAY, SMS_ALIYUN={"ENDPOINT": "https://dysmsapi.aliyuncs.com/"}
    )

    response = client.get(URL, {"phone": PHONE})

    assert response.status_code == 404
    assert "444444" not in response.content.decode()


def test_aliyun_adapter_pointed_at_the_simulator_counts_as_simulator(settings):
    govhall_with(
        settings,
        SMS_GATEWAY=ALIYUN_GATEWAY,
        SMS_ALIYUN={"ENDPOINT": "http://127.0.0.1:8000/simulators/sms/api"},
    )
    assert simulator_active() is True
    govhall_with(settings, SMS_ALIYUN={"ENDPOINT": "https://dysmsapi.aliyuncs.com/"})
    assert simulator_active() is False


def test_notice_tag_links_to_the_inbox_only_while_simulated(settings):
    template = Template("{% load sms_simulator %}{% sms_simulator_notice phone %}")

    shown = template.render(Context({"phone": PHONE}))
    govhall_with(
        settings, SMS_GATEWAY=ALIYUN_GATEWAY, SMS_ALIYUN={"ENDPOINT": "https://dysmsapi.aliyuncs.com/"}
    )
    hidden = template.render(Context({"phone": PHONE}))

    assert "演示环境：短信发送至本地模拟器" in shown
    assert f"{reverse('notifications:sms_simulator_inbox')}?phone={PHONE}" in shown
    assert hidden.strip() == ""
