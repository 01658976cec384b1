"""The platform as OpenID Connect provider, driven by Authlib as a department system would drive it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import KeySet
from oauth2_provider.models import Grant

from govhall.core.models import AuditEntry
from govhall.core.personal_data import unseal
from govhall.identity.oidc.claims import subject_for

from .conftest import CALLBACK, Flow, browser_for, client_make, hidden_form

pytestmark = pytest.mark.django_db(transaction=True)


def verified_id_token(flow: Flow, token: dict, *, nonce: bool = True) -> dict:
    """The ID token's claims after checking signature (JWKS), issuer, audience, expiry and nonce."""
    jwks = requests.get(flow.metadata["jwks_uri"], timeout=10).json()
    options = {
        "iss": {"essential": True, "value": flow.metadata["issuer"]},
        "aud": {"essential": True, "value": flow.client.client_id},
        "exp": {"essential": True},
    }
    if nonce:  # a refreshed ID token carries no nonce (OIDC Core 12.2)
        options["nonce"] = {"essential": True, "value": flow.nonce}
    decoded = jwt.decode(token["id_token"], KeySet.import_key_set(jwks))
    jwt.JWTClaimsRegistry(**options).validate(decoded.claims)
    return dict(decoded.claims)


def sign_in(live_server, client, user, *, scope="openid profile", **session) -> tuple[Flow, dict]:
    flow = Flow(live_server, client, scope=scope)
    response = flow.authorize(browser_for(live_server, user, **session))
    assert response.status_code == 302, response.text[:500]
    return flow, flow.tokens(response.headers["Location"])


def test_discovery_lists_endpoints_acr_values_and_scopes(live_server, db):
    metadata = requests.get(f"{live_server.url}/o/.well-known/openid-configuration", timeout=10).json()
    assert metadata["issuer"] == f"{live_server.url}/o"
    assert metadata["authorization_endpoint"] == f"{live_server.url}/o/authorize/"
    assert metadata["end_session_endpoint"] == f"{live_server.url}/o/logout/"
    assert metadata["acr_values_supported"] == ["L1", "L2", "L3"]
    assert {"openid", "profile", "phone", "id_number", "enterprise"} <= set(metadata["scopes_supported"])
    assert {"acr", "amr", "id_number_masked", "enterprise"} <= set(metadata["claims_supported"])
    assert "S256" in metadata["code_challenge_methods_supported"]


def test_authorization_code_with_pkce_yields_verified_claims(live_server, citizen, department_client):
    flow, token = sign_in(live_server, department_client, citizen.user)

    claims = verified_id_token(flow, token)
    assert claims["sub"] == subject_for(citizen.user)
    assert claims["sub"] != str(citizen.user.pk)
    assert claims["name"] == "林小燕"
    assert claims["id_number_masked"] == citizen.id_number_masked
    assert claims["acr"] == "L2"
    assert claims["amr"] == ["population_registry"]
    assert "id_number" not in claims

    userinfo = flow.oauth.get(flow.metadata["userinfo_endpoint"]).json()
    assert userinfo["sub"] == claims["sub"]
    assert userinfo["acr"] == "L2"
    assert userinfo["name"] == "林小燕"
    assert "phone_number_masked" not in userinfo


def test_consent_page_is_shown_and_approval_issues_a_code(live_server, citizen, operator):
    client = client_make(operator, name="公积金系统", skip_consent=False)
    flow = Flow(live_server, client, scope="openid profile phone")
    browser = browser_for(live_server, citizen.user)
    url, _ = flow.authorization_url()
    page = browser.get(url, timeout=10)
    assert page.status_code == 200
    assert "公积金系统" in page.text and "脱敏手机号码" in page.text

    response = flow.authorize(browser)
    token = flow.tokens(response.headers["Location"])
    claims = verified_id_token(flow, token)
    assert claims["phone_number_masked"] == citizen.phone_masked


def test_refusing_consent_returns_access_denied(live_server, citizen, operator):
    client = client_make(operator, name="公积金系统", skip_consent=False)
    flow = Flow(live_server, client)
    browser = browser_for(live_server, citizen.user)
    page = browser.get(flow.authorization_url()[0], timeout=10)
    form = hidden_form(page.text)  # posted without "allow": the refusal button
    denied = browser.post(page.url, data=form.fields, allow_redirects=False, timeout=10)
    assert denied.status_code == 302
    assert parse_qs(urlsplit(denied.headers["Location"]).query)["error"] == ["access_denied"]
    assert not Grant.objects.exists()


def test_level_and_method_come_from_the_session_at_sign_in(live_server, citizen, department_client):
    flow, token = sign_in(live_server, department_client, citizen.user, level="L3", method="certificate")
    claims = verified_id_token(flow, token)
    assert (claims["acr"], claims["amr"]) == ("L3", ["certificate"])
    refreshed = flow.oauth.refresh_token(flow.metadata["token_endpoint"])
    assert verified_id_token(flow, refreshed, nonce=False)["acr"] == "L3"
    assert flow.oauth.get(flow.metadata["userinfo_endpoint"]).json()["amr"] == ["certificate"]


def test_client_without_permission_never_receives_the_full_id_number(live_server, citizen, department_client):
    flow, token = sign_in(live_server, department_client, citizen.user, scope="openid profile id_number")

    assert "id_number" not in token["scope"].split()
    claims = verified_id_token(flow, token)
    userinfo = flow.oauth.get(flow.metadata["userinfo_endpoint"]).json()
    full = "350102199003071234"[:17]
    for payload in (claims, userinfo):
        assert "id_number" not in payload
        assert full not in str(payload)
    assert not AuditEntry.objects.filter(action="personal_data.release").exists()


def test_permitted_client_receives_the_full_id_number_and_the_release_is_audited(
    live_server, citizen, operator
):
    client = client_make(operator, name="户籍业务系统", may_read_id_number=True)
    flow, token = sign_in(live_server, client, citizen.user, scope="openid profile id_number")

    number = unseal(citizen.id_number_sealed, purpose="id_number")
    assert verified_id_token(flow, token)["id_number"] == number
    assert flow.oauth.get(flow.metadata["userinfo_endpoint"]).json()["id_number"] == number
    releases = AuditEntry.objects.filter(action="personal_data.release").order_by("sequence")
    assert releases.count() == 2  # ID token and userinfo, each audited
    assert {entry.summary["recipient"] for entry in releases} == {f"oidc:{client.client_id}"}
    assert releases.first().object_id == str(citizen.pk)


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "https://bdc.example.gov.cn/oidc/callback/other",
        "https://bdc.example.gov.cn:8443/oidc/callback",
        "https://bdc.example.gov.cn/oidc/callback?next=/admin",
        "http://bdc.example.gov.cn/oidc/callback",
    ],
)
def test_redirect_uri_must_match_exactly(live_server, citizen, department_client, redirect_uri):
    flow = Flow(live_server, department_client, redirect_uri=redirect_uri)
    response = flow.authorize(browser_for(live_server, citizen.user))
    assert response.status_code == 400
    assert "登录请求无效" in response.text
    assert "Location" not in response.headers


def test_loopback_redirect_uri_is_matched_exactly_too(live_server, citizen, operator):
    client = client_make(operator, redirect_uris=["http://127.0.0.1:8100/cb"])
    ok = Flow(live_server, client, redirect_uri="http://127.0.0.1:8100/cb").authorize(
        browser_for(live_server, citizen.user)
    )
    assert ok.status_code == 302 and ok.headers["Location"].startswith("http://127.0.0.1:8100/cb?code=")
    other_port = Flow(live_server, client, redirect_uri="http://127.0.0.1:9999/cb").authorize(
        browser_for(live_server, citizen.user)
    )
    assert other_port.status_code == 400


def test_anonymous_authorize_goes_to_the_portal_login(live_server, department_client):
    flow = Flow(live_server, department_client)
    url, _ = flow.authorization_url()
    response = requests.get(url, allow_redirects=False, timeout=10)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert urlsplit(location).path == "/account/login/"
    assert parse_qs(urlsplit(location).query)["next"][0].startswith("/o/authorize/?")


def test_pkce_is_required(live_server, citizen, department_client):
    flow = Flow(live_server, department_client)
    flow.oauth.code_challenge_method = None
    url, _ = flow.oauth.create_authorization_url(flow.metadata["authorization_endpoint"], nonce=flow.nonce)
    response = browser_for(live_server, citizen.user).get(url, allow_redirects=False, timeout=10)
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["Location"]).query)["error"] == ["invalid_request"]


def test_rp_initiated_logout_ends_the_session(live_server, citizen, department_client):
    flow = Flow(live_server, department_client)
    browser = browser_for(live_server, citizen.user)
    token = flow.tokens(flow.authorize(browser).headers["Location"])

    response = browser.get(
        flow.metadata["end_session_endpoint"],
        params={
            "id_token_hint": token["id_token"],
            "post_logout_redirect_uri": "https://bdc.example.gov.cn/bye",
            "state": "s1",
        },
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "https://bdc.example.gov.cn/bye?state=s1"
    again = flow.authorize(browser)
    assert again.status_code == 302 and urlsplit(again.headers["Location"]).path == "/account/login/"
    assert flow.oauth.get(flow.metadata["userinfo_endpoint"]).status_code == 401
    assert AuditEntry.objects.filter(action="identity.logout", actor_id=citizen.user.pk).exists()


def test_logout_refuses_an_unregistered_post_logout_redirect(live_server, citizen, department_client):
    flow = Flow(live_server, department_client)
    browser = browser_for(live_server, citizen.user)
    token = flow.tokens(flow.authorize(browser).headers["Location"])
    response = browser.get(
        flow.metadata["end_session_endpoint"],
        params={"id_token_hint": token["id_token"], "post_logout_redirect_uri": "https://evil.example.com/"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 400
    assert "Location" not in response.headers


def test_staff_users_get_no_citizen_claims(live_server, operator, department_client):
    flow, token = sign_in(live_server, department_client, operator, level="L3", method="totp")
    claims = verified_id_token(flow, token)
    assert claims["acr"] == "L3"
    assert "name" not in claims and "id_number_masked" not in claims


def test_disabled_client_cannot_sign_in(live_server, citizen, department_client, operator):
    from govhall.identity.services.sso_clients import sso_client_disable

    sso_client_disable(application=department_client.application, disabled_by=operator, reason="系统下线")
    response = Flow(live_server, department_client).authorize(browser_for(live_server, citizen.user))
    assert response.status_code == 400
    assert "Location" not in response.headers


def test_redirect_callback_constant_is_registered(department_client):
    assert department_client.application.redirect_uris == CALLBACK
