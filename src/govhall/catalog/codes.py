"""事项编码 — item codes: the 12-character basic code, handling-item codes and implementation codes.

* basic code (基本编码): 2-digit item type code + 10 characters [0-9A-Z] from the catalog authority;
* handling-item code (业务办理项编码): basic code + 2 digits;
* implementation code (实施编码): basic code + 12-digit region code + 18-character department
  credit code, + the 2-digit handling suffix when the implementation is of a handling item.
"""

import re

from django.core.exceptions import ValidationError

from .models import ItemType

BASIC_CODE_RE = re.compile(r"^[0-9A-Z]{12}$")


def basic_code_validate(code: str, *, item_type: str) -> str:
    code = (code or "").strip().upper()
    if not BASIC_CODE_RE.match(code):
        raise ValidationError(f"基本编码“{code}”应为 12 位数字或大写字母", code="invalid_basic_code")
    if item_type not in ItemType.values:
        raise ValidationError(f"事项类型“{item_type}”不在编码表中", code="invalid_item_type")
    if code[:2] != item_type:
        raise ValidationError(
            f"基本编码“{code}”的前两位应为事项类型代码 {item_type}（{ItemType(item_type).label}）",
            code="basic_code_type_mismatch",
        )
    return code


def handling_code_build(basic_code: str, suffix: str) -> str:
    if not re.fullmatch(r"\d{2}", suffix or ""):
        raise ValidationError(f"业务办理项序号“{suffix}”应为 2 位数字", code="invalid_handling_suffix")
    return f"{basic_code}{suffix}"


def implementation_code_build(
    *, basic_code: str, region_code: str, credit_code: str, handling_code: str | None = None
) -> str:
    suffix = ""
    if handling_code:
        if not handling_code.startswith(basic_code) or len(handling_code) != 14:
            raise ValidationError("业务办理项不属于该基本目录事项", code="handling_item_mismatch")
        suffix = handling_code[12:]
    return f"{basic_code}{region_code}{credit_code}{suffix}"


def implementation_code_parse(code: str) -> dict[str, str]:
    """Split an implementation code into its parts; raises ``ValidationError`` on a malformed code."""
    if len(code) not in (42, 44) or not BASIC_CODE_RE.match(code[:12]) or not code[12:24].isdigit():
        raise ValidationError(f"实施编码“{code}”格式不正确", code="invalid_implementation_code")
    return {
        "basic_code": code[:12],
        "region_code": code[12:24],
        "credit_code": code[24:42],
        "handling_suffix": code[42:],
    }
