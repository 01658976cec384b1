"""流程定义 URLs (/workbench/processes/): catalog managers list, inspect and upload BPMN processes."""

from django.urls import path

from .views import processes

urlpatterns = [
    path("", processes.process_list, name="process_list"),
    path("upload/", processes.process_upload, name="process_upload"),
    path("<slug:key>/", processes.process_detail, name="process_detail"),
]
