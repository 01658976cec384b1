"""Cleaning an applicant's answers to an application form (``form_answers_clean``).

The input is what a page or an API client sent: nested JSON, or a flat form post whose keys are
field paths (``"staff.1.name"``). Profile fields (``x-profile``) are taken from the verified
account and never from the input; conditional fields (``x-when``) that do not apply under the
scenario answers are dropped; text from a form is coerced to numbers and dates; ID numbers
(GB 11643) and credit codes (GB 32100) are checked; then the result is validated with
jsonschema. Errors are a ``ValidationError`` keyed by field path with Chinese messages. Pure: no
queries, no writes. Callers use it through ``application_forms.form_answers_clean``.
"""

import math
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from jsonschema import Draft202012Validator

from govhall.directory.services import credit_code_validate
from govhall.identity.idnumber import id_number_clean

from .application_forms import PROFILE_KEYS, _Errors, _ordered, _widget, form_schema_effective

_ABSENT = object()


def answers_clean(
    schema: Mapping[str, Any],
    data: Any,
    scenario_answers: Mapping[str, str] | None,
    profile: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """See ``application_forms.form_answers_clean``; ``profile`` maps ``x-profile`` keys to account values."""
    scenario_answers = scenario_answers or {}
    profile = profile or {}
    if not schema:
        return {}
    effective = form_schema_effective(schema, scenario_answers)
    errors = _Errors()
    raw = _unflatten(data, errors)
    cleaned, positions = _object_clean(effective, raw, "", errors, profile, top=True)
    _validate(effective, cleaned, positions, errors)
    errors.raise_if_any()
    return cleaned


def _unflatten(data: Any, errors: _Errors) -> dict[str, Any]:
    """Nested dicts from a mapping whose keys may be dotted paths; list indexes stay dict keys for now."""
    if data is None:
        return {}
    if not isinstance(data, Mapping) and not hasattr(data, "getlist"):
        errors.add("$", "申请表单内容应为对象")
        return {}
    result: dict[str, Any] = {}
    for key in list(data.keys()):
        value = data.get(key) if hasattr(data, "getlist") else data[key]
        node = result
        parts = str(key).split(".")
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        if parts[-1] not in node or not isinstance(node[parts[-1]], dict):
            node[parts[-1]] = value
    return result


def _object_clean(
    node: Mapping[str, Any],
    raw: Any,
    path: str,
    errors: _Errors,
    profile: Mapping[str, Any],
    *,
    top: bool = False,
) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The cleaned object and, per repeating group path, the submitted index of every kept row."""
    raw = raw if isinstance(raw, Mapping) else {}
    required = set(node.get("required") or [])
    cleaned: dict[str, Any] = {}
    positions: dict[str, list[int]] = {}
    for key in _ordered(node):
        prop = node["properties"][key]
        where = f"{path}.{key}" if path else key
        if prop.get("x-profile"):
            value = _profile_value(prop, profile)
            if value is _ABSENT and key in required:
                label = PROFILE_KEYS[prop["x-profile"]]
                errors.add(
                    where,
                    f"{prop.get('title', label)}取自实名账户，您的账户中没有{label}信息，请先完善账户信息",
                )
        elif prop.get("type") == "array":
            value = _rows_clean(prop, raw.get(key), where, errors, profile, positions)
        elif prop.get("type") == "object":
            value, inner = _object_clean(prop, raw.get(key), where, errors, profile)
            positions |= inner
            value = value or _ABSENT
        else:
            value = _simple_clean(prop, raw.get(key), where, errors)
        if value is not _ABSENT:
            cleaned[key] = value
    return cleaned, positions


def _profile_value(prop: Mapping[str, Any], profile: Mapping[str, Any]) -> Any:
    value = profile.get(prop["x-profile"])
    if value is None or (isinstance(value, str) and not value.strip()):
        return _ABSENT
    return str(value).strip() if prop.get("type") == "string" else value


def _rows_clean(
    prop: Mapping[str, Any],
    raw: Any,
    path: str,
    errors: _Errors,
    profile: Mapping[str, Any],
    positions: dict[str, list[int]],
) -> Any:
    if raw is None or raw == "":
        return _ABSENT
    if isinstance(raw, Mapping) and all(str(k).isdigit() for k in raw):
        raw = [raw[k] for k in sorted(raw, key=lambda k: int(k))]
        submitted = list(range(len(raw)))
    elif isinstance(raw, list):
        submitted = list(range(len(raw)))
    else:
        errors.add(path, f"{prop.get('title', path)}应为多行填写的列表")
        return _ABSENT
    rows, kept = [], []
    for index, row in zip(submitted, raw, strict=True):
        if not isinstance(row, Mapping):
            errors.add(f"{path}.{index}", "每一行应为对象")
            continue
        cleaned, _ = _object_clean(prop["items"], row, f"{path}.{index}", errors, profile)
        if cleaned:  # a row left empty is dropped, not reported
            rows.append(cleaned)
            kept.append(index)
    positions[path] = kept
    return rows if rows else _ABSENT


def _simple_clean(prop: Mapping[str, Any], raw: Any, path: str, errors: _Errors) -> Any:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return _ABSENT
    title = prop.get("title", path)
    if isinstance(raw, Mapping | list):
        errors.add(path, f"{title}应为单个值")
        return _ABSENT
    kind, widget = prop.get("type"), _widget(prop)
    if kind in ("number", "integer"):
        return _number(raw, kind, title, path, errors)
    text = str(raw).replace("\r\n", "\n").replace("\r", "\n").strip()
    if widget == "textarea":
        pass
    elif "\n" in text:
        errors.add(path, f"{title}不能换行")
        return _ABSENT
    try:
        if widget == "id_number":
            return id_number_clean(text)
        if widget == "credit_code":
            return credit_code_validate(text.upper())
    except ValidationError as exc:
        errors.add(path, f"{title}：{exc.messages[0]}")
        return _ABSENT
    if widget == "date" or prop.get("format") == "date":
        try:
            if len(text) != 10:
                raise ValueError(text)
            return date.fromisoformat(text).isoformat()
        except ValueError:
            errors.add(path, f"{title}应为日期，格式如 2026-01-31")
            return _ABSENT
    return text


def _number(raw: Any, kind: str, title: str, path: str, errors: _Errors) -> Any:
    if isinstance(raw, bool):
        errors.add(path, f"{title}应为数字")
        return _ABSENT
    if isinstance(raw, float) and not math.isfinite(raw):
        errors.add(path, f"{title}应为数字")
        return _ABSENT
    try:
        number = Decimal(str(raw).strip().replace(",", "").replace("，", ""))
    except InvalidOperation:
        errors.add(path, f"{title}应为数字，收到“{raw}”")
        return _ABSENT
    if not number.is_finite() or abs(number) >= Decimal(10) ** 15:
        errors.add(path, f"{title}应为合理范围内的数字")
        return _ABSENT
    if number == number.to_integral_value():
        return int(number)
    if kind == "integer":
        errors.add(path, f"{title}应为整数")
        return _ABSENT
    return float(number)


def _validate(
    schema: Mapping[str, Any], cleaned: dict[str, Any], positions: dict[str, list[int]], errors: _Errors
) -> None:
    for error in Draft202012Validator(schema).iter_errors(cleaned):
        parts = list(error.absolute_path)
        if error.validator == "required":
            missing = next((name for name in error.validator_value if name not in (error.instance or {})), "")
            parts.append(missing)
        where = _submitted_path(parts, positions)
        if where in errors:  # already reported while coercing (the bad value was left out)
            continue
        prop = _prop_at(schema, parts)
        errors.add(where, _message(error.validator, error.validator_value, prop.get("title") or where))


def _submitted_path(parts: list[Any], positions: dict[str, list[int]]) -> str:
    """The path of the field as submitted (a row index counts the empty rows that were dropped)."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, int):
            kept = positions.get(".".join(out), [])
            out.append(str(kept[part] if part < len(kept) else part))
        else:
            out.append(str(part))
    return ".".join(out) or "$"


def _prop_at(schema: Mapping[str, Any], parts: list[Any]) -> Mapping[str, Any]:
    node: Mapping[str, Any] = schema
    for part in parts:
        if isinstance(part, int):
            node = node.get("items") or {}
        else:
            node = (node.get("properties") or {}).get(part) or {}
    return node


def _message(validator: str, value: Any, title: str) -> str:
    messages = {
        "required": f"请填写{title}",
        "maxLength": f"{title}不能超过 {value} 个字",
        "minLength": f"{title}至少填写 {value} 个字",
        "minimum": f"{title}不能小于 {value}",
        "maximum": f"{title}不能大于 {value}",
        "exclusiveMinimum": f"{title}应大于 {value}",
        "exclusiveMaximum": f"{title}应小于 {value}",
        "enum": f"{title}应从可选项中选择",
        "minItems": f"{title}至少填写 {value} 项",
        "maxItems": f"{title}最多填写 {value} 项",
        "type": f"{title}的格式不正确",
    }
    return messages.get(validator, f"{title}填写有误")
