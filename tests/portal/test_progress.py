"""办件进度查询: case number + last 6 characters of the ID number → the public timeline, rate limited."""

import io

import pypdf
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.person_records import ID_NUMBERS
from tests.portal.case_records import applied_case, citizen, food_item_with_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def setup(world, media_root):
    cache.clear()
    food_item_with_form(world)
    yield
    cache.clear()


def query(client, number, tail):
    return client.post(reverse("portal:progress"), {"number": number, "tail": tail})


def test_the_right_tail_shows_the_timeline_with_the_name_masked(world):
    person, client = citizen(name="张三丰")
    case = applied_case(client, world, person)

    response = query(Client(), case.number, ID_NUMBERS[0][-6:])
    page = response.content.decode()

    assert response.status_code == 200
    assert "申请已提交" in page and "待受理" in page
    assert "张**" in page and "张三丰" not in page
    assert ID_NUMBERS[0] not in page


def test_a_wrong_tail_answers_like_an_unknown_number(world):
    person, client = citizen()
    case = applied_case(client, world, person)

    wrong = query(Client(), case.number, "000000")
    unknown = query(Client(), "350802-20260101-000999-X", ID_NUMBERS[0][-6:])

    assert wrong.status_code == unknown.status_code == 404
    assert "未查询到该办件" in wrong.content.decode() and "未查询到该办件" in unknown.content.decode()
    assert case.item_name not in wrong.content.decode()


def test_queries_are_rate_limited_per_address(world, settings):
    settings.GOVHALL = {**settings.GOVHALL, "PROGRESS_RATE": "3/m"}
    client = Client(REMOTE_ADDR="10.9.8.7")

    statuses = [query(client, "350802-20260101-000001-X", "123456").status_code for _ in range(4)]

    assert statuses == [404, 404, 404, 429]
    assert "操作过于频繁" in query(client, "x", "123456").content.decode()


def test_the_query_page_asks_for_both_values(world):
    response = query(Client(), "", "12")

    assert response.status_code == 400
    assert "请输入办件编号" in response.content.decode()


def notice_text(response) -> str:
    return "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    ).replace("\n", "")


def test_the_notice_lists_only_the_materials_of_the_chosen_scenario(client, world):
    url = reverse("portal:notice", args=[world.implementation.code])

    first = notice_text(client.get(url, {"apply_kind": "first"}))
    renewal = notice_text(client.get(url, {"apply_kind": "renewal"}))
    everything = notice_text(client.get(url, {"apply_kind": "nonsense"}))

    assert "原食品经营许可证" not in first and "适用情形：申请类型：首次申请" in first
    assert "原食品经营许可证" in renewal and "适用情形：申请类型：延续" in renewal
    assert "原食品经营许可证" in everything and "适用情形" not in everything


def test_the_guide_offers_the_scenario_questions_before_the_notice(client, world):
    page = client.get(reverse("portal:guide", args=[world.implementation.code])).content.decode()

    assert f'action="{reverse("portal:notice", args=[world.implementation.code])}"' in page
    assert '<option value="renewal">延续</option>' in page
