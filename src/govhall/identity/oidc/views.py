"""The OIDC provider's pages: django-oauth-toolkit's views with the platform's login, context and audit.

* ``AuthorizationView`` sends anonymous users to the citizens' login (``portal:login?next=…``),
  hands the session's level, method and enterprise to the validator (``govhall_session``
  credential) and shows a Chinese consent page.
* ``DiscoveryView`` adds ``acr_values_supported`` (L1–L3) and the claims to DOT's discovery document.
* ``LogoutView`` (RP-initiated logout) audits the logout like every other one.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.urls import reverse
from oauth2_provider import views as dot_views
from oauth2_provider.exceptions import InvalidOIDCRedirectURIError

from govhall.core.audit import AuditTarget, audit_record

from ..selectors import staff_profile_for
from ..session import ENTERPRISE_KEY, LEVEL_KEY, MANDATE_KEY, METHOD_KEY
from .claims import ACR_VALUES, CLAIMS_SUPPORTED
from .validator import SESSION_CREDENTIAL

SCOPE_LABELS = {
    "openid": "确认您的身份（唯一标识）",
    "profile": "姓名、脱敏身份证号码和认证等级",
    "phone": "脱敏手机号码",
    "id_number": "完整身份证号码",
    "enterprise": "您正在代办的企业及授权范围",
}


class AuthorizationView(dot_views.AuthorizationView):
    template_name = "identity/oidc/authorize.html"

    def get_login_url(self) -> str:
        return reverse("portal:login")

    def dispatch(self, request, *args, **kwargs):
        # A staff member whose password was set by an operator changes it before signing in anywhere.
        profile = staff_profile_for(request.user)
        if profile is not None and profile.must_change_password:
            return redirect_to_login(request.get_full_path(), reverse("workbench:password_change"))
        return super().dispatch(request, *args, **kwargs)

    def create_authorization_response(self, request, scopes, credentials, allow):
        session = request.session
        credentials[SESSION_CREDENTIAL] = {
            "level": session.get(LEVEL_KEY, ""),
            "method": session.get(METHOD_KEY, ""),
            "enterprise_id": session.get(ENTERPRISE_KEY),
            "mandate_id": session.get(MANDATE_KEY),
        }
        return super().create_authorization_response(request, scopes, credentials, allow)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["scope_labels"] = [SCOPE_LABELS.get(scope, scope) for scope in kwargs.get("scopes", [])]
        return context


class DiscoveryView(dot_views.ConnectDiscoveryInfoView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        data = json.loads(response.content)
        data["acr_values_supported"] = ACR_VALUES
        data["claims_supported"] = CLAIMS_SUPPORTED
        data["grant_types_supported"] = ["authorization_code", "refresh_token"]
        data["revocation_endpoint"] = request.build_absolute_uri(reverse("oauth2_provider:revoke-token"))
        data["introspection_endpoint"] = request.build_absolute_uri(reverse("oauth2_provider:introspect"))
        out = JsonResponse(data)
        out["Access-Control-Allow-Origin"] = "*"
        return out


class LogoutView(dot_views.RPInitiatedLogoutView):
    template_name = "identity/oidc/logout.html"

    def validate_post_logout_redirect_uri(self, application, post_logout_redirect_uri):
        super().validate_post_logout_redirect_uri(application, post_logout_redirect_uri)
        if (
            post_logout_redirect_uri
            and post_logout_redirect_uri not in application.post_logout_redirect_uris.split()
        ):
            raise InvalidOIDCRedirectURIError("post_logout_redirect_uri 与登记的地址不完全一致")

    def do_logout(self, application=None, post_logout_redirect_uri=None, state=None, token_user=None):
        user = self.request.user
        if user.is_authenticated:
            audit_record(
                actor=user,
                action="identity.logout",
                target=AuditTarget.of(user, user.get_username()),
                summary={"via": "oidc", "client": getattr(application, "client_id", "")},
            )
        return super().do_logout(application, post_logout_redirect_uri, state, token_user)
