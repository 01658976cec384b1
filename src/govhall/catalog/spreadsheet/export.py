"""Export of implementations to the unified item template (.xlsx), and the blank template itself.

Reads only. Each implementation is written from its published version (or, with
``include_drafts``, from its open draft or pending version when it has one), one row in 事项
and one row per material, fee and step. Coded columns get drop-down lists from the hidden
代码表 sheet. The output is deterministic: the same data gives the same bytes.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..models import ImplementationStatus, ImplementationVersion, ItemImplementation, VersionState
from .layout import (
    CHILD_COLUMNS,
    CODE_LISTS,
    CODES_SHEET,
    FEE_SHEET,
    GUIDE_SHEET,
    ITEM_COLUMNS,
    ITEM_SHEET,
    MATERIAL_SHEET,
    SHEET_COLUMNS,
    STEP_SHEET,
    Column,
    cell_write,
    code_list_labels,
)
from .writing import table_header_write, table_rows_write, workbook_bytes, workbook_new

EXPORT_STATUS_CHOICES = ImplementationStatus.choices
_CHUNK = 500
_LAST_ROW = 1048576
_CHILD_RELATION = {MATERIAL_SHEET: "materials", FEE_SHEET: "fees", STEP_SHEET: "steps"}


def implementations_for_export(
    *,
    queryset: QuerySet[ItemImplementation] | None = None,
    region_path: str = "",
    basic_code: str = "",
    statuses: Sequence[str] = (),
) -> QuerySet[ItemImplementation]:
    """Filter ``queryset`` (default: every implementation) by region (and below), basic code and status."""
    implementations = ItemImplementation.objects.all() if queryset is None else queryset
    if region_path:
        implementations = implementations.filter(region__path__startswith=region_path)
    if basic_code:
        implementations = implementations.filter(catalog_item__code=basic_code.strip().upper())
    if statuses:
        implementations = implementations.filter(status__in=list(statuses))
    return implementations


def implementations_exportable(
    queryset: QuerySet[ItemImplementation], include_drafts: bool = False
) -> QuerySet[ItemImplementation]:
    """Those of ``queryset`` with a version to export: published, or (with drafts) an open draft or pending one."""
    condition = Q(published_version__isnull=False)
    if include_drafts:
        condition |= Q(
            Exists(
                ImplementationVersion.objects.filter(
                    implementation_id=OuterRef("pk"), state__in=[VersionState.DRAFT, VersionState.PENDING]
                )
            )
        )
    return queryset.filter(condition)


def items_export(
    *, implementations_queryset: QuerySet[ItemImplementation], include_drafts: bool = False
) -> bytes:
    """The .xlsx template filled with ``implementations_queryset`` (empty queryset → the blank template)."""
    workbook = workbook_new()
    guide = workbook.active
    assert guide is not None
    guide.title = GUIDE_SHEET
    _guide_write(guide)
    sheets = {name: workbook.create_sheet(name) for name in SHEET_COLUMNS}
    codes = workbook.create_sheet(CODES_SHEET)
    list_formulas = _code_table_write(codes)
    for name, sheet in sheets.items():
        _data_sheet_prepare(sheet, SHEET_COLUMNS[name], list_formulas)
    for implementation, version in _implementations_with_versions(implementations_queryset, include_drafts):
        _implementation_write(sheets, implementation, version)
    codes.sheet_state = "hidden"
    workbook.active = 1
    return workbook_bytes(workbook)


def _implementations_with_versions(
    queryset: QuerySet[ItemImplementation], include_drafts: bool
) -> Iterable[tuple[ItemImplementation, ImplementationVersion]]:
    """Pairs of implementation and the version to export, in code order, versions fetched in chunks."""
    implementations = list(
        queryset.select_related("catalog_item", "handling_item", "region", "department").order_by("code")
    )
    open_versions: dict[int, int] = {}
    if include_drafts:
        open_versions = dict(
            ImplementationVersion.objects.filter(
                implementation__in=queryset.values("pk"),
                state__in=[VersionState.DRAFT, VersionState.PENDING],
            ).values_list("implementation_id", "pk")
        )
    chosen = [(i, open_versions.get(i.pk) or i.published_version_id) for i in implementations]
    chosen = [(i, version_id) for i, version_id in chosen if version_id is not None]
    for start in range(0, len(chosen), _CHUNK):
        chunk = chosen[start : start + _CHUNK]
        versions = ImplementationVersion.objects.prefetch_related(
            "materials", "steps", "fees", "themes", "prerequisites"
        ).in_bulk([v for _, v in chunk])
        for implementation, version_id in chunk:
            yield implementation, versions[version_id]


def _implementation_write(
    sheets: dict[str, Worksheet], implementation: ItemImplementation, version: ImplementationVersion
) -> None:
    identity = {
        "code": implementation.code,
        "basic_code": implementation.catalog_item.code,
        "handling_code": implementation.handling_item.code if implementation.handling_item else None,
        "name": implementation.name,
        "credit_code": implementation.department.credit_code,
        "department_name": implementation.department.name,
        "region_code": implementation.region.code,
        "themes": [theme.name for theme in version.themes.all()],
        "prerequisites": sorted(item.code for item in version.prerequisites.all()),
    }
    item_row = [
        cell_write(c, identity[c.key] if c.key in identity else getattr(version, c.key)) for c in ITEM_COLUMNS
    ]
    table_rows_write(sheets[ITEM_SHEET], [item_row], text_columns=_text_columns(ITEM_COLUMNS))
    for sheet_name, relation in _CHILD_RELATION.items():
        columns = CHILD_COLUMNS[sheet_name]
        rows = [
            [
                implementation.code,
                child.position,
                *(cell_write(c, getattr(child, c.key)) for c in columns[2:]),
            ]
            for child in getattr(version, relation).all()
        ]
        table_rows_write(sheets[sheet_name], rows, text_columns=_text_columns(columns))


def _text_columns(columns: Sequence[Column]) -> list[int]:
    return [index for index, column in enumerate(columns, start=1) if column.kind == "code"]


def _data_sheet_prepare(sheet: Worksheet, columns: Sequence[Column], list_formulas: dict[Any, str]) -> None:
    """Header, widths, frozen header row, text format for code columns and validation for coded columns."""
    table_header_write(
        sheet,
        [c.header for c in columns],
        widths=[c.width for c in columns],
        required=[c.required for c in columns],
        read_only=[c.read_only for c in columns],
        freeze="B2",
    )
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if column.kind == "code":
            sheet.column_dimensions[letter].number_format = "@"
        validation = _validation_for(column, list_formulas)
        if validation is not None:
            validation.add(f"{letter}2:{letter}{_LAST_ROW}")
            sheet.add_data_validation(validation)


def _validation_for(column: Column, list_formulas: dict[Any, str]) -> DataValidation | None:
    common: dict[str, Any] = {"allow_blank": True, "showErrorMessage": True, "errorTitle": "取值不正确"}
    if column.kind in ("choice", "bool"):
        key = column.choices if column.kind == "choice" else None
        return DataValidation(type="list", formula1=list_formulas[key], error="请从下拉列表中选择", **common)
    if column.kind == "int" and column.maximum is not None:
        return DataValidation(
            type="whole",
            operator="between",
            formula1=str(column.minimum),
            formula2=str(column.maximum),
            error=f"{column.header}应为 {column.minimum} 至 {column.maximum} 的整数",
            **common,
        )
    if column.kind == "int":
        return DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1=str(column.minimum),
            error=f"{column.header}应为不小于 {column.minimum} 的整数",
            **common,
        )
    if column.kind == "decimal":
        return DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            error=f"{column.header}应为不小于 0 的金额",
            **common,
        )
    return None


def _code_table_write(sheet: Worksheet) -> dict[Any, str]:
    """One column per code list (Chinese labels); returns the list-validation formula for each."""
    formulas = {}
    for index, (choices, title) in enumerate(CODE_LISTS, start=1):
        letter = get_column_letter(index)
        labels = code_list_labels(choices)
        sheet.cell(row=1, column=index, value=title)
        for row, label in enumerate(labels, start=2):
            sheet.cell(row=row, column=index, value=label)
        sheet.column_dimensions[letter].width = 20
        formulas[choices] = f"{quote_sheetname(CODES_SHEET)}!${letter}$2:${letter}${len(labels) + 1}"
    return formulas


GUIDE_LINES = (
    "政务服务事项梳理模板（实施清单）",
    "",
    "1. 本模板包含“事项”“申请材料”“收费项目”“办理流程”四张数据表；各表第一行为表头，请勿修改、增删或调整列的顺序。",
    "2. “事项”表每行一个实施清单；其他三张表每行一条明细，用“实施编码”对应到“事项”表中的一行，用“序号”排列先后。",
    "3. 实施编码 = 基本编码（12 位）+ 实施区划代码（12 位）+ 实施主体统一社会信用代码（18 位）"
    "（+ 业务办理项编码的后 2 位）。新增事项可不填，由系统生成；若有明细行，明细行须填写同一实施编码。",
    "4. 灰色表头的列（事项名称、实施主体名称）由基本目录和部门信息决定，仅供阅读；如填写，必须与系统中的一致。",
    "5. 红色表头为必填列。有下拉列表的列请从列表中选择；多个取值用“、”分隔。是否类的列填“是”或“否”。",
    "6. 时限为整数；金额为不小于 0、最多两位小数的数字（元）。承诺时限不得超过法定时限。",
    "7. 导入时整个文件全部校验通过才会写入；任何一行有误，系统会列出所有错误（工作表、行号、列名、原因），不写入任何数据。",
    "8. 导入以文件内容为准：某个实施编码在明细表中没有行，即表示该事项没有此类明细（原有明细会被清除）。",
    "9. 导入结果为草稿：已有事项生成或更新修订草稿，在用版本保持不变；草稿须提交审核，审核通过后才对外发布。",
    "10. 只能导入本人管理区划（本级及下级）内的事项。",
)


def _guide_write(sheet: Worksheet) -> None:
    for line in GUIDE_LINES:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    start = sheet.max_row + 1
    table_rows_write(sheet, [["工作表", "列名", "必填", "填写说明"]])
    for cell in sheet[start]:
        cell.font = Font(bold=True)
    for sheet_name, columns in SHEET_COLUMNS.items():
        table_rows_write(
            sheet, ([sheet_name, c.header, "是" if c.required else "", _column_help(c)] for c in columns)
        )
    for letter, width in zip("ABCD", (14, 26, 8, 80), strict=True):
        sheet.column_dimensions[letter].width = width


def _column_help(column: Column) -> str:
    if column.note:
        return column.note
    if column.kind in ("choice", "choices"):
        labels = "、".join(code_list_labels(column.choices))
        return f"可选：{labels}" + ("（可多选，用“、”分隔）" if column.kind == "choices" else "")
    return {"bool": "填“是”或“否”", "int": "整数", "decimal": "金额（元），最多两位小数"}.get(column.kind, "")


def blank_template() -> bytes:
    """The empty template (headers, lists and instructions only)."""
    return items_export(implementations_queryset=ItemImplementation.objects.none())
