"""站点切换: a chosen region is remembered and every page then shows what is handled there and above."""

import pytest

from govhall.portal.site import REGION_COOKIE

from .pages import page_text, result_names

pytestmark = pytest.mark.django_db

XINLUO, CHANGTING = "350802000000", "350821000000"


def popular_names(response) -> list[str]:
    return sorted(implementation.catalog_item.name for implementation in response.context["popular"])


def test_without_a_choice_the_home_page_shows_the_whole_province(client, portal):
    response = client.get("/")

    assert popular_names(response) == ["公共场所卫生许可", "药品经营许可", "食品经营许可"]
    assert "当前站点： 福建省" in page_text(response)


def test_region_in_the_query_is_remembered_in_a_cookie(client, portal):
    response = client.get("/", {"region": "350802"})

    assert response.cookies[REGION_COOKIE].value == XINLUO
    assert response.cookies[REGION_COOKIE]["samesite"] == "Lax"
    assert popular_names(response) == ["公共场所卫生许可", "食品经营许可"]
    assert "当前站点： 龙岩市新罗区" in page_text(response)


def test_remembered_region_drives_home_search_and_themes(client, portal):
    client.cookies[REGION_COOKIE] = CHANGTING

    home = client.get("/")
    search = client.get("/search")
    theme = client.get("/themes/open-business/")

    assert popular_names(home) == ["公共场所卫生许可", "药品经营许可"]
    assert sorted(result_names(search)) == ["公共场所卫生许可", "药品经营许可"]
    assert result_names(theme) == ["公共场所卫生许可"]  # the county item of 新罗区 is not handled in 长汀县


def test_switch_view_remembers_the_region_and_returns_to_the_page(client, portal):
    response = client.get("/regions/switch/", {"region": "350802", "next": "/search?q=许可"})

    assert response.status_code == 302
    assert response["Location"] == "/search?q=%E8%AE%B8%E5%8F%AF"
    assert response.cookies[REGION_COOKIE].value == XINLUO


def test_switch_view_never_redirects_to_another_site(client, portal):
    response = client.get("/regions/switch/", {"region": "350802", "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_choosing_the_province_forgets_the_region(client, portal):
    client.cookies[REGION_COOKIE] = XINLUO

    response = client.get("/regions/switch/", {"region": "350000", "next": "/"})

    assert response.cookies[REGION_COOKIE].value == ""
    assert response.cookies[REGION_COOKIE]["max-age"] == 0


def test_an_unknown_region_leaves_the_choice_unchanged(client, portal):
    client.cookies[REGION_COOKIE] = XINLUO

    switch = client.get("/regions/switch/", {"region": "999999", "next": "/"})
    home = client.get("/", {"region": "999999"})

    assert REGION_COOKIE not in switch.cookies
    assert REGION_COOKIE not in home.cookies
    assert popular_names(home) == ["公共场所卫生许可", "食品经营许可"]


def test_header_switcher_returns_to_the_page_without_its_region_parameter(client, portal):
    html = client.get("/search", {"q": "许可", "region": "350802"}).content.decode()

    assert '<input type="hidden" name="next" value="/search?q=%E8%AE%B8%E5%8F%AF">' in html
    assert f'<option value="{XINLUO}" selected>龙岩市新罗区</option>' in html


def test_regions_page_lists_cities_and_counties_as_switch_links(client, portal):
    response = client.get("/regions/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/regions/switch/?region={XINLUO}&amp;next=/"' in html
    assert f'href="/regions/switch/?region={CHANGTING}&amp;next=/"' in html
    assert "龙岩市本级" in page_text(response)
