"""Portal pages: certificate login and binding, enterprise registration, acting for, agent management.

Authorisation matrix on every page: anonymous, the representative, the agent, another person.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from govhall.core.models import AuditEntry
from govhall.identity.models import AgentMandate, CertificateChallenge, Enterprise
from govhall.identity.services.enterprises import agent_mandate_grant
from govhall.identity.session import ENTERPRISE_KEY, LEVEL_KEY, MANDATE_KEY, METHOD_KEY
from tests.identity.certificates.pki import (
    ENTERPRISE_CODE,
    LI_ID,
    WANG_ID,
    ZHANG_ID,
    person_make,
    sign,
    signed_form,
)

pytestmark = pytest.mark.django_db
LOGIN = reverse("portal:certificate_login")


def mandate_for(firm, **overrides):
    arguments = {
        "enterprise": firm.enterprise,
        "agent_id_number": LI_ID,
        "agent_name": "李秀英",
        "all_items": True,
        "item_codes": [],
        "valid_from": timezone.localdate(),
        "valid_until": timezone.localdate() + timedelta(days=30),
        "granted_by": firm.representative.user,
    }
    return agent_mandate_grant(**(arguments | overrides))


# ---------------------------------------------------------------- certificate login


def test_login_page_shows_a_fresh_challenge_and_the_signing_script(client, pki):
    response = client.get(LOGIN)
    assert response.status_code == 200
    challenge = CertificateChallenge.objects.get()
    assert challenge.nonce in response.content.decode()
    assert "portal/certificate.js" in response.content.decode()
    assert 'name="key' not in response.content.decode()  # the key file input is never submitted


def test_person_logs_in_with_certificate_at_l3(client, pki):
    person = person_make(name="张建国", id_number=ZHANG_ID)
    response = client.post(LOGIN, signed_form(pki.issue()))
    assert response.status_code == 302 and response["Location"] == reverse("portal:account")
    assert int(client.session["_auth_user_id"]) == person.user_id
    assert (client.session[LEVEL_KEY], client.session[METHOD_KEY]) == ("L3", "certificate")
    login = AuditEntry.objects.get(action="identity.login")
    assert login.summary == {"level": "L3", "method": "certificate"}


def test_pasted_signature_from_signing_software_logs_in(client, pki):
    person_make(name="张建国", id_number=ZHANG_ID)
    issued = pki.issue(key_type="ec")
    client.get(LOGIN)
    nonce = CertificateChallenge.objects.get().nonce
    form = {
        "nonce": nonce,
        "certificate_pem": signed_form(issued)["certificate_pem"],
        "signature": sign(issued.key, nonce),
    }
    assert client.post(LOGIN, form).status_code == 302


def test_bad_signature_is_refused_on_the_page(client, pki):
    person_make(name="张建国", id_number=ZHANG_ID)
    form = signed_form(pki.issue())
    form["signature"] = sign(pki.issue().key, form["nonce"])
    response = client.post(LOGIN, form)
    assert response.status_code == 400
    assert "签名验证失败" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_replayed_login_is_refused_on_the_page(client, pki):
    person_make(name="张建国", id_number=ZHANG_ID)
    form = signed_form(pki.issue())
    client.post(LOGIN, form)
    client.logout()
    response = client.post(LOGIN, form)
    assert response.status_code == 400 and "已使用过" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_enterprise_certificate_login_lands_on_the_agents_page(client, pki, firm):
    issued = pki.issue(kind="enterprise", name="龙岩闽西食品有限公司", serial=ENTERPRISE_CODE)
    response = client.post(LOGIN, signed_form(issued))
    assert response["Location"] == reverse("portal:enterprise_agents", args=[ENTERPRISE_CODE])
    assert int(client.session["_auth_user_id"]) == Enterprise.objects.get().user_id
    assert client.session[LEVEL_KEY] == "L3"
    assert client.get(response["Location"]).status_code == 200


# ---------------------------------------------------------------- binding


def test_bind_requires_login(client, pki):
    response = client.get(reverse("portal:certificate_bind"))
    assert response.status_code == 302 and reverse("portal:login") in response["Location"]


def test_person_binds_own_certificate_and_session_rises_to_l3(client, pki):
    person = person_make(name="张建国", id_number=ZHANG_ID)
    client.force_login(person.user)
    response = client.post(reverse("portal:certificate_bind"), signed_form(pki.issue()))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.level == "L3" and client.session[LEVEL_KEY] == "L3"


def test_binding_another_persons_certificate_is_refused_on_the_page(client, pki):
    person = person_make(name="李秀英", id_number=LI_ID)
    client.force_login(person.user)
    response = client.post(reverse("portal:certificate_bind"), signed_form(pki.issue()))
    assert response.status_code == 400 and "不能绑定他人的数字证书" in response.content.decode()
    person.refresh_from_db()
    assert person.level == "L2"


# ---------------------------------------------------------------- registration


def test_representative_registers_enterprise_on_the_page(client, pki):
    person = person_make(name="张建国", id_number=ZHANG_ID)
    client.force_login(person.user)
    issued = pki.issue(kind="enterprise", name="龙岩闽西食品有限公司", serial=ENTERPRISE_CODE)
    response = client.post(reverse("portal:enterprise_register"), signed_form(issued))
    assert response["Location"] == reverse("portal:enterprise_agents", args=[ENTERPRISE_CODE])
    assert Enterprise.objects.get().representative == person


def test_unverified_person_cannot_register_an_enterprise(client, pki):
    person = person_make(name="张建国", id_number=ZHANG_ID, level="L1")
    client.force_login(person.user)
    assert "请先完成实名认证" in client.get(reverse("portal:enterprise_register")).content.decode()
    issued = pki.issue(kind="enterprise", name="龙岩闽西食品有限公司", serial=ENTERPRISE_CODE)
    response = client.post(reverse("portal:enterprise_register"), signed_form(issued))
    assert response.status_code == 400 and "二级及以上" in response.content.decode()
    assert not Enterprise.objects.exists()


# ---------------------------------------------------------------- agents page matrix


def agents_url(code=ENTERPRISE_CODE):
    return reverse("portal:enterprise_agents", args=[code])


def grant_form(**overrides):
    today = timezone.localdate()
    return {
        "agent_name": "李秀英",
        "agent_id_number": LI_ID,
        "scope": "all",
        "item_codes": "",
        "valid_from": today.isoformat(),
        "valid_until": (today + timedelta(days=90)).isoformat(),
    } | overrides


def test_agents_page_matrix(client, firm):
    mandate_for(firm)
    assert client.get(agents_url()).status_code == 302  # anonymous → login
    for outsider in (firm.agent, firm.other):
        client.force_login(outsider.user)
        response = client.get(agents_url())
        assert response.status_code == 403 and "只有法定代表人" in response.content.decode()
        assert (
            client.post(agents_url(), grant_form(agent_id_number=WANG_ID, agent_name="王芳")).status_code
            == 403
        )
    client.force_login(firm.representative.user)
    page = client.get(agents_url())
    assert page.status_code == 200 and "李秀英" in page.content.decode()
    assert client.get(agents_url("91350100M000100Y43")).status_code == 404
    assert AgentMandate.objects.count() == 1


def test_representative_grants_with_chosen_items(client, firm, world):
    client.force_login(firm.representative.user)
    response = client.post(agents_url(), grant_form(scope="chosen", item_codes=world.item.code))
    assert response.status_code == 302
    mandate = AgentMandate.objects.get()
    assert (mandate.all_items, mandate.item_codes, mandate.granted_by) == (
        False,
        [world.item.code],
        firm.representative.user,
    )


def test_grant_with_unknown_item_code_or_wrong_name_shows_the_reason(client, firm, world):
    client.force_login(firm.representative.user)
    response = client.post(agents_url(), grant_form(scope="chosen", item_codes="999999999999"))
    assert response.status_code == 400 and "基本目录中没有以下事项编码" in response.content.decode()
    response = client.post(agents_url(), grant_form(agent_name="李四"))
    assert response.status_code == 400 and "姓名与身份证号码不一致" in response.content.decode()
    assert not AgentMandate.objects.exists()


def test_representative_revokes_with_reason(client, firm):
    mandate = mandate_for(firm)
    client.force_login(firm.representative.user)
    url = reverse("portal:enterprise_agent_revoke", args=[ENTERPRISE_CODE, mandate.pk])
    client.post(url, {"reason": ""})
    mandate.refresh_from_db()
    assert mandate.revoked_at is None
    client.post(url, {"reason": "经办人离职"})
    mandate.refresh_from_db()
    assert mandate.revoke_reason == "经办人离职" and mandate.revoked_by == firm.representative.user


def test_agent_cannot_revoke(client, firm):
    mandate = mandate_for(firm)
    client.force_login(firm.agent.user)
    response = client.post(
        reverse("portal:enterprise_agent_revoke", args=[ENTERPRISE_CODE, mandate.pk]), {"reason": "不干了"}
    )
    assert response.status_code == 403
    mandate.refresh_from_db()
    assert mandate.revoked_at is None


# ---------------------------------------------------------------- acting for an enterprise


def test_agent_acts_for_enterprise_and_later_entries_record_both(client, firm):
    mandate = mandate_for(firm)
    client.force_login(firm.agent.user)
    listing = client.get(reverse("portal:enterprise_list"))
    assert "龙岩闽西食品有限公司" in listing.content.decode() and "经办人" in listing.content.decode()
    client.post(reverse("portal:enterprise_act"), {"credit_code": ENTERPRISE_CODE})
    assert (client.session[ENTERPRISE_KEY], client.session[MANDATE_KEY]) == (firm.enterprise.pk, mandate.pk)
    act = AuditEntry.objects.get(action="identity.act_for")
    assert (act.actor_id, act.on_behalf_of) == (firm.agent.user_id, f"enterprise:{ENTERPRISE_CODE}")
    # Every page's header now says whom the session acts for.
    assert f"代表企业 {ENTERPRISE_CODE}" in client.get(reverse("portal:home")).content.decode()
    client.post(reverse("portal:logout"))  # any later audited action in the session
    logout = AuditEntry.objects.get(action="identity.logout")
    assert (logout.actor_id, logout.on_behalf_of) == (firm.agent.user_id, f"enterprise:{ENTERPRISE_CODE}")


def test_a_revoked_mandate_ends_acting_for_the_enterprise_on_the_next_request(client, firm):
    mandate = mandate_for(firm)
    client.force_login(firm.agent.user)
    client.post(reverse("portal:enterprise_act"), {"credit_code": ENTERPRISE_CODE})
    assert client.session[ENTERPRISE_KEY] == firm.enterprise.pk

    AgentMandate.objects.filter(pk=mandate.pk).update(revoked_at=timezone.now())  # revoked meanwhile
    page = client.get(reverse("portal:home")).content.decode()

    assert ENTERPRISE_KEY not in client.session
    assert "代表企业" not in page and "已切换回个人身份" in page
    client.post(reverse("portal:logout"))
    assert AuditEntry.objects.get(action="identity.logout").on_behalf_of == ""


def test_stop_acting_clears_the_enterprise(client, firm):
    client.force_login(firm.representative.user)
    client.post(reverse("portal:enterprise_act"), {"credit_code": ENTERPRISE_CODE})
    assert client.session[MANDATE_KEY] is None  # the representative needs no mandate
    client.post(reverse("portal:enterprise_act_stop"))
    assert ENTERPRISE_KEY not in client.session
    assert "代表企业" not in client.get(reverse("portal:home")).content.decode()
    client.post(reverse("portal:logout"))
    assert AuditEntry.objects.get(action="identity.logout").on_behalf_of == ""


def test_other_person_or_revoked_agent_cannot_act_for_enterprise(client, firm):
    mandate = mandate_for(firm)
    client.force_login(firm.other.user)
    assert client.post(reverse("portal:enterprise_act"), {"credit_code": ENTERPRISE_CODE}).status_code == 403
    assert ENTERPRISE_KEY not in client.session
    from govhall.identity.services.enterprises import agent_mandate_revoke

    agent_mandate_revoke(mandate=mandate, by=firm.representative.user, reason="撤销")
    client.force_login(firm.agent.user)
    assert client.post(reverse("portal:enterprise_act"), {"credit_code": ENTERPRISE_CODE}).status_code == 403
    assert not AuditEntry.objects.filter(action="identity.act_for").exists()


def test_enterprise_pages_refuse_anonymous(client, firm):
    for name in ("portal:enterprise_list", "portal:enterprise_register", "portal:certificate_bind"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("portal:login") in response["Location"]
    assert client.post(reverse("portal:enterprise_act"), {"credit_code": ENTERPRISE_CODE}).status_code == 302


def test_my_account_lists_enterprises_and_agents(client, firm):
    mandate_for(firm)
    client.force_login(firm.representative.user)
    page = client.get(reverse("portal:account")).content.decode()
    assert "我可代表的企业" in page and "龙岩闽西食品有限公司" in page
    assert "我授权的经办人" in page and "李秀英" in page
    client.force_login(firm.agent.user)
    page = client.get(reverse("portal:account")).content.decode()
    assert "龙岩闽西食品有限公司" in page and "经办人" in page
