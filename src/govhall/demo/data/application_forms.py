"""Demo application forms (申请表单) and scenario questionnaires (情形引导).

食品经营许可 gets a full form: a 申请类型 question (首次申请 / 延续 / 遗失补领) that selects its
materials and the conditional 原许可证编号 field, profile fields taken from the verified account,
an address, a group for the food-safety manager and a repeating group of staff. Every other demo
item gets a generic form: the applicant's profile fields and a 申请事由. The shapes follow
``docs/cases.md`` § Form definition and are checked by ``catalog.application_forms``.
"""

from typing import Any

APPLY_KIND = "apply_kind"

FOOD_BUSINESS_SCENARIO: dict[str, Any] = {
    "questions": [
        {
            "key": APPLY_KIND,
            "label": "申请类型",
            "help": "许可证有效期届满需要继续经营的选“延续”；许可证遗失、损坏的选“遗失补领”。",
            "options": [
                {"value": "first", "label": "首次申请"},
                {"value": "renewal", "label": "延续"},
                {"value": "lost", "label": "遗失补领"},
            ],
        }
    ]
}


def _profile(key: str, title: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "title": title, "x-profile": key, **extra}


def _text(title: str, max_length: int = 100, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "title": title, "maxLength": max_length, **extra}


def food_business_form() -> dict[str, Any]:
    """食品经营许可申请表."""
    properties: dict[str, Any] = {
        "applicant_name": _profile("name", "申请人（经办人）"),
        "applicant_id_number": _profile("id_number", "经办人身份证号码"),
        "applicant_phone": _profile("phone", "联系电话"),
        "enterprise_name": _profile("enterprise_name", "企业名称", description="以企业身份办理时由账户带出"),
        "credit_code": _profile("credit_code", "统一社会信用代码"),
        "legal_representative": _profile("legal_representative", "法定代表人（负责人）"),
        "operator_name": _text("经营者名称", description="与营业执照上的名称一致"),
        "old_licence_no": _text(
            "原许可证编号",
            30,
            description="食品经营许可证上的许可证编号，如 JY13502030012345",
            **{"x-when": {APPLY_KIND: ["renewal", "lost"]}},
        ),
        "lost_statement": _text(
            "遗失或损坏情况说明", 500, **{"x-widget": "textarea", "x-when": {APPLY_KIND: ["lost"]}}
        ),
        "business_address": _text("经营场所", 200, **{"x-widget": "address"}),
        "area": {"type": "number", "title": "经营场所面积（平方米）", "minimum": 1, "maximum": 100000},
        "business_type": {
            "type": "string",
            "title": "主体业态",
            "enum": ["食品销售经营者", "餐饮服务经营者", "单位食堂"],
        },
        "business_items": {
            "type": "string",
            "title": "经营项目",
            "enum": ["预包装食品销售", "散装食品销售", "热食类食品制售", "冷食类食品制售", "自制饮品制售"],
        },
        "opened_on": {"type": "string", "format": "date", "title": "计划开业日期"},
        "safety_manager": {
            "type": "object",
            "title": "食品安全管理人员",
            "required": ["name", "id_number"],
            "properties": {
                "name": _text("姓名", 50),
                "id_number": {"type": "string", "title": "身份证号码", "x-widget": "id_number"},
                "phone": _text("联系电话", 20),
            },
        },
        "staff": {
            "type": "array",
            "title": "从业人员",
            "description": "接触直接入口食品的从业人员，每人一行；仅经营者本人经营的可不填",
            "maxItems": 50,
            "items": {
                "type": "object",
                "required": ["name", "id_number", "health_certificate_no"],
                "properties": {
                    "name": _text("姓名", 50),
                    "id_number": {"type": "string", "title": "身份证号码", "x-widget": "id_number"},
                    "post": _text("岗位", 50),
                    "health_certificate_no": _text("健康证明编号", 50),
                },
            },
        },
    }
    return {
        "type": "object",
        "title": "食品经营许可申请表",
        "required": [
            "applicant_name",
            "applicant_id_number",
            "operator_name",
            "old_licence_no",
            "lost_statement",
            "business_address",
            "area",
            "business_type",
            "business_items",
        ],
        "properties": properties,
        "x-order": list(properties),
    }


def generic_form(audiences: list[str]) -> dict[str, Any]:
    """申请表 of an item without its own form: who applies (from the account) and why."""
    properties: dict[str, Any] = {
        "applicant_name": _profile("name", "申请人"),
        "applicant_id_number": _profile("id_number", "身份证号码"),
        "applicant_phone": _profile("phone", "联系电话"),
    }
    required = ["applicant_name", "applicant_id_number"]
    if "legal_person" in audiences:
        properties |= {
            "enterprise_name": _profile(
                "enterprise_name", "单位名称", description="以企业身份办理时由账户带出"
            ),
            "credit_code": _profile("credit_code", "统一社会信用代码"),
            "legal_representative": _profile("legal_representative", "法定代表人（负责人）"),
        }
    properties["reason"] = _text("申请事由", 1000, **{"x-widget": "textarea"})
    required.append("reason")
    return {
        "type": "object",
        "title": "申请表",
        "required": required,
        "properties": properties,
        "x-order": list(properties),
    }
