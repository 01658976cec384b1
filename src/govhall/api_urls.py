"""/api/: versioned REST endpoints, the OpenAPI schema and its docs UI (assets served locally).

Both docs pages run under the site's Content-Security-Policy. Swagger UI needs nothing extra (the
split view serves its start-up script as a file). Redoc's renderer (styled-components) injects
``<style>`` elements at run time and cannot be given a nonce from outside its bundle, and its
search runs in a worker built from a ``blob:`` URL; so its page alone allows inline *styles* and
``blob:`` workers — page scripts stay ``'self'`` only, and the Redocly logo Redoc tries to fetch
from its CDN stays blocked (nothing is loaded from outside this server). See docs/security.md.
"""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

REDOC_CSP = {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}

urlpatterns = [
    path("v1/", include("govhall.api_v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Split view: the page loads its start-up script from ``?script`` — no inline script under the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path(
        "redoc/",
        csp_update(REDOC_CSP)(SpectacularRedocView.as_view(url_name="api-schema")),
        name="api-redoc",
    ),
]
