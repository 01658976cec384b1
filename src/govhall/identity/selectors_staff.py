"""Reads of the staff directory (工作人员目录) for operators: the list, one account, its login state.

Everything here is limited to the operator's region subtree (``StaffScope.administers``); an
account outside it raises ``PermissionDenied``. Never returns password hashes or TOTP secrets —
only whether a device is enrolled and whether django-axes currently locks the username.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import StaffProfile, StaffRole
from .scope import StaffScope


def staff_directory_list(
    *,
    scope: StaffScope,
    q: str = "",
    region_code: str = "",
    department_id: int | None = None,
    role: str = "",
) -> QuerySet[StaffProfile]:
    """Staff of the operator's region and below, filtered; each row has ``totp_enrolled``."""
    if not scope.has_role(StaffRole.OPERATOR):
        return StaffProfile.objects.none()
    profiles = StaffProfile.objects.filter(region__path__startswith=scope.region_path)
    if q.strip():
        words = q.strip()
        profiles = profiles.filter(Q(display_name__icontains=words) | Q(user__username__icontains=words))
    if region_code:
        profiles = profiles.filter(region__code=region_code.ljust(12, "0"))
    if department_id:
        profiles = profiles.filter(department_id=department_id)
    if role in StaffRole.values:
        # A JSON list of role codes; matching the quoted code works on SQLite and PostgreSQL alike.
        profiles = profiles.filter(roles__icontains=f'"{role}"')
    return (
        profiles.select_related("user", "region", "department")
        .annotate(
            totp_enrolled=Exists(TOTPDevice.objects.filter(user_id=OuterRef("user_id"), confirmed=True))
        )
        .order_by("region__code", "display_name", "user__username")
    )


def staff_locked_usernames(*, usernames: list[str]) -> set[str]:
    """Which of ``usernames`` django-axes locks out now (failures within the cool-off reach the limit)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(username__in=usernames, attempt_time__gte=since)
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
    )
    return {row["username"] for row in rows if row["failures"] >= settings.AXES_FAILURE_LIMIT}


def staff_login_failures(*, username: str) -> int:
    """Failed logins django-axes still counts for ``username``."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        failures=Sum("failures_since_start")
    )["failures"]
    return int(total or 0)


@dataclass(frozen=True)
class StaffAccount:
    """One staff account as the directory shows it."""

    profile: StaffProfile
    totp_enrolled: bool
    login_failures: int
    locked: bool

    @property
    def user(self) -> Any:
        return self.profile.user

    @property
    def role_labels(self) -> list[str]:
        return [str(StaffRole(role).label) for role in self.profile.roles if role in StaffRole.values]


def staff_account_get(*, scope: StaffScope, username: str) -> StaffAccount:
    """The account ``username`` if the operator administers it; ``StaffProfile.DoesNotExist`` or ``PermissionDenied``."""
    if not scope.has_role(StaffRole.OPERATOR):
        raise PermissionDenied("此功能仅向运维人员开放")
    profile = StaffProfile.objects.select_related("user", "region", "department").get(user__username=username)
    if not scope.administers(profile.region.path):
        raise PermissionDenied("您只能管理本级及下级区划的工作人员账号")
    failures = staff_login_failures(username=username)
    return StaffAccount(
        profile=profile,
        totp_enrolled=TOTPDevice.objects.filter(user_id=profile.user_id, confirmed=True).exists(),
        login_failures=failures,
        locked=failures >= settings.AXES_FAILURE_LIMIT,
    )
