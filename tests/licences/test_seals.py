"""Seal certificates: issued under the platform CA on first need, or loaded by an operator (audited)."""

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID
from django.core.management import CommandError, call_command

from govhall.core.models import AuditEntry
from govhall.identity.certificate_authority import (
    ca_create,
    certificate_issue,
    certificate_pem,
    private_key_pem,
)
from govhall.licences.models import SealCertificate
from govhall.licences.seals import seal_ca, seal_certificate_ensure
from govhall.licences.services import result_document_sign
from govhall.licences.verification import pdf_signature_check

pytestmark = pytest.mark.django_db


def test_department_seal_is_issued_once_under_the_platform_ca(world):
    first = seal_certificate_ensure(world.county_department)
    second = seal_certificate_ensure(world.county_department)

    certificate = x509.load_pem_x509_certificate(first.certificate_pem.encode())
    assert first.pk == second.pk and first.source == "generated"
    certificate.verify_directly_issued_by(seal_ca().certificate)
    organisation = certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    common_name = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert (organisation, common_name) == (world.county_department.credit_code, world.county_department.name)
    assert "PRIVATE KEY" not in first.private_key_sealed  # sealed at rest
    assert AuditEntry.objects.filter(action="licences.seal_issue").count() == 1


def test_operator_loads_a_real_pkcs12_seal_and_documents_verify_against_its_root(world, tmp_path):
    real_ca = ca_create(common_name="某某数字证书认证中心")
    issued = certificate_issue(ca=real_ca, kind="enterprise", name=world.county_department.name, serial="X")
    bundle = pkcs12.serialize_key_and_certificates(
        b"seal", issued.key, issued.certificate, [real_ca.certificate], BestAvailableEncryption(b"s3cret")
    )
    path = tmp_path / "seal.p12"
    path.write_bytes(bundle)

    with pytest.raises(CommandError, match="口令错误"):
        call_command(
            "seal_load", department=world.county_department.credit_code, pkcs12=str(path), password="bad"
        )
    call_command(
        "seal_load", department=world.county_department.credit_code, pkcs12=str(path), password="s3cret"
    )

    active = SealCertificate.objects.get(department=world.county_department, active=True)
    assert active.source == "loaded"
    assert AuditEntry.objects.filter(action="licences.seal_load").count() == 1
    pdf = result_document_sign(
        issuer=world.county_department, title="不予受理通知书", body=["正文"], reference="R-2"
    )
    check = pdf_signature_check(pdf)
    assert check.ok, check.message


def test_seal_load_refuses_a_key_that_does_not_match(world, tmp_path):
    ca = ca_create()
    one = certificate_issue(ca=ca, kind="enterprise", name="甲", serial="1")
    other = certificate_issue(ca=ca, kind="enterprise", name="乙", serial="2")
    (tmp_path / "cert.pem").write_text(certificate_pem(other.certificate))
    (tmp_path / "key.pem").write_text(private_key_pem(one.key))

    with pytest.raises(CommandError, match="不匹配"):
        call_command(
            "seal_load",
            department=world.county_department.credit_code,
            certificate=str(tmp_path / "cert.pem"),
            key=str(tmp_path / "key.pem"),
        )
    assert not SealCertificate.objects.filter(source="loaded").exists()
