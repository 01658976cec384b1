"""GET /api/v1/me/: the logged-in account, masked — anonymous 401, person, agent acting for an
enterprise, enterprise-certificate account, staff; never the full ID number or phone."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from govhall.identity.models import AssuranceLevel
from govhall.identity.services.certificates import certificate_login
from govhall.identity.services.enterprises import agent_mandate_grant, agent_mandate_revoke
from tests.identity.certificates.pki import LI_ID, ZHANG_ID, pki, verified  # noqa: F401 - fixture
from tests.identity.enterprise.helpers import Firm, firm_make
from tests.person_records import ID_NUMBERS, person_make
from tests.staff_login import staff_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/"
PASSWORD = "Tulou-Yongding-2026"
PHONE = "13805970123"


@pytest.fixture(autouse=True)
def clean_rate_limits():
    cache.clear()
    yield
    cache.clear()


def log_in_with_password(person, login_id: str) -> Client:
    """A client logged in through the portal's real password login (session L of the account, method 密码)."""
    person.user.set_password(PASSWORD)
    person.user.save(update_fields=["password"])
    client = Client()
    response = client.post(
        reverse("portal:login"), {"tab": "password", "pw-login_id": login_id, "pw-password": PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()
    return client


@pytest.fixture
def firm(pki) -> Firm:  # noqa: F811
    return firm_make(pki)


def grant_all_items(firm: Firm):
    today = timezone.localdate()
    return agent_mandate_grant(
        enterprise=firm.enterprise,
        agent_id_number=LI_ID,
        agent_name=firm.agent.name,
        all_items=True,
        item_codes=[],
        valid_from=today,
        valid_until=today + timedelta(days=90),
        granted_by=firm.representative.user,
    )


def test_anonymous_caller_gets_a_401_with_the_error_body(client):
    response = client.get(URL)

    assert response.status_code == 401
    assert response.json() == {"code": "not_authenticated", "message": "请先登录", "detail": None}
    assert response["WWW-Authenticate"] == 'Session realm="govhall"'


def test_person_sees_their_masked_identity_and_both_levels():
    person = person_make(name="林小梅", phone=PHONE, level=AssuranceLevel.L2)
    person.level_method = "population_registry"
    person.save(update_fields=["level_method"])
    client = log_in_with_password(person, PHONE)

    response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == {
        "kind": "person",
        "kind_label": "个人",
        "name": "林小梅",
        "credit_code": None,
        "id_number_masked": f"{ID_NUMBERS[0][:4]}**********{ID_NUMBERS[0][-4:]}",
        "phone_masked": "138****0123",
        "level": "L2",
        "level_label": "二级（实名核验）",
        "level_method": "population_registry",
        "level_method_label": "人口库核验",
        "session_level": "L2",
        "session_level_label": "二级（实名核验）",
        "session_method": "password",
        "session_method_label": "密码",
        "acting_for": None,
    }
    assert "no-store" in response["Cache-Control"]


def test_raw_body_never_contains_the_full_id_number_or_phone():
    person = person_make(name="林小梅", phone=PHONE, level=AssuranceLevel.L2)
    client = log_in_with_password(person, ID_NUMBERS[0])

    body = client.get(URL).content.decode()

    assert ID_NUMBERS[0] not in body
    assert ID_NUMBERS[0][6:14] not in body  # not even the date of birth
    assert PHONE not in body
    assert json.loads(body)["id_number_masked"].count("*") == 10


def test_agent_acting_for_an_enterprise_sees_it_with_their_role(firm: Firm):
    mandate = grant_all_items(firm)
    client = log_in_with_password(firm.agent, LI_ID)
    acted = client.post(reverse("portal:enterprise_act"), {"credit_code": firm.enterprise.credit_code})
    assert acted.status_code == 302

    data = client.get(URL).json()

    assert data["kind"] == "person" and data["name"] == "李秀英"
    assert data["session_level"] == "L2" and data["session_method"] == "password"
    assert data["acting_for"] == {
        "credit_code": firm.enterprise.credit_code,
        "name": "龙岩闽西食品有限公司",
        "role": "agent",
        "role_label": "经办人",
        "valid_until": mandate.valid_until.isoformat(),
        "active": True,
    }


def test_a_mandate_revoked_since_the_switch_ends_acting_for_the_enterprise(firm: Firm):
    mandate = grant_all_items(firm)
    client = log_in_with_password(firm.agent, LI_ID)
    client.post(reverse("portal:enterprise_act"), {"credit_code": firm.enterprise.credit_code})
    agent_mandate_revoke(mandate=mandate, by=firm.representative.user, reason="经办人离职")

    body = client.get(URL).json()

    assert body["acting_for"] is None  # the session middleware dropped the enterprise on this request
    assert body["kind"] == "person"


def test_representative_acting_for_their_enterprise(firm: Firm):
    client = log_in_with_password(firm.representative, ZHANG_ID)
    client.post(reverse("portal:enterprise_act"), {"credit_code": firm.enterprise.credit_code})

    acting = client.get(URL).json()["acting_for"]

    assert acting == {
        "credit_code": firm.enterprise.credit_code,
        "name": "龙岩闽西食品有限公司",
        "role": "representative",
        "role_label": "法定代表人",
        "valid_until": None,
        "active": True,
    }


def test_enterprise_certificate_account_is_the_enterprise(firm: Firm, pki):  # noqa: F811
    issued = pki.issue(kind="enterprise", name="龙岩闽西食品有限公司", serial=firm.enterprise.credit_code)
    outcome = certificate_login(certificate=verified(issued))
    client = Client()
    client.force_login(outcome.user)
    session = client.session
    session["govhall.level"] = "L3"
    session["govhall.method"] = "certificate"
    session.save()

    data = client.get(URL).json()

    assert data | {"name": None} == {
        "kind": "enterprise",
        "kind_label": "法人（企业证书账号）",
        "name": None,
        "credit_code": firm.enterprise.credit_code,
        "id_number_masked": None,
        "phone_masked": None,
        "level": "L3",
        "level_label": "三级（数字证书）",
        "level_method": "certificate",
        "level_method_label": "数字证书",
        "session_level": "L3",
        "session_level_label": "三级（数字证书）",
        "session_method": "certificate",
        "session_method_label": "数字证书",
        "acting_for": None,
    }
    assert data["name"] == "龙岩闽西食品有限公司"


def test_staff_member_sees_their_staff_identity_and_workbench_session(world):
    client = staff_client(world.manager)

    data = client.get(URL).json()

    assert data["kind"] == "staff" and data["kind_label"] == "工作人员"
    assert data["name"] == world.manager.staff_profile.display_name
    assert data["level"] is None and data["level_label"] is None
    assert data["id_number_masked"] is None and data["phone_masked"] is None
    assert data["session_level"] == "L2" and data["session_method"] == "totp"
    assert data["session_method_label"] == "密码 + 动态口令"
    assert data["acting_for"] is None


def test_writes_are_refused_with_the_error_body():
    person = person_make(phone=PHONE, level=AssuranceLevel.L2)
    client = log_in_with_password(person, PHONE)

    response = client.post(URL, {})

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_schema_documents_the_session_cookie_and_the_401(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/v1/me/"]["get"]
    assert operation["security"] == [{"cookieAuth": []}]
    assert set(operation["responses"]) == {"200", "401"}
    assert not {"id_number", "phone"} & set(schema["components"]["schemas"]["Me"]["properties"])


def test_a_session_without_a_known_level_or_method_reports_them_as_null():
    person = person_make(phone=PHONE, level=AssuranceLevel.L1)
    client = Client()
    client.force_login(person.user)  # no level or method recorded, as before the identity release
    session = client.session
    session["govhall.method"] = "retired-method"
    session.save()

    data = client.get(URL).json()

    assert data["session_level"] is None and data["session_level_label"] is None
    assert data["session_method"] is None and data["session_method_label"] is None
    assert data["level"] == "L1" and data["level_method"] == "sms"
