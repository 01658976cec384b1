"""Applying online in tests: the world's 食品经营许可 with the demo form and scenario, citizens, files, a clerk.

The guide version is the world's published one, given the demo 申请表单 and 情形引导 directly (as the
catalog's review cycle would have published them), plus a 原食品经营许可证 material that applies only
to 延续 / 遗失补领 and may be satisfied from the wallet.
"""

from __future__ import annotations

import io
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from reportlab.pdfgen import canvas

from govhall.cases.models import Case, Draft
from govhall.catalog.models import Material
from govhall.demo.data.application_forms import FOOD_BUSINESS_SCENARIO, food_business_form
from govhall.identity.models import AssuranceLevel, StaffRole
from govhall.identity.services.staff import staff_upsert
from govhall.identity.session import LEVEL_KEY, METHOD_KEY
from tests.person_records import ID_NUMBERS, person_make

OLD_LICENCE_TYPE = "SPJYXKZ"


def food_item_with_form(world: Any, *, form: bool = True, scenario: bool = True) -> Any:
    """The world's live version with the demo form and scenario; returns the version."""
    version = world.implementation.published_version
    version.form_schema = food_business_form() if form else {}
    version.scenario = FOOD_BUSINESS_SCENARIO if scenario else {}
    version.save(update_fields=["form_schema", "scenario"])
    if scenario:
        Material.objects.create(
            version=version,
            position=4,
            name="原食品经营许可证",
            requirement="required",
            source="government",
            licence_types=[OLD_LICENCE_TYPE],
            applies_when={"apply_kind": ["renewal", "lost"]},
        )
    return version


def citizen(*, name: str = "张三", number: int = 0, level: str = AssuranceLevel.L2) -> tuple[Any, Client]:
    person = person_make(
        name=name,
        id_number=ID_NUMBERS[number],
        phone=f"1380013800{number}",
        level=level,
        username=f"citizen{number}",
    )
    client = Client()
    client.force_login(person.user)
    session = client.session
    session[LEVEL_KEY] = level
    session[METHOD_KEY] = "sms"
    session.save()
    return person, client


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "PNG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Application form")
    page.save()
    return out.getvalue()


def upload(name: str = "申请书.png", content: bytes | None = None) -> SimpleUploadedFile:
    content = png_bytes() if content is None else content
    kind = "application/pdf" if content.startswith(b"%PDF") else "image/png"
    return SimpleUploadedFile(name, content, content_type=kind)


FORM_POST = {
    "form.operator_name": "新罗区好味小吃店",
    "form.business_address": "龙岩市新罗区西城街道中山路 8 号",
    "form.area": "45.5",
    "form.business_type": "餐饮服务经营者",
    "form.business_items": "热食类食品制售",
    "form.opened_on": "2026-03-01",
    "form.staff.__rows": "1",
    "form.staff.0.name": "王五",
    "form.staff.0.id_number": ID_NUMBERS[1],
    "form.staff.0.health_certificate_no": "JK-2026-001",
}


def current_draft(person: Any) -> Draft:
    return Draft.objects.filter(owner=person.user, case__isnull=True).latest("updated_at")


def start(client: Client, world: Any) -> Any:
    return client.post(reverse("portal:apply", args=[world.implementation.code]))


def save(client: Client, draft: Draft, data: dict[str, Any], **headers: str) -> Any:
    return client.post(reverse("portal:draft_save", args=[draft.pk]), data, **headers)


def fill_first_application(
    client: Client, world: Any, person: Any, form: dict[str, Any] | None = None
) -> Draft:
    """Start, answer 首次申请, fill the form and upload the application form (not submitted)."""
    start(client, world)
    draft = current_draft(person)
    save(client, draft, {"step": "scenario", "scenario.apply_kind": "first", "go": "form"})
    save(client, draft, {"step": "form", **(form or FORM_POST)})
    client.post(reverse("portal:draft_material_upload", args=[draft.pk, 1]), {"files": upload()})
    return draft


def submit(client: Client, draft: Draft, **data: str) -> Any:
    return client.post(reverse("portal:draft_submit", args=[draft.pk]), {"delivery": "electronic", **data})


def applied_case(client: Client, world: Any, person: Any) -> Case:
    draft = fill_first_application(client, world, person)
    response = submit(client, draft)
    assert response.status_code == 302, response
    draft.refresh_from_db()
    assert draft.case_id is not None
    return draft.case


def window_clerk(world: Any) -> User:
    return staff_upsert(
        username="xl_clerk",
        display_name="黄敏",
        region=world.county,
        roles=[StaffRole.WINDOW_CLERK],
        department=world.county_department,
        password="Xinluo-2026!",
    ).user
