"""Personal data at rest: the raw column holds no trace of the value, and key rotation re-seals everything."""

import base64
import os
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from govhall.core.audit import audit_chain_verify
from govhall.core.models import AuditEntry
from govhall.core.personal_data import (
    SEALED_COLUMNS,
    keyring,
    lookup_hash,
    mask_id_number,
    mask_phone,
    seal,
    sealed_key_id,
    unseal,
)
from govhall.identity.models import Person

pytestmark = pytest.mark.django_db

ID_NUMBERS = ["350102199003071234", "35010219850101001X", "350802200012310018"]
PHONES = ["13800138000", "13912345678", "15080001234"]
LOOKUP = base64.urlsafe_b64encode(b"L" * 32).decode()


def new_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


@pytest.fixture
def keys(settings):
    """Switch data keys within a test; the cached keyring is cleared before, on every switch, and after."""

    def use(data_keys: str) -> None:
        settings.GOVHALL = {**settings.GOVHALL, "DATA_KEYS": data_keys, "LOOKUP_KEY": LOOKUP}
        keyring.cache_clear()

    keyring.cache_clear()
    yield use
    keyring.cache_clear()


def person_create(index: int, id_number: str, phone: str) -> Person:
    user = User.objects.create(username=f"person{index}")
    return Person.objects.create(
        user=user,
        name=f"测试{index}",
        id_number_sealed=seal(id_number, purpose="id_number"),
        id_number_hash=lookup_hash(id_number, purpose="id_number"),
        id_number_masked=mask_id_number(id_number),
        phone_sealed=seal(phone, purpose="phone"),
        phone_hash=lookup_hash(phone, purpose="phone"),
        phone_masked=mask_phone(phone),
    )


def raw_row(person: Person) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number_sealed, phone_sealed FROM identity_person WHERE id = %s", [person.pk]
        )
        return cursor.fetchone()


def test_the_raw_column_contains_neither_the_value_nor_its_digits(keys):
    keys(f"k1:{new_key()}")
    person = person_create(0, ID_NUMBERS[0], PHONES[0])

    sealed_id, sealed_phone = raw_row(person)

    for value, stored in ((ID_NUMBERS[0], sealed_id), (PHONES[0], sealed_phone)):
        assert value not in stored
        # Not even a run of 6 of its digits, anywhere (birth date, area code, tail).
        assert not any(value[i : i + 6] in stored for i in range(len(value) - 5))
        assert stored.startswith("k1:")
    assert unseal(sealed_id, purpose="id_number") == ID_NUMBERS[0]


def test_a_sealed_value_is_bound_to_its_column_purpose(keys):
    keys(f"k1:{new_key()}")
    token = seal(ID_NUMBERS[0], purpose="id_number")

    with pytest.raises(Exception):  # noqa: B017, PT011 - AES-GCM InvalidTag: the associated data differs
        unseal(token, purpose="phone")


def test_rekey_reseals_every_column_under_the_new_key_and_the_old_key_can_go(keys):
    old, new = new_key(), new_key()
    keys(f"k1:{old}")
    people = [person_create(i, n, p) for i, (n, p) in enumerate(zip(ID_NUMBERS, PHONES, strict=True))]
    keys(f"k2:{new},k1:{old}")
    out = StringIO()

    call_command("personal_data_rekey", "--batch-size", "2", stdout=out)
    keys(f"k2:{new}")  # k1 removed

    for person, id_number, phone in zip(people, ID_NUMBERS, PHONES, strict=True):
        sealed_id, sealed_phone = raw_row(person)
        assert sealed_key_id(sealed_id) == sealed_key_id(sealed_phone) == "k2"
        assert unseal(sealed_id, purpose="id_number") == id_number
        assert unseal(sealed_phone, purpose="phone") == phone
        person.refresh_from_db()
        assert person.id_number_hash == lookup_hash(id_number, purpose="id_number")  # lookups unchanged
    text = out.getvalue()
    assert "当前数据密钥：k2" in text
    assert "identity.Person.id_number_sealed：共 3 条，重新加密 3 条，已是当前密钥 0 条" in text
    assert "identity.Person.id_number_sealed：2/3" in text  # progress per batch
    assert "identity.Person.id_number_sealed：3/3" in text


def test_rekey_writes_one_audit_entry_per_column_with_counts_and_no_values(keys):
    old, new = new_key(), new_key()
    keys(f"k1:{old}")
    person_create(0, ID_NUMBERS[0], PHONES[0])
    keys(f"k2:{new},k1:{old}")

    call_command("personal_data_rekey", stdout=StringIO())

    entries = AuditEntry.objects.filter(action="core.personal_data.rekeyed").order_by("sequence")
    assert [e.object_id for e in entries] == [f"{c.model_label}.{c.field}" for c in SEALED_COLUMNS]
    by_column = {e.object_id: e.summary for e in entries}
    assert by_column["identity.Person.id_number_sealed"] == {
        "key": "k2",
        "rows": 1,
        "resealed": 1,
        "already_current": 0,
    }
    assert by_column["identity.Person.phone_sealed"]["resealed"] == 1
    assert all(e.channel == "command" and e.actor_label == "personal_data_rekey" for e in entries)
    assert not any(ID_NUMBERS[0] in str(e.summary) or PHONES[0] in str(e.summary) for e in entries)
    assert audit_chain_verify()[1] == []


def test_rekey_is_idempotent(keys):
    old, new = new_key(), new_key()
    keys(f"k1:{old}")
    person = person_create(0, ID_NUMBERS[0], PHONES[0])
    keys(f"k2:{new},k1:{old}")
    call_command("personal_data_rekey", stdout=StringIO())
    first = raw_row(person)
    out = StringIO()

    call_command("personal_data_rekey", stdout=out)

    assert raw_row(person) == first  # nothing rewritten
    assert "identity.Person.id_number_sealed：共 1 条，重新加密 0 条，已是当前密钥 1 条" in out.getvalue()


def test_without_rekey_removing_the_old_key_leaves_values_unreadable(keys):
    old, new = new_key(), new_key()
    keys(f"k1:{old}")
    person = person_create(0, ID_NUMBERS[0], PHONES[0])
    keys(f"k2:{new}")

    with pytest.raises(ImproperlyConfigured, match="缺少数据密钥 k1"):
        unseal(raw_row(person)[0], purpose="id_number")


def test_rekey_reports_a_row_it_cannot_decrypt_without_printing_values(keys):
    old, new = new_key(), new_key()
    keys(f"k1:{old}")
    person = person_create(0, ID_NUMBERS[0], PHONES[0])
    keys(f"k2:{new}")  # the operator forgot to keep k1

    from django.core.management import CommandError

    with pytest.raises(CommandError) as failure:
        call_command("personal_data_rekey", stdout=StringIO())

    assert f"主键 {person.pk} 无法解密（密钥 k1）" in str(failure.value)
    assert ID_NUMBERS[0] not in str(failure.value)
