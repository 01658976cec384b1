"""Signing in with an upstream identity provider (e.g. the national platform) — 互认登录.

``upstream_login_start`` redirects to the provider; ``upstream_login_callback`` verifies the answer
(``identity.upstream``), maps it to a local account (``services.upstream.upstream_identity_accept``)
and opens the session with method ``upstream``. Every failure shows a Chinese message on the
login page; nothing is written unless the identity was verified.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from govhall.identity.models import AssuranceLevel, AuthMethod
from govhall.identity.selectors_upstream import upstream_provider_enabled_get
from govhall.identity.services.upstream import upstream_identity_accept
from govhall.identity.session import session_open
from govhall.identity.upstream import UpstreamError, upstream_finish, upstream_start


def _safe_next(request: HttpRequest, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("portal:account")


def _back_to_login(request: HttpRequest, message: str, next_url: str = "") -> HttpResponse:
    messages.error(request, message)
    login = reverse("portal:login")
    return redirect(f"{login}?{urlencode({'next': next_url})}" if next_url else login)


@require_GET
def upstream_login_start(request: HttpRequest, slug: str) -> HttpResponse:
    provider = upstream_provider_enabled_get(slug=slug)
    next_url = _safe_next(request, request.GET.get("next", ""))
    try:
        return redirect(upstream_start(request, provider, next_url=next_url))
    except UpstreamError as exc:
        return _back_to_login(request, str(exc))


@require_GET
def upstream_login_callback(request: HttpRequest, slug: str) -> HttpResponse:
    provider = upstream_provider_enabled_get(slug=slug)
    next_url = (request.session.get("govhall.upstream") or {}).get("next", "")
    try:
        identity = upstream_finish(request, provider)
        login = upstream_identity_accept(
            provider=provider, issuer=identity.issuer, subject=identity.subject, claims=identity.claims
        )
    except UpstreamError as exc:
        return _back_to_login(request, str(exc))
    except ValidationError as exc:
        return _back_to_login(request, exc.messages[0])
    session_open(request, login.person.user, level=login.level, method=AuthMethod.UPSTREAM)
    if login.created:
        messages.success(
            request, f"已通过{provider.name}为您建立账号，认证等级：{AssuranceLevel(login.level).label}。"
        )
    return redirect(_safe_next(request, next_url))
