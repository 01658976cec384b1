"""The JSON error format of the API: 400s for bad parameters and pages, JSON 404s and 405s, never HTML."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"page": "abc"}, "page", "页码应为正整数"),
        ({"page": "0"}, "page", "页码应为正整数"),
        ({"page": "-1"}, "page", "页码应为正整数"),
        ({"page": "９"}, "page", "页码应为正整数"),
        ({"page": "2"}, "page", "页码超出范围：共 1 页"),
        ({"page_size": "1000"}, "page_size", "每页条数应为 1 至 100 的整数"),
        ({"page_size": "0"}, "page_size", "每页条数应为 1 至 100 的整数"),
        ({"page_size": "x"}, "page_size", "每页条数应为 1 至 100 的整数"),
    ],
)
@pytest.mark.parametrize("url", ["/api/v1/regions/", "/api/v1/departments/", "/api/v1/basic-items/"])
def test_bad_page_parameters_are_400_with_the_parameter_named(world, api, url, params, field, message):
    response = api.get(url, params)

    assert response.status_code == 400
    assert response.json() == {"code": "invalid", "message": "请求参数有误", "detail": {field: [message]}}


def test_bad_page_of_the_version_history_is_400(world, api, live_code):
    response = api.get(f"/api/v1/items/{live_code}/versions/", {"page_size": "101"})

    assert response.status_code == 400
    assert response.json()["detail"] == {"page_size": ["每页条数应为 1 至 100 的整数"]}


def test_pages_link_to_each_other_keeping_the_filters(world, api):
    first = api.get("/api/v1/regions/", {"page_size": 2, "q": "区"}).json()
    all_regions = api.get("/api/v1/regions/", {"page_size": 1}).json()
    second = api.get(all_regions["next"]).json()

    assert (first["count"], first["next"], first["previous"]) == (1, None, None)
    assert all_regions["next"] == "http://testserver/api/v1/regions/?page=2&page_size=1"
    assert second["previous"] == "http://testserver/api/v1/regions/?page_size=1"
    assert [r["name"] for r in second["results"]] == ["龙岩市"]


def test_several_bad_parameters_are_reported_together(world, api):
    response = api.get("/api/v1/regions/", {"parent": "1", "level": "0"})

    assert response.status_code == 400
    assert set(response.json()["detail"]) == {"parent", "level"}


def test_unknown_path_under_the_api_is_a_json_404(api):
    response = api.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"code": "not_found", "message": "没有这个接口地址", "detail": None}


def test_missing_trailing_slash_redirects_to_the_endpoint(api):
    response = api.get("/api/v1/regions")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/regions/"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_not_allowed_and_answered_in_json(world, api, method, live_code):
    response = getattr(api, method)(f"/api/v1/items/{live_code}/", {}, format="json")

    assert response.status_code == 405
    assert response.json() == {"code": "method_not_allowed", "message": "不支持该请求方法", "detail": None}


def test_unacceptable_format_is_a_json_406(world, api):
    response = api.get("/api/v1/regions/", HTTP_ACCEPT="application/xml")

    assert response.status_code == 406
    assert response.json() == {"code": "not_acceptable", "message": "无法提供请求的响应格式", "detail": None}


def test_logged_in_staff_see_the_same_public_data(world, api, live_code):
    api.force_login(world.manager)

    assert api.get(f"/api/v1/items/{live_code}/").status_code == 200
    assert api.get("/api/v1/regions/").json()["count"] == 4
