"""The actors of the authorisation matrix and what their requests need (an implementation, a person)."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from govhall.directory.models import Department
from govhall.directory.services import department_upsert
from govhall.identity.models import Person, StaffRole
from govhall.identity.services.staff import staff_upsert

from ..factories import World, build_world, credit_code
from ..person_records import ID_NUMBERS, person_make
from ..staff_login import staff_client


@dataclass
class Authz:
    world: World
    other_department: Department
    users: dict[str, User | None]
    person: Person
    _case: Any = None

    def client(self, actor: str) -> Client:
        return staff_client(self.users[actor])

    def case(self) -> Any:
        """A window case of the world's implementation taken by ``clerk`` (its 受理 task open); made on first use.

        Rows call it from ``prepare`` (outside the per-request rollback) so every actor sees the same case.
        """
        if self._case is None:
            from govhall.cases.services.window import WindowApplicant, case_window_intake

            from ..workbench.cases_setup import png_bytes

            self._case = case_window_intake(
                clerk=self.users["clerk"],
                who=WindowApplicant(id_number=ID_NUMBERS[1], name="李四"),
                implementation_code=self.world.implementation.code,
                scenario_answers={},
                form_data={},
                scans={1: [("申请书.png", png_bytes())]},
                delivery="window",
            )
        return self._case


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
