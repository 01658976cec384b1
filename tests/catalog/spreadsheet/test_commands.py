"""The export_items and import_items commands."""

import io

import pytest
from django.core.management import CommandError, call_command

from govhall.catalog.models import VersionState

from .conftest import cell_set, xlsx_bytes, xlsx_open, xlsx_values

pytestmark = pytest.mark.django_db


def test_export_items_filters_by_region_and_reports_the_count(rich, tmp_path):
    output = tmp_path / "county.xlsx"
    stdout = io.StringIO()

    call_command("export_items", "--region", "350802", "-o", str(output), stdout=stdout)

    rows = xlsx_values(output.read_bytes())["事项"]
    assert [row[0] for row in rows[1:]] == [rich.world.implementation.code]
    assert stdout.getvalue() == f"已导出 1 个实施清单到 {output}\n"


def test_export_items_refuses_an_unknown_region(world, tmp_path):
    with pytest.raises(CommandError, match="行政区划代码“469999”不存在"):
        call_command("export_items", "--region", "469999", "-o", str(tmp_path / "x.xlsx"))


def test_import_items_writes_drafts_and_prints_a_summary(world, tmp_path):
    exported = tmp_path / "items.xlsx"
    call_command("export_items", "-o", str(exported), stdout=io.StringIO())
    workbook = xlsx_open(exported.read_bytes())
    cell_set(workbook["事项"], 2, "承诺办结时限", 6)
    exported.write_bytes(xlsx_bytes(workbook))
    stdout = io.StringIO()

    call_command("import_items", str(exported), "--user", "xl_manager", stdout=stdout)

    assert world.implementation.versions.get(state=VersionState.DRAFT).promised_limit == 6
    assert stdout.getvalue().splitlines() == [
        f"修订（草稿）\t{world.implementation.code}\t食品经营许可",
        "导入完成：新增 0 个，修订 1 个，无变化 0 个；草稿须提交审核后才会发布",
    ]


def test_import_items_lists_every_error_and_fails(world, tmp_path):
    exported = tmp_path / "items.xlsx"
    call_command("export_items", "-o", str(exported), stdout=io.StringIO())
    workbook = xlsx_open(exported.read_bytes())
    cell_set(workbook["事项"], 2, "承诺办结时限", "五")
    cell_set(workbook["事项"], 2, "网上办理深度", 9)
    exported.write_bytes(xlsx_bytes(workbook))
    stderr = io.StringIO()

    with pytest.raises(CommandError, match="发现 2 处错误，未导入任何数据"):
        call_command("import_items", str(exported), "--user", "xl_manager", stderr=stderr)

    assert stderr.getvalue().splitlines() == [
        "工作表“事项”、第 2 行、“承诺办结时限”列：承诺办结时限应为整数，收到“五”",
        "工作表“事项”、第 2 行、“网上办理深度”列：网上办理深度不能大于 5",
    ]
    assert world.implementation.versions.count() == 1


def test_import_items_refuses_unknown_users_and_non_managers(world, tmp_path):
    exported = tmp_path / "items.xlsx"
    call_command("export_items", "-o", str(exported), stdout=io.StringIO())

    with pytest.raises(CommandError, match="用户“nobody”不存在"):
        call_command("import_items", str(exported), "--user", "nobody")
    from govhall.identity.services.staff import staff_upsert

    staff_upsert(username="clerk", display_name="李明", region=world.county, roles=["window_clerk"])
    with pytest.raises(CommandError, match="仅事项管理员可以执行此操作"):
        call_command("import_items", str(exported), "--user", "clerk")
