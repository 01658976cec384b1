"""一次性告知单: a real PDF with the CJK font embedded and the guide's essentials in its text."""

import io
import shutil
from pathlib import Path

import pypdf
import pytest
from django.core.exceptions import ImproperlyConfigured
from reportlab.pdfbase import pdfmetrics

from govhall.core import pdf

pytestmark = pytest.mark.django_db


def pdf_reader(response) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(response.content))


def embedded_font_files(reader: pypdf.PdfReader) -> list[str]:
    """Base names of the fonts whose program (FontFile2: TrueType) is embedded in the document."""
    names = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.append(str(font["/BaseFont"]))
    return names


def notice_text(response) -> str:
    """The extracted text of every page (table cells wrap, so callers may drop the line breaks)."""
    return "".join(page.extract_text() for page in pdf_reader(response).pages)


def test_notice_is_a_pdf_download_named_for_the_item(client, world):
    response = client.get(f"/items/{world.implementation.code}/notice.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=utf-8''%E4%B8%80%E6%AC%A1%E6%80%A7%E5%91%8A%E7%9F%A5%E5%8D%95"
        in response["Content-Disposition"]
    )


def test_notice_embeds_the_cjk_truetype_font(client, world):
    response = client.get(f"/items/{world.implementation.code}/notice.pdf")

    fonts = embedded_font_files(pdf_reader(response))

    assert fonts
    assert all("WenQuanYiMicroHei" in name for name in fonts)


def test_notice_text_has_the_item_department_and_every_material(client, world):
    text = notice_text(client.get(f"/items/{world.implementation.code}/notice.pdf")).replace("\n", "")

    assert "一次性告知单" in text
    assert "事项名称：食品经营许可" in text
    assert "实施部门：龙岩市新罗区市场监督管理局" in text
    for material in ("食品经营许可申请书", "营业执照复印件", "委托书"):
        assert material in text
    assert "委托他人办理的" in text


def test_notice_text_has_conditions_limits_fees_place_and_phones(client, world):
    text = notice_text(client.get(f"/items/{world.implementation.code}/notice.pdf")).replace("\n", "")

    assert "申请人应当具有与经营的食品品种" in text
    assert "法定办结时限：20 个工作日；承诺办结时限：10 个工作日" in text
    assert "四、收费不收费" in text
    assert "龙岩市新罗区行政服务中心二楼市场监管窗口" in text
    assert "咨询电话：0597-2345678" in text
    assert "监督投诉电话：0597-12345" in text
    assert "打印时间" in text


def test_notice_of_a_paid_item_lists_its_fees(client, portal):
    text = notice_text(client.get(f"/items/{portal.city_item.code}/notice.pdf")).replace("\n", "")

    assert "卫生许可证工本费" in text
    assert "15.50 元" in text
    assert "从业人员健康合格证明" in text


@pytest.mark.parametrize("which", ["draft_item", "suspended_item", "withdrawn_item"])
def test_notice_of_an_implementation_that_is_not_live_is_404(client, portal, which):
    response = client.get(f"/items/{getattr(portal, which).code}/notice.pdf")

    assert response.status_code == 404


def test_pdf_font_path_setting_overrides_the_bundled_font(settings, tmp_path):
    bundled_name = pdf.cjk_font_register()
    copy = tmp_path / "cjk.ttc"
    shutil.copyfile(pdf.cjk_font_path(), copy)
    settings.GOVHALL = settings.GOVHALL | {"PDF_FONT_PATH": str(copy)}

    name = pdf.cjk_font_register()

    assert pdf.cjk_font_path() == copy
    assert name != bundled_name
    assert name in pdfmetrics.getRegisteredFontNames()


def test_missing_configured_pdf_font_is_reported_in_chinese(settings, tmp_path):
    settings.GOVHALL = settings.GOVHALL | {"PDF_FONT_PATH": str(tmp_path / "missing.ttf")}

    with pytest.raises(ImproperlyConfigured, match="字体文件不存在"):
        pdf.cjk_font_path()


def test_bundled_font_is_the_wenquanyi_collection(settings):
    settings.GOVHALL = settings.GOVHALL | {"PDF_FONT_PATH": ""}

    path = pdf.cjk_font_path()

    assert path.name == "wqy-microhei.ttc"
    assert Path(path).is_file()
