"""Writing .xlsx files: table sheets with styled, frozen headers and a byte-for-byte deterministic save.

openpyxl stamps the save time into the document properties and every zip entry; here both are
fixed, so the same workbook always gives the same bytes (exports can be compared and cached).
"""

import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .layout import WORKBOOK_CREATOR, WORKBOOK_TIMESTAMP, WORKBOOK_TITLE

HEADER_FONT = Font(bold=True)
REQUIRED_HEADER_FONT = Font(bold=True, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
READ_ONLY_FILL = PatternFill("solid", fgColor="E7E6E6")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
_ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


class _FixedTimeZipFile(zipfile.ZipFile):
    """A zip archive whose entries all carry the same timestamp and permissions."""

    def writestr(
        self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None, compresslevel: Any = None
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=_ZIP_TIMESTAMP)
            info.compress_type = self.compression
            info.external_attr = 0o644 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type=compress_type, compresslevel=compresslevel)

    def write(
        self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None
    ) -> None:
        """openpyxl streams worksheets through temporary files; store them with the fixed timestamp too."""
        with open(filename, "rb") as source:
            self.writestr(
                str(arcname or filename),
                source.read(),
                compress_type=compress_type,
                compresslevel=compresslevel,
            )


def workbook_new(*, title: str = WORKBOOK_TITLE) -> Workbook:
    workbook = Workbook()
    properties = workbook.properties
    properties.title = title
    properties.creator = WORKBOOK_CREATOR
    properties.lastModifiedBy = WORKBOOK_CREATOR
    properties.created = properties.modified = WORKBOOK_TIMESTAMP
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    """Serialise ``workbook`` to .xlsx bytes, identical for identical content."""
    buffer = io.BytesIO()
    archive = _FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    workbook.properties.modified = WORKBOOK_TIMESTAMP
    ExcelWriter(workbook, archive).save()
    return buffer.getvalue()


def table_header_write(
    sheet: Worksheet,
    headers: Sequence[str],
    *,
    widths: Sequence[int],
    required: Sequence[bool] | None = None,
    read_only: Sequence[bool] | None = None,
    freeze: str = "A2",
) -> None:
    """Bold header row (required columns in red, read-only ones greyed), widths, frozen header, filter."""
    sheet.append(list(headers))
    for index, header_cell in enumerate(sheet[1], start=0):
        header_cell.font = REQUIRED_HEADER_FONT if required and required[index] else HEADER_FONT
        header_cell.fill = READ_ONLY_FILL if read_only and read_only[index] else HEADER_FILL
        header_cell.alignment = HEADER_ALIGNMENT
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[1].height = 30
    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}1"


def table_rows_write(
    sheet: Worksheet, rows: Iterable[Sequence[Any]], *, text_columns: Sequence[int] = ()
) -> None:
    """Append data rows as plain values; ``text_columns`` (1-based) are formatted as text so codes keep digits.

    Text is always stored as text: a value starting with “=” is not turned into a formula, and
    characters a workbook cannot hold (control characters) are dropped rather than failing the export.
    """
    for row in rows:
        values = [ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value for value in row]
        sheet.append(values)
        number = sheet._current_row  # the row just appended (max_row would rescan every cell: quadratic)
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and value.startswith("="):
                sheet.cell(row=number, column=column).data_type = "s"
        for column in text_columns:
            sheet.cell(row=number, column=column).number_format = "@"
