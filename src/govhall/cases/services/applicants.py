"""Who an application is made by and for — resolved once from the session, checked before any write."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from govhall.identity.models import AgentMandate, AssuranceLevel, Enterprise, Person, level_at_least
from govhall.identity.selectors_enterprises import enterprise_of_user, mandate_covers, person_of_user


@dataclass(frozen=True)
class Applicant:
    """The person who acts (``user``/``person``), the enterprise they act for (if any), at ``level``."""

    user: Any
    person: Person
    level: str
    enterprise: Enterprise | None = None
    mandate: AgentMandate | None = None

    @property
    def name(self) -> str:
        return self.enterprise.name if self.enterprise else self.person.name

    @property
    def number_masked(self) -> str:
        return self.enterprise.credit_code if self.enterprise else self.person.id_number_masked


def applicant_from_session(
    user: Any, *, level: str, enterprise_id: int | None, mandate_id: int | None
) -> Applicant:
    """The applicant a portal/API session speaks for. Raises ``PermissionDenied`` without a person."""
    enterprise = None
    mandate = None
    person = person_of_user(user)
    own = enterprise_of_user(user)  # an enterprise-certificate login: the representative acts
    if own is not None:
        enterprise, person = own, own.representative
    elif enterprise_id is not None:
        enterprise = Enterprise.objects.select_related("representative").get(pk=enterprise_id)
        if mandate_id is not None:
            mandate = AgentMandate.objects.get(pk=mandate_id)
    if person is None:
        raise PermissionDenied("该账号没有关联的自然人，不能申报")
    return Applicant(user=user, person=person, level=level or "", enterprise=enterprise, mandate=mandate)


def applicant_check(applicant: Applicant, *, required_level: str, item_code: str) -> None:
    """The session's level meets the item's 认证等级需求, and an agent's mandate covers the item."""
    if not level_at_least(applicant.level, required_level):
        label = (
            AssuranceLevel(required_level).label
            if required_level in AssuranceLevel.values
            else required_level
        )
        raise ValidationError(f"办理该事项需要{label}，当前登录的认证等级不足", code="level")
    if applicant.mandate is not None and not mandate_covers(applicant.mandate, item_code):
        raise ValidationError("您的经办人授权不包含该事项，请联系企业法定代表人授权", code="mandate")


def applicant_profile(applicant: Applicant) -> dict[str, str]:
    """Profile values for ``x-profile`` form fields — from the verified account, shown read-only.

    Numbers appear masked: the full ID number stays sealed; staff who need it reveal it (audited).
    """
    profile = {
        "name": applicant.person.name,
        "id_number": applicant.person.id_number_masked,
        "phone": applicant.person.phone_masked,
    }
    if applicant.enterprise is not None:
        profile |= {
            "enterprise_name": applicant.enterprise.name,
            "credit_code": applicant.enterprise.credit_code,
            "legal_representative": applicant.enterprise.representative.name,
        }
    return {key: value for key, value in profile.items() if value}
