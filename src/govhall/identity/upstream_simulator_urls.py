"""The upstream identity provider simulator under /simulators/idp/ (see ``upstream_simulator``)."""

from django.urls import path, re_path

from . import upstream_simulator as views

app_name = "upstream_simulator"
urlpatterns = [
    re_path(r"^\.well-known/openid-configuration/?$", views.discovery, name="discovery"),
    path("authorize/", views.authorize, name="authorize"),
    path("token/", views.token, name="token"),
    path("userinfo/", views.userinfo, name="userinfo"),
    path("jwks/", views.jwks, name="jwks"),
]
