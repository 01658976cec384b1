"""Regions (GB/T 2260) and departments (GB 32100 credit codes)."""

import pytest
from django.core.exceptions import ValidationError

from govhall.directory.models import Department, Level
from govhall.directory.selectors import region_ancestors, region_get
from govhall.directory.services import credit_code_validate, department_upsert, region_upsert

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["91350100M000100Y43", "11350800003800930B", "113508020040000457"])
def test_valid_credit_codes_pass_gb32100(code):
    assert credit_code_validate(code) == code


@pytest.mark.parametrize("code", ["91350100M000100Y44", "11350800003800930", "1135080000380093OB", ""])
def test_invalid_credit_codes_are_refused_in_chinese(code):
    with pytest.raises(ValidationError) as error:
        credit_code_validate(code)
    assert "统一社会信用代码" in error.value.messages[0]


def test_region_levels_and_paths_follow_codes():
    province = region_upsert(code="350000", name="福建省")
    city = region_upsert(code="350800", name="龙岩市", parent=province)
    county = region_upsert(code="350802", name="新罗区", parent=city)
    township = region_upsert(code="350802001", name="东城街道", parent=county)
    village = region_upsert(code="350802001001", name="某社区", parent=township)
    assert [r.level for r in (province, city, county, township, village)] == [
        Level.PROVINCE,
        Level.CITY,
        Level.COUNTY,
        Level.TOWNSHIP,
        Level.VILLAGE,
    ]
    assert county.code == "350802000000" and county.short_code == "350802"
    assert township.short_code == "350802001"
    assert [r.name for r in region_ancestors(region=village)] == [
        "福建省",
        "龙岩市",
        "新罗区",
        "东城街道",
        "某社区",
    ]
    assert region_get(code="350802") == county


def test_region_refuses_bad_codes_and_inverted_parents():
    province = region_upsert(code="350000", name="福建省")
    with pytest.raises(ValidationError):
        region_upsert(code="3508", name="坏代码")
    city = region_upsert(code="350800", name="龙岩市", parent=province)
    with pytest.raises(ValidationError):
        region_upsert(code="350000", name="福建省", parent=city)


def test_department_upsert_is_keyed_by_credit_code():
    county = region_upsert(code="350802", name="新罗区", parent=region_upsert(code="350000", name="福建省"))
    first = department_upsert(credit_code="113508020040000457", name="新罗区市场监督管理局", region=county)
    again = department_upsert(
        credit_code="113508020040000457", name="龙岩市新罗区市场监督管理局", region=county
    )
    assert first.pk == again.pk
    assert Department.objects.get().name == "龙岩市新罗区市场监督管理局"
    assert again.level == Level.COUNTY


def test_department_with_bad_credit_code_writes_nothing():
    county = region_upsert(code="350802", name="新罗区", parent=region_upsert(code="350000", name="福建省"))
    with pytest.raises(ValidationError):
        department_upsert(credit_code="113508020040000458", name="错误部门", region=county)
    assert not Department.objects.exists()
