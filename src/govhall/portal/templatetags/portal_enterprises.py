"""``{% account_enterprises user as ent %}`` — the my-account page's enterprise section data.

Lets ``portal/account/_enterprises.html`` stand alone inside the account page (owned by the
account views) without that view knowing about enterprises.
"""

from typing import Any

from django import template

from govhall.identity.selectors_enterprises import (
    enterprise_of_user,
    enterprises_for_person,
    mandate_status,
    mandates_granted_by_person,
    person_of_user,
)
from govhall.identity.session import ENTERPRISE_KEY, ENTERPRISE_LABEL_KEY

register = template.Library()


@register.simple_tag(takes_context=True)
def account_enterprises(context: Any, user: Any) -> dict[str, Any]:
    person = person_of_user(user)
    request = context.get("request")
    return {
        "person": person,
        "own_enterprise": enterprise_of_user(user) if person is None else None,
        "roles": enterprises_for_person(person) if person else [],
        "granted": [(m, mandate_status(m)) for m in mandates_granted_by_person(person)] if person else [],
        "acting_id": request.session.get(ENTERPRISE_KEY) if request is not None else None,
    }


@register.simple_tag(takes_context=True)
def acting_enterprise_code(context: Any) -> str:
    """The credit code of the enterprise this session acts for ("" when acting as oneself); no query."""
    request = context.get("request")
    if request is None or not getattr(request, "user", None) or not request.user.is_authenticated:
        return ""
    label = request.session.get(ENTERPRISE_LABEL_KEY, "")
    return label.partition(":")[2] if label.startswith("enterprise:") else ""
