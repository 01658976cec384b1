"""在线办理 entry (``portal:apply``): anonymous → login; level below 认证等级需求 → how to reach it;
sufficient → eligible, under the person's or the enterprise's identity."""

import pytest
from django.test import Client
from django.urls import reverse

from govhall.catalog.elements import version_snapshot
from govhall.catalog.services.implementations import (
    version_approve,
    version_draft_open,
    version_draft_save,
    version_submit,
)
from govhall.identity.models import AssuranceLevel, Enterprise
from govhall.identity.session import ENTERPRISE_KEY, ENTERPRISE_LABEL_KEY, LEVEL_KEY, METHOD_KEY
from tests.person_records import person_make

pytestmark = pytest.mark.django_db

ENTERPRISE_CODE = "91350802MA2Y0000X0"


def require_level(world, level: str) -> None:
    """Publish a new version of the world's item with 认证等级需求 = ``level`` (the real review cycle)."""
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_draft_save(
        version=draft, user=world.manager, elements=version_snapshot(draft) | {"required_level": level}
    )
    version_submit(version=draft, user=world.manager, reason="调整认证等级需求")
    version_approve(version=draft, reviewer=world.reviewer)


def citizen_client(level: str, *, person=None, enterprise=None) -> Client:
    person = person or person_make(level=level)
    client = Client()
    client.force_login(person.user)
    session = client.session
    session[LEVEL_KEY] = level
    session[METHOD_KEY] = "sms" if level == AssuranceLevel.L1 else "certificate"
    if enterprise is not None:
        session[ENTERPRISE_KEY] = enterprise.pk
        session[ENTERPRISE_LABEL_KEY] = f"enterprise:{enterprise.credit_code}"
    session.save()
    return client


def apply_url(world) -> str:
    return reverse("portal:apply", args=[world.implementation.code])


def test_anonymous_visitor_is_sent_to_log_in_and_back(client, world):
    response = client.get(apply_url(world))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('portal:login')}?next={apply_url(world)}"


def test_level_below_the_requirement_explains_which_level_and_how(world):
    client = citizen_client(AssuranceLevel.L1)  # the item needs L2 (the default)

    response = client.get(apply_url(world))
    html = response.content.decode()

    assert response.status_code == 403
    assert "需要二级（实名核验）" in html
    assert "您当前登录的认证等级为<strong>一级（注册用户）</strong>" in html
    assert "完成实名核验" in html
    assert f'href="{reverse("portal:account_upgrade")}?next=' in html
    assert "您符合在线申请的认证要求" not in html


def test_an_l3_item_refuses_an_l2_session_and_points_to_certificate_login(world):
    require_level(world, AssuranceLevel.L3)
    client = citizen_client(AssuranceLevel.L2)

    response = client.get(apply_url(world))
    html = response.content.decode()

    assert response.status_code == 403
    assert "需要三级（数字证书）" in html
    assert f'href="{reverse("portal:certificate_login")}?next=' in html
    assert "使用数字证书登录" in html


def test_the_session_level_counts_not_the_account_level(world):
    """A verified (L2) person who logged in this time with a lower-level method is held to the session."""
    person = person_make(level=AssuranceLevel.L2)
    client = citizen_client(AssuranceLevel.L1, person=person)

    assert client.get(apply_url(world)).status_code == 403


def test_sufficient_level_confirms_eligibility_as_the_person(world):
    person = person_make(name="李四", level=AssuranceLevel.L2)
    client = citizen_client(AssuranceLevel.L2, person=person)

    response = client.get(apply_url(world))
    html = response.content.decode()

    assert response.status_code == 200
    assert "您符合在线申请的认证要求" in html
    assert "申请身份</dt><dd>个人" in html
    assert f"李四（{person.id_number_masked}）" in html
    assert person.id_number_masked.count("*") == 10  # masked, never the full number
    assert "开始填写" in html  # the application itself: see test_applications.py


def test_an_l1_item_accepts_a_registered_user(world):
    require_level(world, AssuranceLevel.L1)
    client = citizen_client(AssuranceLevel.L1)

    assert client.get(apply_url(world)).status_code == 200


def test_an_agent_acting_for_an_enterprise_applies_under_the_enterprise(world):
    representative = person_make(name="王五", level=AssuranceLevel.L2, username="rep")
    enterprise = Enterprise.objects.create(
        credit_code=ENTERPRISE_CODE, name="龙岩市示例食品有限公司", representative=representative
    )
    client = citizen_client(AssuranceLevel.L3, person=representative, enterprise=enterprise)

    response = client.get(apply_url(world))
    html = response.content.decode()

    assert response.status_code == 200
    assert "法人（代企业办理）" in html
    assert f"龙岩市示例食品有限公司（统一社会信用代码 {ENTERPRISE_CODE}）" in html
    assert "经办人</dt><dd>王五" in html


def test_an_item_that_is_not_live_is_the_chinese_404(world):
    client = citizen_client(AssuranceLevel.L3)

    response = client.get(reverse("portal:apply", args=["NO-SUCH-ITEM"]))

    assert response.status_code == 404


def test_the_guide_shows_the_requirement_and_its_online_button_points_to_apply(client, world):
    response = client.get(reverse("portal:guide", args=[world.implementation.code]))
    html = response.content.decode()

    assert "<dt>认证等级需求</dt><dd>二级（实名核验）</dd>" in html
    assert f'<a class="button" href="{apply_url(world)}">在线办理</a>' in html
