"""A handling department for the case page tests: window clerk, reviewer, head, and a clerk elsewhere."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.contrib.auth.models import User
from PIL import Image

from govhall.cases.models import Case
from govhall.cases.services.window import WindowApplicant, case_window_intake
from govhall.directory.models import Department
from govhall.directory.services import department_upsert
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert

from ..factories import World, credit_code
from ..person_records import ID_NUMBERS


def png_bytes(colour: str = "white") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


@dataclass
class Desk:
    world: World
    clerk: User
    reviewer: User
    head: User
    other_clerk: User
    other_department: Department

    def intake(self, name: str = "张三", id_number: str = ID_NUMBERS[0]) -> Case:
        return case_window_intake(
            clerk=self.clerk,
            who=WindowApplicant(id_number=id_number, name=name),
            implementation_code=self.world.implementation.code,
            scenario_answers={},
            form_data={},
            scans={1: [("申请书.png", png_bytes())]},
            delivery="window",
        )


def desk_build(world: World) -> Desk:
    county, department = world.county, world.county_department

    def staff(username: str, name: str, role: str, dept: Department) -> User:
        return staff_upsert(
            username=username, display_name=name, region=county, roles=[role], department=dept
        ).user

    other = department_upsert(
        credit_code=credit_code(802_0098),
        name="龙岩市新罗区人力资源和社会保障局",
        region=county,
        phone="0597-3333333",
    )
    return Desk(
        world,
        staff("desk_clerk", "窗口小李", StaffRole.WINDOW_CLERK, department),
        staff("desk_reviewer", "审查小王", StaffRole.REVIEWER, department),
        staff("desk_head", "科长老陈", StaffRole.DEPARTMENT_HEAD, department),
        staff("desk_other_clerk", "人社窗口", StaffRole.WINDOW_CLERK, other),
        other,
    )
