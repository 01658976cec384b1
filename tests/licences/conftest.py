"""A licence type (食品经营许可证) and holders for the licence tests."""

import pytest

from govhall.identity.models import Enterprise
from govhall.licences.services import licence_type_upsert

from ..person_records import ID_NUMBERS, person_make

FOOD_SCHEMA = {
    "type": "object",
    "required": ["business_name", "address"],
    "properties": {
        "business_name": {"type": "string", "title": "经营者名称", "maxLength": 100},
        "address": {"type": "string", "title": "经营场所"},
        "kind": {"type": "string", "title": "主体业态", "enum": ["食品销售经营者", "餐饮服务经营者"]},
        "area": {"type": "number", "title": "经营面积（平方米）", "minimum": 0},
    },
    "x-order": ["business_name", "kind", "address", "area"],
}
FOOD_DATA = {
    "business_name": "新罗区好味小吃店",
    "address": "龙岩市新罗区西城街道中山路 8 号",
    "kind": "餐饮服务经营者",
}
ENTERPRISE_CODE = "91350802MA31X6YQ46"


@pytest.fixture(autouse=True)
def licence_media(settings, tmp_path):
    """Each test stores its PDFs under its own media root."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def food_type(db):
    return licence_type_upsert(
        actor=None,
        code="SPJYXKZ",
        name="食品经营许可证",
        issuer_level=3,
        metadata_schema=FOOD_SCHEMA,
        validity_years=5,
        item_codes=["010000000001"],
    )


@pytest.fixture
def holder(db):
    return person_make(name="张三", id_number=ID_NUMBERS[0])


@pytest.fixture
def other_holder(db):
    return person_make(name="李四", id_number=ID_NUMBERS[1], phone="13900139000")


@pytest.fixture
def enterprise(holder):
    return Enterprise.objects.create(
        credit_code=ENTERPRISE_CODE, name="龙岩市新罗区示例贸易有限公司", representative=holder
    )
