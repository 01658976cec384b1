"""``govhall certificate_sign`` signs like the holder's software; ``demo_certificates`` is idempotent."""

import io

import pytest
from django.core.management import call_command

from govhall.identity.certificate_authority import certificate_pem, issued_write
from govhall.identity.certificates import certificate_challenge_issue, certificate_verify

from .pki import ZHANG_ID

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key_type", ["rsa", "ec"])
def test_certificate_sign_output_verifies(pki, tmp_path, key_type):
    issued = pki.issue(key_type=key_type)
    _, key_path = issued_write(tmp_path, "holder", issued)
    nonce = certificate_challenge_issue().nonce
    out = io.StringIO()
    call_command("certificate_sign", key=str(key_path), challenge=nonce, stdout=out)
    result = certificate_verify(
        certificate_pem=certificate_pem(issued.certificate), signature_b64=out.getvalue().strip(), nonce=nonce
    )
    assert result.serial == ZHANG_ID


def test_certificate_sign_reports_a_missing_key_in_chinese(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到私钥文件"):
        call_command("certificate_sign", key=str(tmp_path / "none.pem"), challenge="x")


def test_demo_certificates_writes_ca_and_holders_once(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("demo_certificates", stdout=io.StringIO())
    directory = tmp_path / "demo-ca"
    names = sorted(p.name for p in directory.glob("*.pem"))
    assert "ca.cert.pem" in names and "wang-jianguo.key.pem" in names
    assert "enterprise-91350802MA31X6YQ46.cert.pem" in names
    assert (directory / "wang-jianguo.key.pem").read_text().startswith("-----BEGIN PRIVATE KEY-----")
    before = {p.name: p.read_bytes() for p in directory.glob("*.pem")}
    out = io.StringIO()
    call_command("demo_certificates", stdout=out)
    assert "新签发证书 0 张" in out.getvalue()
    assert {p.name: p.read_bytes() for p in directory.glob("*.pem")} == before


def test_challenges_never_look_like_command_line_options(db):
    nonces = [certificate_challenge_issue().nonce for _ in range(300)]

    assert all(nonce[0].isalnum() and len(nonce) == 64 for nonce in nonces)
    assert len(set(nonces)) == 300
