"""Root URL map: the public portal at /, staff workbench at /workbench/, REST API at /api/."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("govhall.core.urls")),
    path("api/", include("govhall.api_urls")),
    path("workbench/", include("govhall.workbench.urls")),
    path("admin/", admin.site.urls),
    # OpenID Connect provider: discovery, authorize, token, userinfo, JWKS, logout.
    path("o/", include("govhall.identity.oidc.urls")),
    # Local gateway simulators (SMS gateway endpoint speaking the real protocol).
    path("simulators/", include("govhall.notifications.urls")),
    path("simulators/population/", include("govhall.identity.registry_urls")),
    path("simulators/idp/", include("govhall.identity.upstream_simulator_urls")),
    # Electronic licences: public verification (the QR code on every licence) and the holder's wallet.
    path("licences/", include("govhall.portal.licence_urls")),
    path("", include("govhall.portal.urls")),
]
