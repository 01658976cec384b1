"""Cross-certification (互认): signing in through an upstream OpenID Connect provider with Authlib.

``upstream_start`` builds the authorization request — code flow with PKCE (S256), a fresh
``state`` and ``nonce`` kept in the session — and ``upstream_finish`` redeems the code, verifies
the ID token with joserfc (signature against the provider's JWKS, issuer, audience, expiry, nonce) and returns
the verified claims, completed from userinfo when the ID token lacks the ID number or name (the
userinfo ``sub`` must be the ID token's). Mapping the identity to a local account is the service
``services.upstream.upstream_identity_accept``. Network errors and bad answers become
``UpstreamError`` with a Chinese message; nothing is written before the identity is verified.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from django.http import HttpRequest
from django.urls import reverse
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from govhall.core.personal_data import unseal

from .models import UpstreamProvider

SESSION_KEY = "govhall.upstream"
TIMEOUT = 10


class UpstreamError(Exception):
    """The upstream sign-in failed; the message is for the user (Chinese)."""


@dataclass(frozen=True)
class UpstreamIdentity:
    issuer: str
    subject: str
    claims: dict[str, Any]


def _get_json(url: str, **kwargs: Any) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=TIMEOUT, **kwargs)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as exc:
        raise UpstreamError("暂时无法连接互认身份提供方，请稍后再试") from exc


def provider_metadata(provider: UpstreamProvider) -> dict[str, Any]:
    metadata = _get_json(provider.issuer.rstrip("/") + "/.well-known/openid-configuration")
    if metadata.get("issuer", "").rstrip("/") != provider.issuer.rstrip("/"):
        raise UpstreamError("互认身份提供方的配置与登记的 Issuer 不一致，请联系运维人员")
    return metadata


def _session(provider: UpstreamProvider, redirect_uri: str) -> OAuth2Session:
    secret = (
        unseal(provider.client_secret_sealed, purpose="upstream_secret")
        if provider.client_secret_sealed
        else None
    )
    return OAuth2Session(
        provider.client_id,
        secret,
        scope=provider.scopes,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic" if secret else "none",
    )


def callback_uri(request: HttpRequest, provider: UpstreamProvider) -> str:
    return request.build_absolute_uri(reverse("portal:upstream_callback", args=[provider.slug]))


def upstream_start(request: HttpRequest, provider: UpstreamProvider, *, next_url: str) -> str:
    """The provider's authorization URL; state, nonce and the PKCE verifier wait in the session."""
    metadata = provider_metadata(provider)
    verifier, nonce = generate_token(48), generate_token(24)
    url, state = _session(provider, callback_uri(request, provider)).create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce
    )
    request.session[SESSION_KEY] = {
        "slug": provider.slug,
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
        "next": next_url,
    }
    return url


def upstream_pending(request: HttpRequest) -> dict[str, Any]:
    return request.session.get(SESSION_KEY) or {}


def upstream_finish(request: HttpRequest, provider: UpstreamProvider) -> UpstreamIdentity:
    """Redeem the code of this callback and return the verified identity (``UpstreamError`` otherwise)."""
    pending = request.session.pop(SESSION_KEY, None) or {}
    if pending.get("slug") != provider.slug or not pending.get("state"):
        raise UpstreamError("登录请求已失效，请重新发起登录")
    if request.GET.get("error"):
        raise UpstreamError("您在互认身份提供方取消了登录，或对方拒绝了请求")
    if request.GET.get("state") != pending["state"]:
        raise UpstreamError("登录请求校验失败（state 不一致），请重新发起登录")
    metadata = provider_metadata(provider)
    oauth = _session(provider, callback_uri(request, provider))
    try:
        token = oauth.fetch_token(
            metadata["token_endpoint"],
            authorization_response=request.build_absolute_uri(),
            state=pending["state"],
            code_verifier=pending["verifier"],
            timeout=TIMEOUT,
        )
    except (OAuthError, requests.RequestException, ValueError) as exc:
        raise UpstreamError("互认身份提供方未能完成登录，请重新发起登录") from exc
    claims = _verified_id_token(provider, metadata, token.get("id_token", ""), pending["nonce"])
    if provider.id_number_claim not in claims or provider.name_claim not in claims:
        userinfo = _userinfo(oauth, metadata)
        if userinfo.get("sub") != claims["sub"]:
            raise UpstreamError("互认身份提供方返回的用户信息与身份令牌不一致")
        claims = {**userinfo, **claims}
    return UpstreamIdentity(issuer=provider.issuer.rstrip("/"), subject=str(claims["sub"]), claims=claims)


def _verified_id_token(
    provider: UpstreamProvider, metadata: dict[str, Any], id_token: str, nonce: str
) -> dict[str, Any]:
    if not id_token:
        raise UpstreamError("互认身份提供方未返回身份令牌")
    jwks = _get_json(metadata["jwks_uri"])
    registry = jwt.JWTClaimsRegistry(
        leeway=60,
        iss={"essential": True, "value": metadata["issuer"]},
        aud={"essential": True, "value": provider.client_id},
        sub={"essential": True},
        exp={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    try:
        token = jwt.decode(id_token, KeySet.import_key_set(jwks))
        registry.validate(token.claims)
    except (JoseError, ValueError, TypeError, KeyError) as exc:
        raise UpstreamError("互认身份提供方的身份令牌校验失败") from exc
    return dict(token.claims)


def _userinfo(oauth: OAuth2Session, metadata: dict[str, Any]) -> dict[str, Any]:
    try:
        response = oauth.get(metadata["userinfo_endpoint"], timeout=TIMEOUT)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as exc:
        raise UpstreamError("暂时无法从互认身份提供方读取用户信息，请稍后再试") from exc
