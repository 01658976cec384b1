"""Operators register department systems: redirect URI rules, one-time secrets, audit, page authorisation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from oauth2_provider.models import Application

from govhall.core.models import AuditEntry
from govhall.identity.models import ClientPolicy, StaffRole, UpstreamProvider
from govhall.identity.services.sso_clients import (
    redirect_uri_check,
    sso_client_register,
    sso_client_secret_rotate,
)
from govhall.identity.services.staff import staff_upsert
from tests.staff_login import staff_client

from .conftest import client_make, person_make


@pytest.mark.parametrize(
    ("uri", "code"),
    [
        ("/relative/callback", "redirect_uri_relative"),
        ("https://bdc.example.gov.cn/cb#frag", "redirect_uri_fragment"),
        ("https://*.example.gov.cn/cb", "redirect_uri_wildcard"),
        ("http://bdc.example.gov.cn/cb", "redirect_uri_scheme"),
        ("ftp://bdc.example.gov.cn/cb", "redirect_uri_scheme"),
        ("https://user:pw@bdc.example.gov.cn/cb", "redirect_uri_userinfo"),
    ],
)
def test_bad_redirect_uris_are_refused(uri, code):
    with pytest.raises(ValidationError) as info:
        redirect_uri_check(uri)
    assert info.value.code == code


@pytest.mark.parametrize(
    "uri", ["https://bdc.example.gov.cn/cb?x=1", "http://localhost:8100/cb", "http://127.0.0.1/cb"]
)
def test_good_redirect_uris_are_accepted(uri):
    assert redirect_uri_check(uri) == uri


def test_registration_audits_and_stores_only_a_hash_of_the_secret(operator):
    registered = sso_client_register(
        name="不动产登记系统",
        redirect_uris=["https://bdc.example.gov.cn/cb"],
        post_logout_redirect_uris=[],
        confidential=True,
        may_read_id_number=False,
        department=None,
        skip_consent=False,
        registered_by=operator,
    )
    application = Application.objects.get(pk=registered.application.pk)
    assert registered.client_secret and application.client_secret != registered.client_secret
    entry = AuditEntry.objects.get(action="sso.client_register")
    assert entry.summary["client_id"] == application.client_id
    assert registered.client_secret not in str(entry.summary)


def test_a_bad_uri_writes_nothing(operator):
    with pytest.raises(ValidationError):
        sso_client_register(
            name="x",
            redirect_uris=["https://ok.example.gov.cn/cb", "http://evil.example.com/cb"],
            registered_by=operator,
        )
    assert (
        not Application.objects.exists()
        and not AuditEntry.objects.filter(action="sso.client_register").exists()
    )


def test_rotation_replaces_the_secret(operator):
    client = client_make(operator)
    new = sso_client_secret_rotate(application=client.application, rotated_by=operator, reason="密钥泄露")
    assert new != client.client_secret
    assert AuditEntry.objects.filter(action="sso.client_secret_rotate", reason="密钥泄露").exists()


# -- pages ---------------------------------------------------------------------------------------


@pytest.fixture
def reviewer(world):
    return staff_upsert(
        username="rev",
        display_name="审批员",
        region=world.county,
        roles=[StaffRole.REVIEWER],
        department=world.county_department,
        password="Rev-2026!xx",
    ).user


PAGES = ["workbench:sso_client_list", "workbench:sso_client_new", "workbench:sso_upstream_list"]


@pytest.mark.parametrize("name", PAGES)
def test_operator_pages_authorisation(client, name, operator, reviewer, world, db):
    url = reverse(name)
    assert client.get(url).status_code == 302  # anonymous → workbench login
    citizen = person_make(username="u-c", name="林小燕", first17="35010219900307123")
    for user in (citizen.user, reviewer, world.manager):
        client = staff_client(user)
        assert client.get(url).status_code == 403
    client = staff_client(operator)
    assert client.get(url).status_code == 200


def test_detail_page_authorisation(client, operator, reviewer):
    registered = client_make(operator)
    url = reverse("workbench:sso_client_detail", args=[registered.client_id])
    client = staff_client(reviewer)
    assert client.get(url).status_code == 403
    client = staff_client(operator)
    assert client.get(url).status_code == 200
    assert (
        client.post(
            reverse("workbench:sso_client_disable", args=[registered.client_id]), {"reason": "x下线"}
        ).status_code
        == 302
    )
    client = staff_client(reviewer)
    assert (
        client.post(
            reverse("workbench:sso_client_rotate", args=[registered.client_id]), {"reason": "试试"}
        ).status_code
        == 403
    )
    assert not AuditEntry.objects.filter(action="sso.client_secret_rotate").exists()


def test_operator_registers_a_client_and_sees_the_secret_once(client, operator, world):
    client = staff_client(operator)
    response = client.post(
        reverse("workbench:sso_client_new"),
        {
            "name": "不动产登记系统",
            "department": world.county_department.pk,
            "redirect_uris": "https://bdc.example.gov.cn/cb\nhttps://bdc.example.gov.cn/cb2",
            "post_logout_redirect_uris": "",
            "confidential": "on",
            "purpose": "",
        },
    )
    assert response.status_code == 302
    application = Application.objects.get(name="不动产登记系统")
    assert application.redirect_uris == "https://bdc.example.gov.cn/cb https://bdc.example.gov.cn/cb2"
    assert ClientPolicy.objects.get(application=application).department == world.county_department
    first = client.get(response["Location"])
    assert "仅显示这一次" in first.content.decode()
    second = client.get(response["Location"])
    assert "仅显示这一次" not in second.content.decode()


def test_operator_form_shows_chinese_errors_for_bad_uris(client, operator):
    client = staff_client(operator)
    response = client.post(
        reverse("workbench:sso_client_new"),
        {"name": "x", "redirect_uris": "http://evil.example.com/cb", "confidential": "on"},
    )
    assert response.status_code == 200
    assert "回调地址必须使用 https" in response.content.decode()
    assert not Application.objects.exists()


def test_operator_registers_an_upstream_provider(client, operator):
    client = staff_client(operator)
    response = client.post(
        reverse("workbench:sso_upstream_list"),
        {
            "slug": "national",
            "name": "国家政务服务平台",
            "issuer": "https://idp.example.gov.cn/",
            "client_id": "fj",
            "client_secret": "s3cret",
            "scopes": "openid profile id_number",
            "id_number_claim": "id_number",
            "name_claim": "name",
            "level_map": "loa3 = L3\nloa2 = L2",
            "default_level": "L1",
        },
    )
    assert response.status_code == 302
    provider = UpstreamProvider.objects.get(slug="national")
    assert provider.level_map == {"loa3": "L3", "loa2": "L2"}
    assert provider.issuer == "https://idp.example.gov.cn"
    assert "s3cret" not in provider.client_secret_sealed


def test_upstream_form_rejects_a_bad_level_map(client, operator):
    client = staff_client(operator)
    response = client.post(
        reverse("workbench:sso_upstream_list"),
        {
            "slug": "n",
            "name": "n",
            "issuer": "https://i.example",
            "client_id": "c",
            "scopes": "openid",
            "id_number_claim": "id_number",
            "name_claim": "name",
            "level_map": "loa3 -> L9",
            "default_level": "L1",
        },
    )
    assert response.status_code == 200 and "无法识别的映射" in response.content.decode()
    assert not UpstreamProvider.objects.exists()


def test_staff_who_must_change_their_password_cannot_sign_in_to_department_systems(
    operator, department_client
):
    from django.test import Client
    from django.urls import reverse

    from govhall.identity.models import StaffProfile

    StaffProfile.objects.filter(user=operator).update(must_change_password=True)
    client = Client()
    client.force_login(operator)

    response = client.get(
        "/o/authorize/",
        {"client_id": department_client.client_id, "response_type": "code", "scope": "openid"},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workbench:password_change"))
