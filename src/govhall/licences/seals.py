"""电子印章 — the platform seal CA, the departments' seal certificates and the cached PDF signers.

The platform seal CA (``VAR_DIR/seal-ca/ca.pem``: certificate and private key in one file) is
generated on first need with ``core.keyfiles.file_once``, so concurrent first starts agree on one
CA. Each department gets a seal certificate issued by that CA on first need (ECDSA P-256,
CN = the department's name, O = its credit code), its private key sealed at rest
(``core.personal_data.seal``, purpose ``seal_key``). Operators replace it with a real certificate
and key from a recognised CA through ``seal_load`` (``govhall seal_load``); the loaded chain's root
joins the trust roots used for verification.

Signing needs the key unsealed and parsed; ``seal_signer_for`` caches the pyHanko signer per seal
row, so each process does that once per department.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from pyhanko.keys.internal import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from govhall.core.audit import AuditTarget, audit_record
from govhall.core.keyfiles import file_once
from govhall.core.personal_data import seal, unseal
from govhall.directory.models import Department
from govhall.identity.certificate_authority import (
    Issued,
    ca_create,
    certificate_pem,
    private_key_new,
    private_key_pem,
)

from .models import SealCertificate, SealSource

SEAL_KEY_PURPOSE = "seal_key"
SEAL_YEARS = 3


def seal_ca_path() -> Path:
    return Path(settings.VAR_DIR) / "seal-ca" / "ca.pem"


def _ca_make() -> bytes:
    ca = ca_create(common_name="govhall 电子印章根证书", days=3650 * 2)
    return (certificate_pem(ca.certificate) + private_key_pem(ca.key)).encode()


_ca_cache: dict[str, Issued] = {}


def seal_ca() -> Issued:
    """The platform seal CA, created on first need (atomically, once across processes)."""
    path = seal_ca_path()
    cached = _ca_cache.get(str(path))
    if cached is not None:
        return cached
    content = file_once(path, _ca_make)
    key = serialization.load_pem_private_key(content, password=None)
    assert isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey)
    issued = Issued(x509.load_pem_x509_certificate(content), key)
    _ca_cache[str(path)] = issued
    return issued


def _seal_certificate_build(department: Department, ca: Issued) -> Issued:
    key = private_key_new("ec")
    now = datetime.now(UTC)
    not_after = min(now + timedelta(days=365 * SEAL_YEARS), ca.certificate.not_valid_after_utc)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, department.credit_code),
            x509.NameAttribute(NameOID.COMMON_NAME, department.name[:64]),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # non-repudiation: what pyHanko requires of a signer by default
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )
    return Issued(certificate, key)


def _fingerprint(certificate: x509.Certificate) -> str:
    return certificate.fingerprint(hashes.SHA256()).hex()


def seal_certificate_active(department: Department) -> SealCertificate | None:
    return SealCertificate.objects.filter(department=department, active=True).first()


def seal_certificate_ensure(department: Department) -> SealCertificate:
    """The department's active seal certificate, issued under the platform CA if it has none (audited)."""
    existing = seal_certificate_active(department)
    if existing is not None and existing.not_after > timezone.now() + timedelta(days=1):
        return existing
    ca = seal_ca()
    issued = _seal_certificate_build(department, ca)
    try:
        with transaction.atomic():
            if existing is not None:  # expired or about to: retire it
                SealCertificate.objects.filter(pk=existing.pk, active=True).update(active=False)
            row = SealCertificate.objects.create(
                department=department,
                certificate_pem=certificate_pem(issued.certificate),
                private_key_sealed=seal(private_key_pem(issued.key), purpose=SEAL_KEY_PURPOSE),
                chain_pem=certificate_pem(ca.certificate),
                fingerprint=_fingerprint(issued.certificate),
                not_after=issued.certificate.not_valid_after_utc,
                source=SealSource.GENERATED,
            )
            audit_record(
                actor=None,
                actor_label="system",
                action="licences.seal_issue",
                target=AuditTarget.of(row, department.name),
                summary={"department": department.credit_code, "fingerprint": row.fingerprint},
            )
    except IntegrityError:  # another process issued one at the same moment: use theirs
        found = seal_certificate_active(department)
        if found is None:
            raise
        return found
    return row


def _split_pem_certificates(data: bytes) -> list[x509.Certificate]:
    try:
        return x509.load_pem_x509_certificates(data)
    except ValueError:
        return []


def seal_load(
    *,
    actor: Any,
    department: Department,
    pkcs12_data: bytes | None = None,
    password: str = "",
    certificate_data: bytes | None = None,
    key_data: bytes | None = None,
    chain_data: bytes | None = None,
) -> SealCertificate:
    """Load a real seal certificate and key (PKCS#12, or PEM certificate + key [+ chain]); audited.

    The certificate must be valid now, allow digital signatures (and non-repudiation) and match the
    key. It replaces the department's active seal certificate.
    """
    secret = password.encode() if password else None
    try:
        if pkcs12_data is not None:
            key, certificate, extra = pkcs12.load_key_and_certificates(pkcs12_data, secret)
            chain = list(extra or [])
        else:
            if not certificate_data or not key_data:
                raise ValidationError("须提供 PKCS#12 文件，或证书与私钥文件")
            certificate = x509.load_pem_x509_certificate(certificate_data)
            key = serialization.load_pem_private_key(key_data, password=secret)
            chain = _split_pem_certificates(chain_data or b"")
    except (ValueError, TypeError) as exc:
        raise ValidationError(f"无法读取证书或私钥（格式或口令错误）：{exc}") from exc
    if certificate is None or not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise ValidationError("证书文件中缺少证书或受支持的私钥（RSA 或 ECDSA）")
    _certificate_check(certificate, key)
    with transaction.atomic():
        SealCertificate.objects.filter(department=department, active=True).update(active=False)
        row = SealCertificate.objects.create(
            department=department,
            certificate_pem=certificate_pem(certificate),
            private_key_sealed=seal(private_key_pem(key), purpose=SEAL_KEY_PURPOSE),
            chain_pem="".join(certificate_pem(c) for c in chain),
            fingerprint=_fingerprint(certificate),
            not_after=certificate.not_valid_after_utc,
            source=SealSource.LOADED,
        )
        audit_record(
            actor=actor,
            action="licences.seal_load",
            target=AuditTarget.of(row, department.name),
            summary={
                "department": department.credit_code,
                "fingerprint": row.fingerprint,
                "subject": certificate.subject.rfc4514_string()[:200],
                "issuer": certificate.issuer.rfc4514_string()[:200],
            },
        )
    return row


def _certificate_check(certificate: x509.Certificate, key: Any) -> None:
    now = datetime.now(UTC)
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise ValidationError("证书不在有效期内")
    public = certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    own = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    if public != own:
        raise ValidationError("私钥与证书不匹配")
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not usage.digital_signature and not usage.content_commitment:
        raise ValidationError("证书的密钥用法不允许数字签名")


@dataclass(frozen=True)
class SealSigner:
    seal_id: int
    signer: SimpleSigner
    certificate: x509.Certificate


_signers: dict[int, SealSigner] = {}
_signers_lock = threading.Lock()


def seal_signer_for(department: Department) -> SealSigner:
    """The pyHanko signer of ``department``'s active seal (issued on first need; cached per seal row)."""
    row = seal_certificate_ensure(department)
    cached = _signers.get(row.pk)
    if cached is not None:
        return cached
    certificate = x509.load_pem_x509_certificate(row.certificate_pem.encode())
    key = serialization.load_pem_private_key(
        unseal(row.private_key_sealed, purpose=SEAL_KEY_PURPOSE).encode(), password=None
    )
    chain = [
        translate_pyca_cryptography_cert_to_asn1(c) for c in _split_pem_certificates(row.chain_pem.encode())
    ]
    registry = SimpleCertificateStore()
    registry.register_multiple(chain)
    signer = SimpleSigner(
        signing_cert=translate_pyca_cryptography_cert_to_asn1(certificate),
        signing_key=translate_pyca_cryptography_key_to_asn1(key),
        cert_registry=registry,
    )
    built = SealSigner(seal_id=row.pk, signer=signer, certificate=certificate)
    with _signers_lock:
        _signers[row.pk] = built
    return built


def trust_roots() -> list[asn1_x509.Certificate]:
    """Roots a licence signature may chain to: the platform seal CA and the roots of loaded seals."""
    roots = {_fingerprint(seal_ca().certificate): seal_ca().certificate}
    for chain in SealCertificate.objects.filter(source=SealSource.LOADED).values_list("chain_pem", flat=True):
        for certificate in _split_pem_certificates(chain.encode()):
            if certificate.subject == certificate.issuer:
                roots.setdefault(_fingerprint(certificate), certificate)
    return [translate_pyca_cryptography_cert_to_asn1(c) for c in roots.values()]
