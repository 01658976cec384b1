"""Demo enterprise (法人), its agent, and the demo digital certificates (``govhall load_demo``).

- 龙岩市闽西食品有限公司 (credit code ``91350802MA31X6YQ46``, valid GB 32100), represented by the
  demo citizen 王建国, registered through the real path: its enterprise certificate signs a
  challenge, ``certificate_verify`` checks it, ``enterprise_register`` records it.
- 林志远 is authorised as its agent (经办人) for all items for one year.
- Certificates under ``VAR_DIR/demo-ca/``: the demo CA (``ca.*``), one person certificate per demo
  citizen (``chen-xiaomei``, ``lin-zhiyuan``, ``wang-jianguo``) and the enterprise's
  (``enterprise-91350802MA31X6YQ46``), each as ``<name>.cert.pem`` + ``<name>.key.pem`` (PKCS#8).
  Log in at /enterprise/certificate/login/ by choosing both files (the browser signs), or sign
  with ``govhall certificate_sign --key var/demo-ca/<name>.key.pem --challenge <挑战码>``.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from django.db import transaction
from django.utils import timezone

from govhall.core.audit import audit_context_use
from govhall.core.personal_data import lookup_hash
from govhall.identity.certificate_authority import (
    certificate_pem,
    demo_ca_directory,
    demo_ca_ensure,
    directory_lock,
    holder_certificate_ensure,
    issued_read,
)
from govhall.identity.certificates import certificate_challenge_issue, certificate_verify
from govhall.identity.models import AgentMandate, Enterprise, Person
from govhall.identity.services.enterprises import agent_mandate_grant, enterprise_register

from .people import DEMO_PEOPLE, demo_person


@dataclass(frozen=True)
class DemoEnterprise:
    name: str
    credit_code: str
    representative: str  # a demo citizen's name
    agent: str

    @property
    def file_name(self) -> str:
        return f"enterprise-{self.credit_code}"


DEMO_ENTERPRISE = DemoEnterprise("龙岩市闽西食品有限公司", "91350802MA31X6YQ46", "王建国", "林志远")
PERSON_FILE_NAMES = {"陈晓梅": "chen-xiaomei", "林志远": "lin-zhiyuan", "王建国": "wang-jianguo"}


def person_file_name(name: str, id_number: str) -> str:
    return PERSON_FILE_NAMES.get(name, f"person-{id_number[-6:]}")


def demo_certificates_ensure(directory: Path | None = None) -> tuple[bool, int]:
    """The demo CA and every holder's certificate; returns (CA created, certificates issued)."""
    directory = directory or demo_ca_directory()
    with directory_lock(directory):
        ca, ca_created = demo_ca_ensure(directory)
        issued = 0
        for person in DEMO_PEOPLE:
            issued += holder_certificate_ensure(
                directory=directory,
                ca=ca,
                file_name=person_file_name(person.name, person.id_number),
                kind="person",
                name=person.name,
                serial=person.id_number,
            )
        issued += holder_certificate_ensure(
            directory=directory,
            ca=ca,
            file_name=DEMO_ENTERPRISE.file_name,
            kind="enterprise",
            name=DEMO_ENTERPRISE.name,
            serial=DEMO_ENTERPRISE.credit_code,
        )
    return ca_created, issued


def _sign(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, message: bytes) -> str:
    if isinstance(key, rsa.RSAPrivateKey):
        return base64.b64encode(key.sign(message, padding.PKCS1v15(), hashes.SHA256())).decode()
    return base64.b64encode(key.sign(message, ec.ECDSA(hashes.SHA256()))).decode()


def _person(name: str) -> Person | None:
    demo = demo_person(name)
    return Person.objects.filter(id_number_hash=lookup_hash(demo.id_number, purpose="id_number")).first()


@transaction.atomic
def load_enterprises() -> int:
    """Register the demo enterprise and its agent's mandate where missing; returns how many rows were new."""
    demo_certificates_ensure()
    representative, agent = _person(DEMO_ENTERPRISE.representative), _person(DEMO_ENTERPRISE.agent)
    if representative is None or agent is None:
        return 0  # load_people has not run (``--no-staff``)
    created = 0
    with audit_context_use(channel="command"):
        enterprise = Enterprise.objects.filter(credit_code=DEMO_ENTERPRISE.credit_code).first()
        if enterprise is None:
            holder = issued_read(demo_ca_directory(), DEMO_ENTERPRISE.file_name)
            assert holder is not None  # demo_certificates_ensure wrote it
            nonce = certificate_challenge_issue().nonce
            certificate = certificate_verify(
                certificate_pem=certificate_pem(holder.certificate),
                signature_b64=_sign(holder.key, nonce.encode()),
                nonce=nonce,
            )
            enterprise = enterprise_register(representative=representative, certificate=certificate)
            created += 1
        today = timezone.localdate()
        has_live = AgentMandate.objects.filter(
            enterprise=enterprise, agent=agent, revoked_at__isnull=True, valid_until__gte=today
        ).exists()
        if not has_live:
            agent_mandate_grant(
                enterprise=enterprise,
                agent_id_number=demo_person(DEMO_ENTERPRISE.agent).id_number,
                agent_name=agent.name,
                all_items=True,
                item_codes=[],
                valid_from=today,
                valid_until=today + timedelta(days=365),
                granted_by=representative.user,
            )
            created += 1
    return created
