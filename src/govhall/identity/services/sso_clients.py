"""Registration of department systems as OIDC clients (单点登录接入系统) by operators.

Owns the django-oauth-toolkit ``Application`` rows and their ``ClientPolicy``: registering a
client (every redirect URI checked: absolute, https — or http on localhost/127.0.0.1 for
development — no fragment, no wildcard, no credentials), rotating its secret and disabling it.
The secret is returned once, to be shown once; only its hash is stored. Every change is audited
and never writes the secret into the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, Application, RefreshToken

from govhall.core.audit import AuditTarget, audit_record

from ..models import ClientPolicy

LOCAL_HOSTS = {"localhost", "127.0.0.1"}


@dataclass(frozen=True)
class RegisteredClient:
    application: Application
    client_secret: str  # plain text, shown once; empty for public clients


def redirect_uri_check(uri: str) -> str:
    """``uri`` stripped, or ``ValidationError`` (Chinese) if it cannot be a registered redirect URI."""
    uri = uri.strip()
    if not uri:
        raise ValidationError("回调地址不能为空", code="redirect_uri_empty")
    if any(ch.isspace() for ch in uri):
        raise ValidationError(f"回调地址不能包含空白字符：{uri}", code="redirect_uri_space")
    if "*" in uri:
        raise ValidationError(f"回调地址不允许使用通配符：{uri}", code="redirect_uri_wildcard")
    if "#" in uri:
        raise ValidationError(f"回调地址不能包含片段（#）：{uri}", code="redirect_uri_fragment")
    parts = urlsplit(uri)
    if not parts.scheme or not parts.hostname:
        raise ValidationError(f"回调地址必须是完整的绝对地址：{uri}", code="redirect_uri_relative")
    if "@" in parts.netloc:
        raise ValidationError(f"回调地址不能包含用户名或密码：{uri}", code="redirect_uri_userinfo")
    if parts.scheme == "https":
        return uri
    if parts.scheme == "http" and parts.hostname in LOCAL_HOSTS:
        return uri
    raise ValidationError(
        f"回调地址必须使用 https（仅本机调试可用 http://localhost 或 http://127.0.0.1）：{uri}",
        code="redirect_uri_scheme",
    )


def _uris(values: Iterable[str], *, required: bool, label: str) -> list[str]:
    uris: list[str] = []
    for value in values:
        if value.strip():
            uri = redirect_uri_check(value)
            if uri not in uris:
                uris.append(uri)
    if required and not uris:
        raise ValidationError(f"请至少填写一个{label}", code="redirect_uri_missing")
    return uris


def sso_client_register(
    *,
    name: str,
    redirect_uris: Iterable[str],
    post_logout_redirect_uris: Iterable[str] = (),
    confidential: bool = True,
    may_read_id_number: bool = False,
    department: Any = None,
    skip_consent: bool = False,
    registered_by: Any,
    purpose: str = "",
) -> RegisteredClient:
    """Register a department system; returns the application and its secret (shown once)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("请填写接入系统名称", code="name_required")
    uris = _uris(redirect_uris, required=True, label="回调地址")
    logout_uris = _uris(post_logout_redirect_uris, required=False, label="退出后回调地址")
    secret = generate_client_secret() if confidential else ""
    with transaction.atomic():
        application = Application(
            name=name[:255],
            redirect_uris=" ".join(uris),
            post_logout_redirect_uris=" ".join(logout_uris),
            client_type=Application.CLIENT_CONFIDENTIAL if confidential else Application.CLIENT_PUBLIC,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=skip_consent,
            client_secret=secret,
        )
        application.save()
        ClientPolicy.objects.create(
            application=application,
            department=department,
            may_read_id_number=may_read_id_number,
            purpose=purpose.strip()[:300],
            registered_by=registered_by,
        )
        audit_record(
            actor=registered_by,
            action="sso.client_register",
            target=AuditTarget.of(application, name),
            summary={
                "client_id": application.client_id,
                "redirect_uris": uris,
                "post_logout_redirect_uris": logout_uris,
                "confidential": confidential,
                "may_read_id_number": may_read_id_number,
                "skip_consent": skip_consent,
                "department": getattr(department, "name", ""),
            },
        )
    return RegisteredClient(application=application, client_secret=secret)


def sso_client_secret_rotate(*, application: Application, rotated_by: Any, reason: str) -> str:
    """A new secret for a confidential client (the old one stops working at once); returned once."""
    if application.client_type != Application.CLIENT_CONFIDENTIAL:
        raise ValidationError("公开客户端没有密钥，无需轮换", code="public_client")
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValidationError("请填写轮换密钥的原因", code="reason_required")
    secret = generate_client_secret()
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        application.client_secret = secret
        application.save(update_fields=["client_secret", "updated"])
        audit_record(
            actor=rotated_by,
            action="sso.client_secret_rotate",
            target=AuditTarget.of(application, application.name),
            summary={"client_id": application.client_id},
            reason=reason,
        )
    return secret


def sso_client_disable(*, application: Application, disabled_by: Any, reason: str) -> ClientPolicy:
    """Stop a client: it can no longer start a sign-in or redeem a code, and every token it holds is revoked."""
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValidationError("请填写停用原因", code="reason_required")
    with transaction.atomic():
        policy, _ = ClientPolicy.objects.select_for_update().get_or_create(application=application)
        if policy.disabled_at is not None:
            raise ValidationError("该接入系统已停用", code="already_disabled")
        policy.disabled_at = timezone.now()
        policy.disable_reason = reason[:300]
        policy.save(update_fields=["disabled_at", "disable_reason"])
        RefreshToken.objects.filter(application=application).delete()
        AccessToken.objects.filter(application=application).delete()
        audit_record(
            actor=disabled_by,
            action="sso.client_disable",
            target=AuditTarget.of(application, application.name),
            summary={"client_id": application.client_id},
            reason=reason,
        )
    return policy
