"""Upstream identity providers (互认身份提供方): operators register them; verified identities map to accounts.

``upstream_provider_register`` stores a provider (its client secret sealed). ``upstream_identity_accept``
turns a *verified* upstream identity (see ``identity.upstream``) into a local account:

* the ID-number claim is validated (GB 11643) and looked up by its keyed hash;
* an existing person gets the upstream login bound (``Credential`` kind upstream, identifier
  "<issuer> <sub>") and their level raised to the mapped level — never lowered;
* a new person is created at the mapped level (name from the claim, no phone yet);
* an upstream account already bound to someone else is refused.

The mapped level is ``level_map[acr]`` or the provider's ``default_level``. Every write is audited.
It never opens the session: the view calls ``session_open(..., method="upstream")``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from govhall.core.audit import AuditTarget, audit_record
from govhall.core.personal_data import lookup_hash, seal

from ..idnumber import id_number_clean
from ..models import AuthMethod, Credential, CredentialKind, Person, UpstreamProvider, level_at_least
from .persons import NewPerson, person_create


@dataclass(frozen=True)
class UpstreamLogin:
    person: Person
    level: str  # the level this sign-in proved (the session's level); the account keeps the higher of both
    created: bool


def upstream_provider_register(
    *,
    slug: str,
    name: str,
    issuer: str,
    client_id: str,
    client_secret: str,
    scopes: str,
    id_number_claim: str,
    name_claim: str,
    level_map: dict[str, str],
    default_level: str,
    registered_by: Any,
) -> UpstreamProvider:
    if UpstreamProvider.objects.filter(slug=slug).exists():
        raise ValidationError(f"标识 {slug} 已被使用", code="slug_taken")
    if "openid" not in scopes.split():
        raise ValidationError("Scopes 须包含 openid", code="openid_required")
    with transaction.atomic():
        provider = UpstreamProvider.objects.create(
            slug=slug,
            name=name,
            issuer=issuer.rstrip("/"),
            client_id=client_id,
            client_secret_sealed=seal(client_secret, purpose="upstream_secret") if client_secret else "",
            scopes=scopes,
            id_number_claim=id_number_claim,
            name_claim=name_claim,
            level_map=level_map,
            default_level=default_level,
        )
        audit_record(
            actor=registered_by,
            action="sso.upstream_register",
            target=AuditTarget.of(provider, name),
            summary={
                "issuer": provider.issuer,
                "client_id": client_id,
                "level_map": level_map,
                "default_level": default_level,
            },
        )
    return provider


def upstream_level(provider: UpstreamProvider, claims: dict[str, Any]) -> str:
    return provider.level_map.get(str(claims.get("acr", "")), provider.default_level)


def upstream_identity_accept(
    *, provider: UpstreamProvider, issuer: str, subject: str, claims: dict[str, Any]
) -> UpstreamLogin:
    """The local person for a verified upstream identity, created or bound, at the mapped level."""
    try:
        number = id_number_clean(str(claims.get(provider.id_number_claim, "")))
    except ValidationError as exc:
        raise ValidationError(
            f"互认身份提供方返回的身份证号码无效：{exc.messages[0]}", code="id_number"
        ) from exc
    name = str(claims.get(provider.name_claim, "")).strip()[:50]
    level = upstream_level(provider, claims)
    identifier = f"{issuer} {subject}"[:200]
    with transaction.atomic():
        person = (
            Person.objects.select_for_update()
            .filter(id_number_hash=lookup_hash(number, purpose="id_number"))
            .first()
        )
        bound = Credential.objects.filter(kind=CredentialKind.UPSTREAM, identifier=identifier).first()
        if bound is not None and (person is None or bound.user_id != person.user_id):
            raise ValidationError("该互认账号已绑定其他本地账号，请联系客服", code="bound_elsewhere")
        created = person is None
        if person is None:
            if not name:
                raise ValidationError("互认身份提供方未提供姓名，无法建立账号", code="name_missing")
            person = person_create(
                fields=NewPerson(name=name, id_number=number, phone="", password=""),
                level=level,
                level_method=AuthMethod.UPSTREAM,
            )
        elif level_at_least(level, person.level) and level != person.level:
            before = person.level
            person.level, person.level_method, person.level_verified_at = (
                level,
                AuthMethod.UPSTREAM,
                timezone.now(),
            )
            person.save(update_fields=["level", "level_method", "level_verified_at"])
            audit_record(
                actor=person.user,
                action="identity.level_raise",
                target=AuditTarget.of(person, person.name),
                summary={
                    "before": before,
                    "after": level,
                    "method": AuthMethod.UPSTREAM,
                    "provider": provider.slug,
                },
            )
        if bound is None:
            Credential.objects.create(
                user=person.user,
                kind=CredentialKind.UPSTREAM,
                identifier=identifier,
                label=provider.name,
                last_used_at=timezone.now(),
            )
            audit_record(
                actor=person.user,
                action="identity.credential_bind",
                target=AuditTarget.of(person, person.name),
                summary={"kind": CredentialKind.UPSTREAM, "provider": provider.slug},
            )
        else:
            Credential.objects.filter(pk=bound.pk).update(last_used_at=timezone.now())
    return UpstreamLogin(person=person, level=level, created=created)
