"""The window real-name pages: look up by full ID number, masked record, card check, audited reveal."""

import pytest
from django.urls import reverse

from govhall.core.models import AuditEntry

from ...person_records import ID_NUMBERS
from ...staff_login import staff_client

pytestmark = pytest.mark.django_db


def _found(client):
    response = client.post(reverse("workbench:realname_search"), {"id_number": ID_NUMBERS[0]})
    assert response.status_code == 302 and response["Location"] == reverse("workbench:realname_person")
    return client.get(response["Location"])


def test_clerk_finds_the_person_sees_only_the_masked_number_and_raises_them_to_l2(clerk, person):
    client = staff_client(clerk)
    page = _found(client).content.decode()
    assert "张三" in page and person.id_number_masked in page and ID_NUMBERS[0] not in page
    assert "已核对身份证原件，人证一致" in page

    response = client.post(
        reverse("workbench:realname_verify"), {"confirmed": "on", "card_expiry": "2036-01-31"}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.level, person.level_method, person.level_verified_by) == ("L2", "window", clerk)
    after = client.get(reverse("workbench:realname_person")).content.decode()
    assert "二级（实名核验）" in after and "窗口人工核验" in after and "吴丽" in after
    again = client.post(
        reverse("workbench:realname_verify"), {"confirmed": "on", "long_term": "on"}, follow=True
    )
    assert "无需重复核验" in again.content.decode()


def test_verification_needs_the_card_check_and_its_expiry(clerk, person):
    client = staff_client(clerk)
    _found(client)
    unchecked = client.post(reverse("workbench:realname_verify"), {"card_expiry": "2036-01-31"})
    no_expiry = client.post(reverse("workbench:realname_verify"), {"confirmed": "on"})
    expired = client.post(
        reverse("workbench:realname_verify"), {"confirmed": "on", "card_expiry": "2001-01-01"}
    )
    assert unchecked.status_code == 400 and "请先核对身份证原件并确认人证一致" in unchecked.content.decode()
    assert no_expiry.status_code == 400 and "请填写身份证有效期限" in no_expiry.content.decode()
    assert expired.status_code == 400 and "身份证已超过有效期限" in expired.content.decode()
    person.refresh_from_db()
    assert person.level == "L1"


@pytest.mark.parametrize(
    ("id_number", "message"),
    [
        (ID_NUMBERS[1], "未找到使用该身份证号码注册的用户"),
        ("35080219900307", "身份证号码应为 18 位"),
        (ID_NUMBERS[0][:17] + ("0" if ID_NUMBERS[0][17] != "0" else "1"), "校验位错误"),
        ("", "请填写身份证号码"),
    ],
)
def test_unknown_or_invalid_numbers_are_explained_in_chinese(clerk, person, id_number, message):
    client = staff_client(clerk)
    response = client.post(reverse("workbench:realname_search"), {"id_number": id_number})
    assert response.status_code == 200 and message in response.content.decode()
    assert "workbench.realname_person_id" not in client.session


def test_person_page_without_a_lookup_goes_back_to_the_search(clerk, person):
    response = staff_client(clerk).get(reverse("workbench:realname_person"))
    assert response["Location"] == reverse("workbench:realname_search")


def test_a_new_search_forgets_the_last_person(clerk, person):
    client = staff_client(clerk)
    _found(client)
    client.get(reverse("workbench:realname_search"))
    assert client.get(reverse("workbench:realname_person"))["Location"] == reverse(
        "workbench:realname_search"
    )


def test_reveal_requires_a_reason_and_is_audited_with_it(clerk, person):
    client = staff_client(clerk)
    _found(client)

    refused = client.post(reverse("workbench:realname_reveal"), {"reason": ""})
    assert refused.status_code == 400 and "须填写事由" in refused.content.decode()
    assert ID_NUMBERS[0] not in refused.content.decode()
    assert not AuditEntry.objects.filter(action="personal_data.reveal").exists()

    shown = client.post(reverse("workbench:realname_reveal"), {"reason": "与原件逐位核对"})
    assert shown.status_code == 200 and ID_NUMBERS[0] in shown.content.decode()
    assert shown["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.get(action="personal_data.reveal")
    assert (entry.actor, entry.reason, entry.object_id) == (clerk, "与原件逐位核对", str(person.pk))
    assert ID_NUMBERS[0] not in client.get(reverse("workbench:realname_person")).content.decode()


def test_staff_who_are_not_window_clerks_get_a_chinese_403(world, person):
    client = staff_client(world.manager)
    response = client.post(reverse("workbench:realname_search"), {"id_number": ID_NUMBERS[0]})
    assert response.status_code == 403 and "窗口人员" in response.content.decode()
    assert not AuditEntry.objects.filter(action="identity.person_lookup").exists()


def test_home_and_navigation_offer_the_real_name_service_to_clerks_only(world, clerk):
    clerk_home = staff_client(clerk).get(reverse("workbench:home")).content.decode()
    manager_home = staff_client(world.manager).get(reverse("workbench:home")).content.decode()
    link = f'href="{reverse("workbench:realname_search")}"'
    assert link in clerk_home and "事项清单" not in clerk_home
    assert link not in manager_home and "事项清单" in manager_home
