"""Reads of licence types and licences: the public verification, the holder's wallet, staff lists.

Every read that is about one holder or one department checks it in the same call: the wallet
returns only the holder's own licences, ``licence_get_for_holder`` raises for anyone else's, and
``licences_for_staff`` is narrowed by the caller's ``StaffScope``. Never writes.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from govhall.identity.models import Enterprise, Person, StaffRole
from govhall.identity.scope import StaffScope

from .identifiers import licence_identifier_valid
from .models import Licence, LicenceEvent, LicenceStatus, LicenceType

STAFF_READ_ROLES = (
    StaffRole.WINDOW_CLERK,
    StaffRole.REVIEWER,
    StaffRole.DEPARTMENT_HEAD,
    StaffRole.SUPERVISOR,
)
STAFF_WRITE_ROLES = (StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD)


def licence_type_get(code: str) -> LicenceType:
    """The licence type with ``code``; ``LicenceType.DoesNotExist`` otherwise."""
    return LicenceType.objects.get(code=(code or "").strip().upper())


def licence_type_list(*, active_only: bool = True) -> list[LicenceType]:
    types = LicenceType.objects.all()
    return list(types.filter(active=True) if active_only else types)


def licence_types_for_item(item_code: str) -> list[LicenceType]:
    """Active types issued when an item with basic-catalog code ``item_code`` is approved.

    ``item_codes`` is a JSON list; SQLite has no JSON ``contains``, and types are few: filtered here.
    """
    return [t for t in licence_type_list() if item_code in (t.item_codes or [])]


def _with_relations(queryset: QuerySet[Licence]) -> QuerySet[Licence]:
    return queryset.select_related("licence_type", "issuer", "issuer__region")


def licence_get_public(identifier: str) -> Licence | None:
    """The licence behind a verification link (well-formed identifier only), or None."""
    identifier = (identifier or "").strip().upper()
    if not licence_identifier_valid(identifier):
        return None
    return _with_relations(Licence.objects.filter(identifier=identifier)).first()


def licences_for_holder(*, person: Person | None, enterprise: Enterprise | None = None) -> QuerySet[Licence]:
    """The wallet: the person's own licences and, while acting for an enterprise, the enterprise's."""
    condition = Q(pk__in=[])
    if person is not None:
        condition |= Q(holder_person=person)
    if enterprise is not None:
        condition |= Q(holder_enterprise=enterprise)
    return _with_relations(Licence.objects.filter(condition))


def licence_get_for_holder(
    *, identifier: str, person: Person | None, enterprise: Enterprise | None
) -> Licence:
    """One licence of the wallet; ``Licence.DoesNotExist`` if it is not this holder's (no hint it exists)."""
    return licences_for_holder(person=person, enterprise=enterprise).get(
        identifier=(identifier or "").upper()
    )


def licences_usable_for(
    *, person: Person | None, enterprise: Enterprise | None, type_codes: list[str]
) -> list[Licence]:
    """Licences of ``type_codes`` valid today that an application may use: the enterprise's when applying
    for one, else the person's own (the rule ``licence_usable_as_material`` enforces)."""
    holder = Q(holder_enterprise=enterprise) if enterprise is not None else Q(holder_person=person)
    if enterprise is None and person is None:
        return []
    wallet = _with_relations(Licence.objects.filter(holder)).filter(
        status=LicenceStatus.VALID, licence_type__code__in=type_codes
    )
    return [licence for licence in wallet if licence.state() == LicenceStatus.VALID]


def licences_for_staff(
    *, scope: StaffScope, q: str = "", status: str = "", type_code: str = ""
) -> QuerySet[Licence]:
    """Licences the staff member's scope covers (issued by their department, or their region for supervisors)."""
    queryset = scope.filter(
        _with_relations(Licence.objects.all()),
        region_path_field="issuer__region__path",
        department_field="issuer_id",
        for_roles=STAFF_READ_ROLES,
    )
    if q:
        queryset = queryset.filter(
            Q(identifier__icontains=q) | Q(holder_name__icontains=q) | Q(source_case=q)
        )
    if status in LicenceStatus.values:
        queryset = queryset.filter(status=status)
    if type_code:
        queryset = queryset.filter(licence_type__code=type_code.upper())
    return queryset


def licence_get_for_staff(*, scope: StaffScope, identifier: str, write: bool = False) -> Licence:
    """One licence in the caller's scope; ``DoesNotExist`` if outside it, ``PermissionDenied`` for writes
    by a role that may only read."""
    licence = licences_for_staff(scope=scope).get(identifier=(identifier or "").upper())
    if write and not scope.covers(
        region_path=licence.issuer.region.path, department_id=licence.issuer_id, for_roles=STAFF_WRITE_ROLES
    ):
        raise PermissionDenied("仅发证部门的审批人员或部门负责人可以撤销、注销证照")
    return licence


def licence_events(licence: Licence) -> list[LicenceEvent]:
    return list(licence.events.all())
