"""Sign-in through upstream identity providers (cross-certification): /account/upstream/<slug>/…"""

from django.urls import path

from .views import upstream

urlpatterns = [
    path("<slug:slug>/start/", upstream.upstream_login_start, name="upstream_start"),
    path("<slug:slug>/callback/", upstream.upstream_login_callback, name="upstream_callback"),
]
