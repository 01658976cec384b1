"""The search page: results with highlighting and badges, filters, pagination, 400 on a bad filter."""

import pytest

from govhall.catalog.services.basic import catalog_item_create

from .conftest import plain_materials, publish
from .pages import page_text, result_names

pytestmark = pytest.mark.django_db


def test_search_lists_matching_live_items_with_highlighted_names(client, portal):
    response = client.get("/search", {"q": "食品经营许可"})

    assert response.status_code == 200
    assert result_names(response)[0] == "食品经营许可"
    assert "<mark>食品经营许可</mark>" in response.content.decode()
    assert f"“食品经营许可”共找到 {len(result_names(response))} 个事项" in page_text(response)


def test_search_result_shows_department_region_type_depth_and_visits(client, portal):
    response = client.get("/search", {"q": "卫生许可"})

    text, html = page_text(response), response.content.decode()
    assert result_names(response) == ["公共场所卫生许可"]
    assert "实施部门：龙岩市市场监督管理局 办理地区：龙岩市 行政许可" in text
    assert 'aria-label="网办深度 5 星（满分 5 星）"' in html
    assert '<span class="badge badge--visits">零跑动</span>' in html


def test_search_never_finds_items_that_are_not_live(client, portal):
    hidden = {"户外广告设置许可", "烟草专卖零售许可", "建筑垃圾处置核准"}
    for q in sorted(hidden):
        response = client.get("/search", {"q": q})

        assert not hidden & set(result_names(response)), q


def test_search_without_words_lists_every_live_item(client, portal):
    response = client.get("/search")

    assert sorted(result_names(response)) == ["公共场所卫生许可", "药品经营许可", "食品经营许可"]


def test_search_region_filter_shows_the_region_and_above(client, portal):
    response = client.get("/search", {"region": "350802"})

    assert sorted(result_names(response)) == ["公共场所卫生许可", "食品经营许可"]


def test_search_type_filter(client, portal):
    assert result_names(client.get("/search", {"type": "20"})) == []
    assert len(result_names(client.get("/search", {"type": "01"}))) == 3


def test_search_depth_filter_keeps_items_with_at_least_that_many_stars(client, portal):
    assert result_names(client.get("/search", {"depth": "5"})) == ["公共场所卫生许可"]


def test_search_audience_filter(client, portal):
    response = client.get("/search", {"audience": "person"})

    assert sorted(result_names(response)) == ["药品经营许可", "食品经营许可"]


def test_search_department_filter(client, portal):
    response = client.get("/search", {"department": portal.changting_department.credit_code})

    assert result_names(response) == ["药品经营许可"]


def test_search_theme_filter(client, portal):
    response = client.get("/search", {"theme": "employment"})

    assert result_names(response) == ["公共场所卫生许可"]


def test_search_filter_form_offers_departments_of_the_region_chain(client, portal):
    html = client.get("/search", {"region": "350802"}).content.decode()

    assert (
        f'<option value="{portal.world.county_department.credit_code}">龙岩市新罗区市场监督管理局</option>'
        in html
    )
    assert f'<option value="{portal.world.city_department.credit_code}">龙岩市市场监督管理局</option>' in html
    assert portal.changting_department.credit_code not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "99"}, "所选事项类型无效，请重新选择"),
        ({"depth": "9"}, "所选网办深度无效，请重新选择"),
        ({"audience": "alien"}, "所选服务对象无效，请重新选择"),
        ({"region": "999999"}, "所选办理地区无效，请重新选择"),
        ({"theme": "no-such-theme"}, "所选主题无效，请重新选择"),
        ({"department": "91350000000000000X"}, "所选实施部门无效，请重新选择"),
        ({"page": "abc"}, "页码应为正整数"),
        ({"page": "0"}, "页码应为正整数"),
        ({"q": "许" * 101}, "搜索词不能超过 100 个字"),
    ],
)
def test_search_with_a_bad_filter_is_a_400_page_in_chinese(client, portal, params, message):
    response = client.get("/search", params)

    assert response.status_code == 400
    assert message in page_text(response)
    assert result_names(response) == []


def test_search_paginates_twenty_per_page(client, world):
    for number in range(2, 24):
        item = catalog_item_create(
            code=f"0100000001{number:02d}",
            name=f"测试许可第{number}号",
            item_type="01",
            legal_basis="测试依据",
        )
        publish(
            item=item,
            department=world.county_department,
            author=world.manager,
            reviewer=world.reviewer,
            materials=plain_materials("申请书"),
            themes=[],
        )

    first = client.get("/search", {"q": "测试许可"})
    second = client.get("/search", {"q": "测试许可", "page": "2"})

    assert len(result_names(first)) == 20
    assert len(result_names(second)) == 2
    assert "共找到 22 个事项，第 1/2 页" in page_text(first)
    assert 'href="?q=%E6%B5%8B%E8%AF%95%E8%AE%B8%E5%8F%AF&amp;page=2"' in first.content.decode()
    assert not set(result_names(first)) & set(result_names(second))
