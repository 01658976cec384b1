"""Fixtures for the single sign-on tests: citizens, clients, and a browser-like HTTP session."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from django.contrib.auth import get_user_model
from django.test import Client

from govhall.core.personal_data import lookup_hash, mask_id_number, mask_phone, seal
from govhall.identity.idnumber import id_number_with_check
from govhall.identity.models import AssuranceLevel, Person, StaffRole
from govhall.identity.services.sso_clients import sso_client_register
from govhall.identity.services.staff import staff_upsert
from govhall.identity.session import LEVEL_KEY, METHOD_KEY

CALLBACK = "https://bdc.example.gov.cn/oidc/callback"


def person_make(
    *, username: str, name: str, first17: str, phone: str = "13800000001", level: str = "L2"
) -> Person:
    number = id_number_with_check(first17)
    user = get_user_model().objects.create_user(username=username, password=None)
    return Person.objects.create(
        user=user,
        name=name,
        id_number_sealed=seal(number, purpose="id_number"),
        id_number_hash=lookup_hash(number, purpose="id_number"),
        id_number_masked=mask_id_number(number),
        phone_sealed=seal(phone, purpose="phone") if phone else "",
        phone_hash=lookup_hash(phone, purpose="phone") if phone else None,
        phone_masked=mask_phone(phone) if phone else "",
        level=level,
        level_method="population_registry",
    )


@pytest.fixture
def citizen(db) -> Person:
    return person_make(username="u-citizen", name="林小燕", first17="35010219900307123")


@pytest.fixture
def operator(world):
    return staff_upsert(
        username="ops",
        display_name="运维员",
        region=world.province,
        roles=[StaffRole.OPERATOR],
        password="Ops-2026!x",
    ).user


@dataclass
class Client_:
    client_id: str
    client_secret: str
    application: Any


def client_make(
    operator, *, name="不动产登记系统", may_read_id_number=False, skip_consent=True, **extra
) -> Client_:
    registered = sso_client_register(
        name=name,
        redirect_uris=extra.pop("redirect_uris", [CALLBACK]),
        post_logout_redirect_uris=extra.pop("post_logout_redirect_uris", ["https://bdc.example.gov.cn/bye"]),
        confidential=True,
        may_read_id_number=may_read_id_number,
        department=None,
        skip_consent=skip_consent,
        registered_by=operator,
        **extra,
    )
    return Client_(registered.application.client_id, registered.client_secret, registered.application)


@pytest.fixture
def department_client(operator) -> Client_:
    return client_make(operator)


def browser_for(
    live_server,
    user,
    *,
    level: str = AssuranceLevel.L2,
    method: str = "population_registry",
    **session_values,
) -> requests.Session:
    """A requests session carrying a logged-in portal session for ``user`` (level, method and more)."""
    django_client = Client()
    django_client.force_login(user)
    session = django_client.session
    session[LEVEL_KEY] = level
    session[METHOD_KEY] = method
    for key, value in session_values.items():
        session[key] = value
    session.save()
    browser = requests.Session()
    # No domain: http.cookiejar would turn "localhost" into "localhost.local" and never send it.
    browser.cookies.set("sessionid", django_client.cookies["sessionid"].value)
    return browser


class FormParser(HTMLParser):
    """The hidden inputs of every POST form on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form" and (values.get("method") or "").lower() == "post":
            self._in_form = True
            self.forms.append({})
        elif tag == "input" and self._in_form and values.get("type") == "hidden" and values.get("name"):
            self.forms[-1][values["name"]] = values.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False


@dataclass
class HiddenForm:
    fields: dict[str, str]


def hidden_form(html: str) -> HiddenForm:
    """The hidden fields of the page's authorization form (the one carrying ``client_id``)."""
    parser = FormParser()
    parser.feed(html)
    return HiddenForm(next(form for form in parser.forms if "client_id" in form))


@dataclass
class Flow:
    """One authorization-code + PKCE sign-in as a department system runs it with Authlib."""

    live_server: Any
    client: Client_
    scope: str = "openid profile"
    redirect_uri: str = CALLBACK

    def __post_init__(self) -> None:
        base = self.live_server.url
        self.metadata = requests.get(f"{base}/o/.well-known/openid-configuration", timeout=10).json()
        self.oauth = OAuth2Session(
            self.client.client_id,
            self.client.client_secret,
            scope=self.scope,
            redirect_uri=self.redirect_uri,
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_basic",
        )
        self.verifier = generate_token(48)
        self.nonce = generate_token(20)

    def authorization_url(self, **params: Any) -> tuple[str, str]:
        return self.oauth.create_authorization_url(
            self.metadata["authorization_endpoint"], code_verifier=self.verifier, nonce=self.nonce, **params
        )

    def authorize(self, browser: requests.Session, *, consent: bool = True) -> requests.Response:
        """Follow the authorize step in ``browser``; answer the consent page if one is shown."""
        url, self.state = self.authorization_url()
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and consent:
            form = hidden_form(response.text)
            data = dict(form.fields)
            data["allow"] = "on"
            response = browser.post(
                response.url, data=data, allow_redirects=False, timeout=10, headers={"Referer": response.url}
            )
        return response

    def tokens(self, redirect_location: str) -> dict[str, Any]:
        return self.oauth.fetch_token(
            self.metadata["token_endpoint"],
            authorization_response=redirect_location,
            code_verifier=self.verifier,
        )
