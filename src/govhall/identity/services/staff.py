"""Writes to staff accounts (工作人员目录): creation and edits by operators, (re)activation, lockouts.

``staff_upsert`` is the unchecked writer used by the demo loader and tests. Every other service
here is an **operator's** action: it loads the caller's scope, refuses accounts outside the
operator's region subtree (``StaffScope.administers``), validates in Chinese, writes inside one
transaction and records an audit entry with what changed (before/after roles, region,
department) and the reason where one is asked for. Never audits or returns a password.
Accounts created here (and reactivated ones) must change their password at the next login
(``StaffProfile.must_change_password``; passwords themselves: ``staff_password``).
"""

from __future__ import annotations

import re
from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from govhall.core.audit import AuditTarget, audit_record
from govhall.directory.models import Department, Region

from ..models import StaffProfile, StaffRole
from ..scope import DEPARTMENT_ROLES, StaffScope, staff_scope_require

USERNAME_PATTERN = re.compile(r"^[a-z][a-z0-9_.-]{2,39}$")
USERNAME_RULE = "用户名须为 3–40 位小写英文字母、数字、下划线、点或连字符，并以字母开头"
OUT_OF_SCOPE = "您只能管理本级及下级区划的工作人员账号"


@transaction.atomic
def staff_upsert(
    *,
    username: str,
    display_name: str,
    region: Region,
    roles: list[str],
    department: Department | None = None,
    password: str | None = None,
) -> StaffProfile:
    """Create or update a staff account; ``password`` is set only when given."""
    unknown = set(roles) - set(StaffRole.values)
    if unknown:
        raise ValidationError(f"未知角色：{'、'.join(sorted(unknown))}", code="invalid_role")
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username, defaults={"is_staff": False})
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
    elif created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    profile, _ = StaffProfile.objects.update_or_create(
        user=user,
        defaults={"display_name": display_name, "region": region, "department": department, "roles": roles},
    )
    return profile


def staff_operator_scope(*, by: Any) -> StaffScope:
    """The scope of ``by`` if they are an operator; ``PermissionDenied`` (Chinese) otherwise."""
    return staff_scope_require(by, StaffRole.OPERATOR)


def staff_account_lock(*, by: Any, user_id: int) -> StaffProfile:
    """The staff profile of ``user_id`` locked for update, if ``by`` administers it; raises otherwise."""
    scope = staff_operator_scope(by=by)
    profile = (
        StaffProfile.objects.select_for_update(of=("self",))
        .select_related("user", "region", "department")
        .get(user_id=user_id)
    )
    if not scope.administers(profile.region.path):
        raise PermissionDenied(OUT_OF_SCOPE)
    return profile


def _snapshot(profile: StaffProfile) -> dict[str, Any]:
    return {
        "display_name": profile.display_name,
        "roles": list(profile.roles),
        "region": f"{profile.region.code} {profile.region.name}",
        "department": (
            f"{profile.department.credit_code} {profile.department.name}" if profile.department else ""
        ),
    }


def staff_reason_clean(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValidationError("请填写原因（至少 2 个字）", code="reason_required")
    return reason[:300]


def _roles_clean(roles: list[str]) -> list[str]:
    unknown = sorted(set(roles) - set(StaffRole.values))
    if unknown:
        raise ValidationError(f"未知角色：{'、'.join(unknown)}", code="invalid_role")
    if not roles:
        raise ValidationError("请至少选择一个角色", code="roles_required")
    return [role for role in StaffRole.values if role in roles]


def _placement_check(
    *, scope: StaffScope, region: Region, department: Department | None, roles: list[str]
) -> None:
    errors = []
    if not scope.administers(region.path):
        raise PermissionDenied(OUT_OF_SCOPE)
    if department is not None:
        if department.region_id != region.pk:
            errors.append(f"部门“{department.name}”不属于所属区划“{region.name}”，请选择本区划的部门")
        elif not department.is_active:
            errors.append(f"部门“{department.name}”已停用")
    elif set(roles) & DEPARTMENT_ROLES:
        names = "、".join(str(StaffRole(role).label) for role in roles if role in DEPARTMENT_ROLES)
        errors.append(f"{names}须指定所属部门")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def staff_account_save(
    *,
    by: Any,
    username: str,
    display_name: str,
    region: Region,
    department: Department | None,
    roles: list[str],
    initial_password: str | None = None,
) -> StaffProfile:
    """Create a staff account (``initial_password`` given) or update an existing one (not given).

    The initial password was typed by the operator, so a new account must change it at its first
    login (``must_change_password``). Creation refuses a username already in use; an update refuses accounts outside the operator's
    region subtree and an operator removing their own operator role.
    """
    scope = staff_operator_scope(by=by)
    username = (username or "").strip()
    display_name = (display_name or "").strip()
    if not USERNAME_PATTERN.match(username):
        raise ValidationError(USERNAME_RULE, code="invalid_username")
    if not display_name or len(display_name) > 50:
        raise ValidationError("请填写姓名（不超过 50 个字）", code="invalid_name")
    roles = _roles_clean(roles)
    _placement_check(scope=scope, region=region, department=department, roles=roles)
    user_model = get_user_model()
    existing = user_model.objects.select_for_update().filter(username=username).first()
    if initial_password is not None:
        if existing is not None:
            raise ValidationError(f"用户名“{username}”已被使用，请换一个", code="username_taken")
        return _staff_account_create(
            by=by,
            username=username,
            display_name=display_name,
            region=region,
            department=department,
            roles=roles,
            password=initial_password,
        )
    if existing is None or not StaffProfile.objects.filter(user_id=existing.pk).exists():
        raise StaffProfile.DoesNotExist(f"没有工作人员账号“{username}”")
    profile = staff_account_lock(by=by, user_id=existing.pk)
    if existing.pk == by.pk and StaffRole.OPERATOR not in roles:
        raise ValidationError("不能移除您自己的运维人员角色", code="own_operator_role")
    before = _snapshot(profile)
    profile.display_name, profile.region, profile.department, profile.roles = (
        display_name,
        region,
        department,
        roles,
    )
    after = _snapshot(profile)
    if before == after:
        return profile
    profile.save(update_fields=["display_name", "region", "department", "roles"])
    changed = sorted(key for key in after if before[key] != after[key])
    audit_record(
        actor=by,
        action="identity.staff_update",
        target=AuditTarget.of(profile.user, username),
        summary={"changed": changed, "before": before, "after": after},
    )
    return profile


def _staff_account_create(
    *,
    by: Any,
    username: str,
    display_name: str,
    region: Region,
    department: Department | None,
    roles: list[str],
    password: str,
) -> StaffProfile:
    user = get_user_model()(username=username, first_name=display_name, is_staff=False)
    staff_password_validate(password, user=user, label="初始密码")
    user.set_password(password)
    user.save()
    profile = StaffProfile.objects.create(
        user=user,
        display_name=display_name,
        region=region,
        department=department,
        roles=roles,
        must_change_password=True,
    )
    audit_record(
        actor=by,
        action="identity.staff_create",
        target=AuditTarget.of(user, username),
        summary={"after": _snapshot(profile), "must_change_password": True},
    )
    return profile


def _password_message(error: ValidationError) -> str:
    """Django's message, except the length rule, whose plural form has no Chinese translation."""
    if error.code == "password_too_short":
        return f"密码太短，至少需要 {(error.params or {}).get('min_length', '')} 位"
    return " ".join(error.messages)


def staff_password_validate(password: str, *, user: Any, label: str) -> None:
    """Django's password validators (``AUTH_PASSWORD_VALIDATORS``), each failure as
    ``"<label>不符合要求：<rule>"`` in Chinese; raises ``ValidationError`` listing them all."""
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError([f"{label}不符合要求：{_password_message(e)}" for e in exc.error_list]) from exc


@transaction.atomic
def staff_account_deactivate(*, by: Any, user: Any, reason: str) -> StaffProfile:
    """Deactivate a staff account: it can no longer log in, and its open sessions stop working."""
    reason = staff_reason_clean(reason)
    profile = staff_account_lock(by=by, user_id=user.pk)
    if profile.user_id == by.pk:
        raise ValidationError("不能停用您自己的账号", code="own_account")
    if not profile.user.is_active:
        raise ValidationError("该账号已停用", code="already_inactive")
    profile.user.is_active = False
    profile.user.save(update_fields=["is_active"])
    audit_record(
        actor=by,
        action="identity.staff_deactivate",
        target=AuditTarget.of(profile.user, profile.user.get_username()),
        summary={"before": {"is_active": True}, "after": {"is_active": False}, **_snapshot(profile)},
        reason=reason,
    )
    return profile


@transaction.atomic
def staff_lockout_clear(*, by: Any, username: str, reason: str) -> int:
    """Delete the failed-login records of a staff account (django-axes) so it can log in again; the count."""
    reason = staff_reason_clean(reason)
    user = get_user_model().objects.filter(username=username).first()
    if user is None or not StaffProfile.objects.filter(user_id=user.pk).exists():
        raise StaffProfile.DoesNotExist(f"没有工作人员账号“{username}”")
    profile = staff_account_lock(by=by, user_id=user.pk)
    cleared = axes_reset(username=username)
    if not cleared:
        raise ValidationError("该账号没有登录失败记录，无需解除锁定", code="not_locked")
    audit_record(
        actor=by,
        action="identity.staff_lockout_clear",
        target=AuditTarget.of(profile.user, username),
        summary={"attempt_records_cleared": cleared},
        reason=reason,
    )
    return cleared


@transaction.atomic
def staff_account_reactivate(*, by: Any, user: Any, reason: str) -> StaffProfile:
    """Re-enable a deactivated staff account, so it can log in again.

    What a careful operator expects of "restore access", and no more:

    * the account's failed-login records (django-axes) are cleared — failures counted while it
      was disabled, or before, must not greet the returning staff member with a lockout;
    * the password is **not** replaced, but ``must_change_password`` is set: the old password
      lay dormant (possibly known to a predecessor or written down at handover), so the first
      login after reactivation — password, then the TOTP code as always — leads to the change
      page before anything else. An operator who suspects the old password is forgotten or
      compromised also uses ``staff_password_reset``;
    * the authenticator (TOTP device) stays bound: it belongs to the person's phone. If that is
      lost too, ``staff_totp_reset`` is a separate, separately audited decision;
    * roles, region and department are kept as they were; edit them separately if the person
      comes back to another post.

    Refuses accounts outside the operator's region subtree and accounts that are active.
    Audits before/after and the reason.
    """
    reason = staff_reason_clean(reason)
    profile = staff_account_lock(by=by, user_id=user.pk)
    account = profile.user
    if account.is_active:
        raise ValidationError("该账号已是启用状态", code="already_active")
    account.is_active = True
    account.save(update_fields=["is_active"])
    profile.must_change_password = True
    profile.save(update_fields=["must_change_password"])
    cleared = axes_reset(username=account.get_username())
    audit_record(
        actor=by,
        action="identity.staff_reactivate",
        target=AuditTarget.of(account, account.get_username()),
        summary={
            "before": {"is_active": False},
            "after": {"is_active": True, "must_change_password": True},
            "attempt_records_cleared": cleared,
            **_snapshot(profile),
        },
        reason=reason,
    )
    return profile
