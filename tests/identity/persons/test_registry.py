"""Real-name verification (L2) against the population registry: the simulator in-process and over signed HTTP."""

import json
import time

import pytest
import requests

from govhall.core.models import AuditEntry
from govhall.identity.models import AssuranceLevel, AuthMethod
from govhall.identity.registry import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    HttpRegistry,
    SimulatorRegistry,
    population_registry,
    registry_signature,
)
from govhall.identity.services.persons import person_verify_with_registry
from govhall.identity.services.registry_simulator import registry_simulator_add
from govhall.identity.session import LEVEL_KEY, METHOD_KEY

from .conftest import ID_NUMBER

KEY = "registry-test-key"


@pytest.fixture
def registry_key(settings):
    settings.GOVHALL = {**settings.GOVHALL, "POPULATION_REGISTRY_KEY": KEY}


@pytest.mark.django_db
def test_default_adapter_is_the_simulator():
    assert isinstance(population_registry(), SimulatorRegistry)


@pytest.mark.django_db
def test_a_matching_resident_raises_the_person_to_l2(person):
    registry_simulator_add(name="林小明", id_number=ID_NUMBER)
    answer = person_verify_with_registry(person=person, actor=person.user)
    assert answer.matched and answer.reason == "姓名与身份证号码一致"
    assert person.level == AssuranceLevel.L2 and person.level_method == AuthMethod.POPULATION_REGISTRY
    assert person.level_verified_at is not None and person.level_verified_by is None
    entry = AuditEntry.objects.get(action="identity.person_verify")
    assert entry.actor_id == person.user_id
    assert entry.summary["level"] == {"before": "L1", "after": "L2"}
    release = AuditEntry.objects.get(action="personal_data.release")
    assert release.summary == {"field": "id_number", "recipient": "population_registry:simulator"}


@pytest.mark.parametrize(
    ("resident", "reason"),
    [
        (None, "人口库中没有该身份证号码的登记信息"),
        ({"name": "林晓明"}, "姓名与身份证号码不一致"),
        ({"name": "林小明", "deceased": True}, "该身份证号码在人口库中登记为已死亡（注销）人员"),
    ],
)
@pytest.mark.django_db
def test_no_match_changes_nothing_and_the_attempt_is_audited(person, resident, reason):
    if resident is not None:
        registry_simulator_add(id_number=ID_NUMBER, **resident)
    answer = person_verify_with_registry(person=person, actor=person.user)
    assert not answer.matched and answer.reason == reason
    person.refresh_from_db()
    assert person.level == AssuranceLevel.L1 and person.level_method == AuthMethod.SMS
    entry = AuditEntry.objects.get(action="identity.person_verify_failed")
    assert entry.reason == reason and entry.summary["level"] == {"before": "L1", "after": "L1"}


@pytest.mark.django_db
def test_the_simulator_keeps_no_id_number(person):
    resident = registry_simulator_add(name="林小明", id_number=ID_NUMBER)
    assert ID_NUMBER not in resident.id_number_hash and resident.id_number_masked.count("*") == 10


@pytest.mark.django_db
def test_upgrade_page_raises_the_session_level_too(client, person):
    registry_simulator_add(name="林小明", id_number=ID_NUMBER)
    client.force_login(person.user)
    assert "开始核验" in client.get("/account/upgrade/").content.decode()
    response = client.post("/account/upgrade/")
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert client.session[LEVEL_KEY] == "L2" and client.session[METHOD_KEY] == "population_registry"
    page = client.get("/account/").content.decode()
    assert "实名认证成功" in page and "二级（实名核验）" in page and "人口库核验" in page


@pytest.mark.django_db
def test_upgrade_page_explains_a_refusal_and_the_window_alternative(client, person):
    client.force_login(person.user)
    response = client.post("/account/upgrade/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "核验未通过：人口库中没有该身份证号码的登记信息" in page
    assert "政务服务大厅的窗口" in page
    person.refresh_from_db()
    assert person.level == AssuranceLevel.L1


# ---------------------------------------------------------------- over HTTP, against the live simulator


def signed_post(url: str, body: dict, *, key: str = KEY, timestamp: int | None = None) -> requests.Response:
    raw = json.dumps(body).encode()
    stamp = str(timestamp if timestamp is not None else int(time.time()))
    path = "/" + url.split("/", 3)[3]
    headers = {
        TIMESTAMP_HEADER: stamp,
        SIGNATURE_HEADER: registry_signature(key=key, method="POST", path=path, timestamp=stamp, body=raw),
        "Content-Type": "application/json",
    }
    return requests.post(url, data=raw, headers=headers, timeout=5)


@pytest.mark.django_db(transaction=True)
def test_http_registry_against_the_live_simulator(live_server, registry_key):
    registry_simulator_add(name="林小明", id_number=ID_NUMBER)
    registry_simulator_add(name="李德明", id_number="11010519491231002X", deceased=True)
    registry = HttpRegistry(base_url=f"{live_server.url}/simulators/population/", key=KEY)
    assert registry.verify("林小明", ID_NUMBER) == type(registry.verify("林小明", ID_NUMBER))(
        True, "姓名与身份证号码一致"
    )
    refused = registry.verify("李德明", "11010519491231002X")
    assert not refused.matched and not refused.unavailable and "已死亡" in refused.reason


@pytest.mark.django_db(transaction=True)
def test_the_simulator_refuses_a_bad_or_stale_signature(live_server, registry_key):
    url = f"{live_server.url}/simulators/population/verify"
    body = {"name": "林小明", "id_number": ID_NUMBER}
    bad = signed_post(url, body, key="not-the-key")
    assert bad.status_code == 401 and bad.json() == {
        "code": "bad_signature",
        "message": "请求签名无效或已过期",
    }
    stale = signed_post(url, body, timestamp=int(time.time()) - 3600)
    assert stale.status_code == 401
    unsigned = requests.post(url, json=body, timeout=5)
    assert unsigned.status_code == 401
    malformed = signed_post(url, {"name": "林小明"})
    assert malformed.status_code == 400 and malformed.json()["code"] == "bad_request"
    assert signed_post(url, body).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_http_registry_with_the_wrong_key_explains_and_changes_nothing(
    live_server, registry_key, settings, person
):
    settings.GOVHALL = {
        **settings.GOVHALL,
        "POPULATION_REGISTRY": "govhall.identity.registry.HttpRegistry",
        "POPULATION_REGISTRY_URL": f"{live_server.url}/simulators/population",
    }
    registry_simulator_add(name="林小明", id_number=ID_NUMBER)
    wrong = HttpRegistry(key="not-the-key").verify("林小明", ID_NUMBER)
    assert wrong.unavailable and wrong.reason == "人口库核验接口拒绝了本平台的签名，请联系平台运维人员"
    answer = person_verify_with_registry(person=person, actor=person.user)  # configured adapter, right key
    assert answer.matched and person.level == AssuranceLevel.L2
    assert AuditEntry.objects.get(action="identity.person_verify").summary["registry"] == "http"


def test_an_unreachable_registry_is_an_answer_not_an_error():
    answer = HttpRegistry(base_url="http://127.0.0.1:9/population", key=KEY, timeout=2).verify(
        "林小明", ID_NUMBER
    )
    assert answer.unavailable and not answer.matched
    assert answer.reason.startswith("人口库核验服务暂时无法访问")


def test_an_unconfigured_registry_says_so():
    answer = HttpRegistry(base_url="", key="").verify("林小明", ID_NUMBER)
    assert answer.unavailable and "尚未配置" in answer.reason
