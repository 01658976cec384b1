"""Who owns a solicitation or survey and who may change it — shared by both services and selectors.

Decision (docs/interaction.md): a **department head** publishes for their own department; a
**catalog manager** publishes for their region (and their department, if their profile names one).
Supervisors of the region and above read everything in their region (opinions, results, exports)
but change nothing. The owner is fixed when the draft is made, from the author's staff scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

from govhall.directory.models import Department, Region
from govhall.identity.models import StaffRole
from govhall.identity.scope import StaffScope

WRITE_ROLES: tuple[str, ...] = (StaffRole.DEPARTMENT_HEAD, StaffRole.CATALOG_MANAGER)
READ_ROLES: tuple[str, ...] = (*WRITE_ROLES, StaffRole.SUPERVISOR)
PERIOD_MAX_DAYS = 366


@dataclass(frozen=True)
class Owner:
    region: Region
    department: Department | None
    publisher_name: str


def owner_for(scope: StaffScope) -> Owner:
    """The owner of a new draft made by ``scope``'s staff member; ``PermissionDenied`` for other roles."""
    if not scope.has_role(*WRITE_ROLES):
        raise PermissionDenied("仅部门负责人或事项管理员可以发布意见征集和在线调查")
    region = Region.objects.get(pk=scope.region_id)
    department = Department.objects.filter(pk=scope.department_id).first() if scope.department_id else None
    if department is None and not scope.has_role(StaffRole.CATALOG_MANAGER):
        raise PermissionDenied("部门负责人须归属于某一部门")
    return Owner(region, department, department.name if department else f"{region.name}政务服务管理部门")


def may_change(scope: StaffScope, *, region_path: str, department_id: int | None) -> bool:
    return scope.covers(region_path=region_path, department_id=department_id, for_roles=WRITE_ROLES)


def change_require(scope: StaffScope, *, region_path: str, department_id: int | None) -> None:
    if not may_change(scope, region_path=region_path, department_id=department_id):
        raise PermissionDenied("您只能查看，不能修改本单位以外发布的内容")


def period_check(opens_on: date, closes_on: date) -> None:
    if closes_on < opens_on:
        raise ValidationError("截止日期不能早于开始日期")
    if (closes_on - opens_on).days > PERIOD_MAX_DAYS:
        raise ValidationError("征集或调查期限不能超过一年")
