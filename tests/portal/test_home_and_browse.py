"""Home, departments, themes and error pages."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views import defaults

from .pages import page_text, result_names

pytestmark = pytest.mark.django_db


def test_home_has_an_autofocused_search_box_that_submits_to_search(client, portal):
    html = client.get("/").content.decode()

    assert '<form class="searchbar" action="/search" method="get" role="search">' in html
    assert '<label class="visually-hidden" for="home-q">搜索办事事项</label>' in html
    assert 'name="q"' in html and "autofocus" in html


def test_home_shows_site_name_popular_items_themes_and_departments(client, portal):
    client.cookies["govhall_region"] = "350802000000"

    response = client.get("/")

    text = page_text(response)
    assert "福建省网上办事大厅" in text
    assert f'href="/items/{portal.world.implementation.code}/"' in response.content.decode()
    assert "个人办事 全部主题 就业创业" in text
    assert "法人办事 全部主题 开办企业" in text
    assert "新罗区部门 按部门查看 龙岩市新罗区市场监督管理局" in text


def test_pages_have_a_skip_link_landmarks_and_chinese_language(client, portal):
    for url in (
        "/",
        "/search",
        f"/items/{portal.world.implementation.code}/",
        "/departments/",
        "/themes/",
        "/regions/",
    ):
        html = client.get(url).content.decode()

        assert '<html lang="zh-Hans">' in html, url
        assert '<a class="skip-link" href="#main">跳到主要内容</a>' in html, url
        assert '<main id="main" tabindex="-1">' in html, url
        assert '<nav class="mainnav" aria-label="主导航">' in html, url
        assert 'role="contentinfo"' in html, url


def test_pages_carry_no_inline_script_or_style(client, portal):
    for url in (
        "/",
        "/search?q=食品",
        f"/items/{portal.world.implementation.code}/",
        "/departments/",
        "/themes/open-business/",
        "/regions/",
        "/basic/010000000001/",
        "/nowhere/",
    ):
        html = client.get(url).content.decode()

        assert html.count("<script") == html.count('<script src="/static/'), url
        assert " style=" not in html and "<style" not in html, url
        assert " onclick=" not in html and " onchange=" not in html, url


def test_departments_page_lists_departments_of_the_region_and_above(client, portal):
    response = client.get("/departments/", {"region": "350802"})

    text = page_text(response)
    assert "新罗区县级部门 龙岩市新罗区市场监督管理局" in text
    assert "龙岩市市级部门 龙岩市市场监督管理局" in text
    assert "长汀县市场监督管理局" not in text


def test_department_page_lists_only_its_live_items(client, portal):
    response = client.get(f"/departments/{portal.world.county_department.credit_code}/")

    assert response.status_code == 200
    assert "<h1>龙岩市新罗区市场监督管理局</h1>" in response.content.decode()
    assert result_names(response) == ["食品经营许可"]  # not the draft, suspended or withdrawn ones
    assert "咨询电话 0597-2345678" in page_text(response)


def test_unknown_department_is_404(client, db):
    assert client.get("/departments/91350000000000000X/").status_code == 404


def test_themes_page_separates_persons_and_enterprises(client, portal):
    text = page_text(client.get("/themes/"))

    assert "个人办事 就业创业" in text
    assert "法人办事 开办企业" in text


def test_theme_page_lists_live_items_of_the_life_event(client, portal):
    response = client.get("/themes/open-business/")

    assert response.status_code == 200
    assert "<h1>开办企业</h1>" in response.content.decode()
    assert sorted(result_names(response)) == ["公共场所卫生许可", "食品经营许可"]


def test_unknown_theme_is_404(client, db):
    response = client.get("/themes/no-such-theme/")

    assert response.status_code == 404
    assert "未找到该主题" in page_text(response)


def test_404_page_is_in_chinese_and_hides_resolver_details(client, db):
    response = client.get("/no/such/page/")

    text = page_text(response)
    assert response.status_code == 404
    assert "抱歉，您访问的页面不存在" in text
    assert "Resolver404" not in text


def test_403_page_is_in_chinese(db):
    request = RequestFactory().get("/")

    response = defaults.permission_denied(request, PermissionDenied("仅事项管理员可以执行此操作"))

    assert response.status_code == 403
    assert "抱歉，您没有权限访问此页面" in page_text(response)
    assert "仅事项管理员可以执行此操作" in page_text(response)


def test_500_page_is_in_chinese_and_needs_no_context(db):
    response = defaults.server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "抱歉，服务暂时不可用" in page_text(response)
