"""/api/v1/: each context registers its public endpoints here; any other path below answers a JSON 404."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from govhall.cases.api import urlpatterns as cases_urlpatterns
from govhall.catalog.api import BasicItemViewSet, ItemViewSet
from govhall.core.api import NotFoundView
from govhall.directory.api import DepartmentViewSet, RegionViewSet
from govhall.identity.api import MeView
from govhall.interaction.api import urlpatterns as interaction_urlpatterns
from govhall.interaction.ratings.api import urlpatterns as ratings_urlpatterns

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="api-region")
router.register("departments", DepartmentViewSet, basename="api-department")
router.register("items", ItemViewSet, basename="api-item")
router.register("basic-items", BasicItemViewSet, basename="api-basic-item")

urlpatterns = [
    *router.urls,
    path("me/", MeView.as_view(), name="api-me"),
    *cases_urlpatterns,
    *interaction_urlpatterns,
    *ratings_urlpatterns,
    # Paths ending in "/" only, so that CommonMiddleware still adds a missing trailing slash to real endpoints.
    re_path(r"^.+/$", NotFoundView.as_view(), name="api-v1-not-found"),
]
