"""item_search: Chinese words, pinyin, synonyms, typos, highlighting, ranking and pagination."""

import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from govhall.catalog.search import backends
from govhall.catalog.search.query import item_search

from .conftest import SearchCatalog

pytestmark = pytest.mark.django_db


def names(page) -> list[str]:
    return [hit.name for hit in page.hits]


def test_chinese_word_ranks_name_match_above_material_match(catalog: SearchCatalog):
    page = item_search(q="营业执照")

    # 个体工商户营业执照核发 by name; the three 食品经营许可 entries only list 营业执照复印件 as a material.
    assert names(page)[0] == "个体工商户营业执照核发"
    assert sorted(names(page)[1:]) == ["食品经营许可", "食品经营许可", "食品经营许可（新办）"]
    assert page.total == 4
    assert page.query_terms == ["营业执照"]
    assert page.suggestion is None


def test_part_of_a_word_finds_the_item(catalog: SearchCatalog):
    page = item_search(q="公积金提取")

    assert names(page) == ["住房公积金提取"]


def test_draft_implementation_is_never_found(catalog: SearchCatalog):
    page = item_search(q="食品经营许可")

    assert sorted(hit.region_name for hit in page.hits) == ["新罗区", "新罗区", "长汀县"]


def test_pinyin_initials_yyzz_find_business_licence(catalog: SearchCatalog):
    page = item_search(q="yyzz")

    assert names(page) == ["个体工商户营业执照核发"]
    assert page.hits[0].name_highlighted == "个体工商户<mark>营业执照</mark>核发"


def test_pinyin_initials_spjy_find_food_trade_licence(catalog: SearchCatalog):
    page = item_search(q="spjy")

    assert sorted(names(page)) == ["食品经营许可", "食品经营许可", "食品经营许可（新办）"]
    assert page.hits[0].name_highlighted == "<mark>食品经营</mark>许可"


def test_initials_from_a_later_word_match(catalog: SearchCatalog):
    page = item_search(q="jyxk")

    assert sorted(names(page)) == ["药品经营许可", "食品经营许可", "食品经营许可", "食品经营许可（新办）"]


def test_full_pinyin_prefix_matches_and_ignores_case_and_spaces(catalog: SearchCatalog):
    assert names(item_search(q="ZhuFang GongJiJin")) == ["住房公积金提取"]
    assert names(item_search(q="ｙｙｚｚ")) == ["个体工商户营业执照核发"]


def test_mixed_chinese_and_pinyin_query(catalog: SearchCatalog):
    page = item_search(q="药品 jyxk")

    assert names(page) == ["药品经营许可"]
    assert page.query_terms == ["药品", "jyxk"]
    assert page.hits[0].name_highlighted == "<mark>药品经营许可</mark>"


@pytest.mark.parametrize(
    ("q", "standard", "first"),
    [
        ("办身份证", "居民身份证换领", "居民身份证换领"),
        ("结婚", "婚姻登记", "婚姻登记"),
        ("公积金", "住房公积金", "住房公积金提取"),
        ("生孩子", "出生医学证明", "出生医学证明"),
        ("出生证", "出生医学证明", "出生医学证明"),
    ],
)
def test_colloquial_phrase_searches_for_the_standard_name(catalog: SearchCatalog, q, standard, first):
    page = item_search(q=q)

    assert page.query_terms == [standard]
    assert names(page)[0] == first


def test_stop_words_are_dropped(catalog: SearchCatalog):
    page = item_search(q="我要怎么办理婚姻登记")

    assert page.query_terms == ["婚姻登记"]
    assert names(page) == ["婚姻登记"]


def test_query_of_only_stop_words_lists_by_popularity(catalog: SearchCatalog):
    page = item_search(q="如何办理", page_size=3)

    assert page.query_terms == []
    assert names(page) == ["居民身份证换领", "住房公积金提取", "婚姻登记"]


@pytest.mark.parametrize(
    ("q", "first", "highlighted"),
    [
        ("食品经营许证", "食品经营许可", "<mark>食品经营许</mark>可"),
        ("营业执招", "个体工商户营业执照核发", "个体工商户<mark>营业执</mark>照核发"),
    ],
)
def test_one_wrong_character_still_finds_the_item(catalog: SearchCatalog, q, first, highlighted):
    page = item_search(q=q)

    assert page.hits[0].name == first
    assert page.hits[0].name_highlighted == highlighted
    assert page.suggestion == first


def test_all_words_but_one_match_when_not_every_word_does(catalog: SearchCatalog):
    page = item_search(q="住房 公积金 火星")

    assert names(page) == ["住房公积金提取"]
    assert page.suggestion == "住房公积金提取"


def test_words_that_do_not_all_match_fall_back_to_any_word(catalog: SearchCatalog):
    page = item_search(q="婚姻登记 火星")

    assert names(page) == ["婚姻登记"]
    assert page.suggestion == "婚姻登记"


def test_nothing_found_gives_an_empty_page(catalog: SearchCatalog):
    page = item_search(q="火星移民")

    assert (page.total, page.hits, page.num_pages, page.suggestion) == (0, [], 1, None)


def test_popularity_orders_equal_text_matches(catalog: SearchCatalog):
    page = item_search(q="食品经营许可")

    # 长汀县 (popularity 50) before the two 新罗区 entries (popularity 0).
    assert [hit.region_name for hit in page.hits][0] == "长汀县"
    assert [hit.popularity for hit in page.hits] == [50, 0, 0]


def test_hit_carries_everything_a_result_list_shows(catalog: SearchCatalog):
    page = item_search(q="居民身份证换领")

    hit = page.hits[0]
    assert (
        hit.implementation_code,
        hit.name,
        hit.department_name,
        hit.region_name,
        hit.region_code,
        hit.item_type,
        hit.item_type_label,
        hit.online_depth,
        hit.max_visits,
        hit.popularity,
    ) == (
        catalog.code("id_card"),
        "居民身份证换领",
        "龙岩市公安局",
        "龙岩市",
        "350800000000",
        "07",
        "行政确认",
        2,
        1,
        900,
    )


def test_highlighted_name_is_html_escaped(catalog: SearchCatalog):
    item = catalog.items["fund"]
    from govhall.catalog.services.basic import catalog_item_update

    catalog_item_update(item=item, changed_by=None, reason="测试转义", name="住房公积金提取<script>&")

    page = item_search(q="公积金")

    assert page.hits[0].name_highlighted == "<mark>住房公积金</mark>提取&lt;script&gt;&amp;"


def test_empty_query_lists_everything_by_popularity(catalog: SearchCatalog):
    page = item_search(page_size=4)

    assert page.total == 10
    assert page.num_pages == 3
    assert names(page) == ["居民身份证换领", "住房公积金提取", "婚姻登记", "个体工商户营业执照核发"]


def test_pages_cover_every_hit_once(catalog: SearchCatalog):
    pages = [item_search(q="", page=number, page_size=3) for number in (1, 2, 3, 4)]

    codes = [hit.implementation_code for page in pages for hit in page.hits]
    assert len(codes) == 10 == len(set(codes))
    assert [len(page.hits) for page in pages] == [3, 3, 3, 1]
    assert {page.num_pages for page in pages} == {math.ceil(10 / 3)}


def test_page_beyond_the_last_is_empty_but_keeps_the_total(catalog: SearchCatalog):
    page = item_search(q="食品", page=5, page_size=2)

    assert (page.total, page.hits, page.page) == (4, [], 5)


def test_query_count_does_not_grow_with_the_page(catalog: SearchCatalog):
    with CaptureQueriesContext(connection) as one:
        item_search(q="许可", page_size=1)
    with CaptureQueriesContext(connection) as ten:
        item_search(q="许可", page_size=10)

    assert len(one) == len(ten) <= 8  # counts, one page fetch (+ planner setting and savepoint on PostgreSQL)


def test_total_beyond_the_count_limit_is_capped_and_flagged(catalog: SearchCatalog, monkeypatch):
    monkeypatch.setattr(backends, "COUNT_LIMIT", 3)

    capped = item_search(q="", page_size=2)
    exact = item_search(q="食品经营许可", page_size=2)

    assert (capped.total, capped.total_exact, capped.num_pages, len(capped.hits)) == (3, False, 2, 2)
    assert (exact.total, exact.total_exact) == (3, True)
