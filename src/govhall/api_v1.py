"""/api/v1/: each context registers its endpoints here."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
urlpatterns = router.urls
