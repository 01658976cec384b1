"""Alibaba Cloud SMS (阿里云短信服务) adapter: the ``SendSms`` call of Dysmsapi, version 2017-05-25.

The API is RPC style: every parameter travels as a form field, the request is signed with
HMAC-SHA1 (signature version 1.0) over the canonicalised parameters, and the answer is JSON with
``Code`` "OK" and a ``BizId`` on success. The signing functions here are shared with the local
simulator (``sms_simulator``), which checks incoming requests exactly as the provider would, so the
tests exercise the real protocol over real HTTP.

This module never logs or returns the access key secret, and its errors never echo the request
parameters (they may contain a verification code).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime
from typing import Any, cast
from urllib.parse import quote, urlsplit

import requests
from django.conf import settings

from .gateways import GatewayError, OutgoingMessage

API_VERSION = "2017-05-25"
SIGNATURE_METHOD = "HMAC-SHA1"
SIGNATURE_VERSION = "1.0"
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
SIMULATOR_PATH = "/simulators/sms/api"


def percent_encode(value: str) -> str:
    """RFC 3986 encoding of UTF-8 bytes: A-Z a-z 0-9 - _ . ~ stay; space is %20, * is %2A."""
    return quote(value, safe="~")


def canonicalized_query(params: dict[str, str]) -> str:
    """Parameters (without ``Signature``) sorted by name, each name and value percent-encoded."""
    return "&".join(
        f"{percent_encode(name)}={percent_encode(value)}"
        for name, value in sorted(params.items())
        if name != "Signature"
    )


def string_to_sign(method: str, params: dict[str, str]) -> str:
    return f"{method.upper()}&{percent_encode('/')}&{percent_encode(canonicalized_query(params))}"


def rpc_signature(params: dict[str, str], secret: str, *, method: str = "GET") -> str:
    """Base64 HMAC-SHA1 of the string to sign, keyed with ``secret + "&"``."""
    digest = hmac.new(f"{secret}&".encode(), string_to_sign(method, params).encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def send_sms_params(
    *,
    access_key_id: str,
    secret: str,
    phone_numbers: str,
    sign_name: str,
    template_code: str,
    template_param: dict[str, str],
    region_id: str = "cn-hangzhou",
    method: str = "POST",
    nonce: str | None = None,
    timestamp: datetime | None = None,
) -> dict[str, str]:
    """The complete, signed parameter set of one ``SendSms`` request."""
    params = {
        "AccessKeyId": access_key_id,
        "Action": "SendSms",
        "Format": "JSON",
        "RegionId": region_id,
        "SignatureMethod": SIGNATURE_METHOD,
        "SignatureNonce": nonce or uuid.uuid4().hex,
        "SignatureVersion": SIGNATURE_VERSION,
        "Timestamp": (timestamp or datetime.now(UTC)).strftime(TIMESTAMP_FORMAT),
        "Version": API_VERSION,
        "PhoneNumbers": phone_numbers,
        "SignName": sign_name,
        "TemplateCode": template_code,
        "TemplateParam": json.dumps(template_param, ensure_ascii=False, separators=(",", ":")),
    }
    params["Signature"] = rpc_signature(params, secret, method=method)
    return params


class AliyunSmsGateway:
    """Sends SMS through Alibaba Cloud (``GOVHALL["SMS_ALIYUN"]``); the reference is the provider's BizId."""

    name = "aliyun_sms"

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        self.config: dict[str, Any] = dict(
            config if config is not None else cast(dict[str, Any], settings.GOVHALL["SMS_ALIYUN"])
        )

    @property
    def delivers_to_simulator(self) -> bool:
        """True when the endpoint is this platform's own SMS simulator (a staging set-up)."""
        return urlsplit(self.config["ENDPOINT"]).path.rstrip("/").endswith(SIMULATOR_PATH)

    def send(self, message: OutgoingMessage) -> str:
        if message.channel != "sms":
            raise GatewayError("阿里云短信通道只能发送短信")
        template_code = self.config.get("TEMPLATES", {}).get(message.template)
        if not template_code:
            raise GatewayError(f"未配置模板“{message.template}”对应的阿里云短信模板编号")
        if not (self.config.get("ACCESS_KEY_ID") and self.config.get("ACCESS_KEY_SECRET")):
            raise GatewayError("未配置阿里云短信的 AccessKey")
        params = send_sms_params(
            access_key_id=self.config["ACCESS_KEY_ID"],
            secret=self.config["ACCESS_KEY_SECRET"],
            phone_numbers=message.recipient,
            sign_name=self.config["SIGN_NAME"],
            template_code=template_code,
            template_param={k: str(v) for k, v in message.params.items() if k != "site"},
            region_id=self.config.get("REGION_ID", "cn-hangzhou"),
        )
        return self._post(params)

    def _post(self, params: dict[str, str]) -> str:
        timeout = float(self.config.get("TIMEOUT", 10))
        try:
            response = requests.post(self.config["ENDPOINT"], data=params, timeout=timeout)
        except requests.Timeout as exc:
            raise GatewayError(f"阿里云短信接口超时（{timeout:g} 秒）") from exc
        except requests.RequestException as exc:
            raise GatewayError(f"无法连接阿里云短信接口：{type(exc).__name__}") from exc
        try:
            answer = response.json()
        except ValueError as exc:
            raise GatewayError(f"阿里云短信接口返回了无法解析的应答（HTTP {response.status_code}）") from exc
        if not isinstance(answer, dict):
            raise GatewayError(f"阿里云短信接口返回了无法解析的应答（HTTP {response.status_code}）")
        code = str(answer.get("Code", ""))
        if code == "OK" and answer.get("BizId"):
            return str(answer["BizId"])
        message = str(answer.get("Message", "")).split(" server string to sign is:")[0]
        raise GatewayError(
            f"阿里云短信发送失败：{code or 'HTTP ' + str(response.status_code)} {message}".strip()
        )
