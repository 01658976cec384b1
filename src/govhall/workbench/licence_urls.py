"""Staff licence pages under /workbench/licences/ (namespace ``workbench``)."""

from django.urls import path

from .views import licences

urlpatterns = [
    path("", licences.licence_list, name="licence_list"),
    path("import/", licences.licence_import_page, name="licence_import"),
    path("<str:identifier>/", licences.licence_detail, name="licence_detail"),
    path("<str:identifier>/status/", licences.licence_status_change, name="licence_status"),
    path("<str:identifier>/pdf/", licences.licence_pdf_download, name="licence_pdf"),
]
