"""Window real-name verification (窗口实名核验, R-ID.6): a clerk checks the card and raises the account to L2.

The clerk has the resident ID card in hand, confirms the person matches the photo
("人证一致") and enters the card's expiry date; the account reaches L2 with method ``window``
and the clerk recorded as ``level_verified_by``. The audit entry names the clerk (as actor and in
the summary). An account already at L2 or above is left as it is. Only window clerks may verify;
an expired card is refused. Never reveals the ID number (``reveal.person_id_number_reveal`` does,
audited, with a reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from govhall.core.audit import AuditTarget, audit_record

from ..models import AssuranceLevel, AuthMethod, Person, StaffRole, level_at_least
from ..scope import staff_scope_require
from ..selectors_realname import person_by_id_number


@dataclass(frozen=True)
class WindowVerification:
    raised: bool
    message: str


@transaction.atomic
def person_window_lookup(*, clerk: Any, id_number: str) -> Person | None:
    """The person registered with the full ``id_number``, for a window clerk; the lookup is audited.

    Raises ``PermissionDenied`` if ``clerk`` is not a window clerk and ``ValidationError`` (Chinese)
    for a malformed number. Returns None when nobody registered with it.
    """
    staff_scope_require(clerk, StaffRole.WINDOW_CLERK)
    person = person_by_id_number(id_number)
    if person is not None:
        audit_record(
            actor=clerk,
            action="identity.person_lookup",
            target=AuditTarget.of(person, f"{person.name}（{person.id_number_masked}）"),
            summary={"by": "id_number", "channel": "window"},
        )
    return person


@transaction.atomic
def person_verify_at_window(
    *, person: Person, clerk: Any, card_expiry: date | None = None
) -> WindowVerification:
    """Raise ``person`` to L2 (method ``window``) on the word of ``clerk``; a no-op if already ≥ L2.

    ``card_expiry`` is the expiry date printed on the card (None for a 长期 card). Raises
    ``PermissionDenied`` if ``clerk`` is not a window clerk, ``ValidationError`` for an expired card.
    ``person`` is refreshed in place.
    """
    scope = staff_scope_require(clerk, StaffRole.WINDOW_CLERK)
    if card_expiry is not None and card_expiry < timezone.localdate():
        raise ValidationError("身份证已超过有效期限，不能用于实名核验", code="card_expired")
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if level_at_least(locked.level, AssuranceLevel.L2):
        person.refresh_from_db()
        return WindowVerification(False, f"该用户已是{locked.get_level_display()}，无需重复核验")
    before = locked.level
    locked.level = AssuranceLevel.L2
    locked.level_method = AuthMethod.WINDOW
    locked.level_verified_at = timezone.now()
    locked.level_verified_by = clerk
    locked.save(update_fields=["level", "level_method", "level_verified_at", "level_verified_by"])
    audit_record(
        actor=clerk,
        action="identity.person_verify",
        target=AuditTarget.of(locked, f"{locked.name}（{locked.id_number_masked}）"),
        summary={
            "method": AuthMethod.WINDOW,
            "clerk": f"{scope.display_name}（{clerk.get_username()}）",
            "clerk_department_id": scope.department_id,
            "card_checked": True,
            "card_expiry": card_expiry.isoformat() if card_expiry else "长期",
            "level": {"before": before, "after": locked.level},
        },
    )
    person.refresh_from_db()
    return WindowVerification(True, f"已将 {locked.name} 的账号提升为{locked.get_level_display()}")
