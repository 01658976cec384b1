"""The OpenID Connect provider under /o/: discovery, authorize, token, userinfo, JWKS, RP-initiated
logout, token revocation and introspection (see docs/sso.md).

The namespace stays ``oauth2_provider`` with django-oauth-toolkit's URL names, because the toolkit
reverses them itself (the issuer is derived from the discovery URL).
"""

from django.urls import path, re_path
from oauth2_provider import views as dot_views

from . import views

app_name = "oauth2_provider"
urlpatterns = [
    path("authorize/", views.AuthorizationView.as_view(), name="authorize"),
    path("token/", dot_views.TokenView.as_view(), name="token"),
    path("revoke_token/", dot_views.RevokeTokenView.as_view(), name="revoke-token"),
    path("introspect/", dot_views.IntrospectTokenView.as_view(), name="introspect"),
    re_path(
        r"^\.well-known/openid-configuration/?$",
        views.DiscoveryView.as_view(),
        name="oidc-connect-discovery-info",
    ),
    path(".well-known/jwks.json", dot_views.JwksInfoView.as_view(), name="jwks-info"),
    path("userinfo/", dot_views.UserInfoView.as_view(), name="user-info"),
    path("logout/", views.LogoutView.as_view(), name="rp-initiated-logout"),
]
