"""Writes to regions and departments. Validates codes at the edge: a bad code never reaches the table."""

from django.core.exceptions import ValidationError
from django.db import transaction
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from .models import Department, Level, Region

_STDNUM_REASONS = {
    "InvalidLength": "长度应为 18 位",
    "InvalidFormat": "含有不允许的字符（应为数字和除 I、O、S、V、Z 外的大写字母）",
    "InvalidChecksum": "校验码不正确",
    "InvalidComponent": "登记管理部门或机构类别代码不正确",
}


def credit_code_validate(code: str) -> str:
    """Return the normalised unified social credit code or raise ``ValidationError`` (GB 32100 checksum)."""
    try:
        return uscc.validate(code)
    except StdnumError as exc:
        reason = _STDNUM_REASONS.get(type(exc).__name__, "格式不正确")
        raise ValidationError(f"统一社会信用代码“{code}”无效：{reason}", code="invalid_credit_code") from exc


def region_code_normalise(code: str) -> str:
    """Accept the 6-, 9- or 12-digit form of a GB/T 2260 code and return the 12-digit form."""
    code = (code or "").strip()
    if not code.isdigit() or len(code) not in (6, 9, 12):
        raise ValidationError(f"行政区划代码“{code}”应为 6、9 或 12 位数字", code="invalid_region_code")
    return code.ljust(12, "0")


def region_level_for_code(code12: str) -> Level:
    if code12[2:] == "0" * 10:
        return Level.PROVINCE
    if code12[4:] == "0" * 8:
        return Level.CITY
    if code12[6:] == "0" * 6:
        return Level.COUNTY
    if code12[9:] == "000":
        return Level.TOWNSHIP
    return Level.VILLAGE


@transaction.atomic
def region_upsert(*, code: str, name: str, parent: Region | None = None, position: int = 0) -> Region:
    """Create or rename a region; its level and path follow from its code and parent."""
    code12 = region_code_normalise(code)
    level = region_level_for_code(code12)
    if parent is not None and parent.level >= level:
        raise ValidationError(f"{name} 的上级区划层级不正确", code="invalid_region_parent")
    path = f"{parent.path}{code12}/" if parent else f"{code12}/"
    region, created = Region.objects.get_or_create(
        code=code12,
        defaults={"name": name, "level": level, "parent": parent, "path": path, "position": position},
    )
    if not created and (region.name, region.parent_id, region.path) != (
        name,
        parent.pk if parent else None,
        path,
    ):
        region.name, region.parent, region.path = name, parent, path
        region.save(update_fields=["name", "parent", "path"])
    return region


@transaction.atomic
def department_upsert(
    *,
    credit_code: str,
    name: str,
    region: Region,
    parent: Department | None = None,
    short_name: str = "",
    phone: str = "",
    complaint_phone: str = "",
    address: str = "",
    hours: str = "",
    website: str = "",
) -> Department:
    """Create or update a department, keyed by its (validated) unified social credit code."""
    code = credit_code_validate(credit_code)
    values = {
        "name": name,
        "region": region,
        "level": region.level,
        "parent": parent,
        "short_name": short_name,
        "phone": phone,
        "complaint_phone": complaint_phone,
        "address": address,
        "hours": hours,
        "website": website,
    }
    department, _ = Department.objects.update_or_create(credit_code=code, defaults=values)
    return department
