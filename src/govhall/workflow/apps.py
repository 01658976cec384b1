from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    verbose_name = "流程引擎"
    name = "govhall.workflow"
    label = "workflow"
