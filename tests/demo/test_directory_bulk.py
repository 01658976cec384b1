"""``directory.bulk``: idempotent bulk loads of regions and departments with validated codes."""

import pytest
from django.core.exceptions import ValidationError

from govhall.directory.bulk import DepartmentRow, RegionRow, departments_load, regions_load
from govhall.directory.models import Department, Region
from tests.factories import credit_code

pytestmark = pytest.mark.django_db

ROWS = [
    RegionRow("350000", "福建省"),
    RegionRow("350800", "龙岩市", "350000"),
    RegionRow("350802", "新罗区", "350800"),
    RegionRow("350802001", "东城街道", "350802"),
    RegionRow("350802001001", "东门社区", "350802001"),
]


def test_regions_get_their_level_and_path_from_code_and_parent():
    result = regions_load(rows=ROWS)
    assert (result.created, result.updated, result.unchanged) == (5, 0, 0)
    village = Region.objects.get(code="350802001001")
    assert village.level == 5
    assert village.path == "350000000000/350800000000/350802000000/350802001000/350802001001/"


def test_a_second_load_changes_only_what_differs():
    regions_load(rows=ROWS)
    result = regions_load(rows=[*ROWS[:2], RegionRow("350802", "新罗区（更名）", "350800")])
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert Region.objects.get(code="350802000000").name == "新罗区（更名）"


def test_a_region_whose_parent_is_missing_or_not_its_prefix_is_refused():
    with pytest.raises(ValidationError):
        regions_load(rows=[RegionRow("350800", "龙岩市", "350000")])
    with pytest.raises(ValidationError):
        regions_load(rows=[RegionRow("350000", "福建省"), RegionRow("360100", "南昌市", "350000")])
    assert Region.objects.count() == 0


def test_departments_are_keyed_by_credit_code_and_updated_in_place():
    regions_load(rows=ROWS)
    city = DepartmentRow(credit_code(1), "龙岩市市场监督管理局", "350800", phone="0597-1")
    county = DepartmentRow(
        credit_code(2), "龙岩市新罗区市场监督管理局", "350802", parent_credit_code=credit_code(1)
    )
    assert departments_load(rows=[county, city]).created == 2
    result = departments_load(
        rows=[DepartmentRow(credit_code(1), "龙岩市市场监督管理局", "350800", phone="0597-2")]
    )
    assert (result.created, result.updated) == (0, 1)
    assert Department.objects.get(credit_code=credit_code(2)).parent.phone == "0597-2"


def test_an_invalid_credit_code_is_refused_before_anything_is_written():
    regions_load(rows=ROWS)
    with pytest.raises(ValidationError) as error:
        departments_load(
            rows=[
                DepartmentRow(credit_code(1), "甲", "350800"),
                DepartmentRow("11350800003800930C", "乙", "350800"),
            ]
        )
    assert error.value.code == "invalid_credit_code"
    assert Department.objects.count() == 0
