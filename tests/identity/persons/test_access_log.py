"""数据查阅记录: a person sees who looked at, released or used their own data — and nobody else's."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from govhall.identity.models import StaffRole
from govhall.identity.selectors_access_log import person_access_entries, person_access_records
from govhall.identity.services.reveal import (
    person_id_number_release,
    person_id_number_reveal,
    person_phone_use,
)
from govhall.identity.services.sso_clients import sso_client_register
from govhall.identity.services.staff import staff_upsert

from ...person_records import ID_NUMBERS, person_make
from ...staff_login import staff_client

pytestmark = pytest.mark.django_db

ACCESS_LOG = reverse("portal:account_access_log")


@pytest.fixture
def clerk(world) -> User:
    return staff_upsert(
        username="xl_window",
        display_name="吴丽",
        region=world.county,
        department=world.county_department,
        roles=[StaffRole.WINDOW_CLERK],
    ).user


@pytest.fixture
def zhang(db):
    return person_make(name="张三", id_number=ID_NUMBERS[0], phone="13800138000")


@pytest.fixture
def li(db):
    return person_make(name="李四", id_number=ID_NUMBERS[1], phone="13900139000")


def _reveal_at_the_window(clerk, id_number: str, reason: str) -> None:
    """The clerk's real path: look the person up, then reveal the full number with a reason."""
    client = staff_client(clerk)
    found = client.post(reverse("workbench:realname_search"), {"id_number": id_number})
    assert found.status_code == 302
    shown = client.post(reverse("workbench:realname_reveal"), {"reason": reason})
    assert shown.status_code == 200 and id_number in shown.content.decode()


def _rows(response) -> str:
    html = response.content.decode()
    start = html.find('data-testid="access-log"')
    return html[start : html.find("</table>", start)] if start >= 0 else ""


def test_a_clerks_reveal_appears_in_the_persons_log_with_the_reason(clerk, zhang):
    _reveal_at_the_window(clerk, ID_NUMBERS[0], "与身份证原件逐位核对")

    response = staff_client(zhang.user).get(ACCESS_LOG)

    rows = _rows(response)
    assert response.status_code == 200
    assert "工作人员 吴丽（xl_window）" in rows
    assert "查看完整身份证号码" in rows and "与身份证原件逐位核对" in rows
    assert "查询您的账号信息" in rows  # the look-up before the reveal is listed too
    assert ID_NUMBERS[0] not in response.content.decode()


def test_another_persons_entries_are_never_shown(clerk, zhang, li):
    _reveal_at_the_window(clerk, ID_NUMBERS[1], "核对李四的证件")
    person_phone_use(person=li, reason="李四的办件通知")

    zhang_page = staff_client(zhang.user).get(ACCESS_LOG).content.decode()
    li_rows = _rows(staff_client(li.user).get(ACCESS_LOG))

    assert "核对李四的证件" not in zhang_page and "李四的办件通知" not in zhang_page
    assert "目前没有您的个人数据被查阅或使用的记录" in zhang_page
    assert "核对李四的证件" in li_rows and "李四的办件通知" in li_rows


def test_records_are_only_about_the_persons_own_row_even_when_handed_foreign_entries(clerk, zhang, li):
    person_id_number_reveal(person=li, viewer=clerk, reason="李四的事由")

    records = person_access_records(person=zhang, entries=person_access_entries(person=li))

    assert list(person_access_entries(person=zhang)) == []
    assert records == []


def test_systems_are_named_as_recipients_and_uses_are_worded_for_the_person(zhang, world):
    client = sso_client_register(
        name="不动产登记系统",
        redirect_uris=["https://bdc.example.gov.cn/callback"],
        may_read_id_number=True,
        registered_by=None,
    ).application
    person_id_number_release(person=zhang, recipient=f"oidc:{client.client_id}", reason="不动产登记申请")
    person_phone_use(person=zhang, reason="实名认证完成通知")

    records = person_access_records(person=zhang, entries=person_access_entries(person=zhang))

    assert [(r.who, r.what, r.reason, r.by_staff) for r in records] == [
        ("系统", "用于发送短信", "实名认证完成通知", False),
        ("接入系统：不动产登记系统", "向接入系统提供身份证号码", "不动产登记申请", False),
    ]


def test_the_account_page_links_to_the_access_log(zhang):
    page = staff_client(zhang.user).get(reverse("portal:account")).content.decode()

    assert f'href="{ACCESS_LOG}"' in page and "数据查阅记录" in page


def test_anonymous_visitors_are_sent_to_the_login_page():
    response = staff_client(None).get(ACCESS_LOG)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login") + "?next=")


def test_an_account_without_a_person_sees_an_explanation_not_an_error(clerk):
    response = staff_client(User.objects.create_user(username="not-a-person")).get(ACCESS_LOG)

    assert response.status_code == 200
    assert "当前登录的账号不是个人用户账号" in response.content.decode()


def test_the_log_is_paginated_newest_first(zhang, clerk):
    for number in range(23):
        person_id_number_reveal(person=zhang, viewer=clerk, reason=f"第{number:02d}次核对")

    client = staff_client(zhang.user)
    first, second = _rows(client.get(ACCESS_LOG)), _rows(client.get(ACCESS_LOG, {"page": 2}))

    assert "第22次核对" in first and "第03次核对" in first and "第02次核对" not in first
    assert "第02次核对" in second and "第00次核对" in second and "第22次核对" not in second
