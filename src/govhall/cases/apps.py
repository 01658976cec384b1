from django.apps import AppConfig


class CasesConfig(AppConfig):
    verbose_name = "办件"
    name = "govhall.cases"
    label = "cases"
