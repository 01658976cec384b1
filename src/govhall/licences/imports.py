"""存量证照导入 — a department's existing licences from an .xlsx or .csv file, all or nothing.

The file's first row names the columns: 持证主体名称, 证件号码 (resident ID number or unified social
credit code), 有效期起, 有效期至 (empty or 长期: the type's default), optionally 原证照编号, and one
column per data field of the licence type, named by the field's title in the type's schema.
Every row's holder must already be registered (matched through identity's lookup hash of the ID
number, or the credit code) with the same name. ``licence_import`` checks every row first; if any
row has a problem the report lists them all and nothing is written. Otherwise every licence is
issued (sealed PDF, identifier) in one transaction, with one audit entry per licence.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from govhall.core.audit import AuditItem, AuditTarget, audit_record_many
from govhall.directory.models import Department
from govhall.identity.models import Enterprise, Person
from govhall.identity.selectors_enterprises import enterprise_get
from govhall.identity.selectors_realname import person_by_id_number

from .issuance import licence_create, licence_data_clean, licence_holder, licence_valid_until
from .models import Licence, LicenceEvent, LicenceEventKind, LicenceType
from .selectors import licence_type_get

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
HOLDER_NAME = "持证主体名称"
HOLDER_NUMBER = "证件号码"
VALID_FROM = "有效期起"
VALID_UNTIL = "有效期至"
ORIGINAL_NUMBER = "原证照编号"
FIXED_COLUMNS = (HOLDER_NAME, HOLDER_NUMBER, VALID_FROM, VALID_UNTIL, ORIGINAL_NUMBER)
ALIASES = {
    "持证人": HOLDER_NAME,
    "持证单位": HOLDER_NAME,
    "身份证号码": HOLDER_NUMBER,
    "统一社会信用代码": HOLDER_NUMBER,
}


@dataclass(frozen=True)
class RowProblem:
    row: int  # spreadsheet row number (the header is row 1)
    message: str


@dataclass
class ImportReport:
    created: list[Licence] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def rows_from_file(name: str, content: bytes) -> list[dict[str, Any]]:
    """The data rows of an .xlsx or .csv file as {column header: value}; ``ValidationError`` if unreadable."""
    if len(content) > MAX_BYTES:
        raise ValidationError("文件不能超过 5 MB")
    lower = name.lower()
    if lower.endswith(".xlsx"):
        table = _xlsx_rows(content)
    elif lower.endswith(".csv"):
        table = _csv_rows(content)
    else:
        raise ValidationError("请上传 .xlsx 或 .csv 文件")
    if not table:
        raise ValidationError("文件是空的")
    header = [ALIASES.get(str(h or "").strip(), str(h or "").strip()) for h in table[0]]
    rows = [
        dict(zip(header, values, strict=False))
        for values in table[1:]
        if any(str(v).strip() for v in values if v is not None)
    ]
    if len(rows) > MAX_ROWS:
        raise ValidationError(f"一次最多导入 {MAX_ROWS} 条，请分批导入")
    return rows


def _xlsx_rows(content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise ValidationError("无法读取 Excel 文件，请确认文件为 .xlsx 格式且未损坏") from exc
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _csv_rows(content: bytes) -> list[list[Any]]:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK by default
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [row for row in csv.reader(io.StringIO(text))]
    raise ValidationError("无法识别 CSV 文件的编码（支持 UTF-8 与 GBK）")


def _date(value: Any, what: str) -> date | None:
    if value in (None, "") or str(value).strip() in {"", "长期"}:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", str(value).strip())
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise ValidationError(f"{what}“{value}”不是有效日期（如 2024-05-01）")


def _holder_find(number: str, name: str) -> tuple[Person | None, Enterprise | None]:
    number = (number or "").strip().upper()
    if not number:
        raise ValidationError("缺少证件号码")
    enterprise = None
    with contextlib.suppress(Enterprise.DoesNotExist):
        enterprise = enterprise_get(credit_code=number)
    if enterprise is not None:
        if enterprise.name != name:
            raise ValidationError(f"名称“{name}”与平台登记的企业名称不一致")
        return None, enterprise
    try:
        person = person_by_id_number(number)
    except ValidationError:
        person = None
    if person is None:
        raise ValidationError("持证主体尚未在平台注册（按证件号码未找到对应的个人或企业）")
    if person.name != name:
        raise ValidationError(f"姓名“{name}”与平台登记的姓名不一致")
    return person, None


def _data_value(value: Any, spec: dict[str, Any]) -> Any:
    kind = spec.get("type")
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if kind in {"number", "integer"} and isinstance(value, str) and value.strip():
        try:
            number = float(value.strip())
        except ValueError:
            return value.strip()
        return int(number) if kind == "integer" and number.is_integer() else number
    if kind == "string" and value is not None and not isinstance(value, str):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return value.strip() if isinstance(value, str) else value


@dataclass(frozen=True)
class _Prepared:
    row: int
    person: Person | None
    enterprise: Enterprise | None
    data: dict[str, Any]
    valid_from: date
    valid_until: date | None


def _prepare(
    licence_type: LicenceType, number: int, row: dict[str, Any], titles: dict[str, str]
) -> _Prepared:
    name = str(row.get(HOLDER_NAME) or "").strip()
    if not name:
        raise ValidationError("缺少持证主体名称")
    person, enterprise = _holder_find(str(row.get(HOLDER_NUMBER) or ""), name)
    licence_holder(licence_type, person, enterprise)  # holder kind fits the type
    properties = (licence_type.metadata_schema or {}).get("properties") or {}
    data = {
        titles[column]: _data_value(value, properties.get(titles[column]) or {})
        for column, value in row.items()
        if column in titles and value not in (None, "")
    }
    if row.get(ORIGINAL_NUMBER):
        data["original_number"] = str(row[ORIGINAL_NUMBER]).strip()
    try:
        licence_data_clean(licence_type, data)
    except ValidationError as exc:
        raise ValidationError("；".join(exc.messages)) from None
    valid_from = _date(row.get(VALID_FROM), "有效期起") or timezone.localdate()
    valid_until = licence_valid_until(licence_type, valid_from, _date(row.get(VALID_UNTIL), "有效期至"))
    return _Prepared(number, person, enterprise, data, valid_from, valid_until)


def _check_rows(
    licence_type: LicenceType, issuer: Department, rows: list[dict[str, Any]], report: ImportReport
) -> list[_Prepared]:
    properties = (licence_type.metadata_schema or {}).get("properties") or {}
    titles = {str(spec.get("title") or key): key for key, spec in properties.items()}
    columns = {column for row in rows for column in row}
    unknown = sorted(c for c in columns if c and c not in titles and c not in FIXED_COLUMNS)
    if unknown:
        report.problems.append(RowProblem(1, f"无法识别的列：{'、'.join(unknown)}"))
    prepared: list[_Prepared] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(rows, start=2):
        try:
            item = _prepare(licence_type, index, row, titles)
        except ValidationError as exc:
            report.problems.append(RowProblem(index, "；".join(exc.messages)))
            continue
        original = item.data.get("original_number")
        if original:
            if original in seen:
                report.problems.append(
                    RowProblem(index, f"原证照编号 {original} 与第 {seen[original]} 行重复")
                )
                continue
            seen[original] = index
            if Licence.objects.filter(
                licence_type=licence_type, issuer=issuer, imported=True, data__original_number=original
            ).exists():
                report.problems.append(RowProblem(index, f"原证照编号 {original} 已导入过"))
                continue
        prepared.append(item)
    return prepared


def licence_import(
    *, actor: Any, type_code: str, issuer: Department, rows: list[dict[str, Any]], base_url: str = ""
) -> ImportReport:
    """Import ``rows`` (from ``rows_from_file``) as licences of ``type_code`` issued by ``issuer``.

    All rows are checked first; any problem → the report lists every problem and nothing is written.
    """
    report = ImportReport()
    try:
        licence_type = licence_type_get(type_code)
    except LicenceType.DoesNotExist:
        report.problems.append(RowProblem(1, f"证照类型 {type_code} 不存在"))
        return report
    if not rows:
        report.problems.append(RowProblem(1, "文件中没有数据行"))
        return report
    prepared = _check_rows(licence_type, issuer, rows, report)
    if report.problems:
        return report
    with transaction.atomic():
        for item in prepared:
            licence = licence_create(
                licence_type=licence_type,
                holder=licence_holder(licence_type, item.person, item.enterprise),
                issuer=issuer,
                data=item.data,
                valid_from=item.valid_from,
                valid_until=item.valid_until,
                source_case="",
                imported=True,
                base_url=base_url,
            )
            report.created.append(licence)
        LicenceEvent.objects.bulk_create(
            [
                LicenceEvent(
                    licence=licence,
                    kind=LicenceEventKind.IMPORTED,
                    actor=actor if getattr(actor, "pk", None) else None,
                    actor_label=getattr(actor, "get_username", lambda: "system")()[:200],
                    summary={"row": item.row},
                )
                for licence, item in zip(report.created, prepared, strict=True)
            ]
        )
        audit_record_many(
            actor=actor,
            items=[
                AuditItem(
                    action="licences.licence_import",
                    target=AuditTarget.of(licence, licence.identifier),
                    summary={"identifier": licence.identifier, "issuer": issuer.credit_code, "row": item.row},
                )
                for licence, item in zip(report.created, prepared, strict=True)
            ],
        )
    return report
