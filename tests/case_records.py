"""Cases for tests that need one without the portal pages: an applicant, the department's case-handling
staff (window clerk, reviewer, head), two co-departments, online submissions through the real services,
and API clients holding the session the portal or the workbench leaves.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from PIL import Image
from rest_framework.test import APIClient

from govhall.cases.models import Case, Draft
from govhall.cases.services.applicants import Applicant
from govhall.cases.services.drafts import draft_material_upload, draft_open, draft_save
from govhall.cases.services.submit import case_submit
from govhall.directory.models import Department
from govhall.directory.services import department_upsert
from govhall.identity.models import AssuranceLevel, Person, StaffRole
from govhall.identity.services.staff import staff_upsert
from govhall.identity.session import LEVEL_KEY, METHOD_KEY
from govhall.licences.services import licence_type_upsert

from .factories import credit_code
from .person_records import person_make
from .staff_login import staff_client


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 220, 240)).save(out, "PNG")
    return out.getvalue()


PNG = _png()


def pdf_bytes(text: str = "application") -> bytes:
    """A small, valid one-page PDF (what an applicant uploads)."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return out.getvalue()


def staff(username: str, display_name: str, department: Department, *roles: str) -> User:
    """Staff of ``department`` (in its region) with ``roles``."""
    return staff_upsert(
        username=username,
        display_name=display_name,
        region=department.region,
        roles=list(roles),
        department=department,
    ).user


@dataclass
class Desk:
    """Who takes part in a case of the world's 食品经营许可."""

    person: Person
    applicant: Applicant
    clerk: User
    reviewer: User
    head: User
    co_departments: list[Department]


def desk_build(world: Any) -> Desk:
    """The applicant (verified, L2 session), the county department's staff, two co-departments and the
    食品经营许可证 licence type issued for the world's item."""
    person = person_make(name="张三", level=AssuranceLevel.L2)
    department = world.county_department
    co_departments = [
        department_upsert(
            credit_code=credit_code(802_0101 + n),
            name=name,
            region=world.county,
            phone="0597-3000000",
        )
        for n, name in enumerate(["龙岩市新罗区卫生健康局", "龙岩市新罗区消防救援大队"])
    ]
    licence_type_upsert(
        actor=None,
        code="SPJYXKZ",
        name="食品经营许可证",
        issuer_level=3,
        metadata_schema={
            "type": "object",
            "properties": {"business_name": {"type": "string", "title": "经营者名称"}},
        },
        validity_years=5,
        item_codes=[world.item.code],
    )
    return Desk(
        person=person,
        applicant=applicant_for(person),
        clerk=staff("xl_clerk", "窗口小李", department, StaffRole.WINDOW_CLERK),
        reviewer=staff("xl_case_reviewer", "审查员小陈", department, StaffRole.REVIEWER),
        head=staff("xl_head", "科长老王", department, StaffRole.DEPARTMENT_HEAD),
        co_departments=co_departments,
    )


def applicant_for(person: Person, level: str = AssuranceLevel.L2) -> Applicant:
    return Applicant(user=person.user, person=person, level=level)


def draft_ready(world: Any, applicant: Applicant, *, form_data: dict[str, Any] | None = None) -> Draft:
    """A draft of the world's item with its one required upload (the 营业执照 copy is 免提交)."""
    draft = draft_open(applicant=applicant, implementation_code=world.implementation.code)
    if form_data is not None:
        draft_save(draft=draft, form_data=form_data)
    draft_material_upload(draft=draft, position=1, content=PNG, filename="申请书.png")
    return draft


def submit_online(
    world: Any, applicant: Applicant, *, form_data: dict[str, Any] | None = None, key: str = ""
) -> Case:
    """An online submission of the world's item by ``applicant``."""
    draft = draft_ready(world, applicant, form_data=form_data)
    return case_submit(draft=draft, applicant=applicant, idempotency_key=key)


def applicant_api_client(person: Person, level: str = AssuranceLevel.L2) -> APIClient:
    """An API client with the person's portal session at ``level``."""
    client = APIClient()
    client.force_login(person.user)
    session = client.session
    session[LEVEL_KEY] = level
    session[METHOD_KEY] = "sms" if level == AssuranceLevel.L1 else "certificate"
    session.save()
    return client


def staff_api_client(user: User, *, verified: bool = True) -> APIClient:
    """An API client holding the workbench session of ``user`` (password + TOTP unless ``verified=False``)."""
    client = APIClient()
    client.cookies = staff_client(user, verified=verified).cookies
    return client
