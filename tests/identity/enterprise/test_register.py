"""enterprise_register: one enterprise per credit code, a verified representative, an enterprise certificate."""

import pytest
from django.core.exceptions import ValidationError

from govhall.core.models import AuditEntry
from govhall.identity.certificates import VerifiedCertificate
from govhall.identity.models import Credential, Enterprise
from govhall.identity.services.enterprises import enterprise_register
from tests.identity.certificates.pki import ENTERPRISE_CODE, ZHANG_ID, person_make, verified

pytestmark = pytest.mark.django_db


def test_register_creates_enterprise_account_and_binds_its_certificate(pki):
    representative = person_make(name="张建国", id_number=ZHANG_ID)
    certificate = verified(pki.issue(kind="enterprise", name="龙岩闽西食品有限公司", serial=ENTERPRISE_CODE))
    enterprise = enterprise_register(representative=representative, certificate=certificate)
    assert (enterprise.credit_code, enterprise.name, enterprise.level) == (
        ENTERPRISE_CODE,
        "龙岩闽西食品有限公司",
        "L3",
    )
    assert enterprise.representative == representative
    assert enterprise.user.username == f"enterprise-{ENTERPRISE_CODE}"
    assert not enterprise.user.has_usable_password()
    assert Credential.objects.get(user=enterprise.user).identifier == certificate.fingerprint
    entry = AuditEntry.objects.get(action="identity.enterprise_register")
    assert entry.actor_id == representative.user_id and entry.summary["credit_code"] == ENTERPRISE_CODE


def test_second_registration_of_the_same_code_is_refused(firm, pki):
    again = verified(pki.issue(kind="enterprise", name="另一个名称", serial=ENTERPRISE_CODE))
    with pytest.raises(ValidationError) as caught:
        enterprise_register(representative=firm.other, certificate=again)
    assert caught.value.code == "duplicate"
    assert "已注册" in caught.value.messages[0]
    assert Enterprise.objects.count() == 1


def test_bad_credit_code_is_refused_with_a_message(pki):
    representative = person_make(name="张建国", id_number=ZHANG_ID)
    forged = VerifiedCertificate(
        kind="enterprise",
        serial="91350802MA31X6YQ4C",
        name="某公司",
        fingerprint="0" * 64,
        not_after=None,
        issuer="",  # type: ignore[arg-type]
    )
    with pytest.raises(ValidationError) as caught:
        enterprise_register(representative=representative, certificate=forged)
    assert "统一社会信用代码" in caught.value.messages[0]
    assert caught.value.code == "invalid_credit_code"
    assert not Enterprise.objects.exists()


def test_unverified_representative_is_refused(pki):
    representative = person_make(name="张建国", id_number=ZHANG_ID, level="L1")
    certificate = verified(pki.issue(kind="enterprise", name="闽西食品", serial=ENTERPRISE_CODE))
    with pytest.raises(ValidationError) as caught:
        enterprise_register(representative=representative, certificate=certificate)
    assert caught.value.code == "level_too_low"
    assert not Enterprise.objects.exists()


def test_person_certificate_cannot_register_an_enterprise(pki):
    representative = person_make(name="张建国", id_number=ZHANG_ID)
    with pytest.raises(ValidationError) as caught:
        enterprise_register(representative=representative, certificate=verified(pki.issue()))
    assert caught.value.code == "certificate_kind"
