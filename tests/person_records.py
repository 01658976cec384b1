"""Natural persons for tests that need one without the registration pages: sealed, hashed and masked
exactly as ``identity.models.Person`` stores them (``core.personal_data``)."""

from __future__ import annotations

from django.contrib.auth.models import User

from govhall.core.personal_data import lookup_hash, mask_id_number, mask_phone, seal
from govhall.identity.idnumber import id_number_with_check
from govhall.identity.models import AssuranceLevel, Person

# Valid resident ID numbers (GB 11643 check character computed): 新罗区, born 1990-03-07 and 1985-11-20.
ID_NUMBERS = [id_number_with_check("35080219900307123"), id_number_with_check("35080219851120456")]


def person_make(
    *,
    name: str = "张三",
    id_number: str = ID_NUMBERS[0],
    phone: str = "13800138000",
    level: str = AssuranceLevel.L1,
    username: str | None = None,
) -> Person:
    user = User.objects.create_user(username=username or f"person-{id_number[-6:]}")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return Person.objects.create(
        user=user,
        name=name,
        id_number_sealed=seal(id_number, purpose="id_number"),
        id_number_hash=lookup_hash(id_number, purpose="id_number"),
        id_number_masked=mask_id_number(id_number),
        phone_sealed=seal(phone, purpose="phone"),
        phone_hash=lookup_hash(phone, purpose="phone"),
        phone_masked=mask_phone(phone),
        level=level,
        level_method="sms",
    )
