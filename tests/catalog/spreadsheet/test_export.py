"""Export of the unified item template: sheets, columns, validation lists, determinism, round trip."""

import io
import zipfile
from datetime import datetime

import pytest

from govhall.catalog.models import ItemImplementation
from govhall.catalog.services.implementations import version_draft_open, version_draft_save
from govhall.catalog.spreadsheet import blank_template, implementations_for_export, items_export, items_import

from ...factories import sample_elements
from .conftest import cell_get, cell_set, xlsx_bytes, xlsx_open, xlsx_values

pytestmark = pytest.mark.django_db


def _export_all(include_drafts: bool = False) -> bytes:
    return items_export(
        implementations_queryset=ItemImplementation.objects.all(), include_drafts=include_drafts
    )


def test_blank_template_has_data_sheets_instructions_and_hidden_code_table():
    workbook = xlsx_open(blank_template())

    assert workbook.sheetnames == ["说明", "事项", "申请材料", "收费项目", "办理流程", "代码表"]
    assert workbook["代码表"].sheet_state == "hidden"
    assert workbook.active.title == "事项"
    items = workbook["事项"]
    headers = [cell.value for cell in items[1]]
    assert headers[:7] == [
        "实施编码",
        "基本编码",
        "业务办理项编码",
        "事项名称",
        "实施主体统一社会信用代码",
        "实施主体名称",
        "实施区划代码",
    ]
    assert headers[7:10] == ["服务对象", "受理条件", "法定办结时限"] and headers[-2:] == [
        "主题",
        "前置审批事项",
    ]
    assert items.max_row == 1 and items.freeze_panes == "B2"
    assert all(cell.font.bold for cell in items[1])
    assert [c.value for c in workbook["申请材料"][1]][:4] == ["实施编码", "序号", "材料名称", "材料必要性"]
    assert [c.value for c in workbook["收费项目"][1]] == [
        "实施编码",
        "序号",
        "收费项目",
        "收费标准（元）",
        "收费依据",
    ]


def test_every_coded_column_has_a_drop_down_list_of_chinese_labels():
    workbook = xlsx_open(blank_template())
    codes = workbook["代码表"]
    lists = {}
    for sheet_name in ("事项", "申请材料"):
        sheet = workbook[sheet_name]
        headers = [cell.value for cell in sheet[1]]
        for validation in sheet.data_validations.dataValidation:
            if validation.type != "list":
                continue
            column = str(validation.sqref).split(":")[0].rstrip("0123456789")
            letter_range = validation.formula1.split("!")[1].replace("$", "")
            labels = [cell.value for row in codes[letter_range] for cell in row]
            lists[headers[_index(column)]] = labels

    assert lists["承诺时限单位"] == ["工作日", "自然日"]
    assert lists["审批结果类型"] == ["证照", "批文", "备案或登记", "其他", "无"]
    assert lists["是否免费"] == ["是", "否"]
    assert lists["材料形式"] == ["纸质", "电子", "纸质和电子"]
    assert lists["认证等级需求"] == ["一级（注册用户）", "二级（实名核验）", "三级（数字证书）"]
    assert set(lists) == {
        "法定时限单位",
        "承诺时限单位",
        "是否免费",
        "审批结果类型",
        "支持网上预约",
        "支持网上支付",
        "支持物流快递",
        "材料必要性",
        "材料形式",
        "原件/复印件",
        "来源渠道",
        "认证等级需求",
    }


def _index(letters: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letters) - 1


def test_export_writes_one_row_per_implementation_with_labels_and_children(rich):
    values = xlsx_values(_export_all())
    workbook = xlsx_open(_export_all())
    items = workbook["事项"]
    assert cell_get(items, 2, "基本编码") == "010000000001"  # rows in implementation code order
    city_row = 3
    assert cell_get(items, city_row, "实施编码") == rich.city_implementation.code
    assert cell_get(items, city_row, "业务办理项编码") == "01000000000201"
    assert cell_get(items, city_row, "事项名称") == "食品生产许可（首次申请）"
    assert cell_get(items, city_row, "实施区划代码") == "350800000000"
    assert cell_get(items, city_row, "服务对象") == "自然人、企业法人"
    assert cell_get(items, city_row, "法定时限单位") == "自然日"
    assert cell_get(items, city_row, "是否免费") == "否"
    assert cell_get(items, city_row, "可网上办理的环节") == "网上咨询、网上申请、网上预审"
    assert cell_get(items, city_row, "主题") == "开办企业、食品安全"
    assert cell_get(items, city_row, "前置审批事项") == "010000000001"
    assert values["收费项目"][1:] == [
        (rich.city_implementation.code, 1, "证书工本费", 12.5, "闽价〔2020〕1号"),
        (rich.city_implementation.code, 2, "检验费", 300, "闽价〔2020〕2号"),
    ]
    assert len(values["申请材料"]) == 1 + 3 + 3 and len(values["办理流程"]) == 1 + 4 + 4


def test_export_is_byte_for_byte_deterministic(rich):
    content = _export_all()

    assert content == _export_all()
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = xlsx_open(content).properties
    assert (properties.created, properties.modified) == (datetime(2025, 1, 1), datetime(2025, 1, 1))


def test_export_skips_never_published_implementations_unless_drafts_are_asked_for(rich):
    world = rich.world
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_draft_save(version=draft, user=world.manager, elements=sample_elements(promised_limit=3))

    published = xlsx_open(_export_all())["事项"]
    with_drafts = xlsx_open(_export_all(include_drafts=True))["事项"]

    assert cell_get(published, 2, "承诺办结时限") == 10
    assert cell_get(with_drafts, 2, "承诺办结时限") == 3


def test_export_filters_by_region_basic_code_and_status(rich):
    world = rich.world
    county_only = implementations_for_export(region_path=world.county.path)
    by_code = implementations_for_export(basic_code="010000000002")
    suspended = implementations_for_export(statuses=["suspended"])

    assert list(county_only) == [world.implementation]
    assert list(by_code) == [rich.city_implementation]
    assert list(suspended) == []


def test_export_import_export_keeps_every_cell_value(rich):
    first = _export_all()

    result = items_import(file=first, user=rich.province_manager)
    second = _export_all(include_drafts=True)

    assert result.ok and sorted(result.unchanged) == sorted(
        ItemImplementation.objects.values_list("code", flat=True)
    )
    assert xlsx_values(second) == xlsx_values(first)
    assert second == first


def test_edited_file_imported_then_exported_with_drafts_gives_the_edited_values(rich):
    workbook = xlsx_open(_export_all())
    items = workbook["事项"]
    cell_set(items, 3, "承诺办结时限", 12)
    cell_set(items, 3, "结果送达方式", "窗口领取、网上下载（电子证照）")
    cell_set(items, 3, "主题", "食品安全")
    workbook["收费项目"].cell(row=3, column=4, value=280.75)
    materials = workbook["申请材料"]
    materials.delete_rows(materials.max_row)  # drop the last material of the city implementation
    edited = xlsx_bytes(workbook)

    result = items_import(file=edited, user=rich.province_manager)
    exported = _export_all(include_drafts=True)

    assert result.ok and result.updated == [rich.city_implementation.code]
    assert xlsx_values(exported) == xlsx_values(edited)


def test_text_that_looks_like_a_formula_stays_text_and_control_characters_are_dropped(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_draft_save(
        version=draft,
        user=world.manager,
        elements=sample_elements(conditions='=HYPERLINK("http://example.com")', result_name="证\x0b书"),
    )

    items = xlsx_open(_export_all(include_drafts=True))["事项"]

    assert cell_get(items, 2, "受理条件") == '=HYPERLINK("http://example.com")'
    assert items.cell(row=2, column=9).data_type == "s"
    assert cell_get(items, 2, "审批结果名称") == "证书"


def test_number_columns_validate_their_range():
    items = xlsx_open(blank_template())["事项"]
    headers = [cell.value for cell in items[1]]
    ranges = {
        headers[_index(str(v.sqref).split(":")[0].rstrip("0123456789"))]: (v.operator, v.formula1, v.formula2)
        for v in items.data_validations.dataValidation
        if v.type == "whole"
    }

    assert ranges == {
        "法定办结时限": ("between", "0", "3650"),
        "承诺办结时限": ("between", "0", "3650"),
        "网上办理深度": ("between", "1", "5"),
        "到现场次数": ("between", "0", "10"),
    }
