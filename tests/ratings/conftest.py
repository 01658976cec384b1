"""Fixtures for 好差评 tests: the world's department and its staff (case_records.desk_build), a city
supervisor, another department with a clerk, real cases through the cases services, and case snapshots
for fixtures that need many ratings without many cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User

from govhall.cases.selectors_ratings import CaseForRating, case_for_rating
from govhall.cases.services import handling
from govhall.directory.models import Department
from govhall.directory.services import department_upsert
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert

from ..case_records import Desk, desk_build, submit_online
from ..factories import World, credit_code


@dataclass
class Ratings:
    world: World
    desk: Desk
    supervisor: User  # 龙岩市 supervisor (city: sees the county)
    other_department: Department
    other_clerk: User
    other_supervisor: User  # 长汀县 supervisor (a sibling county: sees nothing of 新罗区)

    def accepted_case(self) -> CaseForRating:
        """A real online case of the world's item, accepted by the department's window clerk today."""
        case = submit_online(self.world, self.desk.applicant)
        handling.case_accept(actor=self.desk.clerk, case=case)
        return case_for_rating(case_id=case.pk)

    def snapshot(
        self,
        case_id: int,
        *,
        department: Department | None = None,
        accepted_on: dt.date = dt.date(2026, 3, 2),
        status: str = "in_review",
        completed_on: dt.date | None = None,
    ) -> CaseForRating:
        """A case as ratings see it, without creating one (for fixtures with many ratings)."""
        department = department or self.world.county_department
        return CaseForRating(
            id=case_id,
            number=f"350802-20260302-{case_id:06d}-X",
            item_name="食品经营许可",
            department_id=department.pk,
            department_name=department.name,
            region_id=department.region_id,
            region_path=department.region.path,
            applicant_person_id=self.desk.person.pk,
            applicant_user_id=self.desk.person.user_id,
            applicant_person_name=self.desk.person.name,
            applicant_name=self.desk.person.name,
            status=status,
            accepted_on=accepted_on,
            completed_on=completed_on,
        )


@pytest.fixture
def ratings(world: World) -> Ratings:
    desk = desk_build(world)
    other = department_upsert(
        credit_code=credit_code(802_0097),
        name="龙岩市新罗区人力资源和社会保障局",
        region=world.county,
        phone="0597-3333333",
    )

    def staff(username: str, region: Any, roles: list[str], department: Department | None = None) -> User:
        return staff_upsert(
            username=username, display_name=username, region=region, roles=roles, department=department
        ).user

    return Ratings(
        world=world,
        desk=desk,
        supervisor=staff("ly_rating_supervisor", world.city, [StaffRole.SUPERVISOR]),
        other_department=other,
        other_clerk=staff("xl_rs_clerk", world.county, [StaffRole.WINDOW_CLERK], other),
        other_supervisor=staff("ct_rating_supervisor", world.other_county, [StaffRole.SUPERVISOR]),
    )
