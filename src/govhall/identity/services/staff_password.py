"""Staff passwords (工作人员密码): the staff member's own change, and an operator's reset.

A password an operator typed — a new account's initial password, a reset, or the old password of
a reactivated account — is known to someone other than its owner, so ``StaffProfile
.must_change_password`` is set and the workbench lets the staff member in (after the password
*and* the TOTP step) only as far as the change page (``workbench.views.base``).

``staff_password_change`` is the staff member's own act (forced or voluntary): it checks the
current password, applies Django's validators plus ``CharacterClassValidator`` with Chinese
messages, refuses the same password, and clears the flag. Changing a password changes the
session auth hash, so every *other* session of the user ends; the caller keeps its own with
``django.contrib.auth.update_session_auth_hash`` (the view does that).

``staff_password_reset`` is an operator's act with a reason, scope-checked like every directory
service: the new password forces a change at the next login, and the staff member's open
sessions end for the same reason as above.

Never audits, logs or returns a password; audits who changed or reset whose password, and why.
"""

from __future__ import annotations

from typing import Any

from axes.utils import reset as axes_reset
from django.core.exceptions import ValidationError
from django.db import transaction

from govhall.core.audit import AuditTarget, audit_record

from ..models import StaffProfile
from .staff import staff_account_lock, staff_password_validate, staff_reason_clean


@transaction.atomic
def staff_password_change(*, user: Any, current: str, new: str) -> StaffProfile:
    """The staff member changes their own password; clears ``must_change_password``.

    Raises ``ValidationError`` (Chinese) for a wrong current password, a new password equal to
    it, or one the validators refuse — and writes nothing then. The caller must call
    ``update_session_auth_hash(request, user)`` to stay logged in.
    """
    profile = StaffProfile.objects.select_for_update(of=("self",)).select_related("user").get(user_id=user.pk)
    account = profile.user
    if not current or not account.check_password(current):
        raise ValidationError("当前密码不正确", code="wrong_current_password")
    if new == current:
        raise ValidationError("新密码不能与当前密码相同", code="same_password")
    staff_password_validate(new, user=account, label="新密码")
    forced = profile.must_change_password
    account.set_password(new)
    account.save(update_fields=["password"])
    if forced:
        profile.must_change_password = False
        profile.save(update_fields=["must_change_password"])
    audit_record(
        actor=account,
        action="identity.staff_password_change",
        target=AuditTarget.of(account, account.get_username()),
        summary={"forced": forced, "after": {"must_change_password": False}},
    )
    # The object the caller holds must carry the new hash for update_session_auth_hash.
    user.password = account.password
    return profile


@transaction.atomic
def staff_password_reset(*, by: Any, user: Any, new_password: str, reason: str) -> StaffProfile:
    """An operator sets a new password for a staff member (forgotten password), with a reason.

    The staff member must change it at the next login; their open sessions end (the password
    hash changes) and their failed-login records are cleared so the new password can be used.
    The authenticator stays bound. Refuses the operator's own account (use the change page),
    deactivated accounts (reactivate first) and accounts outside the operator's region subtree.
    """
    reason = staff_reason_clean(reason)
    profile = staff_account_lock(by=by, user_id=user.pk)
    account = profile.user
    if account.pk == by.pk:
        raise ValidationError("不能重置您自己的密码，请使用“修改密码”", code="own_account")
    if not account.is_active:
        raise ValidationError("该账号已停用，请先重新启用", code="inactive")
    staff_password_validate(new_password or "", user=account, label="新密码")
    account.set_password(new_password)
    account.save(update_fields=["password"])
    was_forced = profile.must_change_password
    profile.must_change_password = True
    profile.save(update_fields=["must_change_password"])
    cleared = axes_reset(username=account.get_username())
    audit_record(
        actor=by,
        action="identity.staff_password_reset",
        target=AuditTarget.of(account, account.get_username()),
        summary={
            "before": {"must_change_password": was_forced},
            "after": {"must_change_password": True},
            "attempt_records_cleared": cleared,
        },
        reason=reason,
    )
    return profile
