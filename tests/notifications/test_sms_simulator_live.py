"""AliyunSmsGateway against the live SMS simulator: real HTTP, real signature, the provider's answers."""

from __future__ import annotations

import re
import socket
import threading

import pytest
import requests

from govhall.notifications.gateways import GatewayError, OutgoingMessage
from govhall.notifications.models import Message, MessageStatus, SimulatedDelivery
from govhall.notifications.services import notification_send
from govhall.notifications.simulator import simulator_last_code
from govhall.notifications.sms_aliyun import AliyunSmsGateway, send_sms_params

from .conftest import SIGN_NAME, TEMPLATE_CODES, govhall_with

PHONE = "13800138000"
CODE_PARAMS = {"code": "493817", "minutes": "5", "purpose": "注册"}


def test_verification_code_travels_through_the_real_protocol(aliyun_to_simulator):
    message = notification_send(
        channel="sms", recipient=PHONE, template="verification_code", params=CODE_PARAMS
    )

    assert message.status == MessageStatus.SENT
    assert message.gateway == "aliyun_sms"
    assert re.fullmatch(r"\d{18}\^0", message.gateway_reference)
    delivery = SimulatedDelivery.objects.get()
    assert delivery.recipient == PHONE
    assert delivery.gateway_reference == message.gateway_reference
    assert delivery.body == f"【{SIGN_NAME}】您的验证码为493817，5分钟内有效，用于注册。如非本人操作请忽略。"
    assert simulator_last_code(recipient=PHONE) == "493817"


def test_wrong_secret_is_refused_and_recorded_as_failed(aliyun_to_simulator, settings):
    govhall_with(settings, SMS_ALIYUN={"ACCESS_KEY_SECRET": "not-the-simulator-secret"})

    message = notification_send(
        channel="sms", recipient=PHONE, template="verification_code", params=CODE_PARAMS
    )

    assert message.status == MessageStatus.FAILED
    assert "SignatureDoesNotMatch" in message.error
    assert "493817" not in message.error
    assert message.gateway_reference == ""
    assert not SimulatedDelivery.objects.exists()
    assert simulator_last_code(recipient=PHONE) is None


def test_unknown_access_key_is_refused(aliyun_to_simulator, settings):
    govhall_with(settings, SMS_ALIYUN={"ACCESS_KEY_ID": "LTAI-someone-else"})

    message = notification_send(
        channel="sms", recipient=PHONE, template="level_raised", params={"level": "L2"}
    )

    assert message.status == MessageStatus.FAILED
    assert message.error.startswith("阿里云短信发送失败：InvalidAccessKeyId.NotFound")


def test_illegal_phone_number_gets_the_provider_code(aliyun_to_simulator):
    message = notification_send(
        channel="sms", recipient="1380013800", template="level_raised", params={"level": "L2"}
    )

    assert message.status == MessageStatus.FAILED
    assert message.error == "阿里云短信发送失败：isv.MOBILE_NUMBER_ILLEGAL 非法手机号"
    assert not SimulatedDelivery.objects.exists()


def test_sign_name_not_approved_is_refused(aliyun_to_simulator):
    gateway = AliyunSmsGateway({**_config(), "SIGN_NAME": "别人的签名"})

    with pytest.raises(GatewayError, match="isv.SMS_SIGNATURE_ILLEGAL"):
        gateway.send(_sms(template="level_raised", params={"level": "L2"}))


def test_template_code_unknown_to_the_account_is_refused(aliyun_to_simulator):
    gateway = AliyunSmsGateway({**_config(), "TEMPLATES": {"level_raised": "SMS_000000000"}})

    with pytest.raises(GatewayError, match="isv.SMS_TEMPLATE_ILLEGAL"):
        gateway.send(_sms(template="level_raised", params={"level": "L2"}))


def test_missing_template_variable_is_refused(aliyun_to_simulator):
    with pytest.raises(GatewayError, match="isv.TEMPLATE_MISSING_PARAMETERS"):
        AliyunSmsGateway().send(_sms(template="verification_code", params={"code": "111111"}))


def test_our_template_without_provider_code_fails_before_sending(aliyun_to_simulator, settings):
    govhall_with(settings, SMS_ALIYUN={"TEMPLATES": {}})

    message = notification_send(
        channel="sms", recipient=PHONE, template="level_raised", params={"level": "L2"}
    )

    assert message.status == MessageStatus.FAILED
    assert message.error == "未配置模板“level_raised”对应的阿里云短信模板编号"


def test_replayed_request_is_refused_by_nonce(aliyun_to_simulator, sms_account):
    params = send_sms_params(
        access_key_id=sms_account["access_key_id"],
        secret=sms_account["secret"],
        phone_numbers=PHONE,
        sign_name=SIGN_NAME,
        template_code=TEMPLATE_CODES["level_raised"],
        template_param={"level": "L2"},
    )

    first = requests.post(aliyun_to_simulator, data=params, timeout=5)
    second = requests.post(aliyun_to_simulator, data=params, timeout=5)

    assert first.status_code == 200 and first.json()["Code"] == "OK"
    assert second.status_code == 400
    assert second.json()["Code"] == "SignatureNonceUsed"
    assert SimulatedDelivery.objects.count() == 1


def test_get_requests_are_signed_with_get(aliyun_to_simulator, sms_account):
    params = send_sms_params(
        access_key_id=sms_account["access_key_id"],
        secret=sms_account["secret"],
        phone_numbers=f"{PHONE},+8613900139000",
        sign_name=SIGN_NAME,
        template_code=TEMPLATE_CODES["level_raised"],
        template_param={"level": "L2"},
        method="GET",
    )

    answer = requests.get(aliyun_to_simulator, params=params, timeout=5)

    assert answer.status_code == 200, answer.text
    assert answer.json()["Code"] == "OK"
    assert sorted(SimulatedDelivery.objects.values_list("recipient", flat=True)) == [PHONE, "13900139000"]


def test_unreachable_gateway_is_a_gateway_error_and_send_does_not_raise(
    transactional_db, settings, sms_account
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    govhall_with(
        settings,
        SMS_GATEWAY="govhall.notifications.sms_aliyun.AliyunSmsGateway",
        SMS_ALIYUN={"ENDPOINT": f"http://127.0.0.1:{port}/", "ACCESS_KEY_ID": "id", "ACCESS_KEY_SECRET": "s"},
    )

    message = notification_send(
        channel="sms", recipient=PHONE, template="verification_code", params=CODE_PARAMS
    )

    assert message.status == MessageStatus.FAILED
    assert message.error == "无法连接阿里云短信接口：ConnectionError"
    assert Message.objects.count() == 1


def test_silent_gateway_times_out(transactional_db, sms_account):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    gateway = AliyunSmsGateway(
        {
            **_config(),
            "ENDPOINT": f"http://127.0.0.1:{listener.getsockname()[1]}/",
            "ACCESS_KEY_ID": sms_account["access_key_id"],
            "ACCESS_KEY_SECRET": sms_account["secret"],
            "TIMEOUT": 0.5,
        }
    )
    try:
        with pytest.raises(GatewayError, match=r"阿里云短信接口超时（0.5 秒）"):
            gateway.send(_sms(template="level_raised", params={"level": "L2"}))
    finally:
        thread.join(timeout=2)
        for connection in accepted:
            connection.close()
        listener.close()


def test_non_json_answer_is_a_gateway_error(live_server, transactional_db, sms_account):
    gateway = AliyunSmsGateway(
        {
            **_config(),
            "ENDPOINT": f"{live_server.url}/simulators/sms/no-such-endpoint",
            "ACCESS_KEY_ID": sms_account["access_key_id"],
            "ACCESS_KEY_SECRET": sms_account["secret"],
        }
    )

    with pytest.raises(GatewayError, match=r"无法解析的应答（HTTP 404）"):
        gateway.send(_sms(template="level_raised", params={"level": "L2"}))


def _config() -> dict:
    from django.conf import settings

    return dict(settings.GOVHALL["SMS_ALIYUN"])


def _sms(*, template: str, params: dict[str, str]) -> OutgoingMessage:
    return OutgoingMessage(
        channel="sms", recipient=PHONE, subject="", body="", template=template, params=params
    )
