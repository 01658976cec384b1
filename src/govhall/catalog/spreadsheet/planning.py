"""Checking a read template against the catalog: every problem of every row, and a plan of what to write.

Reads only (a handful of set-based look-ups for the whole file, never a query per row for the
identity checks). The guide elements are validated by ``elements_clean`` — the one validation
the workbench and the API also use — and its error keys (``"materials.2.name"``) are mapped
back to the sheet, row and column they came from. On top of it, the import checks what only a
file can get wrong: identity columns against the basic catalog and the directory, the
manager's scope, references between sheets, duplicate positions.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from govhall.directory.models import Department
from govhall.identity.models import StaffProfile

from ..elements import (
    FEE_ELEMENTS,
    MATERIAL_ELEMENTS,
    SCALAR_ELEMENTS,
    STEP_ELEMENTS,
    elements_carry_over,
    elements_clean,
    version_snapshot,
)
from ..models import (
    CatalogItem,
    HandlingItem,
    ImplementationStatus,
    ImplementationVersion,
    ItemImplementation,
    LimitUnit,
    VersionState,
)
from .item_identity import Lookups, code_text, identity_check, item_codes
from .layout import (
    CHILD_COLUMNS,
    CHILD_ELEMENT_KEY,
    DATA_SHEETS,
    ITEM_SHEET,
    SHEET_COLUMNS,
    SHEET_FOR_ELEMENT_KEY,
    header_for,
    split_multi,
)
from .reading import ImportIssue, IssueList, SheetRow

_CHILD_ELEMENTS = {"materials": MATERIAL_ELEMENTS, "fees": FEE_ELEMENTS, "steps": STEP_ELEMENTS}


@dataclass
class ImplementationPlan:
    """What to write for one row of 事项: create, or revise the open draft of ``existing``."""

    row: SheetRow
    code: str
    catalog_item: CatalogItem
    handling_item: HandlingItem | None
    department: Department
    existing: ItemImplementation | None
    elements: dict[str, Any] = field(default_factory=dict)
    changed: bool = True


def issue_sort_key(issue: ImportIssue) -> tuple[int, int, int]:
    sheet = DATA_SHEETS.index(issue.sheet) if issue.sheet in DATA_SHEETS else -1
    headers = [c.header for c in SHEET_COLUMNS.get(issue.sheet, ())]
    column = headers.index(issue.column) if issue.column in headers else len(headers)
    return sheet, issue.row or 0, column


def import_plan(
    rows: dict[str, list[SheetRow]], profile: StaffProfile
) -> tuple[list[ImplementationPlan], list[ImportIssue]]:
    """The plan for every implementation in the file, and every problem found (empty when all is well)."""
    issues = IssueList()
    item_rows = rows[ITEM_SHEET]
    lookups = Lookups(item_rows)
    identities = [(row, identity_check(row, lookups, profile, issues)) for row in item_rows]
    file_codes = item_codes(identities, issues)
    lookups.load_implementations({identity["code"] for _, identity in identities if identity})
    children = {sheet: _child_rows(rows[sheet], sheet, file_codes, issues) for sheet in CHILD_COLUMNS}
    plans: list[ImplementationPlan] = []
    seen: set[str] = set()
    for row, identity in identities:
        code = identity["code"] if identity else code_text(row.values["code"])
        # A repeated code is already reported; its detail rows are checked with the first row only.
        duplicate = bool(code) and code in seen
        seen.add(code)
        own_children = {
            key: [] if duplicate else children[sheet].get(code, [])
            for sheet, key in CHILD_ELEMENT_KEY.items()
        }
        elements = _elements_check(row, own_children, lookups, issues)
        if identity is None or elements is None or duplicate:
            continue
        existing = lookups.implementations.get(code)
        if existing is not None and _existing_check(row, existing, lookups, issues):
            continue
        plans.append(
            ImplementationPlan(
                row, code, identity["item"], identity["handling"], identity["department"], existing, elements
            )
        )
    if issues:
        return [], sorted(issues, key=issue_sort_key)
    _mark_unchanged(plans)
    return plans, []


def _child_rows(
    rows: list[SheetRow], sheet: str, item_codes: set[str], issues: IssueList
) -> dict[str, list[SheetRow]]:
    """Rows of a detail sheet grouped by implementation code and ordered by 序号; checks both columns."""
    grouped: dict[str, dict[int, SheetRow]] = defaultdict(dict)
    for row in rows:
        code = code_text(row.values["code"])
        position = row.values["position"]
        ok = True
        if not code:
            issues.add(sheet, row, "code", "实施编码不能为空")
            ok = False
        elif code not in item_codes:
            issues.add(sheet, row, "code", f"实施编码 {code} 在“事项”表中不存在")
            ok = False
        if position is None:
            issues.add(sheet, row, "position", "序号不能为空")
            continue
        if not isinstance(position, int) or position < 1:
            issues.add(sheet, row, "position", f"序号应为正整数，收到“{position}”")
            continue
        if ok and position in grouped[code]:
            issues.add(
                sheet, row, "position", f"序号 {position} 与第 {grouped[code][position].number} 行重复"
            )
        elif ok:
            grouped[code][position] = row
    return {code: [by_position[p] for p in sorted(by_position)] for code, by_position in grouped.items()}


def _elements_check(
    row: SheetRow, children: dict[str, list[SheetRow]], lookups: Lookups, issues: IssueList
) -> dict[str, Any] | None:
    """Clean the guide elements of one implementation; problems are placed on their own sheet, row and column."""
    before = len(issues)
    data: dict[str, Any] = {e.name: row.values[e.name] for e in SCALAR_ELEMENTS}
    for key, elements in _CHILD_ELEMENTS.items():
        data[key] = [{e.name: child.values[e.name] for e in elements} for child in children[key]]
    data["themes"] = _themes_resolve(row, lookups, issues)
    data["prerequisites"] = _prerequisites_check(row, lookups, issues)
    for element in SCALAR_ELEMENTS:
        if element.required and row.values[element.name] is None:
            issues.add(ITEM_SHEET, row, element.name, f"{element.label}不能为空")
    _limits_check(row, issues)
    try:
        cleaned = elements_clean(data)
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            sheet, place, column = _error_place(key, row, children)
            for message in messages:
                issues.add(sheet, place, column, message)
        return None
    return cleaned if len(issues) == before else None


def _error_place(
    key: str, row: SheetRow, children: dict[str, list[SheetRow]]
) -> tuple[str, SheetRow | None, str]:
    """Where an ``elements_clean`` error key (``"promised_limit"``, ``"materials.2.name"``) belongs."""
    parts = key.split(".")
    if parts[0] in SHEET_FOR_ELEMENT_KEY:
        sheet = SHEET_FOR_ELEMENT_KEY[parts[0]]
        if len(parts) == 3:
            return sheet, children[parts[0]][int(parts[1])], parts[2]
        if parts[0] == "fees":
            return ITEM_SHEET, row, "is_free"
        return sheet, None, ""
    return ITEM_SHEET, row, key if header_for(ITEM_SHEET, key) else ""


def _limits_check(row: SheetRow, issues: IssueList) -> None:
    """承诺时限不得超过法定时限 — same unit, or promised in working days against statutory natural days."""
    statutory, promised = _whole(row.values["statutory_limit"]), _whole(row.values["promised_limit"])
    promised_unit = _limit_unit(row.values["promised_limit_unit"])
    statutory_unit = _limit_unit(row.values["statutory_limit_unit"])
    if (
        statutory is None
        or promised is None
        or promised <= statutory
        or not promised_unit
        or not statutory_unit
    ):
        return
    if promised_unit == statutory_unit or (promised_unit, statutory_unit) == (
        LimitUnit.WORKING_DAYS,
        LimitUnit.NATURAL_DAYS,
    ):
        issues.add(
            ITEM_SHEET,
            row,
            "promised_limit",
            f"承诺办结时限（{promised} 个{LimitUnit(promised_unit).label}）不能超过"
            f"法定办结时限（{statutory} 个{LimitUnit(statutory_unit).label}）",
        )


def _whole(value: Any) -> int | None:
    return (
        value
        if isinstance(value, int)
        else int(value)
        if isinstance(value, str) and value.isdigit()
        else None
    )


def _limit_unit(value: Any) -> str | None:
    """The unit code for a code or label; an empty cell means the default (working days)."""
    if value is None:
        return LimitUnit.WORKING_DAYS
    for code, label in LimitUnit.choices:
        if str(value) in (code, label):
            return code
    return None


def _themes_resolve(row: SheetRow, lookups: Lookups, issues: IssueList) -> list[str]:
    codes = []
    for text in split_multi(row.values["themes"]):
        by_code = [t for t in lookups.themes if t.code == text]
        by_name = [t for t in lookups.themes if t.name == text]
        matches = by_code or by_name
        if len(matches) == 1:
            codes.append(matches[0].code)
        elif matches:
            issues.add(ITEM_SHEET, row, "themes", f"主题名称“{text}”对应多个主题，请改填主题代码")
        else:
            issues.add(ITEM_SHEET, row, "themes", f"主题“{text}”不存在")
    return codes


def _prerequisites_check(row: SheetRow, lookups: Lookups, issues: IssueList) -> list[str]:
    codes = [text.upper() for text in split_multi(row.values["prerequisites"])]
    own = code_text(row.values["basic_code"])
    for code in codes:
        if code == own:
            issues.add(ITEM_SHEET, row, "prerequisites", "不能把事项本身列为前置审批事项")
        elif code not in lookups.prerequisite_codes:
            issues.add(ITEM_SHEET, row, "prerequisites", f"前置审批事项的基本编码“{code}”不存在")
    return codes


def _existing_check(
    row: SheetRow, implementation: ItemImplementation, lookups: Lookups, issues: IssueList
) -> bool:
    """True (and an issue) when an existing implementation cannot take a revision now."""
    if implementation.status == ImplementationStatus.WITHDRAWN:
        issues.add(ITEM_SHEET, row, "code", "该事项已取消，不能再导入修订")
        return True
    if implementation.pk in lookups.pending_ids:
        issues.add(ITEM_SHEET, row, "code", "该事项有待审核的版本，审核完成前不能导入修订")
        return True
    return False


def _mark_unchanged(plans: list[ImplementationPlan]) -> None:
    """An existing implementation whose elements equal its current version needs no new draft."""
    existing = {plan.existing.pk: plan for plan in plans if plan.existing is not None}
    if not existing:
        return
    current: dict[int, ImplementationVersion] = {}
    versions = (
        ImplementationVersion.objects.filter(implementation_id__in=list(existing))
        .exclude(state=VersionState.SUPERSEDED)
        .prefetch_related("materials", "steps", "fees", "themes", "prerequisites", "co_departments")
        .order_by("number")
    )
    for version in versions:
        if version.state in (VersionState.DRAFT, VersionState.PUBLISHED):
            current[version.implementation_id] = version  # the open draft (highest number) wins
    for implementation_id, version in current.items():
        try:
            current_elements = elements_clean(version_snapshot(version))
            # The template has no form or process columns: the revision keeps the current ones.
            plan = existing[implementation_id]
            plan.changed = current_elements != elements_carry_over(current_elements, plan.elements)
        except ValidationError:
            existing[implementation_id].changed = True
