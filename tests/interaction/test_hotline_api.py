"""The 12345 hotline intake API: bearer token, dedup by ticket id, status reported back."""

import pytest
from rest_framework.test import APIClient

from govhall.interaction.models import Consultation, HotlineClient
from govhall.interaction.services.consultations import consultation_answer
from govhall.interaction.services.hotline import hotline_client_create, token_digest

pytestmark = pytest.mark.django_db
URL = "/api/v1/hotline/tickets/"


@pytest.fixture
def hotline(desk):
    issued = hotline_client_create(actor=None, name="新罗12345", region=desk.world.county)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.token}")
    return api, issued


def ticket(desk, **kwargs):
    return {
        "ticket_id": "LY-20261009-0001",
        "kind": "consultation",
        "title": "食品经营许可材料",
        "content": "市民来电咨询所需材料。",
        "contact_name": "李女士",
        "contact_phone": "13700001111",
        "implementation_code": desk.world.implementation.code,
    } | kwargs


def test_only_the_tokens_digest_is_stored(hotline):
    _, issued = hotline
    client = HotlineClient.objects.get()
    assert client.token_hash == token_digest(issued.token)
    assert issued.token not in repr(HotlineClient.objects.values().get())


def test_a_ticket_creates_a_consultation_once_and_a_repeat_returns_the_same_record(desk, hotline):
    api, _ = hotline
    first = api.post(URL, ticket(desk), format="json")
    assert first.status_code == 201, first.json()
    again = api.post(URL, ticket(desk, title="改了标题"), format="json")
    assert again.status_code == 200
    assert again.json()["record_id"] == first.json()["record_id"]
    assert Consultation.objects.count() == 1
    consultation = Consultation.objects.get()
    assert consultation.department == desk.world.county_department
    assert consultation.channel == "hotline"
    assert "13700001111" not in consultation.contact_sealed
    assert consultation.contact_masked == "137****1111"


def test_status_is_reported_back_with_the_answer(desk, hotline):
    api, _ = hotline
    api.post(URL, ticket(desk), format="json")
    consultation_answer(actor=desk.clerk, consultation=Consultation.objects.get(), answer="请携带身份证。")
    body = api.get(URL + "LY-20261009-0001/").json()
    assert body["status"] == "answered"
    assert body["status_label"] == "已答复"
    assert body["answer"] == "请携带身份证。"
    assert body["department_credit_code"] == desk.world.county_department.credit_code


def test_a_complaint_ticket_without_item_goes_to_the_regions_default_department(desk, hotline):
    from govhall.interaction.services.rules import interaction_rule_set

    interaction_rule_set(actor=None, region=desk.world.county, default_department=desk.other_department)
    api, _ = hotline
    response = api.post(
        URL, ticket(desk, kind="report", implementation_code="", anonymous=True), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == "report"
    assert response.json()["department"] == desk.other_department.name


def test_bad_input_is_a_400_with_every_field_and_nothing_is_created(desk, hotline):
    api, _ = hotline
    response = api.post(URL, {"ticket_id": "has space", "kind": "other"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert {"ticket_id", "kind", "title", "content"} <= set(body["detail"])
    response = api.post(URL, ticket(desk, implementation_code="nope"), format="json")
    assert response.status_code == 400
    assert "implementation_code" in response.json()["detail"]
    assert Consultation.objects.count() == 0


def test_a_wrong_token_is_a_401_and_another_clients_ticket_is_a_404(desk, hotline):
    api, _ = hotline
    api.post(URL, ticket(desk), format="json")
    other = hotline_client_create(actor=None, name="长汀12345", region=desk.world.county)
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION=f"Bearer {other.token}")
    assert stranger.get(URL + "LY-20261009-0001/").status_code == 404
    wrong = APIClient()
    wrong.credentials(HTTP_AUTHORIZATION="Bearer hl_wrong")
    response = wrong.get(URL + "LY-20261009-0001/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
