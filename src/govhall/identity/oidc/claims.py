"""What a department system learns about the signed-in user: the claims of ID tokens and userinfo.

One function, ``claims_for``, builds every claim from the user, the granted scopes, the client and
the ``AuthorizationContext`` recorded at sign-in. The rules, in one place:

* ``sub`` is opaque and stable per user: an HMAC of the user id (``core.personal_data.lookup_hash``),
  never the database id, the username or an ID number.
* ``profile``: ``name``, ``id_number_masked``, ``acr`` (the session's level L1–L3 at sign-in),
  ``amr`` ([login method]).
* ``phone``: ``phone_number_masked`` only — never the number itself.
* ``id_number``: the full number only when the scope was granted **and** the client's
  ``ClientPolicy.may_read_id_number`` is still true; each release is audited through
  ``person_id_number_release``.
* ``enterprise``: the enterprise the user acted for at sign-in (credit code, name, role
  representative/agent, the mandate's scope and validity), dropped once the mandate is revoked
  or expired.
* Staff accounts (no ``Person``) get ``sub``, ``acr`` and ``amr`` only — no citizen claims.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from govhall.core.personal_data import lookup_hash

from ..models import AgentMandate, AuthorizationContext, ClientPolicy, Enterprise, Person
from ..services.reveal import person_id_number_release

ID_NUMBER_SCOPE = "id_number"
ACR_VALUES = ["L1", "L2", "L3"]
CLAIMS_SUPPORTED = [
    "sub",
    "name",
    "acr",
    "amr",
    "id_number_masked",
    "phone_number_masked",
    "id_number",
    "enterprise",
]


def subject_for(user: Any) -> str:
    """The opaque, stable ``sub`` of ``user`` (keyed hash of the user id; same for every client)."""
    return lookup_hash(f"user:{user.pk}", purpose="oidc_subject")[:40]


def token_checksum(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def client_may_read_id_number(application: Any) -> bool:
    return ClientPolicy.objects.filter(application=application, may_read_id_number=True).exists()


def client_disabled(application: Any) -> bool:
    return ClientPolicy.objects.filter(application=application, disabled_at__isnull=False).exists()


def scopes_permitted(scopes: Iterable[str], application: Any) -> list[str]:
    """``scopes`` without ``id_number`` unless the client holds that permission (dropped silently)."""
    scopes = list(scopes)
    if ID_NUMBER_SCOPE in scopes and not client_may_read_id_number(application):
        return [scope for scope in scopes if scope != ID_NUMBER_SCOPE]
    return scopes


def _person_of(user: Any) -> Person | None:
    try:
        return Person.objects.get(user=user)
    except Person.DoesNotExist:
        return None


def _enterprise_claim(context: AuthorizationContext, person: Person) -> dict[str, Any] | None:
    enterprise: Enterprise | None = context.enterprise
    if enterprise is None:
        return None
    today = timezone.localdate()
    if enterprise.representative_id == person.pk:
        return {
            "credit_code": enterprise.credit_code,
            "name": enterprise.name,
            "role": "representative",
        }
    mandate: AgentMandate | None = context.mandate
    if (
        mandate is None
        or mandate.enterprise_id != enterprise.pk
        or mandate.agent_id != person.pk
        or mandate.revoked_at is not None
        or not (mandate.valid_from <= today <= mandate.valid_until)
    ):
        return None
    return {
        "credit_code": enterprise.credit_code,
        "name": enterprise.name,
        "role": "agent",
        "mandate": {
            "all_items": mandate.all_items,
            "item_codes": [] if mandate.all_items else list(mandate.item_codes),
            "valid_from": mandate.valid_from.isoformat(),
            "valid_until": mandate.valid_until.isoformat(),
        },
    }


def claims_for(
    *, user: Any, scopes: Iterable[str], application: Any, context: AuthorizationContext | None, purpose: str
) -> dict[str, Any]:
    """Every claim ``application`` may receive about ``user`` for ``scopes``; ``purpose`` names the release."""
    scopes = set(scopes)
    claims: dict[str, Any] = {"sub": subject_for(user)}
    if context is not None:
        if context.level:
            claims["acr"] = context.level
        if context.method:
            claims["amr"] = [context.method]
    person = _person_of(user)
    if person is None:  # staff and other non-citizen accounts: identity only
        return claims
    if "profile" in scopes:
        claims["name"] = person.name
        claims["id_number_masked"] = person.id_number_masked
    if "phone" in scopes and person.phone_masked:
        claims["phone_number_masked"] = person.phone_masked
    if ID_NUMBER_SCOPE in scopes and client_may_read_id_number(application):
        claims["id_number"] = person_id_number_release(
            person=person, recipient=f"oidc:{application.client_id}", reason=purpose
        )
    if "enterprise" in scopes and context is not None:
        enterprise = _enterprise_claim(context, person)
        if enterprise is not None:
            claims["enterprise"] = enterprise
    return claims
