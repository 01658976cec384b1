"""Window pages: a window clerk finds an enterprise, grants and revokes on the representative's behalf.

Matrix: anonymous → workbench login; a citizen and a catalog manager → Chinese 403; the clerk → the page.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from govhall.core.models import AuditEntry
from govhall.identity.models import AgentMandate, StaffRole
from govhall.identity.services.staff import staff_upsert
from tests.identity.certificates.pki import ENTERPRISE_CODE, LI_ID
from tests.staff_login import staff_client

pytestmark = pytest.mark.django_db
FIND = reverse("workbench:enterprise_find")
DETAIL = reverse("workbench:enterprise_detail", args=[ENTERPRISE_CODE])


@pytest.fixture
def clerk(world):
    return staff_upsert(
        username="xl_window",
        display_name="吴窗口",
        region=world.county,
        department=world.county_department,
        roles=[StaffRole.WINDOW_CLERK],
    ).user


def grant_form(**overrides):
    today = timezone.localdate()
    return {
        "agent_name": "李秀英",
        "agent_id_number": LI_ID,
        "all_items": "on",
        "item_codes": "",
        "valid_from": today.isoformat(),
        "valid_until": (today + timedelta(days=60)).isoformat(),
        "reason": "法定代表人出具授权委托书，已核验原件",
    } | overrides


def test_anonymous_goes_to_the_workbench_login(client, firm):
    for url in (FIND, DETAIL):
        response = client.get(url)
        assert response.status_code == 302 and reverse("workbench:login") in response["Location"]


def test_citizen_and_catalog_manager_are_refused_in_chinese(client, firm, world):
    for user in (firm.representative.user, world.manager):
        client = staff_client(user)
        for url in (FIND, DETAIL):
            response = client.get(url)
            assert response.status_code == 403
            assert "无权访问" in response.content.decode()
        assert client.post(DETAIL, grant_form()).status_code == 403
    assert not AgentMandate.objects.exists()


def test_clerk_finds_enterprise_by_credit_code(client, firm, clerk):
    client = staff_client(clerk)
    response = client.get(FIND, {"credit_code": ENTERPRISE_CODE.lower()})
    assert response.status_code == 302 and response["Location"] == DETAIL
    page = client.get(DETAIL).content.decode()
    assert "龙岩闽西食品有限公司" in page and "张建国" in page
    missing = client.get(FIND, {"credit_code": "91350100M000100Y43"})
    assert "尚未注册法人账号" in missing.content.decode()


def test_clerk_grants_at_the_window_and_the_audit_names_the_clerk(client, firm, clerk):
    client = staff_client(clerk)
    response = client.post(DETAIL, grant_form())
    assert response.status_code == 302
    mandate = AgentMandate.objects.get()
    assert (mandate.agent, mandate.granted_by, mandate.all_items) == (firm.agent, clerk, True)
    entry = AuditEntry.objects.get(action="identity.mandate_grant")
    assert entry.actor_id == clerk.pk and "吴窗口" in entry.actor_label
    assert entry.reason.startswith("法定代表人出具授权委托书") and entry.channel == "workbench"
    assert "李秀英" in client.get(DETAIL).content.decode()


def test_clerk_grant_without_reason_or_with_bad_agent_is_refused(client, firm, clerk):
    client = staff_client(clerk)
    assert client.post(DETAIL, grant_form(reason="")).status_code == 400
    response = client.post(DETAIL, grant_form(agent_name="李四"))
    assert response.status_code == 400 and "姓名与身份证号码不一致" in response.content.decode()
    assert not AgentMandate.objects.exists()


def test_clerk_revokes_with_reason(client, firm, clerk):
    client = staff_client(clerk)
    client.post(DETAIL, grant_form())
    mandate = AgentMandate.objects.get()
    url = reverse("workbench:enterprise_mandate_revoke", args=[ENTERPRISE_CODE, mandate.pk])
    client.post(url, {"reason": ""})
    mandate.refresh_from_db()
    assert mandate.revoked_at is None
    client.post(url, {"reason": "法定代表人书面申请撤销"})
    mandate.refresh_from_db()
    assert mandate.revoked_by == clerk and mandate.revoke_reason == "法定代表人书面申请撤销"
    assert AuditEntry.objects.get(action="identity.mandate_revoke").actor_id == clerk.pk


def test_unknown_enterprise_is_a_chinese_404(client, clerk):
    client = staff_client(clerk)
    response = client.get(reverse("workbench:enterprise_detail", args=["91350100M000100Y43"]))
    assert response.status_code == 404
