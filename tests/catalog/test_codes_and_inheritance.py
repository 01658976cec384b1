"""Item codes and the inheritance of basic-catalog elements (三级八统)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from govhall.catalog.codes import basic_code_validate, implementation_code_build, implementation_code_parse
from govhall.catalog.models import CatalogItemChange, ItemImplementation
from govhall.catalog.selectors import implementation_get_live
from govhall.catalog.services.basic import catalog_item_create, catalog_item_update, handling_item_create
from govhall.catalog.services.implementations import implementation_create

from ..factories import sample_elements

pytestmark = pytest.mark.django_db


def test_basic_code_must_start_with_item_type():
    assert basic_code_validate("010000000001", item_type="01") == "010000000001"
    with pytest.raises(ValidationError) as error:
        basic_code_validate("070000000001", item_type="01")
    assert "前两位应为事项类型代码 01" in error.value.messages[0]
    with pytest.raises(ValidationError):
        basic_code_validate("01000000001", item_type="01")  # 11 characters
    with pytest.raises(ValidationError):
        basic_code_validate("110000000001", item_type="11")  # no such type


def test_implementation_code_is_basic_plus_region_plus_credit_code(world):
    assert world.implementation.code == "010000000001" + "350802000000" + "113508020040000457"
    parts = implementation_code_parse(world.implementation.code)
    assert parts == {
        "basic_code": "010000000001",
        "region_code": "350802000000",
        "credit_code": "113508020040000457",
        "handling_suffix": "",
    }


def test_handling_item_appends_two_digits(world):
    handling = handling_item_create(catalog_item=world.item, suffix="01", name="新办")
    assert handling.code == "01000000000101"
    implementation = implementation_create(
        catalog_item=world.item,
        handling_item=handling,
        department=world.city_department,
        elements=sample_elements(),
        created_by=world.city_manager,
    )
    assert implementation.code.endswith("01") and len(implementation.code) == 44
    assert implementation.name == "食品经营许可（新办）"
    with pytest.raises(ValidationError):
        implementation_code_build(
            basic_code="010000000002",
            region_code="350802000000",
            credit_code="113508020040000457",
            handling_code=handling.code,
        )


def test_basic_change_reaches_every_implementation_at_once(world):
    catalog_item_update(
        item=world.item,
        changed_by=world.manager,
        reason="法规修订",
        legal_basis="《中华人民共和国食品安全法》第三十五条（2021年修正）",
    )
    live = implementation_get_live(code=world.implementation.code)
    assert live.catalog_item.legal_basis.endswith("（2021年修正）")
    change = CatalogItemChange.objects.get()
    assert (change.field, change.reason) == ("legal_basis", "法规修订")


def test_inherited_code_and_type_cannot_be_changed(world):
    with pytest.raises(ValidationError):
        catalog_item_update(item=world.item, changed_by=world.manager, reason="x", item_type="07")
    with pytest.raises(ValidationError):
        catalog_item_update(item=world.item, changed_by=world.manager, reason="x", code="010000000009")


def test_duplicate_implementation_is_refused(world):
    with pytest.raises(ValidationError) as error:
        implementation_create(
            catalog_item=world.item,
            department=world.county_department,
            elements=sample_elements(),
            created_by=world.manager,
        )
    assert "已存在" in str(error.value)
    assert ItemImplementation.objects.count() == 1


def test_manager_cannot_create_outside_scope(world):
    with pytest.raises(PermissionDenied):
        implementation_create(
            catalog_item=world.item,
            department=world.county_department,
            elements=sample_elements(),
            created_by=world.other_manager,
        )


def test_sub_item_must_share_type(world):
    with pytest.raises(ValidationError):
        catalog_item_create(
            code="070000000002", name="子项", item_type="07", legal_basis="依据", parent=world.item
        )
