"""A small, fully known world for the indicator tests: two counties of 龙岩市, three departments, a
city-level department, five implementations and eleven cases around the week 2026-05-18 … 05-24.

Implementations go through the real catalog services. Cases, their materials and cards are
written as rows (the shape ``cases.bulk`` writes): the indicators read rows, and the dates, channels,
deadlines and visits must be exactly what the hand computations in the tests assume.

Cases (R = received_on, C = completed_at local, due = promised_due unless noted, v = visits):

  新罗区 市场监管 (X)  X1 online  A  R 05-18  C 05-22 10:00  due 05-29  v0  materials: upload, 免提交
                      X2 window  B  R 05-19  C 05-24 23:30  due 05-22  v2  (late: Sunday, still the week)
                      X3 online  A  R 05-11  C 05-25 00:10  due 05-20  v1  (completed next Monday)
                      X4 back    A  R 05-20  C 05-20 16:00  statutory 05-21 only  v1
                                     materials: 证照 (current), 证照 (superseded), 免提交
                      X5 online  A  R 05-21  in review      due 05-22        (open and overdue)
                      X6 online  A  R 05-17  C 05-18 00:05  due 05-25  v0  materials: 免提交 (received before)
  新罗区 人社 (Y)      Y1 window  C  R 05-18  C 05-19 09:00  due 05-19  v1
  长汀县 市场监管 (Z)  Z1 online  D  R 05-22  C 05-23 11:00  due 05-26  v0  materials: 免提交, 证照, upload
                      Z2 window  D  R 05-24  submitted
                      Z3 online  D  R 05-25  submitted      (received next Monday)
  龙岩市 市场监管 (W)  W1 online  A  R 05-18  C 05-19 15:00  due 05-20  v0

Implementations (listed materials): A 新罗区 X published ★4 跑1 (3) — the world's; B 新罗区 X
published ★2 跑2 (2); C 新罗区 Y draft (3); D 长汀县 Z published ★3 跑0 (3); E 长汀县 Z withdrawn.
Cards: yellow X 05-19, red X 05-24, red Z 05-25 (next week), yellow 长汀县 without department 05-18.
The rollup of May and June is refreshed once everything is written (as the periodic scan would).
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import sys
import types
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from govhall.cases.models import Case, CaseMaterial, Channel, Delivery
from govhall.catalog.models import ItemImplementation
from govhall.catalog.services.basic import catalog_item_create
from govhall.catalog.services.implementations import (
    implementation_change_status,
    implementation_create,
    version_approve,
    version_submit,
)
from govhall.directory.models import Department, Region
from govhall.directory.services import department_upsert, region_upsert
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert
from govhall.supervision.models import Card
from govhall.supervision.rollup.services import rollup_refresh

from ..factories import World, build_world, credit_code, sample_elements
from ..person_records import person_make

WEEK_START = dt.date(2026, 5, 18)  # Monday
WEEK_END = dt.date(2026, 5, 24)  # Sunday
TZ = timezone.get_fixed_timezone(8 * 60)
ROLLUP_START, ROLLUP_END = dt.date(2026, 5, 1), dt.date(2026, 6, 30)  # the days the fixture refreshes


def at(day: str, hhmm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"2026-{day}T{hhmm}:00").replace(tzinfo=TZ)


def d(day: str) -> dt.date:
    return dt.date.fromisoformat(f"2026-{day}")


@dataclass
class IndicatorWorld:
    world: World
    xinluo: Region
    changting: Region
    dept_x: Department
    dept_y: Department
    dept_z: Department
    dept_w: Department
    cases: dict[str, Case]
    city_supervisor: Any
    province_supervisor: Any
    other_city_supervisor: Any
    other_city: Region


def _implementation(world: World, code: str, name: str, department: Department, **elements: Any):
    item = catalog_item_create(
        code=code, name=name, item_type="01", legal_basis="依据", competent_department="部门"
    )
    return implementation_create(
        catalog_item=item,
        department=department,
        elements=sample_elements(**elements),
        created_by=None,
        check_scope=False,
    )


def _publish(world: World, implementation: ItemImplementation) -> ItemImplementation:
    """Submitted by the county's catalog manager, approved by another (新罗区) or the city's (长汀县)."""
    version = implementation.versions.get()
    xinluo = implementation.region_id == world.county.pk
    version_submit(version=version, user=world.manager if xinluo else world.other_manager, reason="首次编制")
    version_approve(version=version, reviewer=world.reviewer if xinluo else world.city_manager)
    implementation.refresh_from_db()
    return implementation


_numbers = itertools.count(1)


def _case(
    person,
    implementation,
    department,
    *,
    channel,
    received,
    status,
    completed=None,
    due=None,
    statutory=None,
    visits=0,
) -> Case:
    serial = next(_numbers)
    submitted = dt.datetime.combine(received, dt.time(9), TZ)
    return Case.objects.create(
        number=f"{department.region.code[:6]}-{received:%Y%m%d}-{serial:06d}-X",
        channel=channel,
        implementation_code=implementation.code,
        item_code=implementation.catalog_item.code,
        item_name=implementation.catalog_item.name,
        version_id=implementation.versions.order_by("-number").first().pk,
        region=department.region,
        department=department,
        applicant=person,
        applicant_name=person.name,
        applicant_number_masked=person.id_number_masked,
        query_digest="0" * 64,
        submitted_by=person.user,
        delivery=Delivery.ELECTRONIC,
        status=status,
        submitted_at=submitted,
        received_on=received,
        accept_due=received + dt.timedelta(days=7),
        accepted_on=received if status != "submitted" else None,
        promised_due=due,
        statutory_due=statutory,
        completed_at=completed,
        visits=visits,
        back_entry=channel == Channel.BACK_ENTRY,
        process_key="standard",
    )


def _materials(case: Case, *sources: str, superseded: tuple[str, ...] = ()) -> None:
    rows = [(s, False) for s in sources] + [(s, True) for s in superseded]
    for position, (source, old) in enumerate(rows, start=1):
        CaseMaterial.objects.create(
            case=case,
            material_position=position,
            name=f"材料{position}",
            source=source,
            superseded=old,
            added_by=case.submitted_by,
        )


def _card(level: str, region: Region, department: Department | None, issued: dt.date, subject: str) -> Card:
    return Card.objects.create(
        level=level,
        rule="overdue" if level == "red" else "near_due",
        subject_type="case",
        subject_id=subject,
        subject_label=subject,
        department=department,
        region=region,
        reason="测试",
        issued_on=issued,
        issued_at=dt.datetime.combine(issued, dt.time(8), TZ),
    )


def indicator_world_build() -> IndicatorWorld:
    world = build_world()
    xinluo, changting, city = world.county, world.other_county, world.city
    dept_x, dept_w = world.county_department, world.city_department
    dept_y = department_upsert(
        credit_code=credit_code(802_0201), name="龙岩市新罗区人力资源和社会保障局", region=xinluo
    )
    dept_z = department_upsert(
        credit_code=credit_code(821_0301), name="长汀县市场监督管理局", region=changting
    )
    impl_a = world.implementation
    materials_two = sample_elements()["materials"][:2]
    impl_b = _publish(
        world,
        _implementation(
            world,
            "010000000002",
            "食品小作坊登记",
            dept_x,
            online_depth=2,
            max_visits=2,
            materials=materials_two,
        ),
    )
    impl_c = _implementation(world, "010000000003", "就业登记", dept_y)
    impl_d = _publish(
        world,
        _implementation(world, "010000000004", "食品经营许可（长汀）", dept_z, online_depth=3, max_visits=0),
    )
    impl_e = _publish(world, _implementation(world, "010000000005", "已取消事项", dept_z))
    implementation_change_status(
        implementation=impl_e, user=world.other_manager, action="withdrawn", reason="取消"
    )

    person = person_make(name="王五")
    c: dict[str, Case] = {}
    c["X1"] = _case(
        person,
        impl_a,
        dept_x,
        channel="online",
        received=d("05-18"),
        status="completed",
        completed=at("05-22", "10:00"),
        due=d("05-29"),
        visits=0,
    )
    c["X2"] = _case(
        person,
        impl_b,
        dept_x,
        channel="window",
        received=d("05-19"),
        status="completed",
        completed=at("05-24", "23:30"),
        due=d("05-22"),
        visits=2,
    )
    c["X3"] = _case(
        person,
        impl_a,
        dept_x,
        channel="online",
        received=d("05-11"),
        status="completed",
        completed=at("05-25", "00:10"),
        due=d("05-20"),
        visits=1,
    )
    c["X4"] = _case(
        person,
        impl_a,
        dept_x,
        channel="back_entry",
        received=d("05-20"),
        status="completed",
        completed=at("05-20", "16:00"),
        statutory=d("05-21"),
        visits=1,
    )
    c["X5"] = _case(
        person, impl_a, dept_x, channel="online", received=d("05-21"), status="in_review", due=d("05-22")
    )
    c["X6"] = _case(
        person,
        impl_a,
        dept_x,
        channel="online",
        received=d("05-17"),
        status="completed",
        completed=at("05-18", "00:05"),
        due=d("05-25"),
        visits=0,
    )
    c["Y1"] = _case(
        person,
        impl_c,
        dept_y,
        channel="window",
        received=d("05-18"),
        status="completed",
        completed=at("05-19", "09:00"),
        due=d("05-19"),
        visits=1,
    )
    c["Z1"] = _case(
        person,
        impl_d,
        dept_z,
        channel="online",
        received=d("05-22"),
        status="completed",
        completed=at("05-23", "11:00"),
        due=d("05-26"),
        visits=0,
    )
    c["Z2"] = _case(person, impl_d, dept_z, channel="window", received=d("05-24"), status="submitted")
    c["Z3"] = _case(person, impl_d, dept_z, channel="online", received=d("05-25"), status="submitted")
    c["W1"] = _case(
        person,
        impl_a,
        dept_w,
        channel="online",
        received=d("05-18"),
        status="completed",
        completed=at("05-19", "15:00"),
        due=d("05-20"),
        visits=0,
    )
    _materials(c["X1"], "upload", "exempt")
    _materials(c["X4"], "licence", "exempt", superseded=("licence",))
    _materials(c["X6"], "exempt")
    _materials(c["Z1"], "exempt", "licence", "upload")

    _card("yellow", xinluo, dept_x, d("05-19"), c["X2"].number)
    _card("red", xinluo, dept_x, d("05-24"), c["X2"].number)
    _card("red", changting, dept_z, d("05-25"), c["Z2"].number)
    _card("yellow", changting, None, d("05-18"), "item-x")

    other_city = region_upsert(code="350100", name="福州市", parent=world.province)
    rollup_refresh(start=ROLLUP_START, end=ROLLUP_END)  # what the periodic scan keeps up to date
    return IndicatorWorld(
        world,
        xinluo,
        changting,
        dept_x,
        dept_y,
        dept_z,
        dept_w,
        c,
        city_supervisor=staff_upsert(
            username="ind_ly_supervisor", display_name="龙岩监察", region=city, roles=[StaffRole.SUPERVISOR]
        ).user,
        province_supervisor=staff_upsert(
            username="ind_fj_supervisor",
            display_name="省监察",
            region=world.province,
            roles=[StaffRole.SUPERVISOR],
        ).user,
        other_city_supervisor=staff_upsert(
            username="ind_fz_supervisor",
            display_name="福州监察",
            region=other_city,
            roles=[StaffRole.SUPERVISOR],
        ).user,
        other_city=other_city,
    )


def fake_interaction(monkeypatch, xinluo: Region, changting: Region, other: Region, dept_x, dept_z) -> None:
    """Install the interaction contexts' supervision selectors with known rows (and one out of scope)."""

    def interaction_indicator_rows(*, start, end):
        assert (start, end) == (WEEK_START, WEEK_END) or start <= end
        return [
            {
                "region_id": xinluo.pk,
                "department_id": dept_x.pk,
                "consultations": 4,
                "consultations_replied_on_time": 3,
                "complaints": 2,
                "complaints_closed": 1,
            },
            {
                "region_id": changting.pk,
                "department_id": dept_z.pk,
                "consultations": 1,
                "consultations_replied_on_time": 1,
                "complaints": 0,
                "complaints_closed": 0,
            },
            {
                "region_id": other.pk,
                "department_id": None,
                "consultations": 10,
                "consultations_replied_on_time": 0,
                "complaints": 10,
                "complaints_closed": 0,
            },
        ]

    def rating_indicator_rows(*, start, end):
        return [
            {
                "region_id": xinluo.pk,
                "department_id": dept_x.pk,
                "ratings": 5,
                "satisfied": 4,
                "poor": 1,
                "rectified": 1,
            },
            {
                "region_id": changting.pk,
                "department_id": dept_z.pk,
                "ratings": 3,
                "satisfied": 3,
                "poor": 0,
                "rectified": 0,
            },
        ]

    for name, function in (
        ("govhall.interaction.selectors_supervision", interaction_indicator_rows),
        ("govhall.interaction.ratings.selectors_supervision", rating_indicator_rows),
    ):
        try:
            module = importlib.import_module(name)
        except ImportError:  # that context has not landed: stand in for its module
            module = types.ModuleType(name)
            monkeypatch.setitem(sys.modules, name, module)
        monkeypatch.setattr(module, function.__name__, function, raising=False)
