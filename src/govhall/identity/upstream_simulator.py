"""A local stand-in for an upstream identity provider (the "national platform"), for the demo and tests.

It speaks real OpenID Connect — discovery, authorization code with PKCE (S256 required), token,
JWKS and userinfo, ID tokens signed RS256 with joserfc under its own key
(``VAR_DIR/upstream_simulator_rsa.pem``) — so ``identity.upstream`` is exercised exactly as it would
be against the real platform. The authorize page lets the tester pick one of a few fixed test
identities. Codes and access tokens are signed, short-lived values (no server state); it accepts
one client, ``SIMULATOR_CLIENT_ID`` / ``SIMULATOR_CLIENT_SECRET``. Never a production component.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from joserfc import jwt
from joserfc.jwk import RSAKey

from govhall.core.keyfiles import file_once

from .idnumber import id_number_with_check

SIMULATOR_CLIENT_ID = "govhall-demo"
SIMULATOR_CLIENT_SECRET = "simulator-secret-not-for-production"  # noqa: S105 - a simulator's published test secret
CODE_SALT = "govhall.upstream_simulator.code"
TOKEN_SALT = "govhall.upstream_simulator.token"  # noqa: S105 - a signing salt, not a secret
CODE_SECONDS = 120
TOKEN_SECONDS = 600

# Test identities of the simulated national platform: (sub, name, ID number, acr).
IDENTITIES = [
    {
        "sub": "nat-0001",
        "name": "郑海峰",
        "id_number": id_number_with_check("35010219850615001"),
        "acr": "loa3",
    },
    {
        "sub": "nat-0002",
        "name": "吴丽华",
        "id_number": id_number_with_check("35080219921120004"),
        "acr": "loa2",
    },
    {
        "sub": "nat-0003",
        "name": "黄志明",
        "id_number": id_number_with_check("11010119700101003"),
        "acr": "loa1",
    },
]


@cache
def _private_key() -> RSAKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    def make() -> bytes:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    pem = file_once(settings.VAR_DIR / "upstream_simulator_rsa.pem", make)
    kid = RSAKey.import_key(pem).thumbprint()
    return RSAKey.import_key(pem, parameters={"use": "sig", "alg": "RS256", "kid": kid})


def issuer(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("upstream_simulator:discovery")).removesuffix(
        "/.well-known/openid-configuration"
    )


def _identity(sub: str) -> dict[str, str] | None:
    return next((identity for identity in IDENTITIES if identity["sub"] == sub), None)


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": "invalid_request", "error_description": message}, status=status)


@require_GET
def discovery(request: HttpRequest) -> JsonResponse:
    def url(name: str) -> str:
        return request.build_absolute_uri(reverse(f"upstream_simulator:{name}"))

    return JsonResponse(
        {
            "issuer": issuer(request),
            "authorization_endpoint": url("authorize"),
            "token_endpoint": url("token"),
            "userinfo_endpoint": url("userinfo"),
            "jwks_uri": url("jwks"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "profile", "id_number"],
            "acr_values_supported": ["loa1", "loa2", "loa3"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        }
    )


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    public = _private_key().as_dict(private=False)
    public.update({"use": "sig", "alg": "RS256", "kid": _private_key().kid})
    return JsonResponse({"keys": [public]})


AUTHORIZE_PARAMS = (
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
)


@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    params = {name: source.get(name, "") for name in AUTHORIZE_PARAMS}
    if params["client_id"] != SIMULATOR_CLIENT_ID:
        return HttpResponseBadRequest("未登记的 client_id")
    if params["response_type"] != "code" or not params["redirect_uri"].startswith(("http://", "https://")):
        return HttpResponseBadRequest("仅支持授权码模式，且须提供回调地址")
    if params["code_challenge_method"] != "S256" or not params["code_challenge"]:
        return HttpResponseBadRequest("须使用 PKCE（S256）")
    if request.method == "GET":
        return render(
            request,
            "identity/upstream_simulator/authorize.html",
            {"params": params, "identities": IDENTITIES},
        )
    identity = _identity(request.POST.get("sub", ""))
    if identity is None:
        return HttpResponseBadRequest("请选择一个测试身份")
    code = signing.dumps({**params, "sub": identity["sub"], "iat": int(time.time())}, salt=CODE_SALT)
    query = urlencode({"code": code, "state": params["state"]})
    separator = "&" if "?" in params["redirect_uri"] else "?"
    return redirect(f"{params['redirect_uri']}{separator}{query}")


def _client_authenticated(request: HttpRequest) -> bool:
    client_id, secret = request.POST.get("client_id", ""), request.POST.get("client_secret", "")
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        try:
            client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return False
    return client_id == SIMULATOR_CLIENT_ID and hmac.compare_digest(secret, SIMULATOR_CLIENT_SECRET)


@csrf_exempt
@require_POST
def token(request: HttpRequest) -> JsonResponse:
    if not _client_authenticated(request):
        return JsonResponse({"error": "invalid_client"}, status=401)
    if request.POST.get("grant_type") != "authorization_code":
        return JsonResponse({"error": "unsupported_grant_type"}, status=400)
    try:
        grant = signing.loads(request.POST.get("code", ""), salt=CODE_SALT, max_age=CODE_SECONDS)
    except signing.BadSignature:
        return JsonResponse({"error": "invalid_grant"}, status=400)
    if grant["redirect_uri"] != request.POST.get("redirect_uri"):
        return JsonResponse(
            {"error": "invalid_grant", "error_description": "redirect_uri 不一致"}, status=400
        )
    verifier = request.POST.get("code_verifier", "")
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    if not verifier or not hmac.compare_digest(challenge, grant["code_challenge"]):
        return JsonResponse({"error": "invalid_grant", "error_description": "PKCE 校验失败"}, status=400)
    identity = _identity(grant["sub"])
    assert identity is not None
    scopes = grant["scope"].split()
    now = int(time.time())
    claims = {
        "iss": issuer(request),
        "sub": identity["sub"],
        "aud": SIMULATOR_CLIENT_ID,
        "iat": now,
        "exp": now + TOKEN_SECONDS,
        "auth_time": grant["iat"],
        "acr": identity["acr"],
        **({"nonce": grant["nonce"]} if grant["nonce"] else {}),
        **({"name": identity["name"]} if "profile" in scopes else {}),
        **({"id_number": identity["id_number"]} if "id_number" in scopes else {}),
    }
    header = {"alg": "RS256", "kid": _private_key().kid}
    id_token = jwt.encode(header, claims, _private_key())
    access_token = signing.dumps({"sub": identity["sub"], "scope": grant["scope"]}, salt=TOKEN_SALT)
    return JsonResponse(
        {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": TOKEN_SECONDS,
            "id_token": id_token,
            "scope": grant["scope"],
        }
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def userinfo(request: HttpRequest) -> JsonResponse:
    header = request.headers.get("Authorization", "")
    try:
        data = signing.loads(header.removeprefix("Bearer "), salt=TOKEN_SALT, max_age=TOKEN_SECONDS)
    except signing.BadSignature:
        return JsonResponse({"error": "invalid_token"}, status=401)
    identity = _identity(data["sub"])
    assert identity is not None
    scopes = data["scope"].split()
    claims = {"sub": identity["sub"], "acr": identity["acr"]}
    if "profile" in scopes:
        claims["name"] = identity["name"]
    if "id_number" in scopes:
        claims["id_number"] = identity["id_number"]
    return JsonResponse(claims)
