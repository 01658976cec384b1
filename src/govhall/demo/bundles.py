"""Demo 一件事 (``bundles_demo_load``), idempotent: 开办餐饮店 in 新罗区.

Lead: 食品经营许可 of 龙岩市新罗区市场监督管理局 (its form, its licence 食品经营许可证); members:
公共场所卫生许可 (龙岩市新罗区卫生健康局) and 发票领用 (国家税务总局龙岩市新罗区税务局), whose
departments countersign in parallel. Loaded after the implementations are published.
"""

from __future__ import annotations

from govhall.catalog.models import Bundle, ItemImplementation
from govhall.catalog.services.bundles import bundle_save
from govhall.core.audit import audit_context_use
from govhall.directory.models import Region

RESTAURANT = {
    "code": "open-restaurant",
    "name": "开办餐饮店",
    "description": "开一家餐馆，一次申请同时办理食品经营许可、公共场所卫生许可和发票领用：一套材料、牵头部门统一受理，"
    "各部门并联审批，统一出具办理结果并签发电子证照。",
    "region": "新罗区",
    "lead": "010010000027",  # 食品经营许可
    "members": ["010050000016", "200140000039"],  # 公共场所卫生许可, 发票领用
}


def bundles_demo_load() -> int:
    """Create the demo bundles that are missing; returns how many were created."""
    if Bundle.objects.filter(code=RESTAURANT["code"]).exists():
        return 0
    region = Region.objects.filter(name=RESTAURANT["region"]).order_by("level").first()
    if region is None:
        return 0

    def live(item_code: str) -> ItemImplementation | None:
        found = ItemImplementation.objects.filter(
            region=region, catalog_item__code=item_code, handling_item__isnull=True
        ).first()
        return found if found is not None and found.is_live else None

    lead = live(RESTAURANT["lead"])
    members = [m for m in (live(code) for code in RESTAURANT["members"]) if m is not None]
    if lead is None or not members:
        return 0
    with audit_context_use(channel="command"):
        bundle_save(
            actor=None,
            code=RESTAURANT["code"],
            name=RESTAURANT["name"],
            description=RESTAURANT["description"],
            region=region,
            lead=lead,
            members=members,
        )
    return 1
