"""The SMS simulator's API answers every request like Dysmsapi would: the provider's codes, never a 500."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from govhall.notifications.models import SimulatedDelivery
from govhall.notifications.sms_aliyun import rpc_signature, send_sms_params

from .conftest import SIGN_NAME, TEMPLATE_CODES, govhall_with

URL = "/simulators/sms/api"


def signed(
    account: dict[str, str], *, method: str = "POST", resign: bool = True, **overrides: str
) -> dict[str, str]:
    params = send_sms_params(
        access_key_id=account["access_key_id"],
        secret=account["secret"],
        phone_numbers=overrides.pop("PhoneNumbers", "13800138000"),
        sign_name=SIGN_NAME,
        template_code=TEMPLATE_CODES["level_raised"],
        template_param={"level": "L2"},
        method=method,
    )
    params.update(overrides)
    if resign:
        params["Signature"] = rpc_signature(params, account["secret"], method=method)
    return params


@pytest.mark.django_db
def test_accepted_message_answers_like_the_provider(client, sms_account):
    response = client.post(URL, signed(sms_account))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"RequestId", "Code", "Message", "BizId"}
    assert (body["Code"], body["Message"]) == ("OK", "OK")
    assert SimulatedDelivery.objects.get().gateway_reference == body["BizId"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"Version": "2018-01-01"}, 400, "InvalidVersion"),
        ({"Action": "QuerySendDetails"}, 404, "InvalidAction.NotFound"),
        ({"SignatureMethod": "HMAC-SHA256"}, 400, "InvalidSignatureMethod"),
        ({"SignatureVersion": "2.0"}, 400, "InvalidSignatureVersion"),
        ({"Timestamp": "2024-13-01 10:00"}, 400, "InvalidTimeStamp.Format"),
        ({"PhoneNumbers": "12345678901"}, 200, "isv.MOBILE_NUMBER_ILLEGAL"),
        ({"PhoneNumbers": ",".join(["13800138000"] * 1001)}, 200, "isv.MOBILE_COUNT_OVER_LIMIT"),
        ({"TemplateParam": "{not json"}, 200, "isv.INVALID_JSON_PARAM"),
        ({"TemplateParam": '{"level": 2}'}, 200, "isv.INVALID_JSON_PARAM"),
        ({"TemplateParam": "{}"}, 200, "isv.TEMPLATE_MISSING_PARAMETERS"),
        ({"Format": "XML"}, 400, "InvalidParameter.Format"),
    ],
)
def test_bad_requests_get_the_provider_code(client, sms_account, overrides, status, code):
    response = client.post(URL, signed(sms_account, **overrides))

    assert response.status_code == status
    assert response.json()["Code"] == code
    assert not SimulatedDelivery.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["AccessKeyId", "Signature", "SignatureNonce", "Timestamp", "Action"])
def test_missing_common_parameter_is_named(client, sms_account, name):
    params = signed(sms_account)
    del params[name]

    response = client.post(URL, params)

    assert response.status_code == 400
    assert response.json()["Code"] == f"Missing{name}"
    assert response.json()["Message"] == f"{name} is mandatory for this action."


@pytest.mark.django_db
def test_expired_timestamp_is_refused(client, sms_account):
    stale = (datetime.now(UTC) - timedelta(minutes=16)).strftime("%Y-%m-%dT%H:%M:%SZ")

    response = client.post(URL, signed(sms_account, Timestamp=stale))

    assert response.status_code == 400
    assert response.json()["Code"] == "InvalidTimeStamp.Expired"


@pytest.mark.django_db
def test_tampered_parameter_breaks_the_signature(client, sms_account):
    params = signed(sms_account, resign=False, PhoneNumbers="13900139000")
    params["PhoneNumbers"] = "13700137000"

    response = client.post(URL, params)

    assert response.status_code == 400
    assert response.json()["Code"] == "SignatureDoesNotMatch"
    assert not SimulatedDelivery.objects.exists()


@pytest.mark.django_db
def test_unsupported_method_and_unparsable_body_are_json_errors(client):
    assert client.put(URL, "x").json()["Code"] == "UnsupportedHTTPMethod"
    response = client.post(URL, b"--x\r\nbroken", content_type="multipart/form-data; boundary=")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_control_characters_in_template_values_are_refused_not_stored(client, sms_account):
    response = client.post(URL, signed(sms_account, TemplateParam='{"level":"L2\\u0000"}'))

    assert response.json()["Code"] == "isv.INVALID_PARAMETERS"
    assert not SimulatedDelivery.objects.exists()


@pytest.mark.django_db
def test_nul_characters_in_parameters_are_refused(client, sms_account):
    response = client.get(URL, {**signed(sms_account, method="GET"), "OutId": "a\x00b"})

    assert response.status_code == 400
    assert response.json()["Code"] == "InvalidParameter"


@pytest.mark.django_db
def test_disabled_simulator_answers_404(client, settings, sms_account):
    govhall_with(settings, SMS_SIMULATOR={"ENABLED": False})

    response = client.post(URL, signed(sms_account))

    assert response.status_code == 404
    assert not SimulatedDelivery.objects.exists()


@pytest.mark.django_db
def test_api_is_csrf_exempt(sms_account):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, signed(sms_account))

    assert response.json()["Code"] == "OK"


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "Action",
                "Version",
                "AccessKeyId",
                "Signature",
                "SignatureNonce",
                "Timestamp",
                "PhoneNumbers",
                "TemplateParam",
                "SignName",
                "x",
            ]
        ),
        st.text(max_size=40),
        max_size=10,
    )
)
def test_arbitrary_input_never_causes_a_server_error(client, params):
    response = client.post(URL, params)

    assert response.status_code in {200, 400, 404}
    assert "Code" in response.json()
