"""Cross-certification: signing in through the upstream provider simulator maps to a local account."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import RSAKey

from govhall.core.models import AuditEntry
from govhall.core.personal_data import lookup_hash
from govhall.identity import upstream_simulator
from govhall.identity.models import Credential, CredentialKind, Person
from govhall.identity.services.upstream import upstream_provider_register
from govhall.identity.upstream_simulator import IDENTITIES, SIMULATOR_CLIENT_ID, SIMULATOR_CLIENT_SECRET

from .conftest import hidden_form, person_make

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def provider(live_server, operator):
    return upstream_provider_register(
        slug="national",
        name="国家政务服务平台",
        issuer=f"{live_server.url}/simulators/idp",
        client_id=SIMULATOR_CLIENT_ID,
        client_secret=SIMULATOR_CLIENT_SECRET,
        scopes="openid profile id_number",
        id_number_claim="id_number",
        name_claim="name",
        level_map={"loa3": "L3", "loa2": "L2"},
        default_level="L1",
        registered_by=operator,
    )


def sign_in_upstream(
    live_server, sub: str, *, tamper_state: bool = False
) -> tuple[requests.Session, requests.Response]:
    browser = requests.Session()
    start = browser.get(
        f"{live_server.url}/account/upstream/national/start/?next=/account/",
        allow_redirects=False,
        timeout=10,
    )
    assert start.status_code == 302
    page = browser.get(start.headers["Location"], timeout=10)
    assert page.status_code == 200 and "国家政务服务平台统一身份认证（模拟器）" in page.text
    form = hidden_form(page.text)
    answer = browser.post(page.url, data={**form.fields, "sub": sub}, allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    callback = answer.headers["Location"]
    if tamper_state:
        callback = callback.replace("state=", "state=x")
    return browser, browser.get(callback, allow_redirects=False, timeout=10)


def logged_in_user_id(browser: requests.Session, live_server) -> str | None:
    from django.contrib.sessions.backends.db import SessionStore

    key = browser.cookies.get("sessionid")
    return SessionStore(session_key=key).get("_auth_user_id") if key else None


def test_login_button_appears_for_enabled_providers(live_server, provider):
    page = requests.get(f"{live_server.url}/account/login/", timeout=10)
    assert "使用国家政务服务平台账号登录" in page.text
    assert "/account/upstream/national/start/" in page.text


def test_new_identity_creates_a_person_at_the_mapped_level(live_server, provider):
    identity = IDENTITIES[1]  # 吴丽华, acr loa2
    browser, response = sign_in_upstream(live_server, identity["sub"])
    assert response.status_code == 302 and response.headers["Location"] == "/account/"

    person = Person.objects.get(id_number_hash=lookup_hash(identity["id_number"], purpose="id_number"))
    assert (person.name, person.level, person.level_method, person.phone_masked) == (
        "吴丽华",
        "L2",
        "upstream",
        "",
    )
    credential = Credential.objects.get(user=person.user, kind=CredentialKind.UPSTREAM)
    assert credential.identifier == f"{provider.issuer} {identity['sub']}"
    assert logged_in_user_id(browser, live_server) == str(person.user_id)
    login = AuditEntry.objects.filter(action="identity.login", actor_id=person.user_id).get()
    assert login.summary == {"level": "L2", "method": "upstream"}


def test_existing_person_is_bound_and_raised_not_duplicated(live_server, provider):
    identity = IDENTITIES[0]  # 郑海峰, acr loa3
    existing = person_make(username="u-zheng", name="郑海峰", first17=identity["id_number"][:17], level="L1")
    browser, response = sign_in_upstream(live_server, identity["sub"])
    assert response.status_code == 302

    existing.refresh_from_db()
    assert (existing.level, existing.level_method) == ("L3", "upstream")
    assert Person.objects.count() == 1
    assert Credential.objects.filter(user=existing.user, kind=CredentialKind.UPSTREAM).count() == 1
    assert logged_in_user_id(browser, live_server) == str(existing.user_id)

    sign_in_upstream(live_server, identity["sub"])  # second sign-in reuses the binding
    assert Credential.objects.filter(kind=CredentialKind.UPSTREAM).count() == 1


def test_unmapped_acr_gets_the_default_level_and_never_lowers(live_server, provider):
    identity = IDENTITIES[2]  # acr loa1, not in level_map → default L1
    existing = person_make(
        username="u-huang", name="黄志明", first17=identity["id_number"][:17], level="L2", phone=""
    )
    sign_in_upstream(live_server, identity["sub"])
    existing.refresh_from_db()
    assert existing.level == "L2"
    assert (
        AuditEntry.objects.filter(action="identity.login", actor_id=existing.user_id).get().summary["level"]
        == "L1"
    )


def test_state_mismatch_is_refused_and_nothing_is_written(live_server, provider):
    browser, response = sign_in_upstream(live_server, IDENTITIES[1]["sub"], tamper_state=True)
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/account/login/"
    assert not Person.objects.exists() and not Credential.objects.exists()
    assert logged_in_user_id(browser, live_server) is None


TOKEN_REFUSED = "互认身份提供方的身份令牌校验失败"


def assert_refused(browser: requests.Session, response: requests.Response, live_server) -> None:
    """Back on the login page with the ID-token message; no account, no binding, no session."""
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/account/login/"
    page = browser.get(f"{live_server.url}{response.headers['Location']}", timeout=10)
    assert TOKEN_REFUSED in page.text
    assert not Person.objects.exists() and not Credential.objects.exists()
    assert logged_in_user_id(browser, live_server) is None


def test_forged_id_token_is_refused(live_server, provider, monkeypatch):
    """An ID token signed with another key fails JWKS verification: no account, no session."""
    forged = RSAKey.generate_key(2048, private=True)

    class ForgingJwt:  # the simulator signs with a key its JWKS does not publish (same kid)
        @staticmethod
        def encode(header, payload, key):
            return jwt.encode(header, payload, forged)

    monkeypatch.setattr(upstream_simulator, "jwt", ForgingJwt)
    browser, response = sign_in_upstream(live_server, IDENTITIES[1]["sub"])
    assert_refused(browser, response, live_server)


def claims_tampering_jwt(tamper):
    """A stand-in for the simulator's ``jwt`` that alters the claims, then signs with the real key."""

    class TamperingJwt:
        @staticmethod
        def encode(header, payload, key):
            claims = dict(payload)
            tamper(claims)
            return jwt.encode(header, claims, key)

    return TamperingJwt


def _expired(claims: dict) -> None:
    claims["iat"] = claims["auth_time"] = int(time.time()) - 900
    claims["exp"] = int(time.time()) - 120  # beyond the 60-second leeway


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda claims: claims.update(aud="another-client"), id="wrong-audience"),
        pytest.param(lambda claims: claims.update(aud=["another-client"]), id="wrong-audience-list"),
        pytest.param(lambda claims: claims.update(iss="https://idp.example.com"), id="wrong-issuer"),
        pytest.param(lambda claims: claims.update(nonce="another-nonce"), id="wrong-nonce"),
        pytest.param(lambda claims: claims.pop("nonce"), id="missing-nonce"),
        pytest.param(_expired, id="expired"),
        pytest.param(lambda claims: claims.pop("exp"), id="missing-exp"),
    ],
)
def test_id_token_with_bad_claims_is_refused(live_server, provider, monkeypatch, tamper):
    """Correctly signed, but for someone else, from someone else, replayed or expired: refused."""
    monkeypatch.setattr(upstream_simulator, "jwt", claims_tampering_jwt(tamper))
    browser, response = sign_in_upstream(live_server, IDENTITIES[1]["sub"])
    assert_refused(browser, response, live_server)


def test_claims_tampering_keeps_a_valid_signature(live_server, provider, monkeypatch):
    """Control for the test above: re-signed claims that are still acceptable (our client among the
    audiences) sign the user in, so the refusals above come from the claims, not the re-signing."""
    monkeypatch.setattr(
        upstream_simulator,
        "jwt",
        claims_tampering_jwt(lambda claims: claims.update(aud=["another-client", SIMULATOR_CLIENT_ID])),
    )
    browser, response = sign_in_upstream(live_server, IDENTITIES[1]["sub"])
    assert response.status_code == 302 and response.headers["Location"] == "/account/"
    assert logged_in_user_id(browser, live_server) is not None


def test_disabled_provider_is_not_offered_and_cannot_start(live_server, provider):
    provider.enabled = False
    provider.save(update_fields=["enabled"])
    assert (
        "使用国家政务服务平台账号登录"
        not in requests.get(f"{live_server.url}/account/login/", timeout=10).text
    )
    response = requests.get(
        f"{live_server.url}/account/upstream/national/start/", allow_redirects=False, timeout=10
    )
    assert response.status_code == 404


def test_simulator_requires_pkce(live_server):
    response = requests.get(
        f"{live_server.url}/simulators/idp/authorize/",
        params={
            "client_id": SIMULATOR_CLIENT_ID,
            "redirect_uri": "https://x.example/cb",
            "response_type": "code",
        },
        timeout=10,
    )
    assert response.status_code == 400
    assert parse_qs("") == {}


def test_the_national_platform_simulator_can_be_switched_off(client, settings):
    settings.GOVHALL = {**settings.GOVHALL, "IDP_SIMULATOR_ENABLED": False}

    for path in ("/simulators/idp/.well-known/openid-configuration", "/simulators/idp/jwks/"):
        assert client.get(path).status_code == 404

    settings.GOVHALL = {**settings.GOVHALL, "IDP_SIMULATOR_ENABLED": True}
    assert client.get("/simulators/idp/jwks/").status_code == 200
