"""Test data builders shared by every test module.

``catalog_world`` builds a small, valid world (Fujian → 龙岩市 → 新罗区, two departments, one
published 食品经营许可 implementation) through the real services, so tests exercise the same
paths as production.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User

from govhall.catalog.models import CatalogItem, ItemImplementation
from govhall.catalog.services.basic import catalog_item_create, theme_upsert
from govhall.catalog.services.implementations import (
    implementation_create,
    version_approve,
    version_submit,
)
from govhall.directory.models import Department, Region
from govhall.directory.services import department_upsert, region_upsert
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert

# Unified social credit codes that pass the GB 32100 checksum.
CREDIT_CODES = [
    "11350800003800930B",
    "113508020040000457",
    "11350000003600901W",
    "11350802MB00000013",
]


def credit_code(seed: int) -> str:
    """A valid credit code derived from ``seed`` (for tests needing many departments)."""
    from stdnum.cn import uscc

    body = f"113508{seed:011d}"[:17]
    return body + uscc.calc_check_digit(body)


def sample_elements(**overrides: Any) -> dict[str, Any]:
    elements: dict[str, Any] = {
        "audiences": ["legal_person", "person"],
        "conditions": "1. 申请人应当具有与经营的食品品种、数量相适应的经营场所；\n2. 有食品安全专业技术人员。",
        "statutory_limit": 20,
        "statutory_limit_unit": "working",
        "promised_limit": 10,
        "promised_limit_unit": "working",
        "is_free": True,
        "service_location": "龙岩市新罗区行政服务中心二楼市场监管窗口",
        "service_hours": "周一至周五 上午8:00-12:00，下午14:30-17:30（法定节假日除外）",
        "consult_phone": "0597-2345678",
        "complaint_phone": "0597-12345",
        "online_depth": 4,
        "depth_steps": ["consult", "apply", "pre_review", "accept"],
        "max_visits": 1,
        "result_type": "licence",
        "result_name": "食品经营许可证",
        "delivery_methods": ["window", "courier"],
        "supports_appointment": True,
        "supports_online_payment": False,
        "supports_courier": True,
        "intermediary_services": "",
        "materials": [
            {
                "name": "食品经营许可申请书",
                "requirement": "required",
                "form": "both",
                "original": "original",
                "copies": 1,
                "source": "applicant",
            },
            {
                "name": "营业执照复印件",
                "requirement": "required",
                "form": "paper",
                "original": "copy",
                "copies": 1,
                "source": "government",
                "source_note": "市场监督管理部门核发",
            },
            {
                "name": "委托书",
                "requirement": "conditional",
                "condition_note": "委托他人办理的",
                "form": "paper",
                "original": "original",
                "copies": 1,
                "source": "applicant",
            },
        ],
        "steps": [
            {"name": "申请", "description": "申请人提交材料", "time_limit": 0},
            {"name": "受理", "description": "窗口审查材料是否齐全", "time_limit": 1},
            {"name": "审查", "description": "审查并现场核查", "time_limit": 7},
            {"name": "决定", "description": "作出许可决定并制证", "time_limit": 2},
        ],
        "fees": [],
        "themes": ["open-business"],
    }
    elements.update(overrides)
    return elements


@dataclass
class World:
    province: Region
    city: Region
    county: Region
    other_county: Region
    city_department: Department
    county_department: Department
    manager: User  # county catalog manager
    reviewer: User  # county catalog manager, not the author
    city_manager: User
    other_manager: User  # catalog manager of another county
    item: CatalogItem
    implementation: ItemImplementation


def build_world() -> World:
    province = region_upsert(code="350000", name="福建省")
    city = region_upsert(code="350800", name="龙岩市", parent=province)
    county = region_upsert(code="350802", name="新罗区", parent=city)
    other_county = region_upsert(code="350821", name="长汀县", parent=city)
    city_department = department_upsert(
        credit_code=CREDIT_CODES[0],
        name="龙岩市市场监督管理局",
        region=city,
        phone="0597-2222222",
        address="龙岩市新罗区华莲路138号",
        hours="工作日",
    )
    county_department = department_upsert(
        credit_code=CREDIT_CODES[1],
        name="龙岩市新罗区市场监督管理局",
        region=county,
        parent=city_department,
        phone="0597-2345678",
    )
    roles = [StaffRole.CATALOG_MANAGER]
    manager = staff_upsert(
        username="xl_manager",
        display_name="林晓",
        region=county,
        roles=roles,
        department=county_department,
        password="Xinluo-2026!",
    ).user
    reviewer = staff_upsert(
        username="xl_reviewer",
        display_name="陈静",
        region=county,
        roles=roles,
        department=county_department,
        password="Xinluo-2026!",
    ).user
    city_manager = staff_upsert(
        username="ly_manager", display_name="张伟", region=city, roles=roles, password="Longyan-2026!"
    ).user
    other_manager = staff_upsert(
        username="ct_manager",
        display_name="王芳",
        region=other_county,
        roles=roles,
        password="Changting-2026!",
    ).user
    theme_upsert(code="open-business", name="开办企业", audience="enterprise")
    item = catalog_item_create(
        code="010000000001",
        name="食品经营许可",
        item_type="01",
        legal_basis="《中华人民共和国食品安全法》第三十五条",
        competent_department="市场监督管理部门",
    )
    implementation = implementation_create(
        catalog_item=item, department=county_department, elements=sample_elements(), created_by=manager
    )
    version = implementation.versions.get()
    version_submit(version=version, user=manager, reason="首次编制")
    version_approve(version=version, reviewer=reviewer)
    implementation.refresh_from_db()
    return World(
        province,
        city,
        county,
        other_county,
        city_department,
        county_department,
        manager,
        reviewer,
        city_manager,
        other_manager,
        item,
        implementation,
    )
