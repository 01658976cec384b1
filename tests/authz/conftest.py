"""The actors of the authorisation matrix and what their requests need (an implementation, a person)."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client

from govhall.directory.models import Department
from govhall.directory.services import department_upsert
from govhall.identity.models import Person, StaffRole
from govhall.identity.services.staff import staff_upsert

from ..factories import World, build_world, credit_code
from ..person_records import person_make
from ..staff_login import staff_client


@dataclass
class Authz:
    world: World
    other_department: Department
    users: dict[str, User | None]
    person: Person

    def client(self, actor: str) -> Client:
        return staff_client(self.users[actor])


@pytest.fixture
def authz(db) -> Authz:
    world = build_world()
    other_department = department_upsert(
        credit_code=credit_code(802_0099),
        name="龙岩市新罗区人力资源和社会保障局",
        region=world.county,
        phone="0597-3333333",
    )

    def staff(username: str, region, roles, department=None) -> User:
        return staff_upsert(
            username=username, display_name=username, region=region, roles=roles, department=department
        ).user

    person = person_make()
    users: dict[str, User | None] = {
        "anonymous": None,
        "citizen": person.user,
        "clerk": staff("authz_clerk", world.county, [StaffRole.WINDOW_CLERK], world.county_department),
        "other_clerk": staff("authz_other_clerk", world.county, [StaffRole.WINDOW_CLERK], other_department),
        "county_manager": world.manager,
        "province_manager": staff("authz_fj_manager", world.province, [StaffRole.CATALOG_MANAGER]),
        "city_supervisor": staff("authz_ly_supervisor", world.city, [StaffRole.SUPERVISOR]),
        "operator": staff("authz_operator", world.province, [StaffRole.OPERATOR]),
    }
    return Authz(world, other_department, users, person)
