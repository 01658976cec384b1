"""The demo citizens: loaded once, at their documented levels, and known to the registry simulator."""

import pytest

from govhall.demo.people import DEMO_PEOPLE, REGISTRY_ONLY, load_people
from govhall.identity.idnumber import id_number_clean
from govhall.identity.models import Person, SimulatedResident
from govhall.identity.registry import SimulatorRegistry

pytestmark = pytest.mark.django_db


def test_demo_people_load_once_at_their_levels():
    assert load_people() == 3
    assert load_people() == 0
    assert Person.objects.count() == 3
    assert SimulatedResident.objects.count() == 3 + len(REGISTRY_ONLY)
    for demo in DEMO_PEOPLE:
        assert id_number_clean(demo.id_number) == demo.id_number
        person = Person.objects.get(name=demo.name)
        assert person.level == demo.level and person.phone_masked == demo.phone[:3] + "****" + demo.phone[-4:]
        assert person.user.check_password("Govhall-demo-2026")


def test_registry_only_residents_answer_as_documented():
    load_people()
    registry = SimulatorRegistry()
    (alive_name, alive_id, _), (dead_name, dead_id, _) = REGISTRY_ONLY
    assert registry.verify(alive_name, alive_id).matched
    assert not registry.verify(dead_name, dead_id).matched
