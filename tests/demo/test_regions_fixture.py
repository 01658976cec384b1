"""The Fujian regions fixture: well-formed GB/T 2260 codes, consistent parents, the current county list."""

from collections import Counter

from govhall.demo.departments import FUJIAN_REGIONS_CSV
from govhall.directory.bulk import region_rows_from_csv

ROWS = region_rows_from_csv(FUJIAN_REGIONS_CSV)
BY_CODE = {row.code: row for row in ROWS}


def test_every_code_is_6_9_or_12_digits_and_unique():
    assert all(row.code.isdigit() and len(row.code) in (6, 9, 12) for row in ROWS)
    assert len(BY_CODE) == len(ROWS)


def test_every_parent_exists_and_is_the_code_prefix_one_level_up():
    for row in ROWS:
        if row.code == "350000":
            assert row.parent_code == ""
            continue
        parent = BY_CODE[row.parent_code]
        if len(row.code) == 6 and row.code.endswith("00"):
            assert parent.code == "350000"
        elif len(row.code) == 6:
            assert parent.code == row.code[:4] + "00"
        else:
            assert parent.code == row.code[: len(row.code) - 3]


def test_fujian_has_nine_cities_and_84_county_level_divisions():
    cities = [row for row in ROWS if len(row.code) == 6 and row.code.endswith("00") and row.code != "350000"]
    counties = Counter(row.parent_code for row in ROWS if len(row.code) == 6 and not row.code.endswith("00"))
    assert [c.name for c in cities] == [
        "福州市",
        "厦门市",
        "莆田市",
        "三明市",
        "泉州市",
        "漳州市",
        "南平市",
        "龙岩市",
        "宁德市",
    ]
    assert counties == {
        "350100": 13,
        "350200": 6,
        "350300": 5,
        "350400": 11,
        "350500": 12,
        "350600": 11,
        "350700": 10,
        "350800": 7,
        "350900": 9,
    }


def test_the_2021_changes_are_in_and_the_abolished_codes_are_out():
    current = {
        code: BY_CODE[code].name for code in ("350404", "350405", "350604", "350605", "350112", "350703")
    }
    assert current == {
        "350404": "三元区",
        "350405": "沙县区",
        "350604": "龙海区",
        "350605": "长泰区",
        "350112": "长乐区",
        "350703": "建阳区",
    }
    assert not {"350402", "350403", "350427", "350625", "350681", "350182", "350784"} & set(BY_CODE)


def test_xinluo_has_its_townships_and_a_few_villages():
    townships = [row for row in ROWS if len(row.code) == 9]
    villages = [row for row in ROWS if len(row.code) == 12]
    assert len(townships) == 20 and all(row.parent_code == "350802" for row in townships)
    assert BY_CODE["350802001"].name == "东城街道" and BY_CODE["350802100"].name == "红坊镇"
    assert len(villages) == 8 and BY_CODE["350802001001"].name == "东门社区"
    assert all(row.name.endswith(("社区", "村")) for row in villages)
