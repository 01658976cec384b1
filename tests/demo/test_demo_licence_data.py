"""On the demo data, an approved 食品经营许可 fills the 食品经营许可证's metadata from the application form.

The item's form (catalog managers') and the licence type's metadata schema do not share keys
(``operator_name`` / ``business_name``); the fields are matched by title, so approving a real demo
application issues a licence instead of failing on "经营者名称：必填".
"""

import pytest

from govhall.cases.models import Case
from govhall.cases.services.handling import _licence_data
from govhall.catalog.selectors import implementation_get_live
from govhall.licences.selectors import licence_type_get
from tests.demo.test_demo_journey import _xinluo_food_licence_code

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_licence_metadata_comes_from_the_form_fields_with_the_same_titles():
    version = implementation_get_live(code=_xinluo_food_licence_code()).published_version
    case = Case(
        version_id=version.pk,
        form_data={
            "applicant_name": "王建国",
            "operator_name": "新罗区建国便利店",
            "business_address": "龙岩市新罗区中山路 88 号",
            "area": 60,
            "business_type": "食品销售经营者",
            "business_items": "预包装食品销售",
        },
    )

    data = _licence_data(case, licence_type_get("SPJYXKZ").metadata_schema)

    assert data == {
        "business_name": "新罗区建国便利店",
        "address": "龙岩市新罗区中山路 88 号",
        "kind": "食品销售经营者",
        "items": "预包装食品销售",
    }


def test_a_form_field_with_the_licence_key_wins_and_numbers_become_text():
    version = implementation_get_live(code=_xinluo_food_licence_code()).published_version
    case = Case(
        version_id=version.pk, form_data={"business_name": "按键名", "operator_name": "按标题", "items": 3}
    )

    data = _licence_data(case, licence_type_get("SPJYXKZ").metadata_schema)

    assert data == {"business_name": "按键名", "items": "3"}
