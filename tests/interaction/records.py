"""Builders for interaction tests: the county department's staff, another department, a citizen."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from govhall.directory.models import Department
from govhall.directory.services import department_upsert
from govhall.identity.models import Person, StaffRole
from govhall.identity.services.staff import staff_upsert

from ..factories import World, credit_code
from ..person_records import person_make


@dataclass
class Desk:
    world: World
    person: Person
    clerk: User
    head: User
    other_department: Department
    other_clerk: User
    supervisor: User


def staff(username: str, department: Department | None, region, *roles: str) -> User:
    return staff_upsert(
        username=username, display_name=username, region=region, roles=list(roles), department=department
    ).user


def desk_build(world: World) -> Desk:
    other = department_upsert(
        credit_code=credit_code(802_0099),
        name="龙岩市新罗区人力资源和社会保障局",
        region=world.county,
        phone="0597-3333333",
    )
    department = world.county_department
    return Desk(
        world=world,
        person=person_make(name="张三"),
        clerk=staff("ix_clerk", department, world.county, StaffRole.WINDOW_CLERK),
        head=staff("ix_head", department, world.county, StaffRole.DEPARTMENT_HEAD),
        other_department=other,
        other_clerk=staff("ix_other", other, world.county, StaffRole.WINDOW_CLERK),
        supervisor=staff("ix_supervisor", None, world.city, StaffRole.SUPERVISOR),
    )
