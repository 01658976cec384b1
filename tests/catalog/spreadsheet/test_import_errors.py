"""A file with many kinds of bad rows: every one is reported in place, and nothing at all is written."""

import pytest

from govhall.catalog.models import ImplementationEvent, ImplementationVersion, ItemImplementation, Material
from govhall.catalog.services.basic import catalog_item_create, catalog_item_update
from govhall.catalog.spreadsheet import ImportIssue, items_export, items_import
from govhall.directory.services import department_upsert

from ...factories import credit_code
from .conftest import cell_get, cell_set, xlsx_bytes, xlsx_open

pytestmark = pytest.mark.django_db

BAD_CREDIT_CODE = "91350802MA2XYZ1234"


def _copy_row(sheet, source: int, target: int) -> None:
    for column in range(1, sheet.max_column + 1):
        sheet.cell(row=target, column=column).value = sheet.cell(row=source, column=column).value


def _append(sheet, values: dict) -> int:
    row = sheet.max_row + 1
    for header, value in values.items():
        cell_set(sheet, row, header, value)
    return row


def _bad_file(world) -> tuple[bytes, list[ImportIssue]]:
    """The county's export plus one new (otherwise valid) row per defect, and the issues expected."""
    inactive = catalog_item_create(
        code="010000000003", name="食品小作坊登记", item_type="01", legal_basis="《福建省食品安全条例》"
    )
    catalog_item_update(item=inactive, changed_by=None, reason="已取消", is_active=False)
    departments = [
        department_upsert(credit_code=credit_code(100 + n), name=f"新罗区第{n}局", region=world.county)
        for n in range(20)
    ]
    elsewhere = department_upsert(
        credit_code=credit_code(300), name="长汀县市场监督管理局", region=world.other_county
    )
    unknown_department_code = credit_code(400)
    workbook = xlsx_open(
        items_export(implementations_queryset=ItemImplementation.objects.filter(pk=world.implementation.pk))
    )
    items, materials, fees, steps = (workbook[name] for name in ("事项", "申请材料", "收费项目", "办理流程"))
    county_code = world.implementation.code
    expected: list[ImportIssue] = []
    next_department = iter(departments)

    def new_row(defect: dict, column: str, message: str) -> int:
        row = items.max_row + 1
        _copy_row(items, 2, row)
        department = next(next_department)
        cell_set(items, row, "实施编码", None)
        cell_set(items, row, "实施主体统一社会信用代码", department.credit_code)
        cell_set(items, row, "实施主体名称", None)
        for header, value in defect.items():
            cell_set(items, row, header, value)
        if column:
            expected.append(ImportIssue("事项", row, column, message))
        return row

    new_row({"基本编码": None}, "基本编码", "基本编码不能为空")
    new_row({"基本编码": "010000009999"}, "基本编码", "基本编码“010000009999”在基本目录中不存在")
    new_row(
        {"基本编码": "010000000003", "事项名称": None},
        "基本编码",
        "基本目录事项“食品小作坊登记”（010000000003）已失效，不能导入",
    )
    new_row(
        {"事项名称": "食品经营许可证核发"},
        "事项名称",
        "事项名称继承自基本目录，应为“食品经营许可”，不能改为“食品经营许可证核发”",
    )
    row = new_row({}, "", "")
    cell_set(
        items,
        row,
        "实施编码",
        "010000000002"
        + cell_get(items, row, "实施区划代码")
        + cell_get(items, row, "实施主体统一社会信用代码"),
    )
    expected.append(
        ImportIssue(
            "事项", row, "实施编码", "实施编码中的基本编码 010000000002 与“基本编码”列的 010000000001 不一致"
        )
    )
    new_row(
        {"实施主体统一社会信用代码": BAD_CREDIT_CODE},
        "实施主体统一社会信用代码",
        f"统一社会信用代码“{BAD_CREDIT_CODE}”无效：应为 18 位数字或大写字母，且校验位正确（GB 32100）",
    )
    new_row(
        {"实施主体统一社会信用代码": unknown_department_code},
        "实施主体统一社会信用代码",
        f"统一社会信用代码为 {unknown_department_code} 的部门不存在，请先在部门库中登记",
    )
    row = new_row({"实施区划代码": "350800000000"}, "", "")
    expected.append(
        ImportIssue(
            "事项",
            row,
            "实施区划代码",
            f"实施主体“{cell_get_department(departments, items, row)}”属于新罗区（350802000000），"
            "与实施区划代码 350800000000（龙岩市）不一致",
        )
    )
    new_row(
        {"实施主体统一社会信用代码": elsewhere.credit_code, "实施区划代码": "350821000000"},
        "实施区划代码",
        "实施区划“长汀县”不在您的管理范围（新罗区及下级）内",
    )
    new_row({"实施区划代码": "35080"}, "实施区划代码", "行政区划代码“35080”应为 6、9 或 12 位数字")
    new_row({"实施主体名称": "新罗区市场监管局"}, "实施主体名称", "")
    expected[-1] = ImportIssue(
        "事项",
        expected[-1].row,
        "实施主体名称",
        f"实施主体名称应为“{departments[10].name}”（与统一社会信用代码对应），不能填“新罗区市场监管局”",
    )
    new_row({"业务办理项编码": "01000000000199"}, "业务办理项编码", "业务办理项编码“01000000000199”不存在")
    new_row({"承诺时限单位": "小时"}, "承诺时限单位", "承诺时限单位“小时”不在可选值中（工作日、自然日）")
    new_row({"承诺办结时限": "十天"}, "承诺办结时限", "承诺办结时限应为整数，收到“十天”")
    new_row(
        {"承诺办结时限": 30}, "承诺办结时限", "承诺办结时限（30 个工作日）不能超过法定办结时限（20 个工作日）"
    )
    new_row({"受理条件": None}, "受理条件", "受理条件不能为空")
    new_row({"网上办理深度": 6}, "网上办理深度", "网上办理深度不能大于 5")
    new_row({"支持网上预约": "可以"}, "支持网上预约", "支持网上预约应为“是”或“否”")
    new_row({"主题": "开办企业、养老服务"}, "主题", "主题“养老服务”不存在")
    duplicate = items.max_row + 1
    _copy_row(items, 2, duplicate)
    expected.append(ImportIssue("事项", duplicate, "实施编码", f"实施编码 {county_code} 与第 2 行重复"))
    charged = new_row({"是否免费": "否"}, "", "")
    charged_code = "010000000001350802000000" + cell_get(items, charged, "实施主体统一社会信用代码")

    stranger = f"010000000001350802000000{credit_code(99)}"
    row = _append(
        materials,
        {
            "实施编码": stranger,
            "序号": 1,
            "材料名称": "身份证",
            "材料必要性": "必要",
            "材料形式": "纸质",
            "原件/复印件": "原件",
            "份数": 1,
            "来源渠道": "申请人自备",
        },
    )
    expected.append(ImportIssue("申请材料", row, "实施编码", f"实施编码 {stranger} 在“事项”表中不存在"))
    row = _append(
        materials,
        {
            "实施编码": county_code,
            "序号": 1,
            "材料名称": "重复的材料",
            "材料必要性": "必要",
            "材料形式": "纸质",
            "原件/复印件": "原件",
            "份数": 1,
            "来源渠道": "申请人自备",
        },
    )
    expected.append(ImportIssue("申请材料", row, "序号", "序号 1 与第 2 行重复"))
    row = _append(
        materials,
        {
            "实施编码": county_code,
            "序号": 4,
            "材料名称": "场所平面图",
            "材料必要性": "必要",
            "材料形式": "传真",
            "原件/复印件": "原件",
            "份数": 1,
            "来源渠道": "申请人自备",
        },
    )
    expected.append(
        ImportIssue("申请材料", row, "材料形式", "材料形式“传真”不在可选值中（纸质、电子、纸质和电子）")
    )
    row = _append(
        materials,
        {
            "实施编码": county_code,
            "序号": 5,
            "材料名称": "健康证明",
            "材料必要性": "非必要（视情形提交）",
            "材料形式": "纸质",
            "原件/复印件": "复印件",
            "份数": 1,
            "来源渠道": "申请人自备",
        },
    )
    expected.append(ImportIssue("申请材料", row, "提交情形", "非必要材料须说明提交情形"))
    row = _append(
        fees,
        {
            "实施编码": charged_code,
            "序号": 1,
            "收费项目": "工本费",
            "收费标准（元）": "十二元",
            "收费依据": "闽价〔2020〕1号",
        },
    )
    expected.append(
        ImportIssue("收费项目", row, "收费标准（元）", "收费标准（元）应为金额数字，收到“十二元”")
    )
    cell_set(steps, 3, "环节时限（工作日）", -1)
    expected.append(ImportIssue("办理流程", 3, "环节时限（工作日）", "环节时限（工作日）不能为负数"))
    row = _append(steps, {"实施编码": county_code, "序号": "第一", "环节名称": "勘验"})
    expected.append(ImportIssue("办理流程", row, "序号", "序号应为正整数，收到“第一”"))
    return xlsx_bytes(workbook), expected


def cell_get_department(departments, items, row) -> str:
    code = cell_get(items, row, "实施主体统一社会信用代码")
    return next(d.name for d in departments if d.credit_code == code)


def _counts() -> tuple[int, ...]:
    return (
        ItemImplementation.objects.count(),
        ImplementationVersion.objects.count(),
        Material.objects.count(),
        ImplementationEvent.objects.count(),
    )


def test_every_bad_row_is_reported_with_sheet_row_and_column_and_nothing_is_written(world):
    content, expected = _bad_file(world)
    before = _counts()

    result = items_import(file=content, user=world.manager)

    assert len(expected) == 27 and len({issue.message for issue in expected}) == 27  # 27 different defects
    assert result.errors == expected
    assert result.items == []
    assert _counts() == before
    world.implementation.refresh_from_db()
    assert world.implementation.versions.count() == 1


def test_the_same_file_without_its_bad_rows_imports(world):
    content, expected = _bad_file(world)
    workbook = xlsx_open(content)
    cell_set(workbook["办理流程"], 3, "环节时限（工作日）", 1)  # the original value of the step made negative
    for name in ("事项", "申请材料", "收费项目", "办理流程"):
        bad_rows = {issue.row for issue in expected if issue.sheet == name} - (
            {3} if name == "办理流程" else set()
        )
        for row in sorted(bad_rows, reverse=True):
            workbook[name].delete_rows(row)

    result = items_import(file=xlsx_bytes(workbook), user=world.manager)

    charged = ItemImplementation.objects.exclude(pk=world.implementation.pk).get()
    assert result.errors == []
    assert result.created == [charged.code] and result.unchanged == [world.implementation.code]
