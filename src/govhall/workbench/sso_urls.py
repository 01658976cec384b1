"""Operators' single sign-on pages under /workbench/sso/ (namespace ``workbench``)."""

from django.urls import path

from .views import sso

urlpatterns = [
    path("", sso.sso_client_list, name="sso_client_list"),
    path("new/", sso.sso_client_new, name="sso_client_new"),
    path("upstream/", sso.upstream_provider_list_view, name="sso_upstream_list"),
    path("<str:client_id>/", sso.sso_client_detail, name="sso_client_detail"),
    path("<str:client_id>/rotate/", sso.sso_client_rotate, name="sso_client_rotate"),
    path("<str:client_id>/disable/", sso.sso_client_disable_view, name="sso_client_disable"),
]
