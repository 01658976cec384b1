"""Every workbench page: anonymous → login, non-staff and non-managers → 403, out of scope → 403, in scope → 200."""

import pytest
from django.urls import reverse

from ..staff_login import log_in_through_pages, staff_client
from .conftest import client_for

pytestmark = pytest.mark.django_db

GENERAL_PAGES = [
    ("workbench:home", ()),
    ("workbench:implementation_list", ()),
    ("workbench:implementation_new", ()),
    ("workbench:review_queue", ()),
    ("workbench:basic_list", ()),
]
ITEM_PAGES = [
    "workbench:implementation_detail",
    "workbench:draft_edit",
    "workbench:review_detail",
    "workbench:version_list",
]


def _item_urls(world):
    code = world.implementation.code
    return [reverse(name, args=(code,)) for name in ITEM_PAGES] + [
        reverse("workbench:version_detail", args=(code, 1))
    ]


def _all_urls(world):
    return (
        [reverse(name, args=args) for name, args in GENERAL_PAGES]
        + _item_urls(world)
        + [reverse("workbench:basic_edit", args=(world.item.code,))]
    )


def test_anonymous_visitor_is_sent_to_login_from_every_page(world):
    client = client_for(None)
    for url in _all_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('workbench:login')}?next={url}", url


def test_account_without_staff_profile_gets_chinese_403_everywhere(world, staff):
    client = client_for(staff.citizen)
    for url in _all_urls(world):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "仅工作人员可以访问工作台" in response.content.decode(), url


def test_staff_who_is_not_catalog_manager_gets_403_on_every_catalog_page(world, staff):
    client = client_for(staff.clerk)
    home = reverse("workbench:home")
    assert client.get(home).status_code == 200
    for url in _all_urls(world):
        if url != home:
            response = client.get(url)
            assert response.status_code == 403, url
            assert "仅事项管理员可以执行此操作" in response.content.decode(), url


def test_staff_session_without_the_second_factor_is_sent_to_login_everywhere(world):
    client = staff_client(world.manager, verified=False)
    for url in _all_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('workbench:login')}?next={url}", url


def test_manager_of_another_county_sees_general_pages_but_not_the_item(world):
    client = client_for(world.other_manager)
    for name, args in GENERAL_PAGES:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    for url in _item_urls(world):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "该事项不在您的管理范围内" in response.content.decode(), url


def test_manager_of_another_county_cannot_post_actions_on_the_item(world):
    client = client_for(world.other_manager)
    code = world.implementation.code
    assert client.post(reverse("workbench:implementation_revise", args=(code,))).status_code == 403
    response = client.post(
        reverse("workbench:implementation_status", args=(code,)), {"action": "suspended", "reason": "测试"}
    )
    assert response.status_code == 403
    world.implementation.refresh_from_db()
    assert world.implementation.status == "published"
    assert world.implementation.versions.count() == 1


def test_right_manager_and_city_manager_get_every_item_page(world):
    for user in (world.manager, world.city_manager):
        client = client_for(user)
        for name, args in GENERAL_PAGES:
            assert client.get(reverse(name, args=args)).status_code == 200, (user, name)
        for url in _item_urls(world):
            assert client.get(url).status_code == 200, (user, url)


def test_unknown_implementation_is_a_chinese_404(world):
    response = client_for(world.manager).get(reverse("workbench:implementation_detail", args=("0" * 42,)))
    assert response.status_code == 404
    assert "未找到该页面或事项" in response.content.decode()


def test_only_provincial_manager_edits_the_basic_catalog(world, staff):
    url = reverse("workbench:basic_edit", args=(world.item.code,))
    for user in (world.manager, world.city_manager):
        response = client_for(user).get(url)
        assert response.status_code == 403
        assert "仅省级事项管理员可以维护基本目录" in response.content.decode()
    assert client_for(staff.province_manager).get(url).status_code == 200


def test_logout_is_post_only_and_ends_the_session(world):
    client = client_for(world.manager)
    assert client.get(reverse("workbench:logout")).status_code == 405
    response = client.post(reverse("workbench:logout"))
    assert response.status_code == 302 and response["Location"] == reverse("workbench:login")
    assert client.get(reverse("workbench:home")).status_code == 302


def test_login_page_is_chinese_and_logs_a_manager_in_with_password_and_code(world):
    client = client_for(None)
    page = client.get(reverse("workbench:login"))
    assert page.status_code == 200 and "工作人员登录" in page.content.decode()
    bad = client.post(reverse("workbench:login"), {"username": "xl_manager", "password": "wrong"})
    assert bad.status_code == 200 and "用户名或密码错误" in bad.content.decode()
    good = log_in_through_pages(client, "xl_manager", "Xinluo-2026!")
    assert good.status_code == 302 and good["Location"] == reverse("workbench:home")
    assert client.get(reverse("workbench:home")).status_code == 200
