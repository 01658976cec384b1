"""/api/v1/regions/ and /api/v1/departments/: content, filters, 400s and 404s."""

import pytest

from govhall.directory.services import region_upsert

pytestmark = pytest.mark.django_db

FUJIAN = {"code": "350000000000", "short_code": "350000", "name": "福建省", "level": 1, "level_label": "省级"}
LONGYAN = {
    "code": "350800000000",
    "short_code": "350800",
    "name": "龙岩市",
    "level": 2,
    "level_label": "市级",
}
XINLUO = {"code": "350802000000", "short_code": "350802", "name": "新罗区", "level": 3, "level_label": "县级"}
CHANGTING = {
    "code": "350821000000",
    "short_code": "350821",
    "name": "长汀县",
    "level": 3,
    "level_label": "县级",
}


def test_region_list_shows_every_region_with_level_labels_in_code_order(world, api):
    response = api.get("/api/v1/regions/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 4,
        "next": None,
        "previous": None,
        "results": [
            FUJIAN | {"parent_code": None},
            LONGYAN | {"parent_code": "350000000000"},
            XINLUO | {"parent_code": "350800000000"},
            CHANGTING | {"parent_code": "350800000000"},
        ],
    }


def test_region_list_filters_by_parent_in_any_code_form(world, api):
    for parent in ("350800", "350800000000"):
        response = api.get("/api/v1/regions/", {"parent": parent})
        assert [r["name"] for r in response.json()["results"]] == ["新罗区", "长汀县"]


def test_region_list_filters_by_level_and_name(world, api):
    assert [r["name"] for r in api.get("/api/v1/regions/", {"level": 3}).json()["results"]] == [
        "新罗区",
        "长汀县",
    ]
    assert [r["name"] for r in api.get("/api/v1/regions/", {"q": "汀"}).json()["results"]] == ["长汀县"]


def test_region_list_treats_empty_parameters_as_absent(world, api):
    assert api.get("/api/v1/regions/", {"parent": "", "level": "", "q": ""}).json()["count"] == 4


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"parent": "350899"}, "parent", "没有区划代码为“350899”的行政区划"),
        ({"parent": "3508"}, "parent", "行政区划代码“3508”应为 6、9 或 12 位数字"),
        ({"level": "9"}, "level", "层级应为 1 至 5"),
        ({"level": "abc"}, "level", "层级应为 1 至 5"),
    ],
)
def test_region_list_rejects_bad_parameters_with_400(world, api, params, field, message):
    response = api.get("/api/v1/regions/", params)

    assert response.status_code == 400
    assert response.json() == {"code": "invalid", "message": "请求参数有误", "detail": {field: [message]}}


def test_region_detail_accepts_6_9_and_12_digit_codes(world, api):
    region_upsert(code="350802001", name="东城街道", parent=world.county)
    for code in ("350802", "350802000000"):
        assert api.get(f"/api/v1/regions/{code}/").json()["code"] == "350802000000"
    township = api.get("/api/v1/regions/350802001/").json()
    assert township["short_code"] == "350802001" and township["level_label"] == "乡镇（街道）级"


def test_region_detail_lists_ancestors_from_the_province_and_direct_children(world, api):
    region_upsert(code="350802001", name="东城街道", parent=world.county)

    response = api.get("/api/v1/regions/350802/")

    assert response.status_code == 200
    assert response.json() == XINLUO | {
        "parent_code": "350800000000",
        "ancestors": [FUJIAN, LONGYAN],
        "children": [
            {
                "code": "350802001000",
                "short_code": "350802001",
                "name": "东城街道",
                "level": 4,
                "level_label": "乡镇（街道）级",
            }
        ],
    }


def test_province_detail_has_no_ancestors(world, api):
    body = api.get("/api/v1/regions/350000/").json()
    assert body["ancestors"] == [] and body["parent_code"] is None
    assert [child["name"] for child in body["children"]] == ["龙岩市"]


@pytest.mark.parametrize("code", ["350899", "3508", "abc", "350800000000000"])
def test_unknown_or_malformed_region_code_is_a_json_404(world, api, code):
    response = api.get(f"/api/v1/regions/{code}/")

    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": f"没有区划代码为“{code}”的行政区划",
        "detail": None,
    }


CITY_DEPARTMENT = {
    "credit_code": "11350800003800930B",
    "name": "龙岩市市场监督管理局",
    "short_name": "",
    "level": 2,
    "level_label": "市级",
    "region": LONGYAN,
    "parent": None,
    "phone": "0597-2222222",
    "complaint_phone": "",
    "address": "龙岩市新罗区华莲路138号",
    "hours": "工作日",
    "website": "",
    "is_active": True,
}
COUNTY_DEPARTMENT = {
    "credit_code": "113508020040000457",
    "name": "龙岩市新罗区市场监督管理局",
    "short_name": "",
    "level": 3,
    "level_label": "县级",
    "region": XINLUO,
    "parent": {"credit_code": "11350800003800930B", "name": "龙岩市市场监督管理局"},
    "phone": "0597-2345678",
    "complaint_phone": "",
    "address": "",
    "hours": "",
    "website": "",
    "is_active": True,
}


def test_department_list_shows_contacts_region_and_parent(world, api):
    response = api.get("/api/v1/departments/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [CITY_DEPARTMENT, COUNTY_DEPARTMENT],
    }


def test_department_list_filters_by_region_and_name(world, api):
    by_region = api.get("/api/v1/departments/", {"region": "350802"}).json()["results"]
    by_name = api.get("/api/v1/departments/", {"q": "新罗"}).json()["results"]
    assert [d["credit_code"] for d in by_region] == [COUNTY_DEPARTMENT["credit_code"]]
    assert [d["credit_code"] for d in by_name] == [COUNTY_DEPARTMENT["credit_code"]]


def test_department_list_rejects_unknown_region_with_400(world, api):
    response = api.get("/api/v1/departments/", {"region": "350899"})

    assert response.status_code == 400
    assert response.json()["detail"] == {"region": ["没有区划代码为“350899”的行政区划"]}


def test_department_detail_by_credit_code(world, api):
    response = api.get(f"/api/v1/departments/{COUNTY_DEPARTMENT['credit_code']}/")

    assert response.status_code == 200
    assert response.json() == COUNTY_DEPARTMENT


def test_unknown_department_is_a_json_404(world, api):
    response = api.get("/api/v1/departments/91350000MA00000000/")

    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "没有统一社会信用代码为“91350000MA00000000”的部门",
        "detail": None,
    }
