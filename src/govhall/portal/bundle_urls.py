"""一件事 pages (/bundles/): the live bundles of the visitor's region, one bundle, and applying for it."""

from django.urls import path

from .views import bundles

urlpatterns = [
    path("", bundles.bundle_list, name="bundles"),
    path("<slug:code>/", bundles.bundle_detail, name="bundle"),
    path("<slug:code>/apply/", bundles.bundle_apply, name="bundle_apply"),
]
