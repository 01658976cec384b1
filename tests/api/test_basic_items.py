"""/api/v1/basic-items/: the basic catalog with sub-items, handling items and live implementations."""

import pytest

from govhall.catalog.services.basic import catalog_item_create, handling_item_create
from govhall.catalog.services.implementations import implementation_change_status

from .conftest import publish_item

pytestmark = pytest.mark.django_db

FOOD = {
    "code": "010000000001",
    "name": "食品经营许可",
    "item_type": "01",
    "item_type_label": "行政许可",
    "url": "http://testserver/api/v1/basic-items/010000000001/",
}


def _more_items(world):
    catalog_item_create(
        code="200000000001", name="就业登记", item_type="20", legal_basis="《就业服务与就业管理规定》"
    )
    catalog_item_create(
        code="010000000011",
        name="食品经营许可（仅销售预包装食品）",
        item_type="01",
        legal_basis="《食品经营许可管理办法》",
        parent=world.item,
    )


def test_basic_item_list_in_code_order_with_type_labels(world, api):
    _more_items(world)

    response = api.get("/api/v1/basic-items/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert body["results"][0] == FOOD | {
        "main_item_code": None,
        "competent_department": "市场监督管理部门",
        "is_active": True,
    }
    assert [(r["code"], r["main_item_code"], r["item_type_label"]) for r in body["results"]] == [
        ("010000000001", None, "行政许可"),
        ("010000000011", "010000000001", "行政许可"),
        ("200000000001", None, "公共服务"),
    ]


def test_basic_item_list_filters_by_name_code_prefix_and_type(world, api):
    _more_items(world)

    def codes(params):
        return [r["code"] for r in api.get("/api/v1/basic-items/", params).json()["results"]]

    assert codes({"q": "就业"}) == ["200000000001"]
    assert codes({"q": "0100000000"}) == ["010000000001", "010000000011"]
    assert codes({"type": "20"}) == ["200000000001"]
    assert codes({"type": "02"}) == []


def test_basic_item_list_rejects_unknown_type_with_400(world, api):
    response = api.get("/api/v1/basic-items/", {"type": "99"})

    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "请求参数有误",
        "detail": {"type": ["事项类型“99”不在编码表中"]},
    }


def test_basic_item_detail_lists_sub_items_handling_items_and_live_implementations(world, api, live_code):
    _more_items(world)
    handling_item_create(catalog_item=world.item, suffix="01", name="首次申请")
    city = publish_item(world, code="010000000001", name="食品经营许可", department=world.city_department)

    response = api.get("/api/v1/basic-items/010000000001/")

    assert response.status_code == 200
    assert response.json() == FOOD | {
        "legal_basis": "《中华人民共和国食品安全法》第三十五条",
        "competent_department": "市场监督管理部门",
        "is_active": True,
        "main_item": None,
        "sub_items": [
            {
                "code": "010000000011",
                "name": "食品经营许可（仅销售预包装食品）",
                "item_type": "01",
                "item_type_label": "行政许可",
                "url": "http://testserver/api/v1/basic-items/010000000011/",
            }
        ],
        "handling_items": [{"code": "01000000000101", "name": "首次申请"}],
        "implementations": [
            {
                "code": city.code,
                "name": "食品经营许可",
                "handling_item": None,
                "department": {"credit_code": "11350800003800930B", "name": "龙岩市市场监督管理局"},
                "region": {
                    "code": "350800000000",
                    "short_code": "350800",
                    "name": "龙岩市",
                    "level": 2,
                    "level_label": "市级",
                },
                "url": f"http://testserver/api/v1/items/{city.code}/",
            },
            {
                "code": live_code,
                "name": "食品经营许可",
                "handling_item": None,
                "department": {"credit_code": "113508020040000457", "name": "龙岩市新罗区市场监督管理局"},
                "region": {
                    "code": "350802000000",
                    "short_code": "350802",
                    "name": "新罗区",
                    "level": 3,
                    "level_label": "县级",
                },
                "url": f"http://testserver/api/v1/items/{live_code}/",
            },
        ],
    }


def test_basic_item_detail_of_a_sub_item_names_its_main_item(world, api):
    _more_items(world)

    body = api.get("/api/v1/basic-items/010000000011/").json()

    assert body["main_item"] == FOOD
    assert body["implementations"] == []


def test_basic_item_detail_leaves_out_implementations_that_are_not_live(world, api):
    implementation_change_status(
        implementation=world.implementation, user=world.manager, action="suspended", reason="机构调整"
    )

    assert api.get("/api/v1/basic-items/010000000001/").json()["implementations"] == []


def test_unknown_basic_code_is_a_json_404(world, api):
    response = api.get("/api/v1/basic-items/019999999999/")

    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "没有基本编码为“019999999999”的基本目录事项",
        "detail": None,
    }
