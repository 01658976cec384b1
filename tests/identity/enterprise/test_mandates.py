"""Agent mandates: who may grant, agent identity, scope, validity, revocation, renewal, selectors."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from govhall.core.models import AuditEntry
from govhall.identity.models import AgentMandate, StaffRole
from govhall.identity.selectors_enterprises import (
    enterprises_for_person,
    mandate_covers,
    mandates_for_agent,
    mandates_of_enterprise,
)
from govhall.identity.services.enterprises import (
    agent_mandate_grant,
    agent_mandate_grant_at_window,
    agent_mandate_revoke,
    agent_mandate_revoke_at_window,
)
from govhall.identity.services.staff import staff_upsert
from tests.identity.certificates.pki import LI_ID, WANG_ID

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def grant(firm, *, by=None, **overrides):
    arguments = {
        "enterprise": firm.enterprise,
        "agent_id_number": LI_ID,
        "agent_name": "李秀英",
        "all_items": True,
        "item_codes": [],
        "valid_from": TODAY(),
        "valid_until": TODAY() + timedelta(days=30),
        "granted_by": by or firm.representative.user,
    }
    return agent_mandate_grant(**(arguments | overrides))


def refused(firm, **overrides) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        grant(firm, **overrides)
    assert not AgentMandate.objects.exists()
    return caught.value


def test_representative_grants_an_all_items_mandate(firm):
    mandate = grant(firm)
    assert (mandate.agent, mandate.all_items, mandate.granted_by) == (
        firm.agent,
        True,
        firm.representative.user,
    )
    entry = AuditEntry.objects.get(action="identity.mandate_grant")
    assert entry.actor_id == firm.representative.user_id
    assert entry.summary["agent"] == firm.agent.id_number_masked and LI_ID not in str(entry.summary)


def test_enterprise_account_may_grant(firm):
    assert grant(firm, by=firm.enterprise.user).granted_by == firm.enterprise.user


def test_agent_or_stranger_may_not_grant(firm):
    grant(firm)
    with pytest.raises(PermissionDenied):
        grant(firm, by=firm.agent.user, agent_id_number=WANG_ID, agent_name="王芳")
    with pytest.raises(PermissionDenied):
        grant(firm, by=firm.other.user)
    assert AgentMandate.objects.count() == 1


def test_agent_must_be_registered(firm):
    from govhall.identity.idnumber import id_number_with_check

    error = refused(firm, agent_id_number=id_number_with_check("35010219900307123"), agent_name="无名氏")
    assert error.code == "agent_unregistered"
    assert refused(firm, agent_id_number="350102199003071230", agent_name="无名氏").code == "checksum"


def test_agent_name_must_match_the_id_number(firm):
    assert refused(firm, agent_name="李秀").code == "agent_name_mismatch"


def test_agent_must_be_verified(firm):
    firm.agent.level = "L1"
    firm.agent.save(update_fields=["level"])
    assert refused(firm).code == "agent_level"


def test_representative_cannot_be_their_own_agent(firm):
    from tests.identity.certificates.pki import ZHANG_ID

    assert refused(firm, agent_id_number=ZHANG_ID, agent_name="张建国").code == "agent_is_representative"


@pytest.mark.parametrize(
    ("valid_from", "valid_until", "code"),
    [
        (-1, 30, "period_backdated"),
        (10, 5, "period_order"),
        (0, 5 * 366 + 1, "period_too_long"),
    ],
)
def test_dates_must_be_sane(firm, valid_from, valid_until, code):
    error = refused(
        firm,
        valid_from=TODAY() + timedelta(days=valid_from),
        valid_until=TODAY() + timedelta(days=valid_until),
    )
    assert error.code == code


def test_chosen_scope_needs_items(firm):
    assert refused(firm, all_items=False, item_codes=[]).code == "scope_empty"


def test_scope_limits_what_the_mandate_covers(firm):
    mandate = grant(firm, all_items=False, item_codes=["010000000001"])
    assert mandate_covers(mandate, "010000000001")
    assert not mandate_covers(mandate, "010000000002")
    assert mandate_covers(grant(firm), "010000000002")  # renewed with all items


def test_validity_period_bounds_the_mandate(firm):
    mandate = grant(firm, valid_from=TODAY() + timedelta(days=2), valid_until=TODAY() + timedelta(days=5))
    assert not mandate_covers(mandate, "010000000001")  # not yet valid
    assert mandate_covers(mandate, "010000000001", on=TODAY() + timedelta(days=3))
    assert not mandate_covers(mandate, "010000000001", on=TODAY() + timedelta(days=6))
    assert list(mandates_for_agent(firm.agent)) == []
    assert list(mandates_for_agent(firm.agent, on=TODAY() + timedelta(days=3))) == [mandate]


def test_revocation_ends_the_mandate_and_is_audited_with_reason(firm):
    mandate = grant(firm)
    agent_mandate_revoke(mandate=mandate, by=firm.representative.user, reason="经办人离职")
    mandate.refresh_from_db()
    assert mandate.revoked_at is not None and mandate.revoke_reason == "经办人离职"
    assert not mandate_covers(mandate, "010000000001")
    assert list(mandates_for_agent(firm.agent)) == []
    assert AuditEntry.objects.get(action="identity.mandate_revoke").reason == "经办人离职"


def test_revocation_needs_a_reason_and_the_right_person(firm):
    mandate = grant(firm)
    with pytest.raises(ValidationError):
        agent_mandate_revoke(mandate=mandate, by=firm.representative.user, reason=" ")
    with pytest.raises(PermissionDenied):
        agent_mandate_revoke(mandate=mandate, by=firm.agent.user, reason="我不想干了")
    mandate.refresh_from_db()
    assert mandate.revoked_at is None


def test_revoking_twice_is_refused(firm):
    mandate = grant(firm)
    agent_mandate_revoke(mandate=mandate, by=firm.representative.user, reason="到期")
    with pytest.raises(ValidationError, match="已撤销"):
        agent_mandate_revoke(mandate=mandate, by=firm.representative.user, reason="再次")


def test_renewal_revokes_the_live_mandate(firm):
    first = grant(firm)
    second = grant(firm, valid_until=TODAY() + timedelta(days=300))
    first.refresh_from_db()
    assert first.revoked_at is not None and "续期" in first.revoke_reason
    assert list(mandates_for_agent(firm.agent)) == [second]
    assert mandates_of_enterprise(firm.enterprise).count() == 2


def test_enterprises_for_person_lists_represented_and_mandated(firm):
    grant(firm)
    assert [(r.enterprise, r.role) for r in enterprises_for_person(firm.representative)] == [
        (firm.enterprise, "representative")
    ]
    assert [(r.enterprise, r.role) for r in enterprises_for_person(firm.agent)] == [
        (firm.enterprise, "agent")
    ]
    assert enterprises_for_person(firm.other) == []


def test_window_clerk_grants_and_revokes_and_the_audit_names_the_clerk(firm, world):
    clerk = staff_upsert(
        username="xl_window",
        display_name="吴窗口",
        region=world.county,
        department=world.county_department,
        roles=[StaffRole.WINDOW_CLERK],
    ).user
    mandate = agent_mandate_grant_at_window(
        clerk=clerk,
        enterprise=firm.enterprise,
        agent_id_number=LI_ID,
        agent_name="李秀英",
        all_items=True,
        item_codes=[],
        valid_from=TODAY(),
        valid_until=TODAY() + timedelta(days=10),
        reason="法定代表人出具授权委托书",
    )
    assert mandate.granted_by == clerk
    entry = AuditEntry.objects.get(action="identity.mandate_grant")
    assert (
        entry.actor_id == clerk.pk
        and "吴窗口" in entry.actor_label
        and entry.reason == "法定代表人出具授权委托书"
    )
    agent_mandate_revoke_at_window(clerk=clerk, mandate=mandate, reason="法定代表人申请撤销")
    assert AuditEntry.objects.get(action="identity.mandate_revoke").actor_id == clerk.pk


def test_non_clerk_staff_cannot_grant_at_the_window(firm, world):
    with pytest.raises(PermissionDenied):
        agent_mandate_grant_at_window(
            clerk=world.manager,
            enterprise=firm.enterprise,
            agent_id_number=LI_ID,
            agent_name="李秀英",
            all_items=True,
            item_codes=[],
            valid_from=TODAY(),
            valid_until=TODAY() + timedelta(days=10),
            reason="委托书",
        )
    assert not AgentMandate.objects.exists()
