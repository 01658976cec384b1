"""Test PKI: a trusted CA configured as the only trust anchor, certificates issued by it, signing.

Certificates come from ``identity.certificate_authority`` — the same code the demo uses — and
signatures are made exactly as ``govhall certificate_sign`` and the browser make them.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from django.contrib.auth import get_user_model

from govhall.core.personal_data import lookup_hash, mask_id_number, mask_phone, seal
from govhall.identity.certificate_authority import Issued, ca_create, certificate_issue, certificate_pem
from govhall.identity.certificates import certificate_challenge_issue, certificate_verify
from govhall.identity.idnumber import id_number_with_check
from govhall.identity.models import Person

# Valid checksums (GB 11643 / GB 32100).
ZHANG_ID = id_number_with_check("35080219850612003")
LI_ID = id_number_with_check("35080219900101004")
WANG_ID = id_number_with_check("35010219780915005")
ENTERPRISE_CODE = "91350802MA31X6YQ46"


@dataclass
class Pki:
    ca: Issued
    ca_path: Path

    def issue(
        self,
        *,
        kind: Literal["person", "enterprise"] = "person",
        name: str = "张建国",
        serial: str = ZHANG_ID,
        key_type: Literal["rsa", "ec"] = "rsa",
        **kwargs,
    ) -> Issued:
        return certificate_issue(ca=self.ca, kind=kind, name=name, serial=serial, key_type=key_type, **kwargs)


def sign(key, message: str, *, raw_ec: bool = False) -> str:
    data = message.encode()
    if isinstance(key, rsa.RSAPrivateKey):
        signature = key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    else:
        signature = key.sign(data, ec.ECDSA(hashes.SHA256()))
        if raw_ec:  # the r‖s form WebCrypto produces
            from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

            r, s = decode_dss_signature(signature)
            signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return base64.b64encode(signature).decode()


def signed_form(issued: Issued, *, nonce: str | None = None) -> dict[str, str]:
    """What the login page posts: the certificate PEM, a fresh challenge and the signature over it."""
    nonce = nonce or certificate_challenge_issue().nonce
    return {
        "nonce": nonce,
        "certificate_pem": certificate_pem(issued.certificate),
        "signature": sign(issued.key, nonce),
    }


def verified(issued: Issued):
    form = signed_form(issued)
    return certificate_verify(
        certificate_pem=form["certificate_pem"], signature_b64=form["signature"], nonce=form["nonce"]
    )


def person_make(*, name: str, id_number: str, level: str = "L2", phone: str = "") -> Person:
    user = get_user_model().objects.create_user(username=f"p-{id_number[-6:]}", password=None)
    return Person.objects.create(
        user=user,
        name=name,
        id_number_sealed=seal(id_number, purpose="id_number"),
        id_number_hash=lookup_hash(id_number, purpose="id_number"),
        id_number_masked=mask_id_number(id_number),
        phone_sealed=seal(phone, purpose="phone") if phone else "",
        phone_hash=lookup_hash(phone, purpose="phone") if phone else None,
        phone_masked=mask_phone(phone) if phone else "",
        level=level,
        level_method="population_registry" if level != "L1" else "sms",
    )


@pytest.fixture
def pki(settings, tmp_path) -> Pki:
    """A fresh CA, configured as the only trust anchor for this test."""
    ca = ca_create()
    path = tmp_path / "trusted-ca.pem"
    path.write_text(certificate_pem(ca.certificate))
    settings.GOVHALL = {**settings.GOVHALL, "CA_CERTIFICATES": [str(path)]}
    return Pki(ca, path)
