"""导入导出 and 一致性检查 pages: who may see them, scope, downloads, upload results."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from govhall.catalog.models import ImplementationVersion, ItemImplementation, VersionState
from govhall.catalog.spreadsheet import items_export

from ...catalog.spreadsheet.conftest import cell_set, xlsx_bytes, xlsx_open
from ..conftest import client_for

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGES = ["workbench:catalog_io_export", "workbench:catalog_io_import", "workbench:catalog_io_consistency"]


def _county_file(world, **cells) -> bytes:
    workbook = xlsx_open(
        items_export(implementations_queryset=ItemImplementation.objects.filter(pk=world.implementation.pk))
    )
    for header, value in cells.items():
        cell_set(workbook["事项"], 2, header, value)
    return xlsx_bytes(workbook)


def _upload(client, content: bytes, name: str = "新罗区.xlsx"):
    return client.post(
        reverse("workbench:catalog_io_import"), {"file": SimpleUploadedFile(name, content, XLSX)}
    )


def _sheet_rows(response, sheet: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(response.content))[sheet].iter_rows(values_only=True))


def test_anonymous_visitor_is_sent_to_login(world):
    client = client_for(None)
    for name in PAGES:
        url = reverse(name)
        response = client.get(url)
        assert (
            response.status_code == 302 and response["Location"] == f"{reverse('workbench:login')}?next={url}"
        )
    assert _upload(client, b"x").status_code == 302
    assert world.implementation.versions.count() == 1


def test_accounts_that_are_not_catalog_managers_get_403(world, staff):
    for user, message in (
        (staff.citizen, "仅工作人员可以访问工作台"),
        (staff.clerk, "仅事项管理员可以执行此操作"),
    ):
        client = client_for(user)
        for name in PAGES:
            response = client.get(reverse(name))
            assert response.status_code == 403 and message in response.content.decode()
        assert _upload(client, _county_file(world, 承诺办结时限=5)).status_code == 403
    assert world.implementation.versions.count() == 1


def test_catalog_manager_sees_every_page(world):
    client = client_for(world.manager)
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200


def test_blank_template_download(world):
    response = client_for(world.manager).get(reverse("workbench:catalog_io_export"), {"blank": "1"})

    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    assert (
        _sheet_rows(response, "事项")[0][:2] == ("实施编码", "基本编码")
        and len(_sheet_rows(response, "事项")) == 1
    )


def test_export_page_counts_and_downloads_the_items_in_scope(world):
    client = client_for(world.manager)

    page = client.get(reverse("workbench:catalog_io_export"))
    download = client.get(
        reverse("workbench:catalog_io_export"), {"region": world.county.code, "download": "1"}
    )

    assert '<strong class="count">1</strong>' in page.content.decode()
    assert download["Content-Type"] == XLSX
    assert [row[0] for row in _sheet_rows(download, "事项")[1:]] == [world.implementation.code]


def test_manager_of_another_county_exports_nothing_of_this_county(world):
    client = client_for(world.other_manager)

    download = client.get(reverse("workbench:catalog_io_export"), {"download": "1"})
    refused = client.get(
        reverse("workbench:catalog_io_export"), {"region": world.county.code, "download": "1"}
    )

    assert _sheet_rows(download, "事项")[1:] == []
    assert refused["Content-Type"].startswith("text/html") and refused.context["form"].errors["region"]


def test_import_of_a_good_file_shows_the_drafts_created(world):
    response = _upload(client_for(world.manager), _county_file(world, 承诺办结时限=5))

    body = response.content.decode()
    assert response.status_code == 200
    assert "导入完成" in body and "修订 1 个" in body
    assert reverse("workbench:draft_edit", args=(world.implementation.code,)) in body
    assert world.implementation.versions.get(state=VersionState.DRAFT).promised_limit == 5


def test_import_of_a_bad_file_lists_every_error_and_writes_nothing(world):
    content = _county_file(world, 承诺办结时限="五", 网上办理深度=8)

    response = _upload(client_for(world.manager), content)

    assert response.status_code == 400
    assert [(i.sheet, i.row, i.column) for i in response.context["result"].errors] == [
        ("事项", 2, "承诺办结时限"),
        ("事项", 2, "网上办理深度"),
    ]
    body = response.content.decode()
    assert "文件中有 2 处错误，未导入任何数据" in body and "承诺办结时限应为整数，收到“五”" in body
    assert ImplementationVersion.objects.filter(implementation=world.implementation).count() == 1


def test_import_refuses_rows_outside_the_managers_scope(world):
    response = _upload(client_for(world.other_manager), _county_file(world, 承诺办结时限=5))

    assert response.status_code == 400
    assert "实施区划“新罗区”不在您的管理范围（长汀县及下级）内" in response.content.decode()
    assert world.implementation.versions.count() == 1


def test_import_of_a_file_that_is_not_xlsx_is_refused_politely(world):
    client = client_for(world.manager)

    wrong_name = _upload(client, b"a,b,c", name="items.csv")
    disguised = _upload(client, b"a,b,c", name="items.xlsx")

    assert wrong_name.status_code == 400 and "只能导入 .xlsx 格式的 Excel 文件" in wrong_name.content.decode()
    assert disguised.status_code == 400 and "文件不是有效的 Excel 工作簿" in disguised.content.decode()


def test_consistency_page_lists_findings_and_exports_them(world):
    client = client_for(world.manager)

    page = client.get(reverse("workbench:catalog_io_consistency"))
    export = client.get(reverse("workbench:catalog_io_consistency"), {"format": "xlsx"})

    assert page.context["total"] == 1
    assert "申请人填写的必要材料缺少空白表格" in page.content.decode()
    assert export["Content-Type"] == XLSX
    rows = _sheet_rows(export, "问题清单")
    assert len(rows) == 2 and rows[1][5] == world.implementation.code


def test_consistency_page_is_limited_to_the_managers_scope(world):
    client = client_for(world.other_manager)

    page = client.get(reverse("workbench:catalog_io_consistency"))
    refused = client.get(reverse("workbench:catalog_io_consistency"), {"region": world.county.code})

    assert page.context["total"] == 0 and "没有发现不一致的地方" in page.content.decode()
    assert refused.context["form"].errors["region"] and refused.context["total"] == 0
