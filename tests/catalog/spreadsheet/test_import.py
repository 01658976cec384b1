"""Bulk import into drafts: what gets written, scope, inherited elements, file-level errors."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied

from govhall.catalog.models import (
    ImplementationEvent,
    ImplementationVersion,
    ItemImplementation,
    VersionState,
)
from govhall.catalog.services.implementations import version_draft_open, version_submit
from govhall.catalog.spreadsheet import ImportIssue, blank_template, items_export, items_import
from govhall.directory.services import department_upsert
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert

from ...factories import credit_code
from .conftest import cell_set, xlsx_bytes, xlsx_open

pytestmark = pytest.mark.django_db


def _county_export(world) -> bytes:
    return items_export(
        implementations_queryset=ItemImplementation.objects.filter(pk=world.implementation.pk)
    )


def _edited(world, **cells) -> bytes:
    workbook = xlsx_open(_county_export(world))
    for header, value in cells.items():
        cell_set(workbook["事项"], 2, header, value)
    return xlsx_bytes(workbook)


def _version_count() -> int:
    return ImplementationVersion.objects.count()


def test_changed_promised_limit_becomes_a_draft_and_the_published_version_stays_live(world):
    live = world.implementation.published_version

    result = items_import(file=_edited(world, 承诺办结时限=5), user=world.manager)

    world.implementation.refresh_from_db()
    draft = world.implementation.versions.get(state=VersionState.DRAFT)
    assert result.ok and result.updated == [world.implementation.code] and result.items[0].version_number == 2
    assert draft.promised_limit == 5 and draft.created_by == world.manager
    assert world.implementation.published_version_id == live.pk
    assert world.implementation.published_version.promised_limit == 10
    assert world.implementation.is_live


def test_import_is_recorded_in_the_history_with_the_file_name(world):
    items_import(file=_edited(world, 承诺办结时限=5), user=world.manager, filename="新罗区.xlsx")

    event = world.implementation.events.filter(action=ImplementationEvent.Action.IMPORTED).get()
    assert event.actor == world.manager and event.reason == "通过事项梳理模板导入（新罗区.xlsx）"
    assert event.version.state == VersionState.DRAFT


def test_importing_again_updates_the_same_open_draft(world):
    items_import(file=_edited(world, 承诺办结时限=5), user=world.manager)
    result = items_import(file=_edited(world, 承诺办结时限=4), user=world.manager)

    assert result.ok and result.items[0].version_number == 2
    assert world.implementation.versions.get(state=VersionState.DRAFT).promised_limit == 4
    assert world.implementation.versions.count() == 2


def test_unchanged_rows_open_no_draft(world):
    result = items_import(file=_county_export(world), user=world.manager)

    assert result.ok and result.unchanged == [world.implementation.code] and result.created == []
    assert world.implementation.versions.count() == 1


def test_new_row_without_code_creates_an_implementation_in_the_managers_scope(world):
    township_office = department_upsert(
        credit_code=credit_code(7), name="龙岩市新罗区卫生健康局", region=world.county
    )
    workbook = xlsx_open(_county_export(world))
    items = workbook["事项"]
    for column in range(1, items.max_column + 1):
        items.cell(row=3, column=column, value=items.cell(row=2, column=column).value)
    cell_set(items, 3, "实施编码", None)
    cell_set(items, 3, "实施主体统一社会信用代码", township_office.credit_code)
    cell_set(items, 3, "实施主体名称", None)

    result = items_import(file=xlsx_bytes(workbook), user=world.manager)

    created = ItemImplementation.objects.get(department=township_office)
    assert result.ok and result.created == [created.code] and result.unchanged == [world.implementation.code]
    assert created.code == f"010000000001350802000000{township_office.credit_code}"
    assert created.status == "draft" and created.published_version is None
    version = created.versions.get()
    assert (
        version.state == VersionState.DRAFT
        and version.materials.count() == 0
        and version.promised_limit == 10
    )


def test_manager_cannot_import_outside_their_region_and_nothing_is_written(world):
    before = _version_count()

    result = items_import(file=_edited(world, 承诺办结时限=5), user=world.other_manager)

    assert result.errors == [
        ImportIssue("事项", 2, "实施区划代码", "实施区划“新罗区”不在您的管理范围（长汀县及下级）内")
    ]
    assert _version_count() == before


def test_city_manager_may_import_county_items(world):
    result = items_import(file=_edited(world, 承诺办结时限=5), user=world.city_manager)

    assert result.ok and result.updated == [world.implementation.code]


def test_inherited_name_cannot_be_contradicted(world):
    result = items_import(
        file=_edited(world, 事项名称="食品经营许可（简易）", 承诺办结时限=5), user=world.manager
    )

    assert result.errors == [
        ImportIssue(
            "事项",
            2,
            "事项名称",
            "事项名称继承自基本目录，应为“食品经营许可”，不能改为“食品经营许可（简易）”",
        )
    ]
    assert world.implementation.versions.count() == 1


def test_non_manager_may_not_import(world):
    clerk = staff_upsert(
        username="clerk", display_name="李明", region=world.county, roles=[StaffRole.WINDOW_CLERK]
    ).user

    with pytest.raises(PermissionDenied):
        items_import(file=_county_export(world), user=clerk)


def test_pending_version_blocks_the_import_of_that_item(world):
    draft = version_draft_open(implementation=world.implementation, user=world.reviewer)
    version_submit(version=draft, user=world.reviewer, reason="更新")

    result = items_import(file=_edited(world, 承诺办结时限=5), user=world.manager)

    assert result.errors == [
        ImportIssue("事项", 2, "实施编码", "该事项有待审核的版本，审核完成前不能导入修订")
    ]


def test_a_file_that_is_not_a_workbook_gets_one_clear_error(world):
    result = items_import(file=b"%PDF-1.4 not a spreadsheet", user=world.manager)

    assert [str(issue) for issue in result.errors] == [
        "文件不是有效的 Excel 工作簿（.xlsx），或文件已损坏；请使用系统导出的模板填写后再导入"
    ]


def test_a_truncated_workbook_gets_one_clear_error(world):
    result = items_import(file=blank_template()[:4000], user=world.manager)

    assert len(result.errors) == 1 and "已损坏" in result.errors[0].message


def test_missing_sheets_and_changed_headers_are_reported(world):
    workbook = xlsx_open(blank_template())
    del workbook["收费项目"]
    cell_set(workbook["申请材料"], 1, "材料名称", "名称")
    result = items_import(file=xlsx_bytes(workbook), user=world.manager)
    assert result.errors == [ImportIssue("收费项目", None, "", "缺少工作表，请使用系统导出的模板")]

    workbook = xlsx_open(blank_template())
    cell_set(workbook["申请材料"], 1, "材料名称", "名称")
    workbook["办理流程"].cell(row=1, column=7, value="备注")
    result = items_import(file=xlsx_bytes(workbook), user=world.manager)
    assert result.errors == [
        ImportIssue("申请材料", 1, "第 C 列", "表头应为“材料名称”，实为“名称”；请勿修改模板的表头"),
        ImportIssue("办理流程", 1, "第 G 列", "表头多出一列“备注”；请勿修改模板的表头"),
    ]


def test_codes_typed_as_numbers_and_labels_or_codes_are_accepted(world):
    result = items_import(
        file=_edited(
            world, 实施区划代码=350802, 承诺时限单位="working", 服务对象="person,企业法人", 承诺办结时限="5"
        ),
        user=world.manager,
    )

    assert result.ok
    draft = world.implementation.versions.get(state=VersionState.DRAFT)
    assert draft.promised_limit == 5 and draft.audiences == ["person", "legal_person"]


def test_a_workbook_with_a_damaged_sheet_gets_one_clear_error(world):
    source = zipfile.ZipFile(io.BytesIO(_county_export(world)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as damaged:
        for info in source.infolist():
            data = source.read(info.filename)
            damaged.writestr(
                info, b"<worksheet><sheetData><row r='1'><c" if info.filename.endswith("sheet2.xml") else data
            )

    result = items_import(file=buffer.getvalue(), user=world.manager)

    assert len(result.errors) == 1 and "已损坏" in result.errors[0].message
    assert world.implementation.versions.count() == 1
