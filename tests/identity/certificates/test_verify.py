"""certificate_verify: the good path and each refusal with its own message."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from govhall.identity.certificate_authority import ca_create, certificate_issue, certificate_pem
from govhall.identity.certificates import certificate_challenge_issue, certificate_verify
from govhall.identity.models import CertificateChallenge

from .pki import ENTERPRISE_CODE, ZHANG_ID, sign, signed_form

pytestmark = pytest.mark.django_db


def verify(form):
    return certificate_verify(
        certificate_pem=form["certificate_pem"], signature_b64=form["signature"], nonce=form["nonce"]
    )


def refusal(form) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        verify(form)
    return caught.value


def test_person_certificate_verifies_and_consumes_the_challenge(pki):
    issued = pki.issue()
    form = signed_form(issued)
    result = verify(form)
    assert (result.kind, result.serial, result.name) == ("person", ZHANG_ID, "张建国")
    assert len(result.fingerprint) == 64
    assert CertificateChallenge.objects.get(nonce=form["nonce"]).consumed_at is not None


def test_enterprise_certificate_carries_credit_code_and_organisation_name(pki):
    result = verify(
        signed_form(pki.issue(kind="enterprise", name="龙岩闽西食品有限公司", serial=ENTERPRISE_CODE))
    )
    assert (result.kind, result.serial, result.name) == (
        "enterprise",
        ENTERPRISE_CODE,
        "龙岩闽西食品有限公司",
    )


@pytest.mark.parametrize("raw_ec", [False, True], ids=["der", "webcrypto-raw"])
def test_ecdsa_p256_signatures_verify(pki, raw_ec):
    issued = pki.issue(key_type="ec")
    nonce = certificate_challenge_issue().nonce
    form = {
        "nonce": nonce,
        "certificate_pem": certificate_pem(issued.certificate),
        "signature": sign(issued.key, nonce, raw_ec=raw_ec),
    }
    assert verify(form).serial == ZHANG_ID


def test_certificate_from_another_ca_is_refused(pki):
    stranger = certificate_issue(ca=ca_create(), kind="person", name="张建国", serial=ZHANG_ID)
    form = signed_form(stranger)
    error = refusal(form)
    assert error.code == "untrusted_certificate"
    assert "不是由受信任的证书颁发机构签发" in error.messages[0]
    assert CertificateChallenge.objects.get(nonce=form["nonce"]).consumed_at is None


def test_expired_certificate_is_refused_with_its_end_date(pki):
    now = datetime.now(UTC)
    issued = pki.issue(not_before=now - timedelta(days=400), not_after=now - timedelta(days=2))
    error = refusal(signed_form(issued))
    assert error.code == "certificate_expired"
    assert "证书已过期" in error.messages[0]


def test_certificate_not_yet_valid_is_refused(pki):
    now = datetime.now(UTC)
    error = refusal(
        signed_form(pki.issue(not_before=now + timedelta(days=1), not_after=now + timedelta(days=30)))
    )
    assert error.code == "certificate_not_yet_valid"


def test_signature_by_another_key_is_refused(pki):
    issued, other = pki.issue(), pki.issue()
    form = signed_form(issued)
    form["signature"] = sign(other.key, form["nonce"])
    error = refusal(form)
    assert error.code == "bad_signature"
    assert "签名验证失败" in error.messages[0]
    assert CertificateChallenge.objects.get(nonce=form["nonce"]).consumed_at is None


def test_signature_over_another_challenge_is_refused(pki):
    issued = pki.issue()
    form = signed_form(issued)
    form["signature"] = sign(issued.key, certificate_challenge_issue().nonce)
    assert refusal(form).code == "bad_signature"


def test_garbage_signature_is_refused_as_format_error(pki):
    form = signed_form(pki.issue())
    form["signature"] = "not base64 !!"
    assert refusal(form).code == "signature_format"


def test_replayed_challenge_is_refused(pki):
    form = signed_form(pki.issue())
    verify(form)
    error = refusal(form)
    assert error.code == "challenge_replayed"
    assert "已使用过" in error.messages[0]


def test_expired_challenge_is_refused(pki):
    form = signed_form(pki.issue())
    CertificateChallenge.objects.filter(nonce=form["nonce"]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert refusal(form).code == "challenge_expired"


def test_unknown_challenge_is_refused(pki):
    issued = pki.issue()
    form = {
        "nonce": "made-up",
        "certificate_pem": certificate_pem(issued.certificate),
        "signature": sign(issued.key, "made-up"),
    }
    assert refusal(form).code == "challenge_unknown"


def test_not_a_certificate_is_refused(pki):
    assert refusal({"nonce": "x", "certificate_pem": "hello", "signature": ""}).code == "certificate_format"
    bad = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
    assert refusal({"nonce": "x", "certificate_pem": bad, "signature": ""}).code == "certificate_format"


def test_person_certificate_without_valid_id_number_is_refused(pki):
    error = refusal(signed_form(pki.issue(serial="350802198506120000")))
    assert error.code == "certificate_subject"


def test_enterprise_certificate_with_bad_credit_code_is_refused(pki):
    error = refusal(signed_form(pki.issue(kind="enterprise", name="某公司", serial="91350802MA31X6YQ4C")))
    assert error.code == "certificate_subject"
    assert "统一社会信用代码" in error.messages[0]


def test_demo_ca_is_the_anchor_when_none_configured(settings, tmp_path):
    from govhall.identity.certificate_authority import demo_ca_ensure

    settings.VAR_DIR = tmp_path
    settings.GOVHALL = {**settings.GOVHALL, "CA_CERTIFICATES": []}
    ca, created = demo_ca_ensure()
    assert created and (tmp_path / "demo-ca" / "ca.cert.pem").exists()
    assert demo_ca_ensure()[1] is False
    issued = certificate_issue(ca=ca, kind="person", name="张建国", serial=ZHANG_ID)
    assert verify(signed_form(issued)).serial == ZHANG_ID
