"""Staff scope (数据权限): which regions and departments a staff member may see and act on.

The rule, in one place:

* Department-bound roles (window clerk, reviewer, department head) see their **own department**
  — its rows in their own region and, for a department head, nothing wider.
* Region-wide roles see **every department in their region and all regions below it**:
  a supervisor of a city sees its counties, townships and villages; a catalog manager manages the
  implementations of their region and below.
* Operators administer the platform (OIDC clients, upstream providers, simulators) everywhere,
  and the staff accounts of their own region and below (``StaffScope.administers``),
  but an operator role alone grants no access to cases or personal data.

Selectors filter with ``StaffScope.filter``; services check single objects with
``StaffScope.covers``; both come from ``staff_scope_for``. The workbench authorisation matrix
test exercises every endpoint against these rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from .models import StaffProfile, StaffRole
from .selectors import staff_profile_for

REGION_WIDE_ROLES = frozenset({StaffRole.SUPERVISOR, StaffRole.CATALOG_MANAGER})
DEPARTMENT_ROLES = frozenset({StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD})


@dataclass(frozen=True)
class StaffScope:
    user_id: int
    display_name: str
    region_id: int
    region_path: str
    department_id: int | None
    roles: frozenset[str]
    region_level: int = 0  # 1 province … 5 village (directory.Level)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def region_wide(self) -> bool:
        return bool(self.roles & REGION_WIDE_ROLES)

    def covers(
        self, *, region_path: str, department_id: int | None = None, for_roles: tuple[str, ...] = ()
    ) -> bool:
        """Whether a row of ``region_path`` (and ``department_id``) is in scope, for the given roles (any role if empty)."""
        roles = set(for_roles) & self.roles if for_roles else set(self.roles)
        if not roles:
            return False
        if roles & REGION_WIDE_ROLES and region_path.startswith(self.region_path):
            return True
        if roles & DEPARTMENT_ROLES:
            return (
                self.department_id is not None
                and department_id == self.department_id
                and region_path.startswith(self.region_path)
            )
        return False

    @property
    def reads_audit_trail(self) -> bool:
        """Only provincial operators read the audit trail: its entries carry no region, and a
        county operator must not see reveals of personal data elsewhere in the province."""
        return StaffRole.OPERATOR in self.roles and self.region_level == 1

    def administers(self, region_path: str) -> bool:
        """Whether this operator manages staff accounts of ``region_path`` (their own region and below)."""
        return StaffRole.OPERATOR in self.roles and region_path.startswith(self.region_path)

    def filter(
        self,
        queryset: QuerySet[Any],
        *,
        region_path_field: str,
        department_field: str | None,
        for_roles: tuple[str, ...] = (),
    ) -> QuerySet[Any]:
        """``queryset`` narrowed to the rows this staff member may see (nothing if no role applies)."""
        roles = set(for_roles) & self.roles if for_roles else set(self.roles)
        condition = Q(pk__in=[])
        if roles & REGION_WIDE_ROLES:
            condition |= Q(**{f"{region_path_field}__startswith": self.region_path})
        if roles & DEPARTMENT_ROLES and self.department_id is not None and department_field:
            condition |= Q(
                **{department_field: self.department_id, f"{region_path_field}__startswith": self.region_path}
            )
        return queryset.filter(condition)


def staff_scope_for(user: AbstractBaseUser | AnonymousUser) -> StaffScope | None:
    profile = staff_profile_for(user)
    if profile is None:
        return None
    return staff_scope_of(profile)


def staff_scope_of(profile: StaffProfile) -> StaffScope:
    """The scope of an already loaded profile (its region selected), without another query."""
    return StaffScope(
        user_id=profile.user_id,
        display_name=profile.display_name,
        region_id=profile.region_id,
        region_path=profile.region.path,
        department_id=profile.department_id,
        roles=frozenset(profile.roles),
        region_level=profile.region.level,
    )


def staff_scope_require(user: AbstractBaseUser | AnonymousUser, *roles: str) -> StaffScope:
    """The caller's scope if they hold one of ``roles``; ``PermissionDenied`` (Chinese) otherwise."""
    scope = staff_scope_for(user)
    if scope is None:
        raise PermissionDenied("仅工作人员可以访问")
    if roles and not scope.has_role(*roles):
        names = "、".join(StaffRole(role).label for role in roles)
        raise PermissionDenied(f"需要以下角色之一：{names}")
    return scope
