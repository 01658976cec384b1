from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "govhall.workbench"
    label = "workbench"
