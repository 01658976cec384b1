"""Guide elements (办事指南要素): their shape, validation and snapshots — the one place that knows them.

Services, the workbench forms, the API and the spreadsheet import all validate through
``elements_clean``; diffs and exports read ``version_snapshot``. Errors are keyed by the
element (``"promised_limit"``, ``"materials.2.name"``) with a Chinese message, so each caller
can place them (a form field, a spreadsheet cell, a JSON pointer).
"""

import functools
import json
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError

from govhall.directory.models import Department
from govhall.identity.models import AssuranceLevel
from govhall.workflow.selectors import process_keys

from .application_forms import applies_when_clean, form_schema_clean, scenario_clean
from .models import (
    Audience,
    DeliveryMethod,
    DepthStep,
    ImplementationVersion,
    LimitUnit,
    MaterialForm,
    MaterialOriginal,
    MaterialRequirement,
    MaterialSource,
    ResultType,
)


@dataclass(frozen=True)
class Element:
    name: str
    label: str
    kind: str  # text | int | bool | choice | choices (list) | decimal
    choices: type | None = None
    required: bool = False
    max_length: int | None = None
    max_value: int | None = None
    default: Any = None  # used for an empty value when the column cannot be empty


SCALAR_ELEMENTS: tuple[Element, ...] = (
    Element("audiences", "服务对象", "choices", Audience, required=True),
    Element("conditions", "受理条件", "text", required=True),
    Element("statutory_limit", "法定办结时限", "int", max_value=3650),
    Element("statutory_limit_unit", "法定时限单位", "choice", LimitUnit, required=True),
    Element("promised_limit", "承诺办结时限", "int", required=True, max_value=3650),
    Element("promised_limit_unit", "承诺时限单位", "choice", LimitUnit, required=True),
    Element("is_free", "是否免费", "bool"),
    Element("service_location", "办理地点", "text", max_length=300),
    Element("service_hours", "办理时间", "text", max_length=300),
    Element("consult_phone", "咨询电话", "text", max_length=60),
    Element("complaint_phone", "监督投诉电话", "text", max_length=60),
    Element("online_depth", "网上办理深度", "int", required=True, max_value=5, default=1),
    Element("depth_steps", "可网上办理的环节", "choices", DepthStep),
    Element("max_visits", "到现场次数", "int", required=True, max_value=10, default=1),
    Element("result_type", "审批结果类型", "choice", ResultType, required=True),
    Element("result_name", "审批结果名称", "text", max_length=200),
    Element("delivery_methods", "结果送达方式", "choices", DeliveryMethod),
    Element("supports_appointment", "支持网上预约", "bool"),
    Element("supports_online_payment", "支持网上支付", "bool"),
    Element("supports_courier", "支持物流快递", "bool"),
    Element("intermediary_services", "中介服务", "text"),
    # Blank means the usual real-name level (L2), so older templates and API clients keep working.
    Element("required_level", "认证等级需求", "choice", AssuranceLevel, default=AssuranceLevel.L2.value),
)

MATERIAL_ELEMENTS: tuple[Element, ...] = (
    Element("name", "材料名称", "text", required=True, max_length=300),
    Element("requirement", "材料必要性", "choice", MaterialRequirement, required=True),
    Element("condition_note", "提交情形", "text", max_length=300),
    Element("form", "材料形式", "choice", MaterialForm, required=True),
    Element("original", "原件/复印件", "choice", MaterialOriginal, required=True),
    Element("copies", "份数", "int", required=True, max_value=99, default=1),
    Element("source", "来源渠道", "choice", MaterialSource, required=True),
    Element("source_note", "来源说明", "text", max_length=200),
    Element("notes", "填报须知", "text"),
)

STEP_ELEMENTS: tuple[Element, ...] = (
    Element("name", "环节名称", "text", required=True, max_length=100),
    Element("description", "办理内容", "text"),
    Element("time_limit", "环节时限（工作日）", "int", max_value=3650),
    Element("responsible", "办理人员", "text", max_length=100),
)

FEE_ELEMENTS: tuple[Element, ...] = (
    Element("name", "收费项目", "text", required=True, max_length=200),
    Element("amount", "收费标准（元）", "decimal", required=True),
    Element("basis", "收费依据", "text", required=True),
)

# The application form, scenario questionnaire and handling process (docs/cases.md): structured
# elements cleaned by their own rules, not flat columns — the spreadsheet template leaves them out
# (``elements_carry_over`` keeps them when a file revises an item).
FORM_ELEMENT_LABELS: dict[str, str] = {
    "form_schema": "申请表单",
    "scenario": "情形引导",
    "process_key": "办理流程定义",
    "co_departments": "并联审批协办部门",
    "preliminary_level": "下级初审层级",
    "preliminary_limit": "下级初审时限（工作日）",
}
MATERIAL_FORM_LABELS: dict[str, str] = {"applies_when": "适用情形", "licence_types": "可用电子证照类型"}
PRELIMINARY_LEVELS: dict[int, str] = {2: "市级", 3: "县级"}
STANDARD_PROCESS = "standard"
LICENCE_TYPE_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,19}$")
JSON_ELEMENTS = ("form_schema", "scenario")

ELEMENT_LABELS: dict[str, str] = (
    {e.name: e.label for e in SCALAR_ELEMENTS}
    | {
        "materials": "申请材料",
        "steps": "办理流程",
        "fees": "收费项目",
        "themes": "主题",
        "prerequisites": "前置审批事项",
    }
    | FORM_ELEMENT_LABELS
)


def _clean_value(element: Element, value: Any) -> Any:
    """Return the cleaned value or raise ValueError with a Chinese message."""
    empty = value is None or (isinstance(value, str) and not value.strip()) or value == []
    if empty:
        if element.required:
            raise ValueError(f"{element.label}不能为空")
        if element.default is not None:
            return element.default
        return {"text": "", "int": None, "bool": False, "choice": "", "choices": [], "decimal": None}[
            element.kind
        ]
    if element.kind == "text":
        # Browsers send line breaks as CRLF; store LF so an untouched text never shows as changed.
        text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
        if element.max_length and len(text) > element.max_length:
            raise ValueError(f"{element.label}不能超过 {element.max_length} 个字")
        return text
    if element.kind == "int":
        if isinstance(value, bool):
            raise ValueError(f"{element.label}应为整数")
        try:
            number = int(str(value).strip())
        except ValueError as exc:
            raise ValueError(f"{element.label}应为整数，收到“{value}”") from exc
        if number < 0:
            raise ValueError(f"{element.label}不能为负数")
        if element.max_value is not None and number > element.max_value:
            raise ValueError(f"{element.label}不能大于 {element.max_value}")
        return number
    if element.kind == "decimal":
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation as exc:
            raise ValueError(f"{element.label}应为金额数字，收到“{value}”") from exc
        if not amount.is_finite() or amount < 0 or amount >= 10**9 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
            raise ValueError(f"{element.label}应为 0 至 999999999.99 之间、最多两位小数的金额")
        return amount.quantize(Decimal("0.01"))
    if element.kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"是", "true", "1", "yes", "y"}:
            return True
        if text in {"否", "false", "0", "no", "n"}:
            return False
        raise ValueError(f"{element.label}应为“是”或“否”")
    assert element.choices is not None
    values = value if element.kind == "choices" else [value]
    if isinstance(values, str):
        values = [part for part in values.replace("，", ",").replace("、", ",").split(",") if part.strip()]
    cleaned = [_choice(element, v) for v in values]
    if element.kind == "choice":
        return cleaned[0]
    return sorted(set(cleaned), key=list(element.choices.values).index)  # type: ignore[attr-defined]


@functools.cache
def _choice_lookup(choices: type) -> tuple[dict[str, str], str]:
    """Codes and Chinese labels of a choices class mapped to the code, and the list shown in errors."""
    lookup = {str(code): str(code) for code in choices.values}  # type: ignore[attr-defined]
    lookup |= {str(label): str(code) for code, label in choices.choices}  # type: ignore[attr-defined]
    return lookup, "、".join(str(label) for _, label in choices.choices)  # type: ignore[attr-defined]


def _choice(element: Element, value: Any) -> str:
    """Accept the code or its Chinese label."""
    text = str(value).strip()
    assert element.choices is not None
    lookup, allowed = _choice_lookup(element.choices)
    if text in lookup:
        return lookup[text]
    raise ValueError(f"{element.label}“{text}”不在可选值中（{allowed}）")


def _clean_rows(
    prefix: str, elements: tuple[Element, ...], rows: list[dict[str, Any]], errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    cleaned_rows = []
    for index, row in enumerate(rows):
        cleaned: dict[str, Any] = {}
        for element in elements:
            try:
                cleaned[element.name] = _clean_value(element, row.get(element.name))
            except ValueError as exc:
                errors.setdefault(f"{prefix}.{index}.{element.name}", []).append(str(exc))
        cleaned_rows.append(cleaned)
    return cleaned_rows


def elements_clean(data: dict[str, Any], *, for_submit: bool = False) -> dict[str, Any]:
    """Validate a full set of guide elements; raise ``ValidationError`` keyed by element.

    ``for_submit`` adds the rules a version must meet before review (at least one step,
    promised limit within the statutory one …); a draft may be saved incomplete.
    """
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for element in SCALAR_ELEMENTS:
        relaxed = replace(element, required=element.required and for_submit)
        try:
            cleaned[element.name] = _clean_value(relaxed, data.get(element.name))
        except ValueError as exc:
            errors.setdefault(element.name, []).append(str(exc))
    cleaned["materials"] = _clean_rows(
        "materials", MATERIAL_ELEMENTS, list(data.get("materials") or []), errors
    )
    cleaned["steps"] = _clean_rows("steps", STEP_ELEMENTS, list(data.get("steps") or []), errors)
    cleaned["fees"] = _clean_rows("fees", FEE_ELEMENTS, list(data.get("fees") or []), errors)
    cleaned["themes"] = sorted({str(code).strip() for code in data.get("themes") or [] if str(code).strip()})
    cleaned["prerequisites"] = sorted(
        {str(c).strip() for c in data.get("prerequisites") or [] if str(c).strip()}
    )
    _clean_form_elements(data, cleaned, errors, for_submit=for_submit)
    _check_rules(cleaned, errors, for_submit=for_submit)
    if errors:
        raise ValidationError(
            {key: [ValidationError(m) for m in messages] for key, messages in errors.items()}
        )
    return cleaned


def _clean_form_elements(
    data: dict[str, Any], cleaned: dict[str, Any], errors: dict[str, list[str]], *, for_submit: bool
) -> None:
    """The form, scenario, per-material scenario and licence types, and the handling process."""
    scenario: dict[str, Any] | None
    try:
        scenario = scenario_clean(data.get("scenario"))
    except ValidationError as exc:
        _nested_errors("scenario", exc, errors)
        scenario = None  # x-when and applies_when cannot be checked against a broken questionnaire
    cleaned["scenario"] = scenario or {}
    try:
        cleaned["form_schema"] = form_schema_clean(data.get("form_schema"), scenario=scenario)
    except ValidationError as exc:
        _nested_errors("form_schema", exc, errors)
        cleaned["form_schema"] = {}
    for index, raw in enumerate(list(data.get("materials") or [])):
        row = cleaned["materials"][index]
        found: dict[str, list[str]] = {}
        row["applies_when"] = applies_when_clean(
            (raw or {}).get("applies_when"),
            scenario,
            "applies_when",
            found,  # type: ignore[arg-type]
        )
        row["licence_types"] = _licence_types_clean((raw or {}).get("licence_types"), found)
        for key, messages in found.items():
            errors.setdefault(f"materials.{index}.{key}", []).extend(messages)
    cleaned["process_key"] = _process_key_clean(data.get("process_key"), errors)
    cleaned["co_departments"] = _co_departments_clean(data.get("co_departments"), errors)
    level = _optional_int(data.get("preliminary_level"), "preliminary_level", errors)
    if level is not None and level not in PRELIMINARY_LEVELS:
        errors.setdefault("preliminary_level", []).append("下级初审层级应为 2（市级）或 3（县级）")
    limit = _optional_int(data.get("preliminary_limit"), "preliminary_limit", errors)
    if limit is not None and not 1 <= limit <= 60:
        errors.setdefault("preliminary_limit", []).append("下级初审时限应为 1 至 60 个工作日")
    if limit is not None and level is None:
        errors.setdefault("preliminary_limit", []).append("未设置下级初审层级时不应填写初审时限")
    if for_submit and level is not None and limit is None:
        errors.setdefault("preliminary_limit", []).append("需要下级初审的，请填写初审时限")
    cleaned["preliminary_level"], cleaned["preliminary_limit"] = level, limit


def _nested_errors(prefix: str, exc: ValidationError, errors: dict[str, list[str]]) -> None:
    """A definition's own error paths go into the message, so callers place them on the one element."""
    for path, messages in exc.message_dict.items():
        errors.setdefault(prefix, []).extend(m if path == "$" else f"{path}：{m}" for m in messages)


def _split_codes(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = re.split(r"[\s,，、;；]+", value)
    return [str(v).strip().upper() for v in value if str(v).strip()]


def _licence_types_clean(value: Any, errors: dict[str, list[str]]) -> list[str]:
    codes = _split_codes(value)
    bad = [code for code in codes if not LICENCE_TYPE_CODE.match(code)]
    if bad:
        errors.setdefault("licence_types", []).append(
            f"电子证照类型代码应为大写字母开头的字母数字（如 YYZZ），收到：{'、'.join(bad)}"
        )
    return sorted(set(codes) - set(bad), key=codes.index)


def _process_key_clean(value: Any, errors: dict[str, list[str]]) -> str:
    key = str(value or "").strip() or STANDARD_PROCESS
    if key != STANDARD_PROCESS and key not in process_keys():
        errors.setdefault("process_key", []).append(f"办理流程定义“{key}”不存在")
    return key


def _co_departments_clean(value: Any, errors: dict[str, list[str]]) -> list[str]:
    codes = sorted(set(_split_codes(value)))
    if not codes:
        return []
    if len(codes) > 20:
        errors.setdefault("co_departments", []).append("协办部门最多 20 个")
    active = set(
        Department.objects.filter(credit_code__in=codes, is_active=True).values_list("credit_code", flat=True)
    )
    missing = [code for code in codes if code not in active]
    if missing:
        errors.setdefault("co_departments", []).append(
            f"这些统一社会信用代码不是在用的部门：{'、'.join(missing)}"
        )
    return codes


def _optional_int(value: Any, name: str, errors: dict[str, list[str]]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if isinstance(value, bool):
            raise ValueError(value)
        return int(str(value).strip())
    except ValueError:
        errors.setdefault(name, []).append(f"{FORM_ELEMENT_LABELS[name]}应为整数，收到“{value}”")
        return None


def elements_carry_over(source: dict[str, Any], target: dict[str, Any]) -> dict[str, Any]:
    """``target`` with the form, scenario and process elements of ``source`` (both cleaned elements).

    For callers that do not edit those elements (the spreadsheet import): the form and process
    are kept, and each material keeps its scenario and licence types, matched by name.
    """
    merged = dict(target) | {name: source.get(name) for name in FORM_ELEMENT_LABELS}
    by_name = {row["name"]: row for row in source.get("materials") or []}
    merged["materials"] = [
        dict(row)
        | {key: (by_name.get(row.get("name")) or {}).get(key, row.get(key)) for key in MATERIAL_FORM_LABELS}
        for row in target.get("materials") or []
    ]
    return merged


def _check_rules(cleaned: dict[str, Any], errors: dict[str, list[str]], *, for_submit: bool) -> None:
    depth = cleaned.get("online_depth")
    if depth is not None and not 1 <= depth <= 5:
        errors.setdefault("online_depth", []).append("网上办理深度应为 1 至 5 星")
    for index, material in enumerate(cleaned["materials"]):
        if material.get("requirement") == MaterialRequirement.CONDITIONAL and not material.get(
            "condition_note"
        ):
            errors.setdefault(f"materials.{index}.condition_note", []).append("非必要材料须说明提交情形")
    if cleaned.get("is_free") and cleaned["fees"]:
        errors.setdefault("fees", []).append("事项标为免费，不应填写收费项目")
    if for_submit:
        if not cleaned.get("is_free") and not cleaned["fees"]:
            errors.setdefault("fees", []).append("收费事项须至少填写一个收费项目")
        if not cleaned["steps"]:
            errors.setdefault("steps", []).append("办理流程至少应有一个环节")
        statutory, promised = cleaned.get("statutory_limit"), cleaned.get("promised_limit")
        if (
            statutory is not None
            and promised is not None
            and cleaned.get("statutory_limit_unit") == cleaned.get("promised_limit_unit")
            and promised > statutory
        ):
            errors.setdefault("promised_limit", []).append(
                f"承诺时限（{promised}）不能超过法定时限（{statutory}）"
            )


def version_snapshot(version: ImplementationVersion) -> dict[str, Any]:
    """A plain, ordered dict of every element of ``version`` — for diffs, exports and history."""
    snapshot: dict[str, Any] = {e.name: getattr(version, e.name) for e in SCALAR_ELEMENTS}
    snapshot["materials"] = [
        {e.name: getattr(m, e.name) for e in MATERIAL_ELEMENTS}
        | {"template_file": m.template_file.name or "", "sample_file": m.sample_file.name or ""}
        | {"applies_when": m.applies_when or {}, "licence_types": list(m.licence_types or [])}
        for m in version.materials.all()
    ]
    snapshot["steps"] = [{e.name: getattr(s, e.name) for e in STEP_ELEMENTS} for s in version.steps.all()]
    snapshot["fees"] = [{e.name: getattr(f, e.name) for e in FEE_ELEMENTS} for f in version.fees.all()]
    snapshot["themes"] = sorted(t.code for t in version.themes.all())
    snapshot["prerequisites"] = sorted(p.code for p in version.prerequisites.all())
    snapshot["form_schema"] = version.form_schema or {}
    snapshot["scenario"] = version.scenario or {}
    snapshot["process_key"] = version.process_key or STANDARD_PROCESS
    snapshot["co_departments"] = sorted(d.credit_code for d in version.co_departments.all())
    snapshot["preliminary_level"] = version.preliminary_level
    snapshot["preliminary_limit"] = version.preliminary_limit
    return snapshot


def snapshot_diff(before: dict[str, Any] | None, after: dict[str, Any]) -> list[dict[str, Any]]:
    """The elements that differ, as ``[{"field", "label", "before", "after"}]`` (JSON-safe strings)."""
    changes = []
    for key, new in after.items():
        old = (before or {}).get(key)
        if old != new:
            changes.append(
                {
                    "field": key,
                    "label": ELEMENT_LABELS.get(key, key),
                    "before": _json_display(old) if key in JSON_ELEMENTS else _display(old),
                    "after": _json_display(new) if key in JSON_ELEMENTS else _display(new),
                }
            )
    return changes


def _json_display(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) if value else ""


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "\n".join(_display(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}={_display(v)}" for k, v in value.items() if v not in ("", None))
    return str(value)
