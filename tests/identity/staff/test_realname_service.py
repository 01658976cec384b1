"""``person_verify_at_window``: a clerk who checked the card raises the account to L2, named in the audit."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from govhall.core.models import AuditEntry
from govhall.identity.services.realname import person_verify_at_window, person_window_lookup

from ...person_records import ID_NUMBERS, person_make

pytestmark = pytest.mark.django_db


def test_clerk_raises_the_person_to_l2_by_window_check_and_the_audit_names_the_clerk(clerk, person):
    expiry = timezone.localdate() + timedelta(days=3650)

    result = person_verify_at_window(person=person, clerk=clerk, card_expiry=expiry)

    assert result.raised and "二级" in result.message
    assert (person.level, person.level_method, person.level_verified_by) == ("L2", "window", clerk)
    assert person.level_verified_at is not None
    entry = AuditEntry.objects.get(action="identity.person_verify", object_id=str(person.pk))
    assert entry.actor == clerk and entry.actor_label == "吴丽（xl_window）"
    assert entry.summary["clerk"] == "吴丽（xl_window）" and entry.summary["method"] == "window"
    assert entry.summary["level"] == {"before": "L1", "after": "L2"}
    assert entry.summary["card_expiry"] == expiry.isoformat()
    assert ID_NUMBERS[0] not in str(entry.summary) + entry.object_label


def test_person_already_at_l2_is_left_alone_with_a_message(clerk):
    person = person_make(level="L2")
    before = AuditEntry.objects.count()

    result = person_verify_at_window(person=person, clerk=clerk)

    assert not result.raised and "无需重复核验" in result.message
    person.refresh_from_db()
    assert (person.level, person.level_method, person.level_verified_by) == ("L2", "sms", None)
    assert AuditEntry.objects.count() == before


def test_staff_without_the_window_clerk_role_cannot_verify(world, person):
    with pytest.raises(PermissionDenied):
        person_verify_at_window(person=person, clerk=world.manager)
    person.refresh_from_db()
    assert person.level == "L1" and not AuditEntry.objects.filter(action="identity.person_verify").exists()


def test_an_expired_card_is_refused_and_nothing_changes(clerk, person):
    with pytest.raises(ValidationError, match="身份证已超过有效期限"):
        person_verify_at_window(
            person=person, clerk=clerk, card_expiry=timezone.localdate() - timedelta(days=1)
        )
    person.refresh_from_db()
    assert person.level == "L1"


def test_lookup_is_exact_by_full_number_and_audited(clerk, person):
    assert person_window_lookup(clerk=clerk, id_number=ID_NUMBERS[0].lower()) == person
    assert person_window_lookup(clerk=clerk, id_number=ID_NUMBERS[1]) is None
    with pytest.raises(ValidationError, match="校验位错误"):
        person_window_lookup(
            clerk=clerk, id_number=ID_NUMBERS[0][:17] + ("0" if ID_NUMBERS[0][17] != "0" else "1")
        )
    assert AuditEntry.objects.filter(action="identity.person_lookup", actor=clerk).count() == 1
