"""The identity columns of 事项 — which basic item, which department, where — checked for a whole file.

``Lookups`` fetches everything the checks need in a handful of set-based queries (never one
per row). ``identity_check`` resolves a row's basic item, handling item and department, checks
them against the basic catalog, the directory and the manager's scope, and builds the
implementation code; ``item_codes`` finds rows that name the same implementation twice.
Reads only.
"""

from typing import Any

from django.core.exceptions import ValidationError

from govhall.directory.models import Department, Region
from govhall.directory.services import credit_code_validate, region_code_normalise
from govhall.identity.models import StaffProfile

from ..access import manager_covers_region
from ..codes import BASIC_CODE_RE, implementation_code_build, implementation_code_parse
from ..models import CatalogItem, HandlingItem, ImplementationVersion, ItemImplementation, Theme, VersionState
from .layout import ITEM_SHEET, split_multi
from .reading import IssueList, SheetRow


class Lookups:
    """Everything the checks need, fetched once for the whole file."""

    def __init__(self, item_rows: list[SheetRow]) -> None:
        def codes(key: str) -> set[str]:
            return {code_text(row.values[key]) for row in item_rows if row.values[key] is not None}

        self.items = CatalogItem.objects.in_bulk(codes("basic_code"), field_name="code")
        self.handling = HandlingItem.objects.select_related("catalog_item").in_bulk(
            codes("handling_code"), field_name="code"
        )
        self.departments = Department.objects.select_related("region").in_bulk(
            {_credit_code_or_blank(code) for code in codes("credit_code")} - {""}, field_name="credit_code"
        )
        region_codes = {code_text(v).ljust(12, "0") for v in codes("region_code")}
        self.regions = Region.objects.in_bulk(region_codes, field_name="code")
        self.themes = list(Theme.objects.all())
        wanted = {c.upper() for row in item_rows for c in split_multi(row.values["prerequisites"])}
        self.prerequisite_codes = set(
            CatalogItem.objects.filter(code__in=wanted).values_list("code", flat=True)
        )
        self.implementations: dict[str, ItemImplementation] = {}
        self.pending_ids: set[int] = set()

    def load_implementations(self, implementation_codes: set[str]) -> None:
        self.implementations = ItemImplementation.objects.in_bulk(implementation_codes, field_name="code")
        self.pending_ids = set(
            ImplementationVersion.objects.filter(
                implementation__code__in=implementation_codes,
                state=VersionState.PENDING,
            ).values_list("implementation_id", flat=True)
        )


def _credit_code_or_blank(code: str) -> str:
    try:
        return credit_code_validate(code)
    except ValidationError:
        return ""


def code_text(value: Any) -> str:
    """A code cell as upper-case text (codes typed as numbers keep their digits)."""
    return str(value).strip().upper() if value is not None else ""


def identity_check(
    row: SheetRow, lookups: Lookups, profile: StaffProfile, issues: IssueList
) -> dict[str, Any] | None:
    """Check the identity columns; return the resolved item, handling item, department and code, or None."""
    before = len(issues)
    values = row.values
    basic_code = code_text(values["basic_code"])
    item = None
    if not basic_code:
        issues.add(ITEM_SHEET, row, "basic_code", "基本编码不能为空")
    elif not BASIC_CODE_RE.match(basic_code):
        issues.add(ITEM_SHEET, row, "basic_code", f"基本编码“{basic_code}”应为 12 位数字或大写字母")
    elif (item := lookups.items.get(basic_code)) is None:
        issues.add(ITEM_SHEET, row, "basic_code", f"基本编码“{basic_code}”在基本目录中不存在")
    elif not item.is_active:
        issues.add(
            ITEM_SHEET, row, "basic_code", f"基本目录事项“{item.name}”（{basic_code}）已失效，不能导入"
        )
    handling = _handling_check(row, item, lookups, issues)
    if item is not None and values["name"] is not None:
        inherited = f"{item.name}（{handling.name}）" if handling else item.name
        if str(values["name"]) != inherited:
            issues.add(
                ITEM_SHEET,
                row,
                "name",
                f"事项名称继承自基本目录，应为“{inherited}”，不能改为“{values['name']}”",
            )
    department = _department_check(row, lookups, profile, issues)
    if len(issues) > before or item is None or department is None:
        return None
    code = implementation_code_build(
        basic_code=item.code,
        region_code=department.region.code,
        credit_code=department.credit_code,
        handling_code=handling.code if handling else None,
    )
    given = code_text(values["code"])
    if given and not _given_code_ok(row, given, code, basic_code, issues):
        return None
    return {"code": code, "item": item, "handling": handling, "department": department}


def _handling_check(
    row: SheetRow, item: CatalogItem | None, lookups: Lookups, issues: IssueList
) -> HandlingItem | None:
    handling_code = code_text(row.values["handling_code"])
    if not handling_code:
        return None
    handling = lookups.handling.get(handling_code)
    if handling is None:
        issues.add(ITEM_SHEET, row, "handling_code", f"业务办理项编码“{handling_code}”不存在")
    elif item is not None and handling.catalog_item_id != item.pk:
        issues.add(
            ITEM_SHEET,
            row,
            "handling_code",
            f"业务办理项“{handling.name}”（{handling_code}）不属于基本编码 {item.code}",
        )
    return handling


def _department_check(
    row: SheetRow, lookups: Lookups, profile: StaffProfile, issues: IssueList
) -> Department | None:
    values = row.values
    department = _department_lookup(row, lookups, issues)
    if (
        department is not None
        and values["department_name"] is not None
        and str(values["department_name"]) != department.name
    ):
        issues.add(
            ITEM_SHEET,
            row,
            "department_name",
            f"实施主体名称应为“{department.name}”（与统一社会信用代码对应），不能填“{values['department_name']}”",
        )
    region_text = code_text(values["region_code"])
    if not region_text:
        issues.add(ITEM_SHEET, row, "region_code", "实施区划代码不能为空")
        return None
    try:
        region_code = region_code_normalise(region_text)
    except ValidationError as error:
        issues.add(ITEM_SHEET, row, "region_code", error.messages[0])
        return None
    region = lookups.regions.get(region_code)
    if region is None:
        issues.add(ITEM_SHEET, row, "region_code", f"行政区划代码 {region_code} 不存在")
    elif department is not None and department.region_id != region.pk:
        issues.add(
            ITEM_SHEET,
            row,
            "region_code",
            f"实施主体“{department.name}”属于{department.region.name}（{department.region.code}），"
            f"与实施区划代码 {region_code}（{region.name}）不一致",
        )
    elif not manager_covers_region(profile, region.path):
        issues.add(
            ITEM_SHEET,
            row,
            "region_code",
            f"实施区划“{region.name}”不在您的管理范围（{profile.region.name}及下级）内",
        )
    return department


def _department_lookup(row: SheetRow, lookups: Lookups, issues: IssueList) -> Department | None:
    """The active department named by the credit code cell, or None (with an issue)."""
    credit = code_text(row.values["credit_code"])
    if not credit:
        issues.add(ITEM_SHEET, row, "credit_code", "实施主体统一社会信用代码不能为空")
        return None
    try:
        credit = credit_code_validate(credit)
    except ValidationError:
        issues.add(
            ITEM_SHEET,
            row,
            "credit_code",
            f"统一社会信用代码“{credit}”无效：应为 18 位数字或大写字母，且校验位正确（GB 32100）",
        )
        return None
    department = lookups.departments.get(credit)
    if department is None:
        issues.add(
            ITEM_SHEET, row, "credit_code", f"统一社会信用代码为 {credit} 的部门不存在，请先在部门库中登记"
        )
    elif not department.is_active:
        issues.add(ITEM_SHEET, row, "credit_code", f"部门“{department.name}”已停用")
    return department


def _given_code_ok(row: SheetRow, given: str, expected: str, basic_code: str, issues: IssueList) -> bool:
    try:
        parts = implementation_code_parse(given)
    except ValidationError as error:
        issues.add(ITEM_SHEET, row, "code", error.messages[0])
        return False
    if parts["basic_code"] != basic_code:
        issues.add(
            ITEM_SHEET,
            row,
            "code",
            f"实施编码中的基本编码 {parts['basic_code']} 与“基本编码”列的 {basic_code} 不一致",
        )
        return False
    if given != expected:
        issues.add(
            ITEM_SHEET,
            row,
            "code",
            f"实施编码与基本编码、实施区划代码、统一社会信用代码不一致，应为 {expected}",
        )
        return False
    return True


def item_codes(identities: list[tuple[SheetRow, dict[str, Any] | None]], issues: IssueList) -> set[str]:
    """Codes of the 事项 rows (given or computed); a code on two rows is an error on the second."""
    first_row: dict[str, int] = {}
    for row, identity in identities:
        code = identity["code"] if identity else code_text(row.values["code"])
        if not code:
            continue
        if code in first_row:
            issues.add(ITEM_SHEET, row, "code", f"实施编码 {code} 与第 {first_row[code]} 行重复")
        else:
            first_row[code] = row.number
    return set(first_row)
