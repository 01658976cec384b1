"""Enterprises (法人) and their agents (经办人): registration, mandates, acting for an enterprise.

Owns writes to ``Enterprise`` and ``AgentMandate``. Who may grant or revoke a mandate: the legal
representative, the enterprise's own certificate account, or a window clerk acting at the window
on the representative's written authorisation (``*_at_window``, which names the clerk in the
audit trail). Never reads catalog tables: item codes arrive already checked by the caller.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from govhall.core.audit import AuditTarget, audit_record
from govhall.core.personal_data import lookup_hash
from govhall.directory.services import credit_code_validate

from ..certificates import KIND_ENTERPRISE, VerifiedCertificate
from ..idnumber import id_number_clean
from ..models import AgentMandate, AssuranceLevel, AuthMethod, Enterprise, Person, level_at_least
from ..scope import staff_scope_require
from ..selectors_enterprises import mandates_for_agent, person_of_user, today
from ..session import ENTERPRISE_KEY, session_act_for
from .certificates import credential_certificate_attach, enterprise_user_ensure

MAX_MANDATE_DAYS = 5 * 366
ITEM_CODE = re.compile(r"^[0-9A-Za-z]{4,14}$")


@transaction.atomic
def enterprise_register(*, representative: Person, certificate: VerifiedCertificate) -> Enterprise:
    """Register the enterprise named in a verified enterprise certificate, represented by ``representative``."""
    if not level_at_least(representative.level, AssuranceLevel.L2):
        raise ValidationError(
            "法定代表人须先完成实名核验（二级及以上）才能注册法人账号", code="level_too_low"
        )
    if certificate.kind != KIND_ENTERPRISE:
        raise ValidationError(
            "请使用企业数字证书（证书主题含单位名称和统一社会信用代码）", code="certificate_kind"
        )
    code = credit_code_validate(certificate.serial)
    if Enterprise.objects.filter(credit_code=code).exists():
        raise ValidationError(
            f"统一社会信用代码 {code} 已注册，一个企业只能注册一个法人账号", code="duplicate"
        )
    try:
        with transaction.atomic():
            enterprise = Enterprise.objects.create(
                credit_code=code,
                name=certificate.name,
                representative=representative,
                level=AssuranceLevel.L3,
                level_method=AuthMethod.CERTIFICATE,
            )
    except IntegrityError as exc:
        raise ValidationError(f"统一社会信用代码 {code} 已注册", code="duplicate") from exc
    audit_record(
        actor=representative.user,
        action="identity.enterprise_register",
        target=AuditTarget.of(enterprise, enterprise.name),
        summary={
            "credit_code": code,
            "representative": representative.id_number_masked,
            "certificate": certificate.fingerprint,
        },
    )
    user = enterprise_user_ensure(enterprise, actor=representative.user)
    credential_certificate_attach(user=user, certificate=certificate)
    return enterprise


def _may_manage(enterprise: Enterprise, user: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.pk == enterprise.representative.user_id or (
        enterprise.user_id is not None and user.pk == enterprise.user_id
    )


def enterprise_manage_require(enterprise: Enterprise, user: Any) -> None:
    """Only the legal representative or the enterprise's own account manage its agents."""
    if not _may_manage(enterprise, user):
        raise PermissionDenied("只有法定代表人或企业证书账号可以管理经办人授权")


def _agent_find(agent_id_number: str, agent_name: str) -> Person:
    number = id_number_clean(agent_id_number)
    agent = Person.objects.filter(id_number_hash=lookup_hash(number, purpose="id_number")).first()
    if agent is None:
        raise ValidationError(
            "该身份证号码尚未在本平台注册，请经办人先注册个人账号", code="agent_unregistered"
        )
    if agent.name != (agent_name or "").strip():
        raise ValidationError("经办人姓名与身份证号码不一致，请核对", code="agent_name_mismatch")
    if not level_at_least(agent.level, AssuranceLevel.L2):
        raise ValidationError("经办人须先完成实名核验（二级及以上）", code="agent_level")
    return agent


def _scope_clean(all_items: bool, item_codes: list[str] | None) -> list[str]:
    if all_items:
        return []
    codes = sorted({(code or "").strip() for code in (item_codes or []) if (code or "").strip()})
    if not codes:
        raise ValidationError("请选择授权范围：全部事项，或至少一个事项", code="scope_empty")
    bad = [code for code in codes if not ITEM_CODE.match(code)]
    if bad:
        raise ValidationError(f"事项编码格式不正确：{'、'.join(bad)}", code="scope_code")
    return codes


def _period_clean(valid_from: date, valid_until: date) -> None:
    if valid_from is None or valid_until is None:
        raise ValidationError("请填写授权的生效日期和截止日期", code="period_missing")
    if valid_from < today():
        raise ValidationError("生效日期不能早于今天", code="period_backdated")
    if valid_until < valid_from:
        raise ValidationError("截止日期不能早于生效日期", code="period_order")
    if valid_until - valid_from > timedelta(days=MAX_MANDATE_DAYS):
        raise ValidationError("授权期限最长五年", code="period_too_long")


def _mandate_summary(mandate: AgentMandate) -> dict[str, Any]:
    return {
        "agent": mandate.agent.id_number_masked,
        "agent_name": mandate.agent.name,
        "all_items": mandate.all_items,
        "item_codes": mandate.item_codes,
        "valid_from": mandate.valid_from,
        "valid_until": mandate.valid_until,
    }


def _grant(
    *,
    enterprise: Enterprise,
    agent_id_number: str,
    agent_name: str,
    all_items: bool,
    item_codes: list[str] | None,
    valid_from: date,
    valid_until: date,
    granted_by: Any,
    reason: str,
) -> AgentMandate:
    agent = _agent_find(agent_id_number, agent_name)
    if agent.pk == enterprise.representative_id:
        raise ValidationError("法定代表人本人无需授权，可直接以企业身份办理", code="agent_is_representative")
    codes = _scope_clean(all_items, item_codes)
    _period_clean(valid_from, valid_until)
    now = timezone.now()
    replaced = (
        AgentMandate.objects.select_for_update()
        .filter(enterprise=enterprise, agent=agent, revoked_at__isnull=True)
        .first()
    )
    if replaced is not None:
        replaced.revoked_at = now
        replaced.revoked_by = granted_by
        replaced.revoke_reason = "续期：由新的授权替代"
        replaced.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        audit_record(
            actor=granted_by,
            action="identity.mandate_revoke",
            target=AuditTarget.of(replaced, f"{enterprise.name} · {agent.name}"),
            summary=_mandate_summary(replaced) | {"renewed": True},
            reason=replaced.revoke_reason,
        )
    try:
        with transaction.atomic():
            mandate = AgentMandate.objects.create(
                enterprise=enterprise,
                agent=agent,
                all_items=bool(all_items),
                item_codes=codes,
                valid_from=valid_from,
                valid_until=valid_until,
                granted_by=granted_by,
            )
    except IntegrityError as exc:  # a concurrent grant for the same agent
        raise ValidationError("该经办人的授权正在被他人修改，请刷新后重试", code="conflict") from exc
    audit_record(
        actor=granted_by,
        action="identity.mandate_grant",
        target=AuditTarget.of(mandate, f"{enterprise.name} · {agent.name}"),
        summary=_mandate_summary(mandate)
        | {"enterprise": enterprise.credit_code, "replaces": replaced.pk if replaced else None},
        reason=reason,
    )
    return mandate


@transaction.atomic
def agent_mandate_grant(
    *,
    enterprise: Enterprise,
    agent_id_number: str,
    agent_name: str,
    all_items: bool,
    item_codes: list[str] | None,
    valid_from: date,
    valid_until: date,
    granted_by: Any,
) -> AgentMandate:
    """Authorise a registered, verified person as agent; renewing revokes their live mandate first."""
    enterprise = Enterprise.objects.select_for_update().select_related("representative").get(pk=enterprise.pk)
    enterprise_manage_require(enterprise, granted_by)
    return _grant(
        enterprise=enterprise,
        agent_id_number=agent_id_number,
        agent_name=agent_name,
        all_items=all_items,
        item_codes=item_codes,
        valid_from=valid_from,
        valid_until=valid_until,
        granted_by=granted_by,
        reason="",
    )


@transaction.atomic
def agent_mandate_grant_at_window(
    *,
    clerk: Any,
    enterprise: Enterprise,
    agent_id_number: str,
    agent_name: str,
    all_items: bool,
    item_codes: list[str] | None,
    valid_from: date,
    valid_until: date,
    reason: str,
) -> AgentMandate:
    """A window clerk records a mandate on the representative's written authorisation (reason required)."""
    staff_scope_require(clerk, "window_clerk")
    reason = _reason_require(reason, "请填写窗口办理依据（如：法定代表人出具的授权委托书）")
    enterprise = Enterprise.objects.select_for_update().select_related("representative").get(pk=enterprise.pk)
    return _grant(
        enterprise=enterprise,
        agent_id_number=agent_id_number,
        agent_name=agent_name,
        all_items=all_items,
        item_codes=item_codes,
        valid_from=valid_from,
        valid_until=valid_until,
        granted_by=clerk,
        reason=reason,
    )


def _reason_require(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValidationError(message, code="reason_required")
    return reason[:300]


def _revoke(*, mandate: AgentMandate, by: Any, reason: str) -> AgentMandate:
    mandate = (
        AgentMandate.objects.select_for_update().select_related("agent", "enterprise").get(pk=mandate.pk)
    )
    if mandate.revoked_at is not None:
        raise ValidationError("该授权已撤销", code="already_revoked")
    mandate.revoked_at = timezone.now()
    mandate.revoked_by = by
    mandate.revoke_reason = reason
    mandate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit_record(
        actor=by,
        action="identity.mandate_revoke",
        target=AuditTarget.of(mandate, f"{mandate.enterprise.name} · {mandate.agent.name}"),
        summary=_mandate_summary(mandate) | {"enterprise": mandate.enterprise.credit_code},
        reason=reason,
    )
    return mandate


@transaction.atomic
def agent_mandate_revoke(*, mandate: AgentMandate, by: Any, reason: str) -> AgentMandate:
    """Revoke a mandate now (representative or enterprise account); ``reason`` is required and audited."""
    enterprise_manage_require(mandate.enterprise, by)
    return _revoke(mandate=mandate, by=by, reason=_reason_require(reason, "请填写撤销原因"))


@transaction.atomic
def agent_mandate_revoke_at_window(*, clerk: Any, mandate: AgentMandate, reason: str) -> AgentMandate:
    """A window clerk revokes a mandate on the representative's request; the audit names the clerk."""
    staff_scope_require(clerk, "window_clerk")
    return _revoke(mandate=mandate, by=clerk, reason=_reason_require(reason, "请填写撤销原因"))


def enterprise_act_for(request: HttpRequest, enterprise: Enterprise) -> AgentMandate | None:
    """Start acting for ``enterprise`` (representative, or agent with an active mandate); audited.

    From here on every audit entry of the session records ``on_behalf_of="enterprise:<code>"``
    next to the person who acts.
    """
    person = person_of_user(request.user)
    if person is None:
        raise PermissionDenied("请先以个人账号登录")
    mandate = None
    if enterprise.representative_id != person.pk:
        mandate = mandates_for_agent(person).filter(enterprise=enterprise).first()
        if mandate is None:
            raise PermissionDenied("您不是该企业的法定代表人，也没有有效的经办人授权")
    session_act_for(
        request,
        enterprise_id=enterprise.pk,
        mandate_id=mandate.pk if mandate else None,
        label=f"enterprise:{enterprise.credit_code}",
    )
    audit_record(
        actor=request.user,
        action="identity.act_for",
        target=AuditTarget.of(enterprise, enterprise.name),
        summary={
            "role": "agent" if mandate else "representative",
            "mandate": mandate.pk if mandate else None,
        },
    )
    return mandate


def enterprise_act_stop(request: HttpRequest) -> None:
    """Stop acting for an enterprise; later entries record the person alone."""
    enterprise_id = request.session.get(ENTERPRISE_KEY)
    session_act_for(request, enterprise_id=None, mandate_id=None, label="")
    if enterprise_id is not None and request.user.is_authenticated:
        audit_record(
            actor=request.user,
            action="identity.act_for_stop",
            target=AuditTarget(type="identity.enterprise", id=str(enterprise_id)),
        )
