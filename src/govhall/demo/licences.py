"""Demo licence types and one demo licence (``licences_demo_load``), idempotent.

Types: 食品经营许可证 (``SPJYXKZ``, issued when 食品经营许可 ``010010000027`` is approved),
营业执照 (``YYZZ``, 企业设立登记 ``010010000026`` and 个体工商户设立登记 ``010010000025``) and
药品经营许可证 (``YPJYXKZ``, 药品零售企业经营许可 ``010010000028``). The demo enterprise
龙岩市闽西食品有限公司 gets an electronic 营业执照 from 龙岩市新罗区市场监督管理局, so its agent can
choose it from the wallet as the 营业执照 material of a 食品经营许可 application. The seal
certificate of that department is issued under the platform seal CA on first use.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from govhall.core.audit import audit_context_use
from govhall.directory.selectors import department_list
from govhall.identity.models import Enterprise
from govhall.licences.models import Licence
from govhall.licences.services import licence_issue, licence_type_upsert

from .enterprises import DEMO_ENTERPRISE

FOOD_BUSINESS = "010010000027"
COMPANY_REGISTRATION = "010010000026"
INDIVIDUAL_BUSINESS_REGISTRATION = "010010000025"
PHARMACY_LICENSING = "010010000028"


def _text(title: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "title": title, **extra}


DEMO_TYPES: list[dict[str, Any]] = [
    {
        "code": "SPJYXKZ",
        "name": "食品经营许可证",
        "issuer_level": 3,
        "validity_years": 5,
        "item_codes": [FOOD_BUSINESS],
        "metadata_schema": {
            "type": "object",
            "required": ["business_name", "address", "kind"],
            "properties": {
                "business_name": _text("经营者名称", maxLength=100),
                "legal_representative": _text("法定代表人（负责人）", maxLength=50),
                "address": _text("经营场所", maxLength=200),
                "kind": _text("主体业态", enum=["食品销售经营者", "餐饮服务经营者", "单位食堂"]),
                "items": _text("经营项目", maxLength=300),
            },
            "x-order": ["business_name", "legal_representative", "address", "kind", "items"],
        },
    },
    {
        "code": "YYZZ",
        "name": "营业执照",
        "issuer_level": 3,
        "validity_years": None,
        "item_codes": [COMPANY_REGISTRATION, INDIVIDUAL_BUSINESS_REGISTRATION],
        "metadata_schema": {
            "type": "object",
            "required": ["name", "kind", "legal_representative", "address"],
            "properties": {
                "name": _text("名称", maxLength=200),
                "kind": _text("类型", maxLength=60),
                "legal_representative": _text("法定代表人", maxLength=50),
                "registered_capital": _text("注册资本", maxLength=60),
                "established_on": _text("成立日期", format="date"),
                "address": _text("住所", maxLength=200),
                "scope": _text("经营范围", maxLength=1000),
            },
            "x-order": [
                "name",
                "kind",
                "legal_representative",
                "registered_capital",
                "established_on",
                "address",
                "scope",
            ],
        },
    },
    {
        "code": "YPJYXKZ",
        "name": "药品经营许可证",
        "issuer_level": 2,
        "holder_kind": "enterprise",
        "validity_years": 5,
        "item_codes": [PHARMACY_LICENSING],
        "metadata_schema": {
            "type": "object",
            "required": ["business_name", "address"],
            "properties": {
                "business_name": _text("企业名称", maxLength=200),
                "legal_representative": _text("法定代表人", maxLength=50),
                "quality_officer": _text("质量负责人", maxLength=50),
                "address": _text("注册地址", maxLength=200),
                "scope": _text("经营范围", maxLength=500),
            },
            "x-order": ["business_name", "legal_representative", "quality_officer", "address", "scope"],
        },
    },
]


@transaction.atomic
def licences_demo_load() -> int:
    """Create the demo licence types and the demo enterprise's 营业执照 where missing; returns rows created."""
    created = 0
    with audit_context_use(channel="command"):
        for spec in DEMO_TYPES:
            licence_type_upsert(actor=None, **spec)
        enterprise = Enterprise.objects.filter(credit_code=DEMO_ENTERPRISE.credit_code).first()
        issuer = department_list(region_code="350802", q="市场监督管理局").first()
        if enterprise is None or issuer is None:
            return created  # load_enterprises / load_departments have not run
        if not Licence.objects.filter(holder_enterprise=enterprise, licence_type__code="YYZZ").exists():
            licence_issue(
                actor=None,
                type_code="YYZZ",
                holder_enterprise=enterprise,
                issuer=issuer,
                data={
                    "name": enterprise.name,
                    "kind": "有限责任公司（自然人投资或控股）",
                    "legal_representative": DEMO_ENTERPRISE.representative,
                    "registered_capital": "伍佰万元整",
                    "established_on": "2019-06-18",
                    "address": "福建省龙岩市新罗区西陂街道龙腾南路 88 号",
                    "scope": "食品销售；餐饮服务；农副产品销售。（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
                },
                valid_until=None,
                valid_from=date(2019, 6, 18),
            )
            created += 1
    return created
