"""Digital-certificate authentication (数字证书认证, assurance level L3).

A certificate holder proves possession of the private key by signing a random challenge
(``certificate_challenge_issue``) — in the browser with WebCrypto (``portal/certificate.js``) or
with their signing software (``govhall certificate_sign`` stands in for it). ``certificate_verify``
then checks, in this order, each failure with its own Chinese message:

1. the PEM parses (a leaf certificate, optionally followed by intermediate CA certificates);
2. the validity period covers now (``证书尚未生效`` / ``证书已过期``);
3. the chain ends at a trust anchor — ``cryptography.x509.verification`` with a client verifier,
   WebPKI extension rules except that a subjectAltName is optional (identity certificates carry
   the identity in the subject) and keyUsage must allow digitalSignature;
4. the subject follows the convention below;
5. the challenge exists, has not expired and has not been used (replays are refused);
6. the signature over the UTF-8 bytes of the challenge verifies: RSA PKCS#1 v1.5 with SHA-256,
   or ECDSA P-256 with SHA-256 (DER, or the raw r‖s form WebCrypto produces).

Only a fully verified signature consumes the challenge, inside the caller's transaction.

**Subject convention.** A *person* certificate carries the resident ID number (GB 11643) in the
subject ``serialNumber`` attribute (OID 2.5.4.5) and the name in ``CN``, and has no ``O``. An
*enterprise* certificate carries the unified social credit code (GB 32100) in ``serialNumber`` and
the enterprise name in ``O``. The presence of ``O`` decides the kind.

Trust anchors: the PEM files listed in ``GOVHALL["CA_CERTIFICATES"]``; when that is empty, the
demo CA under ``VAR_DIR/demo-ca/ca.cert.pem`` (``govhall demo_certificates`` creates it).
Challenges are short-lived and not audited; the login or binding that consumes one is.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID
from cryptography.x509.verification import (
    Criticality,
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone

from govhall.directory.services import credit_code_validate

from .certificate_authority import CA_NAME, demo_ca_directory
from .idnumber import id_number_clean
from .models import CertificateChallenge

CHALLENGE_MINUTES = 5
KIND_PERSON = "person"
KIND_ENTERPRISE = "enterprise"


@dataclass(frozen=True)
class VerifiedCertificate:
    """A certificate whose chain, validity and signature over a fresh challenge all checked out."""

    kind: str  # "person" | "enterprise"
    serial: str  # the ID number (person) or unified social credit code (enterprise)
    name: str
    fingerprint: str  # SHA-256 of the DER certificate, lowercase hex
    not_after: datetime
    issuer: str


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def trust_anchors() -> list[x509.Certificate]:
    """The configured CA certificates, or the demo CA; empty if neither exists."""
    setting: Any = settings.GOVHALL.get("CA_CERTIFICATES") or []
    parts: list[Any] = setting.split(",") if isinstance(setting, str) else list(setting)
    configured = [str(part) for part in parts if str(part).strip()]
    paths = [Path(p.strip()) for p in configured] or [demo_ca_directory() / f"{CA_NAME}.cert.pem"]
    anchors: list[x509.Certificate] = []
    for path in paths:
        if not path.exists():
            if configured:
                raise ImproperlyConfigured(f"GOVHALL_CA_CERTIFICATES 中的文件不存在：{path}")
            continue
        try:
            anchors.extend(x509.load_pem_x509_certificates(path.read_bytes()))
        except ValueError as exc:
            raise ImproperlyConfigured(f"CA 证书文件不是有效的 PEM：{path}") from exc
    return anchors


def certificate_challenge_issue() -> CertificateChallenge:
    """A fresh random challenge, valid for ``CHALLENGE_MINUTES`` and usable once."""
    return CertificateChallenge.objects.create(
        # Hex, not base64url: a challenge starting with "-" would read as an option on a signing tool's command line.
        nonce=secrets.token_hex(32),
        expires_at=timezone.now() + timedelta(minutes=CHALLENGE_MINUTES),
    )


def _parse(certificate_pem: str) -> tuple[x509.Certificate, list[x509.Certificate]]:
    text = (certificate_pem or "").strip()
    if "BEGIN CERTIFICATE" not in text:
        raise _refuse(
            "请提供 PEM 格式的数字证书（以 -----BEGIN CERTIFICATE----- 开头）", "certificate_format"
        )
    try:
        certificates = x509.load_pem_x509_certificates(text.encode())
    except ValueError as exc:
        raise _refuse("数字证书格式不正确，无法读取", "certificate_format") from exc
    return certificates[0], certificates[1:]


def _key_usage_allows_signing(policy: object, certificate: object, extension: x509.KeyUsage | None) -> None:
    if extension is None or not extension.digital_signature:
        raise ValueError("keyUsage must allow digitalSignature")


def _chain_verify(leaf: x509.Certificate, intermediates: list[x509.Certificate], now: datetime) -> None:
    anchors = trust_anchors()
    if not anchors:
        raise _refuse("系统尚未配置受信任的证书颁发机构，暂不能使用数字证书登录", "no_trust_anchors")
    ee_policy = (
        ExtensionPolicy.webpki_defaults_ee()
        .may_be_present(x509.SubjectAlternativeName, Criticality.AGNOSTIC, None)
        .require_present(x509.KeyUsage, Criticality.AGNOSTIC, _key_usage_allows_signing)
    )
    verifier = (
        PolicyBuilder()
        .store(Store(anchors))
        .time(now)
        .extension_policies(ca_policy=ExtensionPolicy.webpki_defaults_ca(), ee_policy=ee_policy)
        .build_client_verifier()
    )
    try:
        verifier.verify(leaf, intermediates)
    except VerificationError as exc:
        raise _refuse(
            "证书不是由受信任的证书颁发机构签发，或证书链不完整、用途不符", "untrusted_certificate"
        ) from exc


def _subject(leaf: x509.Certificate) -> tuple[str, str, str]:
    def first(oid: x509.ObjectIdentifier) -> str:
        values = leaf.subject.get_attributes_for_oid(oid)
        return str(values[0].value).strip() if values else ""

    serial = first(NameOID.SERIAL_NUMBER)
    organisation = first(NameOID.ORGANIZATION_NAME)
    if organisation:
        try:
            code = credit_code_validate(serial)
        except ValidationError as exc:
            raise _refuse(
                "企业证书的主题 serialNumber 中没有有效的统一社会信用代码", "certificate_subject"
            ) from exc
        return KIND_ENTERPRISE, code, organisation
    name = first(NameOID.COMMON_NAME)
    try:
        id_number = id_number_clean(serial)
    except ValidationError as exc:
        raise _refuse("个人证书的主题 serialNumber 中没有有效的身份证号码", "certificate_subject") from exc
    if not name:
        raise _refuse("个人证书的主题缺少姓名（CN）", "certificate_subject")
    return KIND_PERSON, id_number, name


def _signature_verify(leaf: x509.Certificate, signature_b64: str, message: bytes) -> None:
    try:
        signature = base64.b64decode((signature_b64 or "").strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _refuse("签名不是有效的 base64 文本", "signature_format") from exc
    if not signature:
        raise _refuse("请提供对挑战码的签名", "signature_format")
    public_key = leaf.public_key()
    try:
        if isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public_key, ec.EllipticCurvePublicKey) and isinstance(public_key.curve, ec.SECP256R1):
            if len(signature) == 64:  # WebCrypto's IEEE P1363 form r‖s
                signature = encode_dss_signature(
                    int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
                )
            public_key.verify(signature, message, ec.ECDSA(hashes.SHA256()))
        else:
            raise _refuse("不支持的证书密钥类型（支持 RSA 与 ECDSA P-256）", "unsupported_key")
    except (InvalidSignature, UnsupportedAlgorithm, ValueError) as exc:
        raise _refuse("签名验证失败：签名与证书或挑战码不匹配", "bad_signature") from exc


@transaction.atomic
def certificate_verify(*, certificate_pem: str, signature_b64: str, nonce: str) -> VerifiedCertificate:
    """Verify certificate, chain, subject and the signature over ``nonce``; consume the challenge."""
    leaf, intermediates = _parse(certificate_pem)
    now = timezone.now()
    if leaf.not_valid_before_utc > now:
        raise _refuse(
            f"证书尚未生效（生效时间 {timezone.localtime(leaf.not_valid_before_utc):%Y-%m-%d %H:%M}）",
            "certificate_not_yet_valid",
        )
    if leaf.not_valid_after_utc < now:
        raise _refuse(
            f"证书已过期（有效期至 {timezone.localtime(leaf.not_valid_after_utc):%Y-%m-%d}），请更新证书后再试",
            "certificate_expired",
        )
    _chain_verify(leaf, intermediates, now.astimezone(UTC))
    kind, serial, name = _subject(leaf)
    challenge = CertificateChallenge.objects.select_for_update().filter(nonce=(nonce or "").strip()).first()
    if challenge is None:
        raise _refuse("挑战码无效，请刷新页面获取新的挑战码", "challenge_unknown")
    if challenge.consumed_at is not None:
        raise _refuse("该挑战码已使用过，不能重复提交签名，请刷新页面重新签名", "challenge_replayed")
    if challenge.expires_at < now:
        raise _refuse(
            f"挑战码已过期（有效期 {CHALLENGE_MINUTES} 分钟），请刷新页面重新签名", "challenge_expired"
        )
    _signature_verify(leaf, signature_b64, challenge.nonce.encode())
    challenge.consumed_at = now
    challenge.save(update_fields=["consumed_at"])
    return VerifiedCertificate(
        kind=kind,
        serial=serial,
        name=name,
        fingerprint=leaf.fingerprint(hashes.SHA256()).hex(),
        not_after=leaf.not_valid_after_utc,
        issuer=leaf.issuer.rfc4514_string()[:200],
    )
