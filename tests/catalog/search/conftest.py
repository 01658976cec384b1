"""A small catalog for the search tests, built through the real services on top of ``world``.

Regions: 福建省 → 龙岩市 → 新罗区 / 长汀县. Live implementations (name — region):
食品经营许可 — 新罗区 (from ``world``) and 长汀县; 食品经营许可（新办）— 新罗区;
个体工商户营业执照核发 — 新罗区; 居民身份证换领 — 龙岩市; 婚姻登记 — 新罗区;
食品生产许可 — 福建省; 药品经营许可 — 长汀县; 住房公积金提取 — 龙岩市; 出生医学证明 — 新罗区.
One more 食品经营许可 implementation (龙岩市) stays a draft and must never be found.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest

from govhall.catalog.models import CatalogItem, ItemImplementation
from govhall.catalog.search.indexer import search_index_refresh
from govhall.catalog.services.basic import catalog_item_create, handling_item_create, theme_upsert
from govhall.catalog.services.implementations import implementation_create, version_approve, version_submit
from govhall.directory.models import Department, Region
from govhall.directory.services import department_upsert
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert
from tests.factories import World, credit_code, sample_elements


def plain_elements(*, materials: list[str], conditions: str, **overrides: Any) -> dict[str, Any]:
    """Guide elements with the given materials and conditions (nothing about food, unlike the sample)."""
    rows = [
        {
            "name": name,
            "requirement": "required",
            "form": "both",
            "original": "original",
            "copies": 1,
            "source": "applicant",
        }
        for name in materials
    ]
    values: dict[str, Any] = {
        "materials": rows,
        "conditions": conditions,
        "result_name": "",
        "themes": [],
        "result_type": "other",
    }
    values.update(overrides)
    return sample_elements(**values)


@dataclass
class SearchCatalog:
    world: World
    provincial_department: Department
    changting_department: Department
    police: Department
    civil_affairs: Department
    fund_centre: Department
    health: Department
    author: Any
    reviewer: Any
    items: dict[str, CatalogItem] = field(default_factory=dict)
    implementations: dict[str, ItemImplementation] = field(default_factory=dict)

    def code(self, key: str) -> str:
        return self.implementations[key].code

    def publish(
        self,
        key: str,
        *,
        item: CatalogItem,
        department: Department,
        elements: dict[str, Any],
        handling_item: Any = None,
        popularity: int = 0,
    ) -> ItemImplementation:
        implementation = implementation_create(
            catalog_item=item,
            department=department,
            elements=elements,
            created_by=self.author,
            handling_item=handling_item,
        )
        version = implementation.versions.get()
        version_submit(version=version, user=self.author, reason="首次编制")
        version_approve(version=version, reviewer=self.reviewer)
        if popularity:
            ItemImplementation.objects.filter(pk=implementation.pk).update(popularity=popularity)
            search_index_refresh([implementation.pk])
        implementation.refresh_from_db()
        self.implementations[key] = implementation
        return implementation


def _department(seed: int, name: str, region: Region) -> Department:
    return department_upsert(credit_code=credit_code(seed), name=name, region=region)


def _items() -> dict[str, CatalogItem]:
    basis = "《政务服务事项管理办法》"
    specs = {
        "licence": ("010000000002", "个体工商户营业执照核发", "01"),
        "id_card": ("070000000003", "居民身份证换领", "07"),
        "marriage": ("070000000004", "婚姻登记", "07"),
        "food_production": ("010000000005", "食品生产许可", "01"),
        "drug_trade": ("010000000006", "药品经营许可", "01"),
        "fund": ("200000000007", "住房公积金提取", "20"),
        "birth": ("200000000008", "出生医学证明", "20"),
    }
    return {
        key: catalog_item_create(code=code, name=name, item_type=item_type, legal_basis=basis)
        for key, (code, name, item_type) in specs.items()
    }


@pytest.fixture
def catalog(world: World) -> SearchCatalog:
    province_manager = [StaffRole.CATALOG_MANAGER]
    author = staff_upsert(
        username="fj_author", display_name="省级编制人", region=world.province, roles=province_manager
    ).user
    reviewer = staff_upsert(
        username="fj_reviewer", display_name="省级审核人", region=world.province, roles=province_manager
    ).user
    theme_upsert(code="birth", name="出生", audience="person")
    catalog = SearchCatalog(
        world=world,
        provincial_department=_department(201, "福建省市场监督管理局", world.province),
        changting_department=_department(202, "长汀县市场监督管理局", world.other_county),
        police=_department(203, "龙岩市公安局", world.city),
        civil_affairs=_department(204, "龙岩市新罗区民政局", world.county),
        fund_centre=_department(205, "龙岩市住房公积金中心", world.city),
        health=_department(206, "龙岩市新罗区卫生健康局", world.county),
        author=author,
        reviewer=reviewer,
        items=_items(),
    )
    catalog.items["food_trade"] = world.item
    catalog.implementations["food_trade"] = world.implementation
    items = catalog.items
    person = {"audiences": ["person"]}
    catalog.publish(
        "food_trade_changting",
        item=world.item,
        department=catalog.changting_department,
        elements=sample_elements(),
        popularity=50,
    )
    new_business = handling_item_create(catalog_item=world.item, suffix="01", name="新办")
    catalog.publish(
        "food_trade_new",
        item=world.item,
        department=world.county_department,
        elements=sample_elements(),
        handling_item=new_business,
    )
    catalog.publish(
        "licence",
        item=items["licence"],
        department=world.county_department,
        popularity=300,
        elements=plain_elements(
            materials=["个体工商户设立登记申请书", "经营者身份证明"],
            conditions="有固定的经营场所",
            online_depth=5,
            themes=["open-business"],
        ),
    )
    catalog.publish(
        "id_card",
        item=items["id_card"],
        department=catalog.police,
        popularity=900,
        elements=plain_elements(
            materials=["居民户口簿", "近期免冠照片"],
            conditions="有效期满或证件损坏",
            online_depth=2,
            **person,
        ),
    )
    catalog.publish(
        "marriage",
        item=items["marriage"],
        department=catalog.civil_affairs,
        popularity=400,
        elements=plain_elements(
            materials=["居民户口簿", "居民身份证"], conditions="双方自愿", online_depth=2, **person
        ),
    )
    catalog.publish(
        "food_production",
        item=items["food_production"],
        department=catalog.provincial_department,
        elements=plain_elements(
            materials=["食品生产许可申请书"],
            conditions="有生产场所",
            audiences=["legal_person"],
            online_depth=3,
        ),
    )
    catalog.publish(
        "drug_trade",
        item=items["drug_trade"],
        department=catalog.changting_department,
        elements=plain_elements(
            materials=["药品经营许可申请表"],
            conditions="有执业药师",
            audiences=["legal_person"],
            online_depth=3,
        ),
    )
    catalog.publish(
        "fund",
        item=items["fund"],
        department=catalog.fund_centre,
        popularity=700,
        elements=plain_elements(materials=["提取申请表"], conditions="购房或退休", online_depth=4, **person),
    )
    catalog.publish(
        "birth",
        item=items["birth"],
        department=catalog.health,
        popularity=200,
        elements=plain_elements(
            materials=["新生儿父母身份证件"],
            conditions="在本市助产机构出生",
            online_depth=3,
            themes=["birth"],
            **person,
        ),
    )
    implementation_create(
        catalog_item=world.item,
        department=world.city_department,
        elements=sample_elements(),
        created_by=author,
    )
    return catalog
