"""Importing existing licences from a department file: all rows or none."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from govhall.core.models import AuditEntry
from govhall.licences.imports import licence_import, rows_from_file
from govhall.licences.models import Licence
from govhall.licences.verification import pdf_signature_check

from ..person_records import ID_NUMBERS
from .conftest import ENTERPRISE_CODE

pytestmark = pytest.mark.django_db

HEADER = [
    "持证主体名称",
    "证件号码",
    "经营者名称",
    "经营场所",
    "主体业态",
    "有效期起",
    "有效期至",
    "原证照编号",
]


def xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD = [
    "张三",
    ID_NUMBERS[0],
    "好味小吃店",
    "中山路 8 号",
    "餐饮服务经营者",
    "2023-05-01",
    "2028-04-30",
    "JY13508020001",
]


def test_a_clean_file_imports_every_row_with_sealed_pdfs(world, food_type, holder, enterprise):
    company = [
        "龙岩市新罗区示例贸易有限公司",
        ENTERPRISE_CODE,
        "示例贸易",
        "龙岩大道 1 号",
        "食品销售经营者",
        "2024/1/2",
        "",
        "JY13508020002",
    ]
    rows = rows_from_file("存量证照.xlsx", xlsx([GOOD, company]))

    report = licence_import(
        actor=world.manager, type_code="SPJYXKZ", issuer=world.county_department, rows=rows
    )

    assert report.ok, report.problems
    first, second = report.created
    assert (
        first.holder_person == holder and first.imported and first.data["original_number"] == "JY13508020001"
    )
    assert str(first.valid_until) == "2028-04-30"
    assert (
        second.holder_enterprise == enterprise and str(second.valid_until) == "2029-01-01"
    )  # 5 years by default
    with first.pdf.open("rb") as handle:
        assert pdf_signature_check(handle.read()).ok
    assert AuditEntry.objects.filter(action="licences.licence_import").count() == 2


def test_one_bad_row_writes_nothing_and_every_problem_is_listed(world, food_type, holder):
    unknown_person = ["王五", "350802199001011237", "店", "路", "餐饮服务经营者", "2023-05-01", "", ""]
    wrong_name = ["张叁", ID_NUMBERS[0], "店", "路", "餐饮服务经营者", "2023-05-01", "", ""]
    bad_date = ["张三", ID_NUMBERS[0], "店", "路", "餐饮服务经营者", "2023-13-01", "", "JY9"]
    rows = rows_from_file("存量证照.xlsx", xlsx([GOOD, unknown_person, wrong_name, bad_date]))

    report = licence_import(
        actor=world.manager, type_code="SPJYXKZ", issuer=world.county_department, rows=rows
    )

    assert [problem.row for problem in report.problems] == [3, 4, 5]
    assert "尚未在平台注册" in report.problems[0].message
    assert "不一致" in report.problems[1].message
    assert "不是有效日期" in report.problems[2].message
    assert not Licence.objects.exists() and not report.created
    assert not AuditEntry.objects.filter(action="licences.licence_import").exists()


def test_a_row_imported_before_is_refused(world, food_type, holder):
    rows = rows_from_file("a.xlsx", xlsx([GOOD]))
    assert licence_import(actor=None, type_code="SPJYXKZ", issuer=world.county_department, rows=rows).ok

    again = licence_import(actor=None, type_code="SPJYXKZ", issuer=world.county_department, rows=rows)

    assert "已导入过" in again.problems[0].message and Licence.objects.count() == 1


def test_gbk_csv_and_unknown_columns(world, food_type, holder):
    text = (
        "持证主体名称,证件号码,经营者名称,经营场所,外星人编号\n"
        + f"张三,{ID_NUMBERS[0]},好味小吃店,中山路,X1\n"
    )
    rows = rows_from_file("存量.csv", text.encode("gb18030"))

    report = licence_import(actor=None, type_code="SPJYXKZ", issuer=world.county_department, rows=rows)

    assert rows[0]["经营者名称"] == "好味小吃店"
    assert report.problems[0].row == 1 and "外星人编号" in report.problems[0].message
    assert not Licence.objects.exists()


def test_unreadable_files_are_refused_plainly():
    with pytest.raises(ValidationError, match="无法读取 Excel"):
        rows_from_file("x.xlsx", b"not a zip")
    with pytest.raises(ValidationError, match=".xlsx 或 .csv"):
        rows_from_file("x.pdf", b"%PDF-")
