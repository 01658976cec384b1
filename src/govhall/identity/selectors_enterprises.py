"""Reads about enterprises (法人), their representatives and agents (经办人).

"Active" always means: not revoked, and ``valid_from <= on <= valid_until`` for the given day
(today in Asia/Shanghai by default). Pages, the OIDC claims and — later — case applications
all ask these functions, so the rule lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AgentMandate, Credential, CredentialKind, Enterprise, Person


def today() -> date:
    return timezone.localdate()


def _active(on: date) -> Q:
    return Q(revoked_at__isnull=True, valid_from__lte=on, valid_until__gte=on)


def mandate_is_active(mandate: AgentMandate, on: date | None = None) -> bool:
    on = on or today()
    return mandate.revoked_at is None and mandate.valid_from <= on <= mandate.valid_until


def mandate_status(mandate: AgentMandate, on: date | None = None) -> str:
    """A short Chinese status for pages: 有效 / 已撤销 / 已过期 / 未生效."""
    on = on or today()
    if mandate.revoked_at is not None:
        return "已撤销"
    if mandate.valid_until < on:
        return "已过期"
    if mandate.valid_from > on:
        return "未生效"
    return "有效"


def mandates_for_agent(person: Person, on: date | None = None) -> QuerySet[AgentMandate]:
    """The agent's mandates active on ``on`` (today by default)."""
    return (
        AgentMandate.objects.filter(_active(on or today()), agent=person)
        .select_related("enterprise")
        .order_by("enterprise__name")
    )


def mandates_of_enterprise(enterprise: Enterprise) -> QuerySet[AgentMandate]:
    """Every mandate of ``enterprise``, live ones first, newest first."""
    return (
        AgentMandate.objects.filter(enterprise=enterprise)
        .select_related("agent")
        .order_by("revoked_at", "-granted_at", "-pk")
    )


def mandates_granted_by_person(person: Person) -> QuerySet[AgentMandate]:
    """Mandates of the enterprises ``person`` represents (the "agents I authorised" list)."""
    return (
        AgentMandate.objects.filter(enterprise__representative=person)
        .select_related("agent", "enterprise")
        .order_by("enterprise__name", "revoked_at", "-granted_at")
    )


def mandate_covers(mandate: AgentMandate, basic_code: str, on: date | None = None) -> bool:
    """Whether ``mandate`` lets its agent act on the basic catalog item ``basic_code`` on ``on``."""
    if not mandate_is_active(mandate, on):
        return False
    return mandate.all_items or basic_code in (mandate.item_codes or [])


@dataclass(frozen=True)
class EnterpriseRole:
    """An enterprise a person may act for, and why."""

    enterprise: Enterprise
    role: str  # "representative" | "agent"
    mandate: AgentMandate | None

    @property
    def role_label(self) -> str:
        return "法定代表人" if self.role == "representative" else "经办人"


def enterprises_for_person(person: Person, on: date | None = None) -> list[EnterpriseRole]:
    """Enterprises ``person`` represents, then those they hold an active mandate for."""
    roles = [
        EnterpriseRole(enterprise, "representative", None)
        for enterprise in Enterprise.objects.filter(representative=person).order_by("name")
    ]
    seen = {role.enterprise.pk for role in roles}
    for mandate in mandates_for_agent(person, on):
        if mandate.enterprise_id not in seen:
            roles.append(EnterpriseRole(mandate.enterprise, "agent", mandate))
    return roles


def enterprise_get(*, credit_code: str) -> Enterprise:
    """The enterprise with ``credit_code``; ``Enterprise.DoesNotExist`` otherwise."""
    return Enterprise.objects.select_related("representative", "user").get(
        credit_code=(credit_code or "").strip().upper()
    )


def enterprise_of_user(user: Any) -> Enterprise | None:
    """The enterprise whose own account ``user`` is (enterprise-certificate login), if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Enterprise.objects.select_related("representative").filter(user_id=user.pk).first()


def person_of_user(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user_id=user.pk).first()


def certificate_credentials_of(user: Any) -> list[Credential]:
    """The certificates bound to ``user`` (for the my-account page)."""
    return list(
        Credential.objects.filter(user_id=user.pk, kind=CredentialKind.CERTIFICATE).order_by("-created_at")
    )
