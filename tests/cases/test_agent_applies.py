"""An agent (经办人) applies for an enterprise: the case belongs to the enterprise, the agent is recorded,
and a mandate that does not cover the item is refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from govhall.cases.selectors import cases_of_applicant
from govhall.cases.services.applicants import Applicant
from govhall.core.models import AuditEntry
from govhall.identity.models import AgentMandate, AssuranceLevel, Enterprise

from ..case_records import desk_build, submit_online
from ..person_records import ID_NUMBERS, person_make

pytestmark = pytest.mark.django_db

CREDIT_CODE = "91350802MA31X6YQ46"


def agent_of(world, *, item_codes: list[str] | None = None):
    representative = person_make(name="王建国", id_number=ID_NUMBERS[1], phone="13900000001", username="rep")
    enterprise = Enterprise.objects.create(
        credit_code=CREDIT_CODE, name="龙岩市闽西食品有限公司", representative=representative
    )
    desk = desk_build(world)
    today = dt.date.today()
    mandate = AgentMandate.objects.create(
        enterprise=enterprise,
        agent=desk.person,
        all_items=item_codes is None,
        item_codes=item_codes or [],
        valid_from=today - dt.timedelta(days=1),
        valid_until=today + dt.timedelta(days=365),
        granted_by=representative.user,
    )
    agent = Applicant(
        user=desk.person.user,
        person=desk.person,
        level=AssuranceLevel.L2,
        enterprise=enterprise,
        mandate=mandate,
    )
    return agent, enterprise


def test_the_case_is_the_enterprises_and_names_the_agent(world):
    agent, enterprise = agent_of(world)
    case = submit_online(world, agent)
    assert case.enterprise == enterprise and case.applicant == agent.person
    assert (case.applicant_name, case.applicant_number_masked) == (enterprise.name, CREDIT_CODE)
    entry = AuditEntry.objects.get(action="case.submitted", object_id=str(case.pk))
    assert entry.summary["enterprise"] == CREDIT_CODE and entry.summary["agent"] == agent.person.name
    # the enterprise's cases, not the agent's own
    assert list(cases_of_applicant(agent)) == [case]
    own = Applicant(user=agent.user, person=agent.person, level=AssuranceLevel.L2)
    assert not cases_of_applicant(own).exists()
    # the progress query takes the credit code's last six characters
    from govhall.cases.selectors import case_public_progress

    assert case_public_progress(case.number, CREDIT_CODE[-6:]) == case
    assert case_public_progress(case.number, agent.person.id_number_masked[-6:]) is None


def test_a_mandate_for_other_items_is_refused(world):
    agent, _ = agent_of(world, item_codes=["010000000099"])
    with pytest.raises(ValidationError, match="授权不包含该事项"):
        submit_online(world, agent)
