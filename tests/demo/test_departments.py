"""Demo departments: valid GB 32100 credit codes, real naming patterns, real area codes."""

from collections import Counter

import pytest
from stdnum.cn import uscc

from govhall.demo.departments import KINDS, demo_departments, organisation_code
from govhall.directory.services import credit_code_validate

DEPARTMENTS = demo_departments()
BY_NAME = {d.row.name: d for d in DEPARTMENTS}


def test_every_credit_code_passes_gb32100_and_is_unique():
    codes = [d.row.credit_code for d in DEPARTMENTS]
    assert all(credit_code_validate(code) == code for code in codes)
    assert all(uscc.is_valid(code) for code in codes)
    assert len(set(codes)) == len(codes)


def test_the_organisation_code_inside_each_credit_code_has_a_valid_gb11714_check_character():
    assert all(organisation_code(d.row.credit_code[8:16]) == d.row.credit_code[8:17] for d in DEPARTMENTS)


def test_credit_codes_carry_the_region_and_the_unit_type():
    for d in DEPARTMENTS:
        assert d.row.credit_code[2:8] == d.place.code[:6]
    assert BY_NAME["龙岩市住房公积金中心"].row.credit_code[:2] == "12"  # 事业单位
    assert BY_NAME["龙岩市新罗区残疾人联合会"].row.credit_code[:2] == "13"  # 群团
    assert BY_NAME["龙岩市新罗区市场监督管理局"].row.credit_code[:2] == "11"  # 机关


@pytest.mark.parametrize(
    ("name", "parent"),
    [
        ("龙岩市公安局新罗分局", "龙岩市公安局"),
        ("长汀县公安局", "龙岩市公安局"),
        ("龙岩市长汀生态环境局", "龙岩市生态环境局"),
        ("国家税务总局龙岩市新罗区税务局", "国家税务总局龙岩市税务局"),
        ("漳平市市场监督管理局", "龙岩市市场监督管理局"),
        ("龙岩市市场监督管理局", "福建省市场监督管理局"),
        ("龙岩市新罗区东城街道便民服务中心", "龙岩市新罗区行政服务中心管理委员会"),
    ],
)
def test_departments_follow_real_naming_and_hang_under_their_upper_department(name, parent):
    assert BY_NAME[name].row.parent_credit_code == BY_NAME[parent].row.credit_code


def test_phones_use_the_real_area_code_of_each_city():
    area = {
        "福州市": "0591",
        "厦门市": "0592",
        "莆田市": "0594",
        "三明市": "0598",
        "泉州市": "0595",
        "漳州市": "0596",
        "南平市": "0599",
        "龙岩市": "0597",
        "宁德市": "0593",
    }
    for city, code in area.items():
        assert BY_NAME[f"{city}市场监督管理局"].row.phone.startswith(f"{code}-")
    assert BY_NAME["长汀县民政局"].row.phone.startswith("0597-")
    assert BY_NAME["长汀县民政局"].row.complaint_phone == "0597-12345"


def test_every_level_has_its_departments_and_kinmen_has_none():
    levels = Counter(d.place.level for d in DEPARTMENTS)
    county_kinds = sum(1 for kind in KINDS if kind.county)
    assert levels == {
        "province": sum(1 for k in KINDS if k.province),
        "city": 9 * sum(1 for k in KINDS if k.city),
        "county": 83 * county_kinds,
        "township": 20,
    }
    assert not [d for d in DEPARTMENTS if d.place.code == "350527"]
