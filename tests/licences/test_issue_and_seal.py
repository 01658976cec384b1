"""Issuing a licence: identifier, sealed PDF with the embedded font, signature intact and trusted."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from govhall.core.models import AuditEntry
from govhall.licences.identifiers import licence_identifier_valid
from govhall.licences.models import Licence, LicenceEvent
from govhall.licences.services import licence_issue
from govhall.licences.verification import pdf_signature_check

from .conftest import FOOD_DATA

pytestmark = pytest.mark.django_db


def issue(world, food_type, holder, **overrides):
    arguments = {
        "actor": world.manager,
        "type_code": "SPJYXKZ",
        "holder_person": holder,
        "issuer": world.county_department,
        "data": FOOD_DATA,
        "valid_until": None,
        "source_case": "350802-20261123-000017-K",
        "base_url": "https://zwfw.example.gov.cn",
    }
    return licence_issue(**(arguments | overrides))


def pdf_bytes(licence: Licence) -> bytes:
    with licence.pdf.open("rb") as handle:
        return handle.read()


def test_issue_gives_a_valid_identifier_serial_and_default_validity(world, food_type, holder):
    licence = issue(world, food_type, holder, valid_from=date(2026, 3, 1))

    assert licence_identifier_valid(licence.identifier)
    assert licence.identifier.startswith(
        f"1.2.156.3005.2.SPJYXKZ.{world.county_department.credit_code}.0000001.001."
    )
    assert licence.valid_until == date(2031, 2, 28)  # validity_years = 5
    assert licence.holder_name == "张三" and licence.holder_number_masked == holder.id_number_masked
    assert licence.holder_number_hash == holder.id_number_hash
    assert list(LicenceEvent.objects.filter(licence=licence).values_list("kind", flat=True)) == ["issued"]
    assert AuditEntry.objects.filter(action="licences.licence_issue", object_id=str(licence.pk)).count() == 1


def test_serials_count_up_per_type_and_issuer(world, food_type, holder):
    first = issue(world, food_type, holder)
    second = issue(world, food_type, holder)
    other_issuer = issue(world, food_type, holder, issuer=world.city_department)

    assert (first.serial, second.serial, other_issuer.serial) == (1, 2, 1)


def test_pdf_embeds_the_cjk_font_and_carries_the_seal_signature(world, food_type, holder):
    licence = issue(world, food_type, holder)
    data = pdf_bytes(licence)

    reader = PdfReader(__import__("io").BytesIO(data))
    fonts = [font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()]
    descriptors = [
        f["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        if "/DescendantFonts" in f
        else f.get("/FontDescriptor")
        for f in fonts
    ]
    assert any(d is not None and "/FontFile2" in d.get_object() for d in descriptors)
    text = reader.pages[0].extract_text()
    assert (
        "食品经营许可证" in text
        and "新罗区好味小吃店" in text
        and licence.identifier in text.replace("\n", "")
    )

    check = pdf_signature_check(data)
    assert check.ok and check.intact and check.trusted and check.whole_file, check.message
    assert check.signer == world.county_department.name


def test_a_changed_byte_breaks_the_signature(world, food_type, holder):
    data = bytearray(pdf_bytes(issue(world, food_type, holder)))
    position = data.index(b"stream", 2000) + 20  # inside a (compressed) content stream
    data[position] ^= 0x01

    check = pdf_signature_check(bytes(data))

    assert not check.ok and not check.intact
    assert "篡改" in check.message


def test_bytes_appended_after_signing_are_reported(world, food_type, holder):
    data = pdf_bytes(issue(world, food_type, holder)) + b"\n% added later\n"

    check = pdf_signature_check(data)

    assert not check.ok


def test_a_pdf_without_signature_or_not_a_pdf_fails_plainly():
    assert pdf_signature_check(b"not a pdf").message == "文件已损坏或不是有效的 PDF 文件"


def test_data_is_checked_against_the_type_schema_and_nothing_is_written(world, food_type, holder):
    with pytest.raises(ValidationError) as raised:
        issue(world, food_type, holder, data={"business_name": "店", "kind": "其他"})

    messages = raised.value.message_dict
    assert "address" in messages and "kind" in messages
    assert not Licence.objects.exists()


def test_exactly_one_holder(world, food_type, holder, enterprise):
    with pytest.raises(ValidationError):
        issue(world, food_type, holder, holder_enterprise=enterprise)
    with pytest.raises(ValidationError):
        issue(world, food_type, None)
