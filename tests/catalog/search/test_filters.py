"""item_search filters: region chain (站点切换), department, audience, type, depth, theme, and bad values."""

import pytest
from django.core.exceptions import ValidationError

from govhall.catalog.search.query import item_search

from .conftest import SearchCatalog

pytestmark = pytest.mark.django_db


def keys(catalog: SearchCatalog, page) -> set[str]:
    by_code = {implementation.code: key for key, implementation in catalog.implementations.items()}
    return {by_code[hit.implementation_code] for hit in page.hits}


@pytest.mark.parametrize("code", ["350802", "350802000000"])
def test_county_site_sees_its_own_city_and_province_items_but_not_another_county(
    catalog: SearchCatalog, code
):
    page = item_search(region_code=code, page_size=100)

    # 新罗区: its own five, 龙岩市's two, 福建省's one; nothing of 长汀县.
    assert keys(catalog, page) == {
        "food_trade",
        "food_trade_new",
        "licence",
        "marriage",
        "birth",
        "id_card",
        "fund",
        "food_production",
    }
    assert page.total == 8


def test_city_site_sees_city_and_province_items_only(catalog: SearchCatalog):
    page = item_search(region_code="350800")

    assert keys(catalog, page) == {"id_card", "fund", "food_production"}


def test_region_filter_combines_with_words(catalog: SearchCatalog):
    page = item_search(q="食品经营许可", region_code="350821")

    assert keys(catalog, page) == {"food_trade_changting"}


def test_department_filter(catalog: SearchCatalog):
    page = item_search(department_code=catalog.changting_department.credit_code)

    assert keys(catalog, page) == {"food_trade_changting", "drug_trade"}


def test_audience_filter(catalog: SearchCatalog):
    page = item_search(audience="legal_person")

    assert keys(catalog, page) == {
        "food_trade",
        "food_trade_changting",
        "food_trade_new",
        "licence",
        "food_production",
        "drug_trade",
    }


def test_item_type_filter(catalog: SearchCatalog):
    page = item_search(item_type="07")

    assert keys(catalog, page) == {"id_card", "marriage"}


def test_min_depth_filter_keeps_items_at_least_that_deep(catalog: SearchCatalog):
    assert keys(catalog, item_search(min_depth=5)) == {"licence"}
    assert keys(catalog, item_search(min_depth=4)) == {
        "licence",
        "fund",
        "food_trade",
        "food_trade_changting",
        "food_trade_new",
    }


def test_theme_filter(catalog: SearchCatalog):
    assert keys(catalog, item_search(theme="birth")) == {"birth"}
    assert keys(catalog, item_search(theme="open-business")) == {
        "food_trade",
        "food_trade_changting",
        "food_trade_new",
        "licence",
    }


def test_filters_combine_with_each_other_and_with_words(catalog: SearchCatalog):
    page = item_search(q="许可", region_code="350802", audience="legal_person", item_type="01", min_depth=3)

    assert keys(catalog, page) == {"food_trade", "food_trade_new", "food_production"}


def test_filtered_listing_is_ordered_by_popularity(catalog: SearchCatalog):
    page = item_search(region_code="350802", audience="person")

    assert [hit.name for hit in page.hits] == [
        "居民身份证换领",
        "住房公积金提取",
        "婚姻登记",
        "个体工商户营业执照核发",
        "出生医学证明",
        "食品经营许可",
        "食品经营许可（新办）",
    ]


def test_empty_filter_values_are_ignored(catalog: SearchCatalog):
    page = item_search(q="", region_code="", department_code="", audience="", item_type="", theme="")

    assert page.total == 10


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"region_code": "350899"}, "未知的行政区划：350899"),
        ({"region_code": "35080"}, "行政区划代码“35080”应为 6、9 或 12 位数字"),
        ({"department_code": "91350000000000000X"}, "未知的实施主体：91350000000000000X"),
        ({"audience": "alien"}, "未知的服务对象：alien"),
        ({"item_type": "99"}, "未知的事项类型：99"),
        ({"min_depth": 0}, "网办深度应为 1 到 5 之间的整数"),
        ({"min_depth": 6}, "网办深度应为 1 到 5 之间的整数"),
        ({"theme": "moon-landing"}, "未知的主题：moon-landing"),
        ({"page": 0}, "页码应为从 1 开始的整数"),
        ({"page_size": 101}, "每页条数应在 1 到 100 之间"),
        ({"page_size": 0}, "每页条数应在 1 到 100 之间"),
    ],
)
def test_bad_filter_value_raises_validation_error_in_chinese(catalog: SearchCatalog, arguments, message):
    with pytest.raises(ValidationError) as raised:
        item_search(q="许可", **arguments)

    assert raised.value.messages == [message]
