"""A minimal certificate authority for the demo and the tests (演示数字证书认证中心).

Production installations trust the CA certificates of real certification authorities
(``GOVHALL["CA_CERTIFICATES"]``) and never issue certificates themselves. This module creates
the demo CA under ``VAR_DIR/demo-ca/`` and issues person and enterprise certificates that follow
the subject convention documented in ``identity.certificates`` — so the demo and the tests
exercise exactly the verification path real certificates take.

Files: ``<name>.cert.pem`` (the certificate) and ``<name>.key.pem`` (the private key, PKCS#8, not
encrypted — demo only, written with mode 0600).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
KeyType = Literal["rsa", "ec"]
CA_NAME = "ca"


@dataclass(frozen=True)
class Issued:
    certificate: x509.Certificate
    key: PrivateKey


def demo_ca_directory() -> Path:
    return Path(settings.VAR_DIR) / "demo-ca"


def private_key_new(key_type: KeyType = "rsa") -> PrivateKey:
    if key_type == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def ca_create(*, common_name: str = "govhall 演示数字证书认证中心", days: int = 3650) -> Issued:
    """A self-signed root CA (RSA) valid from yesterday for ``days`` days."""
    key = private_key_new("rsa")
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "govhall 演示"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = datetime.now(UTC)
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(certificate, key)


def certificate_issue(
    *,
    ca: Issued,
    kind: Literal["person", "enterprise"],
    name: str,
    serial: str,
    key_type: KeyType = "rsa",
    not_before: datetime | None = None,
    not_after: datetime | None = None,
) -> Issued:
    """A client certificate for a person (CN + ID number) or an enterprise (O + credit code)."""
    key = private_key_new(key_type)
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "CN")]
    if kind == "enterprise":
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, name))
    attributes += [
        x509.NameAttribute(NameOID.COMMON_NAME, name),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, serial),
    ]
    now = datetime.now(UTC)
    not_before = not_before or now - timedelta(minutes=5)
    not_after = not_after or now + timedelta(days=730)
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(ca.certificate.subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
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
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )
    return Issued(certificate, key)


def certificate_pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def private_key_pem(key: PrivateKey) -> str:
    """PKCS#8, unencrypted — what WebCrypto's ``importKey("pkcs8", ...)`` reads."""
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def issued_write(directory: Path, name: str, issued: Issued) -> tuple[Path, Path]:
    """Write ``<name>.cert.pem`` and ``<name>.key.pem`` (0600) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    cert_path = directory / f"{name}.cert.pem"
    key_path = directory / f"{name}.key.pem"
    cert_path.write_text(certificate_pem(issued.certificate))
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(private_key_pem(issued.key))
    return cert_path, key_path


def issued_read(directory: Path, name: str) -> Issued | None:
    """The certificate and key called ``name`` in ``directory``, or None if either is missing."""
    cert_path = directory / f"{name}.cert.pem"
    key_path = directory / f"{name}.key.pem"
    if not cert_path.exists() or not key_path.exists():
        return None
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        return None
    return Issued(x509.load_pem_x509_certificate(cert_path.read_bytes()), key)


@contextmanager
def directory_lock(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``directory`` so concurrent processes (test workers, two ``load_demo``
    runs) never interleave writes of a certificate and its key."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def demo_ca_ensure(directory: Path | None = None) -> tuple[Issued, bool]:
    """The demo CA in ``directory`` (default ``VAR_DIR/demo-ca``), created if missing; (ca, created)."""
    directory = directory or demo_ca_directory()
    existing = issued_read(directory, CA_NAME)
    if existing is not None:
        return existing, False
    ca = ca_create()
    issued_write(directory, CA_NAME, ca)
    return ca, True


def holder_certificate_ensure(
    *,
    directory: Path,
    ca: Issued,
    file_name: str,
    kind: Literal["person", "enterprise"],
    name: str,
    serial: str,
) -> bool:
    """Issue ``file_name`` unless a certificate from this CA for the same subject is still valid; True if issued."""
    existing = issued_read(directory, file_name)
    if existing is not None:
        cert = existing.certificate
        serials = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
        same_subject = bool(serials) and serials[0].value == serial
        if (
            same_subject
            and cert.issuer == ca.certificate.subject
            and cert.not_valid_after_utc > datetime.now(UTC) + timedelta(days=30)
        ):
            try:
                cert.verify_directly_issued_by(ca.certificate)
            except (ValueError, TypeError, InvalidSignature):
                pass  # not really this CA's: re-issue below  # noqa: S110
            else:
                return False
    issued_write(directory, file_name, certificate_issue(ca=ca, kind=kind, name=name, serial=serial))
    return True
