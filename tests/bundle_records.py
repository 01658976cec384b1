"""一件事 for tests: two member items of other departments of 新罗区 and the 开办餐饮店 bundle.

Both members ask for 经营场所平面图 (shared: uploaded once); the first one also has a licence type
(公共场所卫生许可证), so an approved bundle case issues two licences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govhall.catalog.models import Bundle, ItemImplementation
from govhall.catalog.services.basic import catalog_item_create
from govhall.catalog.services.bundles import bundle_save
from govhall.catalog.services.implementations import implementation_create, version_approve, version_submit
from govhall.licences.services import licence_type_upsert

from .factories import sample_elements

PLAN = {
    "name": "经营场所平面图",
    "requirement": "required",
    "form": "both",
    "original": "original",
    "copies": 1,
    "source": "applicant",
}


def _material(name: str) -> dict[str, Any]:
    return PLAN | {"name": name}


def member_make(
    world: Any, department: Any, *, code: str, name: str, own_material: str
) -> ItemImplementation:
    item = catalog_item_create(
        code=code, name=name, item_type="01", legal_basis="法律依据", competent_department=department.name
    )
    elements = sample_elements(materials=[_material(own_material), PLAN], result_name=f"{name}证", themes=[])
    implementation = implementation_create(
        catalog_item=item, department=department, elements=elements, created_by=world.manager
    )
    version = implementation.versions.get()
    version_submit(version=version, user=world.manager, reason="首次编制")
    version_approve(version=version, reviewer=world.reviewer)
    implementation.refresh_from_db()
    return implementation


@dataclass
class BundleSetup:
    bundle: Bundle
    health: ItemImplementation
    fire: ItemImplementation


def bundle_build(world: Any, co_departments: list[Any]) -> BundleSetup:
    health = member_make(
        world,
        co_departments[0],
        code="010050000016",
        name="公共场所卫生许可",
        own_material="公共场所卫生许可申请表",
    )
    fire = member_make(
        world,
        co_departments[1],
        code="010090000001",
        name="公众聚集场所投入使用、营业前消防安全检查",
        own_material="消防安全检查申报表",
    )
    licence_type_upsert(
        actor=None,
        code="GGCSWSXKZ",
        name="公共场所卫生许可证",
        issuer_level=3,
        metadata_schema={
            "type": "object",
            "properties": {"business_name": {"type": "string", "title": "经营者名称"}},
        },
        validity_years=4,
        item_codes=[health.catalog_item.code],
    )
    bundle = bundle_save(
        actor=world.manager,
        code="open-restaurant",
        name="开办餐饮店",
        description="一次申请，并联审批",
        region=world.county,
        lead=world.implementation,
        members=[health, fire],
    )
    return BundleSetup(bundle=bundle, health=health, fire=fire)


def co_departments_make(world: Any) -> list[Any]:
    """Two other departments of 新罗区 (卫健, 消防) — the members' implementing bodies."""
    from govhall.directory.services import department_upsert

    from .factories import credit_code

    return [
        department_upsert(
            credit_code=credit_code(802_0101 + n), name=name, region=world.county, phone="0597-3000000"
        )
        for n, name in enumerate(["龙岩市新罗区卫生健康局", "龙岩市新罗区消防救援大队"])
    ]
