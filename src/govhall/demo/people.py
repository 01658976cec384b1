"""Demo citizens (自然人) created by ``govhall load_demo``, and the residents of the registry simulator.

Log in on the portal (/account/login/) with the phone number or the ID number and
``DEMO_PASSWORD`` (``Govhall-demo-2026``), or by SMS code (read it on the operator's simulator page).

| name   | phone       | ID number          | level                         |
|--------|-------------|--------------------|-------------------------------|
| 陈晓梅 | 13805910001 | 35010219880412002X | L1 — try 实名认证 (upgrade)     |
| 林志远 | 13805910002 | 350802199007150034 | L2 — verified by the registry |
| 王建国 | 13805910003 | 35082119760308001X | L2 — an enterprise representative |

All three are residents of the population-registry simulator, and so are two people without an
account: 黄丽 (350105199506200041, register as her and the upgrade succeeds) and 李德明
(350102193501010015, recorded as deceased: verification is refused). ID numbers are made with
``id_number_with_check``; they exist only in demo databases.
"""

from dataclasses import dataclass

from govhall.core.personal_data import lookup_hash
from govhall.identity.idnumber import id_number_with_check
from govhall.identity.models import AssuranceLevel, Person, SimulatedResident
from govhall.identity.registry import SIMULATOR_HASH_PURPOSE
from govhall.identity.services.persons import NewPerson, person_create, person_verify_with_registry
from govhall.identity.services.registry_simulator import registry_simulator_add

from .accounts import DEMO_PASSWORD


@dataclass(frozen=True)
class DemoPerson:
    name: str
    phone: str
    id_number: str
    level: str
    note: str


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(
        "陈晓梅",
        "13805910001",
        id_number_with_check("35010219880412002"),
        AssuranceLevel.L1,
        "一级（注册用户）：可在“我的账号”中完成实名认证",
    ),
    DemoPerson(
        "林志远",
        "13805910002",
        id_number_with_check("35080219900715003"),
        AssuranceLevel.L2,
        "二级（人口库核验）",
    ),
    DemoPerson(
        "王建国",
        "13805910003",
        id_number_with_check("35082119760308001"),
        AssuranceLevel.L2,
        "二级（人口库核验）：企业法定代表人",
    ),
)

# Residents known to the registry simulator who have no account yet: (name, ID number, deceased).
REGISTRY_ONLY: tuple[tuple[str, str, bool], ...] = (
    ("黄丽", id_number_with_check("35010519950620004"), False),
    ("李德明", id_number_with_check("35010219350101001"), True),
)


def demo_person(name: str) -> DemoPerson:
    return next(p for p in DEMO_PEOPLE if p.name == name)


def _resident_add(name: str, id_number: str, deceased: bool) -> None:
    if not SimulatedResident.objects.filter(
        id_number_hash=lookup_hash(id_number, purpose=SIMULATOR_HASH_PURPOSE)
    ).exists():
        registry_simulator_add(name=name, id_number=id_number, deceased=deceased)


def load_people() -> int:
    """Create the demo citizens (and registry residents) that are missing; returns how many accounts were new."""
    created = 0
    for name, id_number, deceased in REGISTRY_ONLY:
        _resident_add(name, id_number, deceased)
    for demo in DEMO_PEOPLE:
        _resident_add(demo.name, demo.id_number, False)
        person = Person.objects.filter(
            id_number_hash=lookup_hash(demo.id_number, purpose="id_number")
        ).first()
        if person is None:
            person = person_create(
                fields=NewPerson(demo.name, demo.id_number, demo.phone, DEMO_PASSWORD), level_method=""
            )
            created += 1
        if demo.level != AssuranceLevel.L1 and person.level == AssuranceLevel.L1:
            person_verify_with_registry(person=person, actor=None)
    return created
