"""Blank templates and filled samples of materials: upload rules, storage on the draft, download in scope."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from govhall.catalog.selectors_workbench import version_open_get
from govhall.catalog.services.material_files import (
    MAX_FILE_SIZE,
    material_file_validate,
    material_files_attach,
)

from .conftest import client_for, editor_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _ooxml(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("申请书.pdf", PDF, "pdf"),
        ("申请书.DOCX", _ooxml("word/document.xml"), "docx"),
        ("清单.xlsx", _ooxml("xl/workbook.xml"), "xlsx"),
        ("旧表.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "doc"),
    ],
)
def test_accepted_formats_are_recognised_by_content(name, content, extension):
    assert material_file_validate(SimpleUploadedFile(name, content)) == extension


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("脚本.exe", PDF, "仅支持 PDF、DOC、DOCX、XLS、XLSX 格式的文件"),
        ("假的.pdf", b"<html>not a pdf</html>", "文件内容与扩展名 .pdf 不符，请上传真实的 PDF 文件"),
        ("表格.xlsx", _ooxml("word/document.xml"), "文件内容与扩展名 .xlsx 不符，请上传真实的 XLSX 文件"),
        ("空.pdf", b"", "文件是空的"),
    ],
)
def test_wrong_type_or_content_is_refused_in_chinese(name, content, message):
    with pytest.raises(ValidationError) as caught:
        material_file_validate(SimpleUploadedFile(name, content))
    assert caught.value.messages == [message]


def test_file_over_10_mb_is_refused():
    upload = SimpleUploadedFile("大.pdf", PDF + b"0" * MAX_FILE_SIZE)
    with pytest.raises(ValidationError) as caught:
        material_file_validate(upload)
    assert caught.value.messages == ["文件不能超过 10 MB"]


def test_attach_refuses_a_published_version(world):
    with pytest.raises(ValidationError) as caught:
        material_files_attach(
            version=world.implementation.published_version,
            user=world.manager,
            position=1,
            kind="template",
            upload=SimpleUploadedFile("a.pdf", PDF),
        )
    assert caught.value.messages == ["只有草稿可以上传材料文件"]


def test_upload_through_editor_stores_file_and_download_needs_scope(world, open_draft):
    url = reverse("workbench:draft_edit", args=(world.implementation.code,))
    data = editor_data(world.implementation, action="save")
    data["materials-0-template_upload"] = SimpleUploadedFile(
        "申请书.pdf", PDF, content_type="application/pdf"
    )
    response = client_for(world.manager).post(url, data)
    assert response.status_code == 302

    material = version_open_get(implementation=world.implementation).materials.get(position=1)
    assert re.fullmatch(
        rf"catalog/templates/{world.implementation.pk}-v2-1-template-[a-z0-9]{{8}}\.pdf",
        material.template_file.name,
    )
    download = reverse("workbench:material_file", args=(world.implementation.code, 2, 1, "template"))
    assert download in client_for(world.manager).get(url).content.decode()
    response = client_for(world.manager).get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert client_for(world.other_manager).get(download).status_code == 403
    assert client_for(world.manager).get(download.replace("/template/", "/sample/")).status_code == 404


def test_bad_upload_is_shown_on_its_row_and_nothing_is_saved(world, open_draft):
    url = reverse("workbench:draft_edit", args=(world.implementation.code,))
    data = editor_data(world.implementation, action="save", promised_limit="6")
    data["materials-1-sample_upload"] = SimpleUploadedFile("样表.pdf", b"MZ not a pdf")
    response = client_for(world.manager).post(url, data)
    assert response.status_code == 400
    errors = response.context["editor"].formsets["materials"].forms[1].errors
    assert errors["sample_upload"] == ["文件内容与扩展名 .pdf 不符，请上传真实的 PDF 文件"]
    assert "选择的文件需要重新选择" in response.content.decode()
    open_draft.refresh_from_db()
    assert open_draft.promised_limit == 10


def test_renamed_material_keeps_its_file(world, open_draft):
    material_files_attach(
        version=open_draft,
        user=world.manager,
        position=2,
        kind="sample",
        upload=SimpleUploadedFile("样表.pdf", PDF),
    )
    url = reverse("workbench:draft_edit", args=(world.implementation.code,))
    response = client_for(world.manager).post(
        url,
        editor_data(world.implementation, action="save", **{"materials-1-name": "营业执照（副本）复印件"}),
    )
    assert response.status_code == 302
    material = version_open_get(implementation=world.implementation).materials.get(position=2)
    assert material.name == "营业执照（副本）复印件" and material.sample_file.name.endswith(".pdf")
