"""Application forms (申请表单) and scenario questionnaires (情形引导) of a guide version.

A form definition is a JSON Schema (draft 2020-12) object with UI hints in ``x-`` keywords (see
``docs/cases.md`` § Form definition); a scenario is a short questionnaire whose answers select the
materials (``Material.applies_when``) and form sections (``x-when``) that apply. This module
checks both definitions when a catalog manager saves a draft (``form_schema_clean``,
``scenario_clean``), lays a form out for rendering (``form_fields``) and cleans an applicant's
answers (``scenario_answers_clean``, ``form_answers_clean``; the latter lives in
``application_answers.py`` and is re-exported here). Pure functions: no queries, no writes.

Every error is a ``ValidationError`` keyed by a path (``"staff.x-widget"``, ``"questions.0.key"``)
with a Chinese message.
"""

import copy
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

PROFILE_KEYS: dict[str, str] = {
    "name": "姓名",
    "id_number": "身份证号码",
    "phone": "联系电话",
    "address": "地址",
    "enterprise_name": "企业名称",
    "credit_code": "统一社会信用代码",
    "legal_representative": "法定代表人",
}
WIDGETS: dict[str, str] = {
    "text": "单行文本",
    "textarea": "多行文本",
    "number": "数字",
    "date": "日期",
    "choice": "选择",
    "address": "地址",
    "id_number": "身份证号码",
    "credit_code": "统一社会信用代码",
}
SIMPLE_TYPES = {"string", "number", "integer"}
# Keywords a field may use; anything else (``$ref``, ``pattern``, ``x-onload`` …) is refused so that a
# definition stays something the portal can render and the platform can check.
FIELD_KEYWORDS = {
    "type",
    "title",
    "description",
    "enum",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "default",
    "properties",
    "required",
    "items",
    "x-profile",
    "x-widget",
    "x-when",
    "x-order",
}
ROOT_KEYWORDS = {"$schema", "type", "title", "description", "properties", "required", "x-order"}
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")
OPTION_VALUE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
MARKUP = re.compile(r"[<>]|javascript:|\{\{|\{%", re.IGNORECASE)
MAX_FIELDS = 100
MAX_TEXT = 200


class _Errors(dict[str, list[str]]):
    def add(self, path: str, message: str) -> None:
        self.setdefault(path or "$", []).append(message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(
                {key: [ValidationError(m) for m in messages] for key, messages in self.items()}
            )


def _json_copy(value: Any, what: str) -> Any:
    """A JSON-safe deep copy; text is parsed, so the workbench may pass what was typed."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return {}
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                {"$": [f"{what}不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列有误"]}
            ) from exc
    try:
        return json.loads(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError) as exc:
        raise ValidationError({"$": [f"{what}含有无法保存的值"]}) from exc


# --- scenario -------------------------------------------------------------------------------


def scenario_clean(scenario: Any) -> dict[str, Any]:
    """The normalised questionnaire (``{}`` when there is none), or ``ValidationError`` keyed by path."""
    data = _json_copy(scenario, "情形引导") if scenario else {}
    if not data:
        return {}
    errors = _Errors()
    if not isinstance(data, dict) or set(data) - {"questions"}:
        raise ValidationError({"$": ['情形引导应为 {"questions": [...]} 形式的对象']})
    questions = data.get("questions")
    if not isinstance(questions, list) or not 1 <= len(questions) <= 10:
        raise ValidationError({"questions": ["情形引导应有 1 至 10 个问题"]})
    cleaned: list[dict[str, Any]] = []
    keys: set[str] = set()
    for index, question in enumerate(questions):
        path = f"questions.{index}"
        if not isinstance(question, dict) or set(question) - {"key", "label", "options", "help"}:
            errors.add(path, "每个问题应只包含 key、label、options（可选 help）")
            continue
        key = str(question.get("key") or "")
        if not IDENTIFIER.match(key):
            errors.add(f"{path}.key", f"问题标识“{key}”应为字母开头的英文标识（字母、数字、下划线）")
        elif key in keys:
            errors.add(f"{path}.key", f"问题标识“{key}”重复")
        keys.add(key)
        label = _text(question.get("label"), f"{path}.label", "问题", errors, required=True)
        help_text = _text(question.get("help"), f"{path}.help", "问题说明", errors)
        options = _options_clean(question.get("options"), f"{path}.options", errors)
        entry = {"key": key, "label": label, "options": options}
        if help_text:
            entry["help"] = help_text
        cleaned.append(entry)
    errors.raise_if_any()
    return {"questions": cleaned}


def _options_clean(options: Any, path: str, errors: _Errors) -> list[dict[str, str]]:
    if not isinstance(options, list) or not 2 <= len(options) <= 20:
        errors.add(path, "每个问题应有 2 至 20 个选项")
        return []
    cleaned, values = [], set()
    for index, option in enumerate(options):
        where = f"{path}.{index}"
        if not isinstance(option, dict) or set(option) != {"value", "label"}:
            errors.add(where, '选项应为 {"value": …, "label": …}')
            continue
        value = str(option["value"])
        if not OPTION_VALUE.match(value):
            errors.add(f"{where}.value", f"选项值“{value}”只能由字母、数字、下划线和连字符组成")
        elif value in values:
            errors.add(f"{where}.value", f"选项值“{value}”重复")
        values.add(value)
        cleaned.append(
            {"value": value, "label": _text(option["label"], f"{where}.label", "选项", errors, required=True)}
        )
    return cleaned


def _text(value: Any, path: str, what: str, errors: _Errors, *, required: bool = False) -> str:
    if value is None or value == "":
        if required:
            errors.add(path, f"请填写{what}名称")
        return ""
    if not isinstance(value, str):
        errors.add(path, f"{what}应为文字")
        return ""
    text = value.strip()
    if len(text) > MAX_TEXT:
        errors.add(path, f"{what}不能超过 {MAX_TEXT} 个字")
    if MARKUP.search(text):
        errors.add(path, f"{what}不能包含尖括号、模板标记或脚本")
    return text


def scenario_options(scenario: Mapping[str, Any]) -> dict[str, list[str]]:
    """Question key → its option values."""
    return {q["key"]: [o["value"] for o in q["options"]] for q in (scenario or {}).get("questions", [])}


def scenario_answers_clean(scenario: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, str]:
    """Every question answered with one of its options; unknown keys are dropped."""
    errors = _Errors()
    cleaned: dict[str, str] = {}
    for question in (scenario or {}).get("questions", []):
        key, label = question["key"], question["label"]
        raw = answers.get(key) if answers else None
        value = str(raw).strip() if raw is not None else ""
        allowed = {o["value"] for o in question["options"]}
        if not value:
            errors.add(key, f"请选择“{label}”")
        elif value not in allowed:
            errors.add(key, f"“{label}”的回答“{value}”不在可选项中")
        else:
            cleaned[key] = value
    errors.raise_if_any()
    return cleaned


def applies_when_clean(
    when: Any, scenario: Mapping[str, Any] | None, path: str, errors: dict[str, list[str]]
) -> dict[str, list[str]]:
    """``{question: [answers]}`` — checked against ``scenario`` when one is given."""
    if when in (None, "", {}):
        return {}
    if isinstance(when, str):
        when = applies_when_parse(when)
    if not isinstance(when, dict):
        errors.setdefault(path, []).append("适用情形应为 {问题: [回答, …]} 形式")
        return {}
    options = scenario_options(scenario) if scenario is not None else None
    cleaned: dict[str, list[str]] = {}
    for key, values in when.items():
        values = [values] if isinstance(values, str) else values
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            errors.setdefault(path, []).append(f"适用情形中“{key}”应列出至少一个回答")
            continue
        if options is not None and key not in options:
            errors.setdefault(path, []).append(f"适用情形引用了不存在的问题“{key}”")
            continue
        unknown = [v for v in values if options is not None and v not in options[key]]
        if unknown:
            errors.setdefault(path, []).append(f"问题“{key}”没有这些回答：{'、'.join(unknown)}")
            continue
        cleaned[str(key)] = sorted(set(values), key=values.index)
    return cleaned


def applies_when_parse(text: str) -> dict[str, list[str]] | str:
    """``"apply_kind=renewal,lost; other=x"`` → ``{"apply_kind": ["renewal", "lost"], "other": ["x"]}``."""
    parsed: dict[str, list[str]] = {}
    for part in re.split(r"[;；\n]", text.replace("，", ",")):
        if not part.strip():
            continue
        if "=" not in part:
            return text  # not the short form: reported as malformed by the caller
        key, _, values = part.partition("=")
        parsed[key.strip()] = [v.strip() for v in values.split(",") if v.strip()]
    return parsed


def applies_when_text(when: Mapping[str, list[str]]) -> str:
    return "; ".join(f"{key}={','.join(values)}" for key, values in (when or {}).items())


def scenario_applies(when: Mapping[str, Iterable[str]] | None, answers: Mapping[str, str]) -> bool:
    """True when every question in ``when`` was answered with one of its listed answers."""
    return all(answers.get(key, "") in list(values) for key, values in (when or {}).items())


def scenario_materials(version_or_materials: Any, answers: Mapping[str, str]) -> list[Any]:
    """The materials (model rows or snapshot dicts) that apply under ``answers``, in order."""
    materials = getattr(version_or_materials, "materials", version_or_materials)
    if hasattr(materials, "all"):
        materials = materials.all()
    return [
        m
        for m in materials
        if scenario_applies(m["applies_when"] if isinstance(m, dict) else m.applies_when, answers)
    ]


# --- form definition ------------------------------------------------------------------------


def form_schema_clean(schema: Any, *, scenario: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The checked form definition (``{}`` when there is none), or ``ValidationError`` keyed by field path.

    ``scenario`` (the cleaned questionnaire, ``{}`` for none) makes ``x-when`` be checked against
    its questions and answers; ``None`` skips that check.
    """
    data = _json_copy(schema, "申请表单") if schema else {}
    if not data:
        return {}
    if not isinstance(data, dict):
        raise ValidationError({"$": ["申请表单应为 JSON 对象"]})
    try:
        Draft202012Validator.check_schema(data)
    except SchemaError as exc:
        where = ".".join(str(p) for p in exc.absolute_path) or "$"
        raise ValidationError({where: [f"不是有效的 JSON Schema：{exc.message}"]}) from exc
    errors = _Errors()
    for keyword in sorted(set(data) - ROOT_KEYWORDS):
        errors.add("$", f"不支持的关键字“{keyword}”")
    if data.get("type") != "object":
        errors.add("$", "申请表单的 type 应为 object")
    properties = data.get("properties")
    if not isinstance(properties, dict) or not properties:
        errors.add("$", "申请表单至少应有一个字段（properties）")
        errors.raise_if_any()
        return {}  # not reached: raise_if_any raised
    if len(properties) > MAX_FIELDS:
        errors.add("$", f"申请表单最多 {MAX_FIELDS} 个字段")
    _text(data.get("title"), "$", "表单标题", errors)
    _object_check(data, "", 1, scenario, errors)
    errors.raise_if_any()
    return data


def _object_check(
    node: dict[str, Any], path: str, depth: int, scenario: Mapping[str, Any] | None, errors: _Errors
) -> None:
    """The ``properties``/``required``/``x-order`` of an object at ``depth`` (1 = the form itself)."""
    properties = node.get("properties") or {}
    if not isinstance(properties, dict) or not properties:
        errors.add(path, "分组至少应有一个字段")
        return
    for keyword, values in (("required", node.get("required")), ("x-order", node.get("x-order"))):
        if values is None:
            continue
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            errors.add(path, f"{keyword} 应为字段标识的列表")
            continue
        for name in values:
            if name not in properties:
                errors.add(path, f"{keyword} 中的“{name}”不是本表单的字段")
    if depth > 1 and "x-order" in node:
        errors.add(path, "x-order 只能用于表单顶层")
    for key, prop in properties.items():
        where = f"{path}.{key}" if path else key
        if not IDENTIFIER.match(key):
            errors.add(where, f"字段标识“{key}”应为字母开头的英文标识（字母、数字、下划线，最长 40 个字符）")
            continue
        if not isinstance(prop, dict):
            errors.add(where, "字段定义应为对象")
            continue
        _field_check(prop, where, depth, scenario, errors)


def _field_check(
    prop: dict[str, Any], path: str, depth: int, scenario: Mapping[str, Any] | None, errors: _Errors
) -> None:
    for keyword in sorted(set(prop) - FIELD_KEYWORDS):
        errors.add(path, f"不支持的关键字“{keyword}”")
    _text(prop.get("title"), path, "字段标题", errors, required=True)
    _text(prop.get("description"), path, "填写说明", errors)
    kind = prop.get("type")
    if "x-when" in prop:
        if depth > 1:
            errors.add(path, "x-when 只能用于表单顶层的字段或分组")
        else:
            applies_when_clean(prop["x-when"], scenario, path, errors)
    if kind in ("object", "array"):
        if depth >= 2:
            errors.add(path, "分组最多嵌套两层：分组内只能是简单字段")
            return
        for keyword in ("x-profile", "x-widget", "enum", "format"):
            if keyword in prop:
                errors.add(path, f"分组不能使用 {keyword}")
        if kind == "array":
            items = prop.get("items")
            if not isinstance(items, dict) or items.get("type") != "object":
                errors.add(path, "重复分组的 items 应为包含字段的对象（type: object）")
                return
            for keyword in sorted(set(items) - {"type", "properties", "required", "title"}):
                errors.add(path, f"重复分组的 items 不支持关键字“{keyword}”")
            _object_check(items, path, depth + 1, scenario, errors)
        else:
            if "items" in prop:
                errors.add(path, "分组（object）不能使用 items")
            _object_check(prop, path, depth + 1, scenario, errors)
        return
    if kind not in SIMPLE_TYPES:
        errors.add(path, f"字段类型应为 string、number、integer、object 或 array，收到“{kind}”")
        return
    for keyword in ("properties", "items", "required", "minItems", "maxItems"):
        if keyword in prop:
            errors.add(path, f"简单字段不能使用 {keyword}")
    if "enum" in prop:
        enum = prop["enum"]
        if not enum or len(enum) > 100:
            errors.add(path, "可选项应有 1 至 100 个")
        for value in enum:
            if isinstance(value, str):
                _text(value, path, "可选项", errors)
            elif kind == "string" or isinstance(value, bool) or not isinstance(value, int | float):
                errors.add(path, f"可选项“{value}”与字段类型不符")
    profile = prop.get("x-profile")
    if profile is not None and profile not in PROFILE_KEYS:
        errors.add(path, f"x-profile“{profile}”不受支持，可选：{'、'.join(PROFILE_KEYS)}")
    widget = prop.get("x-widget")
    if widget is not None and widget not in WIDGETS:
        errors.add(path, f"x-widget“{widget}”不受支持，可选：{'、'.join(WIDGETS)}")
        return
    _widget_fits(prop, _widget(prop), path, errors)


def _widget(prop: Mapping[str, Any]) -> str:
    if prop.get("x-widget"):
        return str(prop["x-widget"])
    if prop.get("type") == "array":
        return "repeat"
    if prop.get("type") == "object":
        return "group"
    if "enum" in prop:
        return "choice"
    if prop.get("format") == "date":
        return "date"
    if prop.get("type") in ("number", "integer"):
        return "number"
    if prop.get("x-profile") in ("address", "id_number", "credit_code"):
        return str(prop["x-profile"])
    return "text"


def _widget_fits(prop: Mapping[str, Any], widget: str, path: str, errors: _Errors) -> None:
    kind = prop.get("type")
    if widget == "number" and kind not in ("number", "integer"):
        errors.add(path, "数字控件的字段类型应为 number 或 integer")
    elif widget != "number" and kind != "string" and widget != "choice":
        errors.add(path, f"{WIDGETS[widget]}控件的字段类型应为 string")
    if widget == "choice" and "enum" not in prop:
        errors.add(path, "选择控件须列出可选项（enum）")
    if widget == "date" and prop.get("format") != "date":
        errors.add(path, "日期控件须设置 format: date")
    if prop.get("format") not in (None, "date"):
        errors.add(path, f"不支持的格式“{prop.get('format')}”（只支持 date）")


@dataclass(frozen=True)
class FormField:
    """One field (or group) of a form as the portal renders it."""

    key: str
    path: str
    title: str
    widget: str  # one of WIDGETS, or "group" / "repeat" for sections
    type: str
    required: bool = False
    choices: tuple[Any, ...] = ()
    profile: str = ""
    readonly: bool = False
    help: str = ""
    children: tuple["FormField", ...] = field(default=())
    min_items: int | None = None
    max_items: int | None = None
    max_length: int | None = None

    @property
    def is_section(self) -> bool:
        return self.widget in ("group", "repeat")


def _ordered(node: Mapping[str, Any]) -> list[str]:
    properties = list((node.get("properties") or {}).keys())
    order = [k for k in node.get("x-order") or [] if k in properties]
    return order + [k for k in properties if k not in order]


def form_fields(schema: Mapping[str, Any], scenario_answers: Mapping[str, str]) -> list[FormField]:
    """The applicable fields in order (``x-order`` first), with conditional ones left out."""
    if not schema:
        return []
    return _fields_of(schema, "", scenario_answers, top=True)


def _fields_of(
    node: Mapping[str, Any], prefix: str, answers: Mapping[str, str], *, top: bool
) -> list[FormField]:
    required = set(node.get("required") or [])
    fields = []
    for key in _ordered(node):
        prop = node["properties"][key]
        if top and not scenario_applies(prop.get("x-when"), answers):
            continue
        path = f"{prefix}.{key}" if prefix else key
        widget = _widget(prop)
        children: tuple[FormField, ...] = ()
        if widget == "repeat":
            children = tuple(_fields_of(prop["items"], path, answers, top=False))
        elif widget == "group":
            children = tuple(_fields_of(prop, path, answers, top=False))
        fields.append(
            FormField(
                key=key,
                path=path,
                title=prop.get("title", key),
                widget=widget,
                type=prop.get("type", "string"),
                required=key in required,
                choices=tuple(prop.get("enum") or ()),
                profile=prop.get("x-profile", ""),
                readonly=bool(prop.get("x-profile")),
                help=prop.get("description", ""),
                children=children,
                min_items=prop.get("minItems"),
                max_items=prop.get("maxItems"),
                max_length=prop.get("maxLength"),
            )
        )
    return fields


def form_reusable_keys(schema: Mapping[str, Any]) -> list[str]:
    """Top-level simple fields that are not profile data: answers a later application may offer again."""
    return [
        key
        for key in _ordered(schema or {})
        if schema["properties"][key].get("type") in SIMPLE_TYPES
        and not schema["properties"][key].get("x-profile")
    ]


def form_schema_effective(schema: Mapping[str, Any], scenario_answers: Mapping[str, str]) -> dict[str, Any]:
    """A copy of ``schema`` without the conditional fields that do not apply (and not required any more)."""
    effective = copy.deepcopy(dict(schema))
    properties = effective.get("properties") or {}
    for key in [
        k for k, prop in properties.items() if not scenario_applies(prop.get("x-when"), scenario_answers)
    ]:
        del properties[key]
    effective["required"] = [k for k in effective.get("required") or [] if k in properties]
    return effective


def form_answers_clean(
    schema: Mapping[str, Any],
    data: Any,
    scenario_answers: Mapping[str, str] | None = None,
    profile: Mapping[str, Any] | None = None,
    *,
    answers: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The applicant's answers, cleaned and JSON-safe, or ``ValidationError`` keyed by field path.

    Profile fields come from ``profile`` (never from ``data``); conditional fields that do not
    apply under ``scenario_answers`` (also accepted as ``answers=``) are dropped. See
    ``application_answers.py``.
    """
    from .application_answers import answers_clean

    return answers_clean(schema, data, scenario_answers if scenario_answers is not None else answers, profile)


__all__ = [
    "PROFILE_KEYS",
    "WIDGETS",
    "FormField",
    "applies_when_parse",
    "applies_when_text",
    "form_answers_clean",
    "form_fields",
    "form_reusable_keys",
    "form_schema_clean",
    "form_schema_effective",
    "scenario_answers_clean",
    "scenario_applies",
    "scenario_clean",
    "scenario_materials",
]
