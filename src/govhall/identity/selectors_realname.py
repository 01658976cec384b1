"""Reads of the window real-name service (窗口实名核验): one person by full ID number, never a list.

A clerk types the full number from the card in front of them; the lookup goes through the keyed
hash (``lookup_hash``), so no ID number is decrypted or compared in clear, and there is no search
by name or partial number that could list people.
"""

from govhall.core.personal_data import lookup_hash

from .idnumber import id_number_clean
from .models import Person


def person_by_id_number(id_number: str) -> Person | None:
    """The person registered with ``id_number`` (validated first: ``ValidationError`` in Chinese), or None."""
    number = id_number_clean(id_number)
    return (
        Person.objects.select_related("level_verified_by__staff_profile")
        .filter(id_number_hash=lookup_hash(number, purpose="id_number"))
        .first()
    )


def person_for_window(person_id: int) -> Person | None:
    """The person a clerk already looked up in this session (by the id kept in their session)."""
    return Person.objects.select_related("level_verified_by__staff_profile").filter(pk=person_id).first()
