"""Revoke, cancel, expiry, use as material with consent, result documents, untrusted seals."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from govhall.core.models import AuditEntry
from govhall.identity.certificate_authority import ca_create, certificate_issue
from govhall.licences.models import Licence, LicenceEvent, LicenceUse
from govhall.licences.services import (
    licence_cancel,
    licence_revoke,
    licence_usable_as_material,
    licence_use_record,
    result_document_sign,
)
from govhall.licences.verification import pdf_signature_check

from .test_issue_and_seal import issue, pdf_bytes

pytestmark = pytest.mark.django_db


def test_revoke_needs_a_reason_and_is_final(world, food_type, holder):
    licence = issue(world, food_type, holder)

    with pytest.raises(ValidationError):
        licence_revoke(actor=world.manager, licence=licence, reason=" ")
    revoked = licence_revoke(actor=world.manager, licence=licence, reason="以欺骗手段取得许可")

    assert revoked.status == "revoked" and revoked.state() == "revoked" and revoked.state_label() == "已撤销"
    assert (
        AuditEntry.objects.filter(action="licences.licence_revoke", reason="以欺骗手段取得许可").count() == 1
    )
    with pytest.raises(ValidationError):
        licence_cancel(actor=world.manager, licence=revoked, reason="经营终止")
    assert Licence.objects.get(pk=licence.pk).status == "revoked"


def test_expiry_is_computed_from_the_end_date(world, food_type, holder):
    licence = issue(world, food_type, holder, valid_from=date(2020, 1, 1), valid_until=date(2021, 12, 31))

    assert licence.status == "valid" and licence.state() == "expired"
    assert licence.state(today=date(2021, 12, 31)) == "valid"


def test_a_licence_is_usable_as_material_only_by_its_holder_while_valid(
    world, food_type, holder, other_holder
):
    licence = issue(world, food_type, holder)

    assert (
        licence_usable_as_material(identifier=licence.identifier, person=holder, enterprise=None) == licence
    )
    with pytest.raises(ValidationError, match="没有您名下"):
        licence_usable_as_material(identifier=licence.identifier, person=other_holder, enterprise=None)
    licence_cancel(actor=world.manager, licence=licence, reason="经营终止")
    with pytest.raises(ValidationError, match="已注销"):
        licence_usable_as_material(identifier=licence.identifier, person=holder, enterprise=None)


def test_an_enterprise_licence_is_usable_only_when_applying_for_that_enterprise(
    world, food_type, holder, enterprise
):
    licence = issue(world, food_type, None, holder_enterprise=enterprise)

    assert licence_usable_as_material(identifier=licence.identifier, person=holder, enterprise=enterprise)
    with pytest.raises(ValidationError):
        licence_usable_as_material(identifier=licence.identifier, person=holder, enterprise=None)


def test_consent_to_use_is_recorded_once_per_case(world, food_type, holder):
    licence = issue(world, food_type, holder)

    licence_use_record(licence=licence, actor=holder.user, case_number="350802-20261123-000018-7")
    licence_use_record(licence=licence, actor=holder.user, case_number="350802-20261123-000018-7")

    use = LicenceUse.objects.get()
    assert (use.licence, use.consented_by, use.case_number) == (
        licence,
        holder.user,
        "350802-20261123-000018-7",
    )
    assert LicenceEvent.objects.filter(licence=licence, kind="used_as_material").count() == 1
    assert AuditEntry.objects.filter(action="licences.licence_use").count() == 1


def test_result_documents_are_sealed_by_the_department(world):
    pdf = result_document_sign(
        issuer=world.county_department,
        title="准予行政许可决定书",
        body=[
            "张三：",
            "你于 2026 年 11 月 23 日提出的食品经营许可申请，经审查，符合法定条件，决定准予许可。",
        ],
        reference="新市监许准字〔2026〕17 号",
    )

    check = pdf_signature_check(pdf)
    assert check.ok, check.message
    assert check.signer == world.county_department.name


def test_a_seal_from_another_ca_is_not_trusted(world):
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1 as cert_asn1
    from pyhanko.keys.internal import translate_pyca_cryptography_key_to_asn1 as key_asn1
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from govhall.core.pdf import pdf_render, pdf_styles, pdf_text

    foreign_ca = ca_create(common_name="不受信任的证书机构")
    foreign = certificate_issue(
        ca=foreign_ca, kind="enterprise", name="冒名部门", serial="113508020040000457"
    )
    registry = SimpleCertificateStore()
    registry.register(cert_asn1(foreign_ca.certificate))
    signer = signers.SimpleSigner(
        signing_cert=cert_asn1(foreign.certificate), signing_key=key_asn1(foreign.key), cert_registry=registry
    )
    unsigned = pdf_render(
        [pdf_text("准予行政许可决定书", pdf_styles().title)], title="t", author="a", footer="f"
    )
    forged = signers.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(unsigned)),
        signers.PdfSignatureMetadata(field_name="Forged", subfilter=fields.SigSeedSubFilter.PADES),
        signer=signer,
    ).getvalue()

    check = pdf_signature_check(forged)

    assert not check.ok and check.intact and not check.trusted
    assert "不是由本平台信任" in check.message


def test_licence_pdf_sha256_is_recorded(world, food_type, holder):
    import hashlib

    licence = issue(world, food_type, holder)

    assert licence.pdf_sha256 == hashlib.sha256(pdf_bytes(licence)).hexdigest()
    assert licence.issued_at <= timezone.now() < licence.issued_at + timedelta(minutes=1)


def test_demo_types_load_once(world):
    from govhall.demo.licences import licences_demo_load
    from govhall.licences.selectors import licence_types_for_item

    licences_demo_load()
    entries = AuditEntry.objects.count()
    licences_demo_load()

    assert [t.code for t in licence_types_for_item("010010000027")] == ["SPJYXKZ"]
    assert {t.code for t in licence_types_for_item("010010000025")} == {"YYZZ"}
    assert AuditEntry.objects.count() == entries
