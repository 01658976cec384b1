"""Reading a filled-in template: open the file, check sheets and header rows, return normalised rows.

Anything that is not the template (not an .xlsx, corrupt, missing sheets, changed headers, too
many rows) becomes a ``TemplateError`` with Chinese messages — never an exception a page or
command would have to guess about. Reads only; knows nothing of the database.
"""

import io
from dataclasses import dataclass, field
from typing import IO, Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from .layout import DATA_SHEETS, SHEET_COLUMNS, cell_read, header_for

MAX_ROWS_PER_SHEET = 100_000


@dataclass(frozen=True)
class ImportIssue:
    """One problem found in the file: where (sheet, Excel row number, column header) and why."""

    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = "、".join(
            part
            for part in (
                f"工作表“{self.sheet}”" if self.sheet else "",
                f"第 {self.row} 行" if self.row else "",
                f"“{self.column}”列" if self.column else "",
            )
            if part
        )
        return f"{where}：{self.message}" if where else self.message


class IssueList(list[ImportIssue]):
    """Issues found so far; ``add`` places one by column key (``"promised_limit"``) rather than header."""

    def add(self, sheet: str, row: "SheetRow | None", key: str, message: str) -> None:
        header = header_for(sheet, key) if key else ""
        self.append(ImportIssue(sheet, row.number if row else None, header, message))


@dataclass
class TemplateError(Exception):
    issues: list[ImportIssue] = field(default_factory=list)


@dataclass(frozen=True)
class SheetRow:
    """A non-blank data row: its Excel row number and its values keyed by column key."""

    number: int
    values: dict[str, Any]


def template_read(file: Any) -> dict[str, list[SheetRow]]:
    """The data rows of each data sheet; raises ``TemplateError`` when the file is not the template."""
    try:
        workbook = load_workbook(_as_binary(file), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on foreign or damaged files
        raise TemplateError(
            [
                ImportIssue(
                    "",
                    None,
                    "",
                    "文件不是有效的 Excel 工作簿（.xlsx），或文件已损坏；请使用系统导出的模板填写后再导入",
                )
            ]
        ) from exc
    try:
        missing = [name for name in DATA_SHEETS if name not in workbook.sheetnames]
        if missing:
            raise TemplateError(
                [ImportIssue(name, None, "", "缺少工作表，请使用系统导出的模板") for name in missing]
            )
        issues: list[ImportIssue] = []
        rows = {name: _sheet_rows(workbook[name], name, issues) for name in DATA_SHEETS}
    except TemplateError:
        raise
    except Exception as exc:  # worksheets are parsed lazily: damaged XML or zip entries surface here
        raise TemplateError([ImportIssue("", None, "", "文件内容已损坏，无法读取")]) from exc
    finally:
        workbook.close()
    if issues:
        raise TemplateError(issues)
    return rows


def _as_binary(file: Any) -> IO[bytes] | str:
    if isinstance(file, bytes | bytearray):
        return io.BytesIO(file)
    if hasattr(file, "seek"):
        file.seek(0)
    return file


def _sheet_rows(sheet: Any, name: str, issues: list[ImportIssue]) -> list[SheetRow]:
    columns = SHEET_COLUMNS[name]
    rows: list[SheetRow] = []
    header_seen = False
    for number, raw in enumerate(sheet.iter_rows(values_only=True), start=1):
        values = [cell_read(value) for value in raw]
        if not header_seen:
            header_seen = True
            if not _header_ok(name, values, [c.header for c in columns], issues):
                return []
            continue
        if all(value is None for value in values):
            continue
        if len(rows) >= MAX_ROWS_PER_SHEET:
            issues.append(ImportIssue(name, number, "", f"数据行超过 {MAX_ROWS_PER_SHEET} 行，请分批导入"))
            return rows
        for index, value in enumerate(values[len(columns) :], start=len(columns) + 1):
            if value is not None:
                issues.append(
                    ImportIssue(
                        name,
                        number,
                        f"第 {get_column_letter(index)} 列",
                        "表头以外的列有内容，请删除或移到对应的列",
                    )
                )
        padded = values[: len(columns)] + [None] * (len(columns) - len(values))
        rows.append(SheetRow(number, {c.key: value for c, value in zip(columns, padded, strict=True)}))
    if not header_seen:
        issues.append(ImportIssue(name, 1, "", "缺少表头行，请使用系统导出的模板"))
    return rows


def _header_ok(name: str, values: list[Any], expected: list[str], issues: list[ImportIssue]) -> bool:
    actual = [str(v) if v is not None else "" for v in values]
    while actual and not actual[-1]:
        actual.pop()
    if actual == expected:
        return True
    for index in range(max(len(expected), len(actual))):
        want = expected[index] if index < len(expected) else ""
        got = actual[index] if index < len(actual) else ""
        if want != got:
            column = f"第 {get_column_letter(index + 1)} 列"
            message = f"表头应为“{want}”，实为“{got or '空'}”" if want else f"表头多出一列“{got}”"
            issues.append(ImportIssue(name, 1, column, message + "；请勿修改模板的表头"))
    return False
