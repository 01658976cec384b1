"""The upstream identity provider simulator under /simulators/idp/ (see ``upstream_simulator``).

Every view answers 404 unless ``GOVHALL["IDP_SIMULATOR_ENABLED"]`` (``GOVHALL_IDP_SIMULATOR_ENABLED``) is on.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, re_path

from . import upstream_simulator as views


def enabled_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.GOVHALL.get("IDP_SIMULATOR_ENABLED", False):
            raise Http404("模拟国家政务服务平台未启用")
        return view(request, *args, **kwargs)

    return wrapper


app_name = "upstream_simulator"
urlpatterns = [
    re_path(r"^\.well-known/openid-configuration/?$", enabled_only(views.discovery), name="discovery"),
    path("authorize/", enabled_only(views.authorize), name="authorize"),
    path("token/", enabled_only(views.token), name="token"),
    path("userinfo/", enabled_only(views.userinfo), name="userinfo"),
    path("jwks/", enabled_only(views.jwks), name="jwks"),
]
