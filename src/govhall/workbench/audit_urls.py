"""Operators' audit log under /workbench/audit/ (namespace ``workbench``): list, verify the chain, export."""

from django.urls import path

from .views import audit

urlpatterns = [
    path("", audit.audit_list, name="audit_list"),
    path("verify/", audit.audit_verify, name="audit_verify"),
    path("export/", audit.audit_export, name="audit_export"),
]
