"""Enterprise and agent context in the claims (代办企业): who the user acts for, in what role, within what mandate."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from govhall.identity.models import AgentMandate, Enterprise
from govhall.identity.session import ENTERPRISE_KEY, MANDATE_KEY

from .conftest import Flow, browser_for, person_make

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def enterprise(citizen):
    boss = person_make(username="u-boss", name="陈建国", first17="35080219750101001", phone="13900000002")
    return Enterprise.objects.create(
        credit_code="91350800MA2Y000000", name="龙岩闽西食品有限公司", representative=boss
    )


def mandate_for(enterprise, agent, **overrides):
    today = timezone.localdate()
    values = {
        "all_items": False,
        "item_codes": ["010000000001"],
        "valid_from": today - timedelta(days=1),
        "valid_until": today + timedelta(days=30),
        "granted_by": enterprise.representative.user,
    }
    values.update(overrides)
    return AgentMandate.objects.create(enterprise=enterprise, agent=agent, **values)


def claims_of(live_server, client, user, **session):
    flow = Flow(live_server, client, scope="openid profile enterprise")
    response = flow.authorize(browser_for(live_server, user, **session))
    flow.tokens(response.headers["Location"])
    return flow.oauth.get(flow.metadata["userinfo_endpoint"]).json()


def test_agent_acting_for_an_enterprise_gets_its_context(live_server, citizen, enterprise, department_client):
    mandate = mandate_for(enterprise, citizen)
    claims = claims_of(
        live_server,
        department_client,
        citizen.user,
        **{ENTERPRISE_KEY: enterprise.pk, MANDATE_KEY: mandate.pk},
    )
    assert claims["name"] == "林小燕"
    assert claims["enterprise"] == {
        "credit_code": "91350800MA2Y000000",
        "name": "龙岩闽西食品有限公司",
        "role": "agent",
        "mandate": {
            "all_items": False,
            "item_codes": ["010000000001"],
            "valid_from": mandate.valid_from.isoformat(),
            "valid_until": mandate.valid_until.isoformat(),
        },
    }


def test_representative_is_named_as_such(live_server, enterprise, department_client):
    boss = enterprise.representative
    claims = claims_of(live_server, department_client, boss.user, **{ENTERPRISE_KEY: enterprise.pk})
    assert claims["enterprise"]["role"] == "representative"
    assert "mandate" not in claims["enterprise"]


def test_revoked_mandate_drops_the_enterprise_context(live_server, citizen, enterprise, department_client):
    mandate = mandate_for(enterprise, citizen)
    flow = Flow(live_server, department_client, scope="openid profile enterprise")
    response = flow.authorize(
        browser_for(live_server, citizen.user, **{ENTERPRISE_KEY: enterprise.pk, MANDATE_KEY: mandate.pk})
    )
    flow.tokens(response.headers["Location"])
    AgentMandate.objects.filter(pk=mandate.pk).update(revoked_at=timezone.now())
    assert "enterprise" not in flow.oauth.get(flow.metadata["userinfo_endpoint"]).json()


def test_no_enterprise_context_without_the_scope_or_when_acting_for_oneself(
    live_server, citizen, enterprise, department_client
):
    mandate = mandate_for(enterprise, citizen)
    flow = Flow(live_server, department_client, scope="openid profile")
    response = flow.authorize(
        browser_for(live_server, citizen.user, **{ENTERPRISE_KEY: enterprise.pk, MANDATE_KEY: mandate.pk})
    )
    flow.tokens(response.headers["Location"])
    assert "enterprise" not in flow.oauth.get(flow.metadata["userinfo_endpoint"]).json()
    assert "enterprise" not in claims_of(live_server, department_client, citizen.user)
