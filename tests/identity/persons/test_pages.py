"""Every account page for anonymous visitors, citizens and non-citizen accounts; the header links."""

import pytest
from django.contrib.auth import get_user_model

from govhall.identity.models import AssuranceLevel

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/account/register/", "个人用户注册"),
        ("/account/login/", "个人用户登录"),
        ("/account/login/?tab=sms", "获取验证码"),
    ],
)
def test_public_pages_render_for_anonymous_visitors(client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert heading in page
    assert 'href="/account/login/">登录</a>' in page and 'href="/account/register/">注册</a>' in page


def test_login_page_offers_every_method(client):
    page = client.get("/account/login/").content.decode()
    for label in ("密码登录", "验证码登录", "数字证书登录", 'href="/enterprise/certificate/login/"'):
        assert label in page


@pytest.mark.parametrize("url", ["/account/", "/account/upgrade/"])
def test_private_pages_send_anonymous_visitors_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == f"/account/login/?next={url}"


def test_my_account_shows_masked_data_level_and_login_methods(client, person):
    client.force_login(person.user)
    response = client.get("/account/")
    page = response.content.decode()
    assert response.status_code == 200
    assert person.id_number_masked in page and "139****5678" in page
    assert "一级（注册用户）" in page and "去实名认证" in page
    assert "已设置，可用手机号码或身份证号码登录" in page and "发送至 139****5678" in page
    assert ">我的账号</a>" in page and ">退出</button>" in page


def test_my_account_after_l2_no_longer_asks_for_verification(client, person):
    person.level = AssuranceLevel.L2
    person.save(update_fields=["level"])
    client.force_login(person.user)
    page = client.get("/account/").content.decode()
    assert "二级（实名核验）" in page and "去实名认证" not in page


def test_register_and_login_pages_send_a_logged_in_citizen_to_their_account(client, person):
    client.force_login(person.user)
    assert client.get("/account/register/")["Location"] == "/account/"
    assert client.get("/account/login/").status_code == 200  # switching accounts stays possible


def test_an_account_without_a_person_gets_a_plain_page_not_an_error(client):
    user = get_user_model().objects.create_user(username="someone")
    client.force_login(user)
    assert "不是个人用户账号" in client.get("/account/").content.decode()
    assert "只有个人用户账号可以进行实名认证" in client.get("/account/upgrade/").content.decode()
    assert client.post("/account/upgrade/").status_code == 200


def test_home_page_header_links_follow_the_login_state(client, person):
    assert ">登录</a>" in client.get("/").content.decode()
    client.force_login(person.user)
    assert ">我的账号</a>" in client.get("/").content.decode()
