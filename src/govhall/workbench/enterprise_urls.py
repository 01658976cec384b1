"""Window pages for enterprise agents (经办人授权) under /workbench/enterprises/ (namespace ``workbench``)."""

from django.urls import path

from .views import enterprises

urlpatterns = [
    path("", enterprises.enterprise_find, name="enterprise_find"),
    path("<str:credit_code>/", enterprises.enterprise_detail, name="enterprise_detail"),
    path(
        "<str:credit_code>/mandates/<int:mandate_id>/revoke/",
        enterprises.enterprise_mandate_revoke,
        name="enterprise_mandate_revoke",
    ),
]
