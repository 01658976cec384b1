"""django-oauth-toolkit validator: scope policy, the sign-in context, and claims for department systems.

* ``validate_scopes`` silently drops ``id_number`` for clients without ``ClientPolicy.may_read_id_number``.
* ``save_authorization_code`` records an ``AuthorizationContext`` (level, method, enterprise of the
  browser session, handed over by ``views.AuthorizationView`` as the ``govhall_session`` credential),
  keyed by the code's hash; the token step moves it onto the issued access and refresh tokens.
* ``get_oidc_claims`` (ID token and userinfo) delegates to ``claims.claims_for``.

Claims live in ``claims.py`` (see docs/sso.md for the table).
"""

from __future__ import annotations

from typing import Any

from oauth2_provider.models import AccessToken
from oauth2_provider.oauth2_validators import OAuth2Validator

from ..models import AgentMandate, AuthorizationContext, Enterprise
from . import claims as oidc_claims

SESSION_CREDENTIAL = "govhall_session"


class GovhallOAuth2Validator(OAuth2Validator):
    oidc_claim_scope = None  # scopes are applied by claims.claims_for

    def _load_application(self, client_id, request):
        client = super()._load_application(client_id, request)
        if client is not None and oidc_claims.client_disabled(client):
            request.client = None
            return None
        return client

    def validate_scopes(self, client_id, scopes, client, request, *args, **kwargs):
        permitted = oidc_claims.scopes_permitted(scopes, client)
        if len(permitted) != len(scopes):
            scopes[:] = permitted  # oauthlib passes request.scopes itself: drop in place, silently
        return super().validate_scopes(client_id, scopes, client, request, *args, **kwargs)

    def validate_redirect_uri(self, client_id, redirect_uri, request, *args, **kwargs):
        """Exact string match (OIDC Core 3.1.2.1): no loopback port latitude, no extra query."""
        registered = request.client.redirect_uris.split()
        return redirect_uri in registered and super().validate_redirect_uri(
            client_id, redirect_uri, request, *args, **kwargs
        )

    # -- the sign-in context -------------------------------------------------------------------

    def save_authorization_code(self, client_id, code, request, *args, **kwargs):
        request.scopes = oidc_claims.scopes_permitted(request.scopes, request.client)
        super().save_authorization_code(client_id, code, request, *args, **kwargs)
        session: dict[str, Any] = getattr(request, SESSION_CREDENTIAL, None) or {}
        enterprise_id = session.get("enterprise_id")
        mandate_id = session.get("mandate_id")
        AuthorizationContext.objects.create(
            user=request.user,
            application=request.client,
            code_hash=oidc_claims.token_checksum(code["code"]),
            level=session.get("level", ""),
            method=session.get("method", ""),
            enterprise=Enterprise.objects.filter(pk=enterprise_id).first() if enterprise_id else None,
            mandate=AgentMandate.objects.filter(pk=mandate_id).first() if mandate_id else None,
        )

    def validate_code(self, client_id, code, client, request, *args, **kwargs):
        valid = super().validate_code(client_id, code, client, request, *args, **kwargs)
        if valid:
            request.govhall_context = AuthorizationContext.objects.filter(
                code_hash=oidc_claims.token_checksum(code), application=client
            ).first()
        return valid

    def _context(self, request) -> AuthorizationContext | None:
        """The sign-in context behind this token request or userinfo call."""
        context = getattr(request, "govhall_context", None)
        if context is not None:
            return context
        queryset = AuthorizationContext.objects.select_related("enterprise", "mandate")
        if request.grant_type == "refresh_token" and request.refresh_token:
            context = queryset.filter(
                refresh_token_checksum=oidc_claims.token_checksum(request.refresh_token)
            ).first()
        elif isinstance(getattr(request, "access_token", None), AccessToken):
            context = queryset.filter(access_token_checksum=request.access_token.token_checksum).first()
        request.govhall_context = context
        return context

    def save_bearer_token(self, token, request, *args, **kwargs):
        context = (
            self._context(request) if request.grant_type in ("authorization_code", "refresh_token") else None
        )
        super().save_bearer_token(token, request, *args, **kwargs)
        if context is not None:
            context.access_token_checksum = oidc_claims.token_checksum(token["access_token"])
            refresh = token.get("refresh_token")
            context.refresh_token_checksum = oidc_claims.token_checksum(refresh) if refresh else ""
            context.save(update_fields=["access_token_checksum", "refresh_token_checksum"])

    # -- claims ----------------------------------------------------------------------------------

    def get_discovery_claims(self, request):
        return list(oidc_claims.CLAIMS_SUPPORTED)

    def get_oidc_claims(self, token, token_handler, request):
        purpose = "单点登录 ID Token" if token_handler is not None else "单点登录 userinfo"
        return oidc_claims.claims_for(
            user=request.user,
            scopes=request.scopes,
            application=request.client,
            context=self._context(request),
            purpose=purpose,
        )
