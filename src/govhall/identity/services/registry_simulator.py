"""Writes to the population-registry simulator (demo data and tests; never a real registry)."""

from django.db import transaction

from govhall.core.audit import AuditTarget, audit_record
from govhall.core.personal_data import lookup_hash, mask_id_number

from ..idnumber import id_number_clean
from ..models import SimulatedResident
from ..registry import SIMULATOR_HASH_PURPOSE


@transaction.atomic
def registry_simulator_add(*, name: str, id_number: str, deceased: bool = False) -> SimulatedResident:
    """Record (or update) a resident in the simulated registry; the ID number is stored only as a keyed hash."""
    number = id_number_clean(id_number)
    resident, created = SimulatedResident.objects.update_or_create(
        id_number_hash=lookup_hash(number, purpose=SIMULATOR_HASH_PURPOSE),
        defaults={"name": name.strip(), "id_number_masked": mask_id_number(number), "deceased": deceased},
    )
    audit_record(
        actor=None,
        actor_label="simulator",
        action="identity.registry_simulator_add" if created else "identity.registry_simulator_update",
        target=AuditTarget.of(resident),
        summary={"id_number": resident.id_number_masked, "deceased": deceased},
    )
    return resident
