"""The local SMS simulator speaking Alibaba Cloud's ``SendSms`` protocol (``/simulators/sms/api``).

It plays the provider for our own account: the approved sign name and template codes are the ones
the adapter is configured with (``GOVHALL["SMS_ALIYUN"]``), the access key is the simulator's own
(``GOVHALL["SMS_SIMULATOR"]``). Checks run in the provider's order — common parameters, access key,
timestamp, signature, nonce replay, then the business rules — and every refusal is answered with
the provider's code and message, never an exception. An accepted message is recorded as the
phone would show it (``SimulatedDelivery``), rendered from our template with the sign name.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import string
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .models import Channel, SimulatedDelivery
from .sms_aliyun import (
    API_VERSION,
    SIGNATURE_METHOD,
    SIGNATURE_VERSION,
    TIMESTAMP_FORMAT,
    rpc_signature,
    string_to_sign,
)
from .templates import TEMPLATES

TIMESTAMP_TOLERANCE = timedelta(minutes=15)
MAX_PHONE_NUMBERS = 1000
MOBILE = re.compile(r"^(?:\+?86|0086)?(1[3-9]\d{9})$")
COMMON_PARAMETERS = (
    "Action",
    "Version",
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
)


@dataclass(frozen=True)
class SimulatorAnswer:
    status: int
    body: dict[str, Any]


class Refused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def simulator_key() -> tuple[str, str]:
    """The simulator's (AccessKeyId, AccessKeySecret); an unset secret is derived from SECRET_KEY."""
    config = cast(dict[str, Any], settings.GOVHALL["SMS_SIMULATOR"])
    secret = (
        config["ACCESS_KEY_SECRET"]
        or hmac.new(settings.SECRET_KEY.encode(), b"govhall sms simulator", hashlib.sha256).hexdigest()[:30]
    )
    return config["ACCESS_KEY_ID"], secret


def sms_simulator_handle(*, method: str, params: dict[str, str], host: str) -> SimulatorAnswer:
    """Answer one API request the way Dysmsapi would."""
    request_id = str(uuid.uuid4()).upper()
    try:
        if method not in {"GET", "POST"}:
            raise Refused(400, "UnsupportedHTTPMethod", "Specified HTTP method is not supported.")
        if any("\x00" in name or "\x00" in value for name, value in params.items()):
            raise Refused(400, "InvalidParameter", "Specified parameter contains illegal characters.")
        _check_common(method, params)
        body = {"RequestId": request_id, **_send(params)}
        return SimulatorAnswer(200, body)
    except Refused as refusal:
        body = {"RequestId": request_id, "Code": refusal.code, "Message": refusal.message}
        if refusal.status != 200:
            body["HostId"] = host
        return SimulatorAnswer(refusal.status, body)


def _check_common(method: str, params: dict[str, str]) -> None:
    for name in COMMON_PARAMETERS:
        if not params.get(name):
            raise Refused(400, f"Missing{name}", f"{name} is mandatory for this action.")
    if params["Version"] != API_VERSION:
        raise Refused(400, "InvalidVersion", "Specified parameter Version is not valid.")
    if params["Action"] != "SendSms":
        raise Refused(
            404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."
        )
    if params["SignatureMethod"] != SIGNATURE_METHOD:
        raise Refused(400, "InvalidSignatureMethod", "Specified signature method is not supported.")
    if params["SignatureVersion"] != SIGNATURE_VERSION:
        raise Refused(400, "InvalidSignatureVersion", "Specified signature version is not supported.")
    if params.get("Format", "JSON").upper() != "JSON":
        raise Refused(400, "InvalidParameter.Format", "The simulator answers in JSON only.")
    access_key_id, secret = simulator_key()
    if params["AccessKeyId"] != access_key_id:
        raise Refused(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
    _check_timestamp(params["Timestamp"])
    expected = rpc_signature(params, secret, method=method)
    if not hmac.compare_digest(expected.encode(), params["Signature"].encode()):
        raise Refused(
            400,
            "SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation."
            f" server string to sign is:{string_to_sign(method, params)}",
        )
    nonce_key = f"sms-simulator-nonce:{hashlib.sha256(params['SignatureNonce'].encode()).hexdigest()}"
    if not cache.add(nonce_key, 1, timeout=int(2 * TIMESTAMP_TOLERANCE.total_seconds())):
        raise Refused(400, "SignatureNonceUsed", "Specified signature nonce was used already.")


def _check_timestamp(value: str) -> None:
    try:
        moment = datetime.strptime(value, TIMESTAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise Refused(
            400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."
        ) from None
    if abs(datetime.now(UTC) - moment) > TIMESTAMP_TOLERANCE:
        raise Refused(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")


def _send(params: dict[str, str]) -> dict[str, str]:
    """The business rules of SendSms; records one delivery per number when all pass."""
    config = cast(dict[str, Any], settings.GOVHALL["SMS_ALIYUN"])
    for name in ("PhoneNumbers", "SignName", "TemplateCode"):
        if not params.get(name):
            raise Refused(400, f"Missing{name}", f"{name} is mandatory for this action.")
    numbers = [number.strip() for number in params["PhoneNumbers"].split(",")]
    if len(numbers) > MAX_PHONE_NUMBERS:
        raise Refused(200, "isv.MOBILE_COUNT_OVER_LIMIT", "手机号码数量超过限制")
    matches = [MOBILE.match(number) for number in numbers]
    phones = [match.group(1) for match in matches if match]
    if len(phones) != len(numbers):
        raise Refused(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")
    if params["SignName"] != config["SIGN_NAME"]:
        raise Refused(200, "isv.SMS_SIGNATURE_ILLEGAL", "签名不合法(不存在或被拉黑)")
    ours = {theirs: code for code, theirs in config.get("TEMPLATES", {}).items()}.get(params["TemplateCode"])
    if ours not in TEMPLATES:
        raise Refused(200, "isv.SMS_TEMPLATE_ILLEGAL", "模板不合法(不存在或被拉黑)")
    values = _template_values(params.get("TemplateParam", ""))
    template = TEMPLATES[ours]
    wanted = {field for _, field, _, _ in string.Formatter().parse(template.body) if field} - {"site"}
    if wanted - values.keys():
        raise Refused(200, "isv.TEMPLATE_MISSING_PARAMETERS", "模板变量缺少对应参数值")
    body = template.body.format(**{**values, "site": params["SignName"]})
    biz_id = f"{secrets.randbelow(10**18):018d}^0"
    with transaction.atomic():
        for phone in phones:
            SimulatedDelivery.objects.create(
                channel=Channel.SMS,
                recipient=phone,
                subject=template.subject,
                body=body,
                gateway_reference=biz_id,
            )
    return {"Code": "OK", "Message": "OK", "BizId": biz_id}


def _template_values(raw: str) -> dict[str, str]:
    if not raw:
        return {}
    try:
        values = json.loads(raw)
    except ValueError:
        raise Refused(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值") from None
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise Refused(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值")
    if any(unicodedata.category(char) == "Cc" for value in values.values() for char in value):
        raise Refused(200, "isv.INVALID_PARAMETERS", "参数异常")
    return values
