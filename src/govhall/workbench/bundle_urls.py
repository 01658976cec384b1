"""一件事 URLs (/workbench/bundles/): catalog managers list, create and change life-event bundles."""

from django.urls import path

from .views import bundles

urlpatterns = [
    path("", bundles.bundle_list, name="bundle_list"),
    path("new/", bundles.bundle_new, name="bundle_new"),
    path("<slug:code>/", bundles.bundle_edit, name="bundle_edit"),
]
