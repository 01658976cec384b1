"""/api/v1/items/{code}/: the full live guide, and nothing that is not live."""

import pytest
from django.utils.timezone import localtime

from govhall.catalog.elements import FEE_ELEMENTS, MATERIAL_ELEMENTS, SCALAR_ELEMENTS, STEP_ELEMENTS
from govhall.catalog.services.basic import catalog_item_create, handling_item_create
from govhall.catalog.services.implementations import (
    implementation_change_status,
    implementation_create,
    version_approve,
    version_draft_open,
    version_draft_save,
    version_submit,
)

from ..factories import sample_elements
from .conftest import publish_item

pytestmark = pytest.mark.django_db


def test_guide_carries_inherited_elements_department_region_and_version(world, api, live_code):
    response = api.get(f"/api/v1/items/{live_code}/")

    assert response.status_code == 200
    body = response.json()
    version = world.implementation.published_version
    assert {
        key: body[key]
        for key in (
            "code",
            "name",
            "basic_code",
            "basic_name",
            "item_type",
            "item_type_label",
            "legal_basis",
            "competent_department",
            "main_item",
            "handling_item",
            "status",
            "status_label",
            "popularity",
            "url",
        )
    } == {
        "code": live_code,
        "name": "食品经营许可",
        "basic_code": "010000000001",
        "basic_name": "食品经营许可",
        "item_type": "01",
        "item_type_label": "行政许可",
        "legal_basis": "《中华人民共和国食品安全法》第三十五条",
        "competent_department": "市场监督管理部门",
        "main_item": None,
        "handling_item": None,
        "status": "published",
        "status_label": "在用",
        "popularity": 0,
        "url": f"http://testserver/api/v1/items/{live_code}/",
    }
    assert body["department"] == {
        "credit_code": "113508020040000457",
        "name": "龙岩市新罗区市场监督管理局",
        "short_name": "",
        "phone": "0597-2345678",
        "complaint_phone": "",
        "address": "",
        "hours": "",
        "website": "",
    }
    assert body["region"] == {
        "code": "350802000000",
        "short_code": "350802",
        "name": "新罗区",
        "level": 3,
        "level_label": "县级",
    }
    assert body["version"] == {
        "number": 1,
        "change_reason": "首次编制",
        "published_at": localtime(version.published_at).isoformat(),
    }


def test_guide_lists_every_element_with_labels_next_to_codes(world, api, live_code):
    guide = api.get(f"/api/v1/items/{live_code}/").json()["guide"]

    assert {e.name for e in SCALAR_ELEMENTS} | {
        "materials",
        "steps",
        "fees",
        "themes",
        "prerequisites",
    } <= set(guide)
    assert guide["audiences"] == ["person", "legal_person"]
    assert guide["audiences_labels"] == ["自然人", "企业法人"]
    assert (guide["statutory_limit"], guide["statutory_limit_unit"], guide["statutory_limit_unit_label"]) == (
        20,
        "working",
        "工作日",
    )
    assert (guide["promised_limit"], guide["promised_limit_unit_label"]) == (10, "工作日")
    assert guide["depth_steps_labels"] == ["网上咨询", "网上申请", "网上预审", "网上受理"]
    assert (guide["result_type"], guide["result_type_label"], guide["result_name"]) == (
        "licence",
        "证照",
        "食品经营许可证",
    )
    assert guide["delivery_methods_labels"] == ["窗口领取", "快递送达"]
    assert (guide["online_depth"], guide["max_visits"], guide["is_free"]) == (4, 1, True)
    assert guide["themes"] == [
        {"code": "open-business", "name": "开办企业", "audience": "enterprise", "audience_label": "法人办事"}
    ]
    assert guide["fees"] == [] and guide["prerequisites"] == []


def test_guide_materials_and_steps_in_order_with_labels(world, api, live_code):
    guide = api.get(f"/api/v1/items/{live_code}/").json()["guide"]

    assert {e.name for e in MATERIAL_ELEMENTS} <= set(guide["materials"][0])
    assert guide["materials"][2] == {
        "position": 3,
        "name": "委托书",
        "requirement": "conditional",
        "requirement_label": "非必要（视情形提交）",
        "condition_note": "委托他人办理的",
        "form": "paper",
        "form_label": "纸质",
        "original": "original",
        "original_label": "原件",
        "copies": 1,
        "source": "applicant",
        "source_label": "申请人自备",
        "source_note": "",
        "notes": "",
        "template_url": None,
        "sample_url": None,
        "applies_when": {},
        "licence_types": [],
    }
    assert guide["form_schema"] == {} and guide["scenario"] == {}
    assert {e.name for e in STEP_ELEMENTS} <= set(guide["steps"][0])
    assert [(s["position"], s["name"], s["time_limit"]) for s in guide["steps"]] == [
        (1, "申请", 0),
        (2, "受理", 1),
        (3, "审查", 7),
        (4, "决定", 2),
    ]


def test_guide_shows_fees_and_prerequisites(world, api):
    fees = [{"name": "工本费", "amount": "12.5", "basis": "闽价费〔2020〕1号"}]
    implementation = publish_item(
        world,
        code="010000000002",
        name="食品生产许可",
        is_free=False,
        fees=fees,
        prerequisites=["010000000001"],
    )

    guide = api.get(f"/api/v1/items/{implementation.code}/").json()["guide"]

    assert {e.name for e in FEE_ELEMENTS} <= set(guide["fees"][0])
    assert guide["fees"] == [
        {"position": 1, "name": "工本费", "amount": "12.50", "basis": "闽价费〔2020〕1号"}
    ]
    assert guide["prerequisites"] == [
        {
            "code": "010000000001",
            "name": "食品经营许可",
            "item_type": "01",
            "item_type_label": "行政许可",
            "url": "http://testserver/api/v1/basic-items/010000000001/",
        }
    ]


def test_guide_of_a_sub_item_handling_item_names_its_main_item_and_handling_item(world, api):
    sub_item = catalog_item_create(
        code="010000000011",
        name="食品经营许可（仅销售预包装食品）",
        item_type="01",
        legal_basis="《食品经营许可管理办法》",
        parent=world.item,
    )
    handling = handling_item_create(catalog_item=sub_item, suffix="01", name="首次申请")
    implementation = implementation_create(
        catalog_item=sub_item,
        handling_item=handling,
        department=world.county_department,
        elements=sample_elements(),
        created_by=world.manager,
    )
    version = implementation.versions.get()
    version_submit(version=version, user=world.manager, reason="首次编制")
    version_approve(version=version, reviewer=world.reviewer)

    body = api.get(f"/api/v1/items/{implementation.code}/").json()

    assert body["name"] == "食品经营许可（仅销售预包装食品）（首次申请）"
    assert body["main_item"] == {
        "code": "010000000001",
        "name": "食品经营许可",
        "item_type": "01",
        "item_type_label": "行政许可",
        "url": "http://testserver/api/v1/basic-items/010000000001/",
    }
    assert body["handling_item"] == {"code": "01000000001101", "name": "首次申请"}


def test_open_draft_does_not_change_the_live_guide(world, api, live_code):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_draft_save(version=draft, user=world.manager, elements=sample_elements(promised_limit=5))

    body = api.get(f"/api/v1/items/{live_code}/").json()

    assert body["version"]["number"] == 1
    assert body["guide"]["promised_limit"] == 10


@pytest.mark.parametrize("action", ["suspended", "withdrawn"])
def test_suspended_or_withdrawn_item_is_a_json_404(world, api, live_code, action):
    implementation_change_status(
        implementation=world.implementation, user=world.manager, action=action, reason="机构调整"
    )

    response = api.get(f"/api/v1/items/{live_code}/")

    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": f"没有实施编码为“{live_code}”的在用事项",
        "detail": None,
    }


def test_never_published_item_is_a_json_404(world, api):
    implementation = implementation_create(
        catalog_item=world.item,
        department=world.city_department,
        elements=sample_elements(),
        created_by=world.city_manager,
    )

    assert api.get(f"/api/v1/items/{implementation.code}/").status_code == 404


def test_unknown_item_code_is_a_json_404(world, api):
    response = api.get("/api/v1/items/nonsense/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
