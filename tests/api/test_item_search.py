"""/api/v1/items/: search over live implementations with filters, pages, query terms and 400s."""

import pytest

from govhall.catalog.services.implementations import implementation_change_status, implementation_create

from ..factories import sample_elements
from .conftest import count_queries, publish_item

pytestmark = pytest.mark.django_db


def _hit(code: str, **overrides):
    return {
        "code": code,
        "name": "食品经营许可",
        "name_highlighted": "食品经营许可",
        "department_name": "龙岩市新罗区市场监督管理局",
        "region_name": "新罗区",
        "region_code": "350802000000",
        "item_type": "01",
        "item_type_label": "行政许可",
        "online_depth": 4,
        "max_visits": 1,
        "popularity": 0,
        "url": f"http://testserver/api/v1/items/{code}/",
    } | overrides


def _codes(api, **params) -> list[str]:
    response = api.get("/api/v1/items/", params)
    assert response.status_code == 200, response.content
    return [hit["code"] for hit in response.json()["results"]]


def test_search_without_keywords_lists_live_items(world, api, live_code):
    response = api.get("/api/v1/items/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [_hit(live_code)],
        "query_terms": [],
        "suggestion": None,
        "count_exact": True,
    }


def _employment(world, **elements):
    """A public-service item whose guide says nothing about food."""
    materials = [
        {
            "name": "身份证",
            "requirement": "required",
            "form": "paper",
            "original": "copy",
            "copies": 1,
            "source": "government",
        }
    ]
    return publish_item(
        world,
        code="200000000001",
        name="就业登记",
        item_type="20",
        conditions="在本市就业的劳动者",
        materials=materials,
        result_name="就业登记证明",
        **elements,
    )


def test_search_by_keyword_marks_the_match_and_reports_the_terms(world, api, live_code):
    _employment(world)

    body = api.get("/api/v1/items/", {"q": "食品"}).json()

    assert body["count"] == 1
    assert body["results"] == [_hit(live_code, name_highlighted="<mark>食品</mark>经营许可")]
    assert body["query_terms"] == ["食品"]


def test_search_by_pinyin_initials_finds_the_item(world, api, live_code):
    assert _codes(api, q="spjy") == [live_code]


def test_search_leaves_out_items_that_are_not_live(world, api, live_code):
    implementation_create(
        catalog_item=world.item,
        department=world.city_department,
        elements=sample_elements(),
        created_by=world.city_manager,
    )
    other = publish_item(world, code="010000000002", name="食品生产许可")
    implementation_change_status(
        implementation=world.implementation, user=world.manager, action="suspended", reason="机构调整"
    )

    assert _codes(api, q="食品") == [other.code]


def test_search_filters_by_region_chain_department_type_audience_depth_and_theme(world, api, live_code):
    city = publish_item(world, code="010000000001", name="食品经营许可", department=world.city_department)
    service = _employment(world, audiences=["person"], online_depth=2, themes=[])

    assert sorted(_codes(api, region="350802")) == sorted([live_code, city.code, service.code])
    assert _codes(api, region="350821") == [city.code]  # another county sees the city's items only
    assert _codes(api, department="11350800003800930B") == [city.code]
    assert _codes(api, type="20") == [service.code]
    assert sorted(_codes(api, audience="legal_person")) == sorted([live_code, city.code])
    assert sorted(_codes(api, depth=4)) == sorted([live_code, city.code])
    assert _codes(api, depth=5) == []
    assert sorted(_codes(api, theme="open-business")) == sorted([live_code, city.code])


def test_search_pages_link_to_each_other_keeping_the_filters(world, api):
    for n in range(2, 5):
        publish_item(world, code=f"01000000000{n}", name=f"食品许可{n}")

    first = api.get("/api/v1/items/", {"type": "01", "page_size": 3}).json()
    second = api.get(first["next"]).json()

    assert first["count"] == 4 and len(first["results"]) == 3
    assert first["next"] == "http://testserver/api/v1/items/?page=2&page_size=3&type=01"
    assert second["previous"] == "http://testserver/api/v1/items/?page_size=3&type=01"
    assert second["next"] is None and len(second["results"]) == 1
    assert {h["code"] for h in first["results"]}.isdisjoint(h["code"] for h in second["results"])


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"region": "350899"}, "region", "没有区划代码为“350899”的行政区划"),
        ({"region": "35"}, "region", "行政区划代码“35”应为 6、9 或 12 位数字"),
        ({"department": "91350000MA00000000"}, "department", "统一社会信用代码“91350000MA00000000”无效："),
        ({"depth": "9"}, "depth", "网上办理深度应为 1 至 5"),
        ({"type": "99"}, "type", "事项类型“99”不在编码表中"),
        ({"audience": "alien"}, "audience", "服务对象“alien”不在可选值中"),
        ({"theme": "no-such-theme"}, "theme", "没有代码为“no-such-theme”的主题"),
        ({"page": "abc"}, "page", "页码应为正整数"),
        ({"page": "2"}, "page", "页码超出范围：共 1 页"),
        ({"page_size": "1000"}, "page_size", "每页条数应为 1 至 100 的整数"),
    ],
)
def test_bad_search_parameters_are_400_naming_the_parameter(world, api, params, field, message):
    response = api.get("/api/v1/items/", params)

    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["message"], list(body["detail"])) == ("invalid", "请求参数有误", [field])
    assert body["detail"][field][0].startswith(message)


def test_unknown_valid_credit_code_is_a_400(world, api):
    response = api.get("/api/v1/items/", {"department": "11350802MB00000013"})

    assert response.status_code == 400
    assert response.json()["detail"] == {"department": ["没有统一社会信用代码为“11350802MB00000013”的部门"]}


def test_overlong_keyword_is_a_400(world, api):
    response = api.get("/api/v1/items/", {"q": "食" * 101})

    assert response.status_code == 400
    assert list(response.json()["detail"]) == ["q"]


def test_search_queries_do_not_grow_with_hits(world, api):
    url = "/api/v1/items/?q=许可&region=350802&type=01&theme=open-business"
    before, _ = count_queries(api, url)
    for n in range(2, 6):
        publish_item(world, code=f"01000000000{n}", name=f"食品许可{n}")
    after, response = count_queries(api, url)

    assert response.json()["count"] == 5
    assert before == after


def test_counts_beyond_the_exact_limit_are_flagged_as_lower_bounds(world, api, monkeypatch):
    from govhall.catalog.search import backends

    _employment(world)
    monkeypatch.setattr(backends, "COUNT_LIMIT", 1)

    body = api.get("/api/v1/items/").json()

    assert (body["count"], body["count_exact"], len(body["results"])) == (1, False, 2)
