"""A registered enterprise with its representative, and candidate agents, for the enterprise tests."""

from dataclasses import dataclass

from govhall.identity.models import Enterprise, Person
from govhall.identity.services.enterprises import enterprise_register
from tests.identity.certificates.pki import (
    ENTERPRISE_CODE,
    LI_ID,
    WANG_ID,
    ZHANG_ID,
    Pki,
    person_make,
    verified,
)


@dataclass
class Firm:
    enterprise: Enterprise
    representative: Person
    agent: Person  # 李秀英, L2, not yet authorised
    other: Person  # 王芳, L2, unrelated


def firm_make(pki: Pki) -> Firm:
    representative = person_make(name="张建国", id_number=ZHANG_ID)
    issued = pki.issue(kind="enterprise", name="龙岩闽西食品有限公司", serial=ENTERPRISE_CODE)
    enterprise = enterprise_register(representative=representative, certificate=verified(issued))
    return Firm(
        enterprise,
        representative,
        person_make(name="李秀英", id_number=LI_ID),
        person_make(name="王芳", id_number=WANG_ID),
    )
