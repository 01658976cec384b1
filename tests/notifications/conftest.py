"""Shared set-up: the Alibaba Cloud adapter pointed at the live SMS simulator (real HTTP, real signature)."""

from __future__ import annotations

from typing import Any

import pytest

from govhall.notifications.sms_simulator import simulator_key

ALIYUN_GATEWAY = "govhall.notifications.sms_aliyun.AliyunSmsGateway"
SIGN_NAME = "福建省网上办事大厅"
TEMPLATE_CODES = {
    "verification_code": "SMS_465300001",
    "level_raised": "SMS_465300002",
    "agent_authorised": "SMS_465300003",
}


def govhall_with(settings: Any, **changes: Any) -> None:
    """Replace keys of ``settings.GOVHALL`` (a dict) for one test; nested dicts are merged."""
    merged = dict(settings.GOVHALL)
    for key, value in changes.items():
        merged[key] = {**merged[key], **value} if isinstance(value, dict) else value
    settings.GOVHALL = merged


@pytest.fixture
def sms_account(settings: Any) -> dict[str, str]:
    """The simulator plays our Alibaba Cloud account: sign name and template codes as configured."""
    govhall_with(settings, SMS_ALIYUN={"SIGN_NAME": SIGN_NAME, "TEMPLATES": dict(TEMPLATE_CODES)})
    key_id, secret = simulator_key()
    return {"access_key_id": key_id, "secret": secret}


@pytest.fixture
def aliyun_to_simulator(
    settings: Any, live_server: Any, transactional_db: None, sms_account: dict[str, str]
) -> str:
    """SMS go out through ``AliyunSmsGateway`` to ``/simulators/sms/api`` on the live test server."""
    endpoint = f"{live_server.url}/simulators/sms/api"
    govhall_with(
        settings,
        SMS_GATEWAY=ALIYUN_GATEWAY,
        SMS_ALIYUN={
            "ENDPOINT": endpoint,
            "ACCESS_KEY_ID": sms_account["access_key_id"],
            "ACCESS_KEY_SECRET": sms_account["secret"],
            "TIMEOUT": 10,
        },
    )
    return endpoint
