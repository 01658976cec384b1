"""Portal test data, built through the real services on top of ``world``.

Live: 食品经营许可 — 新罗区 (``world``); 公共场所卫生许可 — 龙岩市 (city level, 5 stars, 零跑动,
fees, themes 开办企业 and 就业创业); 药品经营许可 — 长汀县. Not live: 户外广告设置许可 — 新罗区 (draft),
烟草专卖零售许可 — 新罗区 (suspended), 建筑垃圾处置核准 — 新罗区 (withdrawn).
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User

from govhall.catalog.models import CatalogItem, ItemImplementation
from govhall.catalog.services.basic import catalog_item_create, theme_upsert
from govhall.catalog.services.implementations import (
    implementation_change_status,
    implementation_create,
    version_approve,
    version_submit,
)
from govhall.directory.models import Department
from govhall.directory.services import department_upsert
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert
from tests.factories import CREDIT_CODES, World, credit_code, sample_elements


def publish(
    *, item: CatalogItem, department: Department, author: User, reviewer: User, **overrides: Any
) -> ItemImplementation:
    """Create an implementation and take it through review to published."""
    implementation = implementation_create(
        catalog_item=item, department=department, elements=sample_elements(**overrides), created_by=author
    )
    version = implementation.versions.get()
    version_submit(version=version, user=author, reason="首次编制")
    version_approve(version=version, reviewer=reviewer)
    implementation.refresh_from_db()
    return implementation


def plain_materials(*names: str) -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "requirement": "required",
            "form": "paper",
            "original": "copy",
            "copies": 2,
            "source": "applicant",
        }
        for name in names
    ]


@dataclass
class PortalWorld:
    world: World
    city_reviewer: User
    changting_department: Department
    city_item: ItemImplementation
    changting_item: ItemImplementation
    draft_item: ItemImplementation
    suspended_item: ItemImplementation
    withdrawn_item: ItemImplementation


@pytest.fixture
def portal(world: World) -> PortalWorld:
    city_reviewer = staff_upsert(
        username="ly_reviewer",
        display_name="郑敏",
        region=world.city,
        roles=[StaffRole.CATALOG_MANAGER],
        password="Longyan-2026!",
    ).user
    changting_reviewer = staff_upsert(
        username="ct_reviewer",
        display_name="吴刚",
        region=world.other_county,
        roles=[StaffRole.CATALOG_MANAGER],
        password="Changting-2026!",
    ).user
    changting_department = department_upsert(
        credit_code=CREDIT_CODES[3],
        name="长汀县市场监督管理局",
        region=world.other_county,
        parent=world.city_department,
    )
    theme_upsert(code="employment", name="就业创业", audience="person")
    hygiene = catalog_item_create(
        code="010000000002",
        name="公共场所卫生许可",
        item_type="01",
        legal_basis="《公共场所卫生管理条例》第八条",
    )
    city_item = publish(
        item=hygiene,
        department=world.city_department,
        author=world.city_manager,
        reviewer=city_reviewer,
        online_depth=5,
        depth_steps=["consult", "apply", "pre_review", "accept", "pay", "deliver"],
        max_visits=0,
        is_free=False,
        fees=[{"name": "卫生许可证工本费", "amount": "15.50", "basis": "闽价费〔2019〕12号"}],
        themes=["open-business", "employment"],
        audiences=["legal_person"],
        materials=plain_materials("卫生许可申请表", "从业人员健康合格证明"),
    )
    drugs = catalog_item_create(
        code="010000000003",
        name="药品经营许可",
        item_type="01",
        legal_basis="《中华人民共和国药品管理法》第五十一条",
    )
    changting_item = publish(
        item=drugs,
        department=changting_department,
        author=world.other_manager,
        reviewer=changting_reviewer,
        themes=[],
        materials=plain_materials("药品经营许可申请书"),
    )
    billboard = catalog_item_create(
        code="010000000004",
        name="户外广告设置许可",
        item_type="01",
        legal_basis="《城市市容和环境卫生管理条例》第十一条",
    )
    draft_item = implementation_create(
        catalog_item=billboard,
        department=world.county_department,
        elements=sample_elements(materials=plain_materials("户外广告设计图")),
        created_by=world.manager,
    )
    tobacco = catalog_item_create(
        code="010000000005",
        name="烟草专卖零售许可",
        item_type="01",
        legal_basis="《中华人民共和国烟草专卖法》第十六条",
    )
    suspended_item = publish(
        item=tobacco,
        department=world.county_department,
        author=world.manager,
        reviewer=world.reviewer,
        materials=plain_materials("烟草专卖零售许可申请表"),
    )
    implementation_change_status(
        implementation=suspended_item, user=world.manager, action="suspended", reason="系统升级暂停受理"
    )
    waste = catalog_item_create(
        code="010000000006",
        name="建筑垃圾处置核准",
        item_type="01",
        legal_basis="《城市建筑垃圾管理规定》第七条",
    )
    withdrawn_item = publish(
        item=waste,
        department=world.county_department,
        author=world.manager,
        reviewer=world.reviewer,
        materials=plain_materials("建筑垃圾处置方案"),
    )
    implementation_change_status(
        implementation=withdrawn_item, user=world.manager, action="withdrawn", reason="事项取消"
    )
    return PortalWorld(
        world,
        city_reviewer,
        changting_department,
        city_item,
        changting_item,
        draft_item,
        suspended_item,
        withdrawn_item,
    )


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


__all__ = ["PortalWorld", "credit_code", "plain_materials", "publish"]
