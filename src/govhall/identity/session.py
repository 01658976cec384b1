"""Sessions carry who logged in, how, at which level, and for which enterprise they act.

``session_open`` is the one way any login method (password, SMS, certificate, TOTP, upstream IdP)
establishes a session: Django ``login``, then the level and method in the session, an audit entry,
and the audit context of the rest of the request. ``SessionIdentityMiddleware`` puts the session's
level, method and enterprise into every request's audit context, and ends idle staff sessions.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from govhall.core.audit import AuditTarget, audit_context_set, audit_record

LEVEL_KEY = "govhall.level"
METHOD_KEY = "govhall.method"
ENTERPRISE_KEY = "govhall.enterprise_id"  # the enterprise an agent or representative acts for
MANDATE_KEY = "govhall.mandate_id"
ENTERPRISE_LABEL_KEY = "govhall.on_behalf_of"  # "enterprise:<credit code>" for audit entries
LAST_SEEN_KEY = "govhall.last_seen"
STAFF_KEY = "govhall.staff"

BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclass(frozen=True)
class SessionIdentity:
    level: str
    method: str
    enterprise_id: int | None
    mandate_id: int | None


def session_identity(request: HttpRequest) -> SessionIdentity | None:
    if not request.user.is_authenticated:
        return None
    return SessionIdentity(
        level=request.session.get(LEVEL_KEY, ""),
        method=request.session.get(METHOD_KEY, ""),
        enterprise_id=request.session.get(ENTERPRISE_KEY),
        mandate_id=request.session.get(MANDATE_KEY),
    )


def session_open(request: HttpRequest, user, *, level: str, method: str, staff: bool = False) -> None:
    """Log ``user`` in at ``level`` through ``method`` and audit it (``identity.login``)."""
    login(request, user, backend=BACKEND)
    request.session[LEVEL_KEY] = level
    request.session[METHOD_KEY] = method
    request.session[LAST_SEEN_KEY] = int(time.time())
    request.session[STAFF_KEY] = staff
    for key in (ENTERPRISE_KEY, MANDATE_KEY, ENTERPRISE_LABEL_KEY):
        request.session.pop(key, None)
    audit_context_set(level=level, method=method, on_behalf_of="")
    audit_record(
        actor=user,
        action="identity.login",
        target=AuditTarget.of(user, user.get_username()),
        summary={"level": level, "method": method},
    )


def session_level_raise(request: HttpRequest, *, level: str, method: str) -> None:
    """The account reached a higher level during this session (e.g. verified against the registry)."""
    request.session[LEVEL_KEY] = level
    request.session[METHOD_KEY] = method
    audit_context_set(level=level, method=method)


def session_act_for(
    request: HttpRequest, *, enterprise_id: int | None, mandate_id: int | None, label: str
) -> None:
    """Act for an enterprise from now on (or stop, with ``enterprise_id=None``); ``label`` is "enterprise:<code>"."""
    if enterprise_id is None:
        for key in (ENTERPRISE_KEY, MANDATE_KEY, ENTERPRISE_LABEL_KEY):
            request.session.pop(key, None)
        audit_context_set(on_behalf_of="")
        return
    request.session[ENTERPRISE_KEY] = enterprise_id
    request.session[MANDATE_KEY] = mandate_id
    request.session[ENTERPRISE_LABEL_KEY] = label
    audit_context_set(on_behalf_of=label)


def session_close(request: HttpRequest) -> None:
    if request.user.is_authenticated:
        audit_record(
            actor=request.user,
            action="identity.logout",
            target=AuditTarget.of(request.user, request.user.get_username()),
        )
    logout(request)


def _acting_still_allowed(request: HttpRequest) -> bool:
    """Whether the enterprise this session acts for still accepts it (one indexed query per request).

    A representative stays allowed while they represent the enterprise; an agent while the
    mandate the session started with is unrevoked and within its validity period.
    """
    from .models import AgentMandate, Enterprise

    session = request.session
    mandate_id = session.get(MANDATE_KEY)
    enterprise_id = int(session[ENTERPRISE_KEY])
    user_id = int(request.user.pk or 0)
    today = timezone.localdate()
    if mandate_id is None:
        return Enterprise.objects.filter(pk=enterprise_id, representative__user_id=user_id).exists()
    return AgentMandate.objects.filter(
        pk=int(mandate_id),
        enterprise_id=enterprise_id,
        agent__user_id=user_id,
        revoked_at__isnull=True,
        valid_from__lte=today,
        valid_until__gte=today,
    ).exists()


class SessionIdentityMiddleware:
    """Audit context from the session; staff sessions end after ``STAFF_IDLE_SECONDS`` without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            session = request.session
            now = int(time.time())
            idle_limit = settings.GOVHALL["STAFF_IDLE_SECONDS"]
            if session.get(STAFF_KEY) and now - session.get(LAST_SEEN_KEY, now) > idle_limit:
                audit_record(
                    actor=request.user,
                    action="identity.session_expired",
                    target=AuditTarget.of(request.user, request.user.get_username()),
                )
                logout(request)
                return redirect_to_login(request.get_full_path(), reverse("workbench:login"))
            if now - session.get(LAST_SEEN_KEY, 0) >= 30:  # refresh at most every 30 s: fewer session writes
                session[LAST_SEEN_KEY] = now
            if session.get(ENTERPRISE_KEY) and not _acting_still_allowed(request):
                session_act_for(request, enterprise_id=None, mandate_id=None, label="")
                messages.warning(request, "您对该企业的经办人授权已撤销或到期，已切换回个人身份。")
            audit_context_set(
                level=session.get(LEVEL_KEY, ""),
                method=session.get(METHOD_KEY, ""),
                on_behalf_of=session.get(ENTERPRISE_LABEL_KEY, ""),
            )
        return self.get_response(request)
