"""URLs of the import/export and consistency pages; included by ``workbench.urls`` under ``catalog/io/``."""

from django.urls import path

from . import views

urlpatterns = [
    path("export/", views.export_page, name="catalog_io_export"),
    path("import/", views.import_page, name="catalog_io_import"),
    path("consistency/", views.consistency_page, name="catalog_io_consistency"),
]
