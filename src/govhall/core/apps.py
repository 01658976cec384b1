from django.apps import AppConfig


class CoreConfig(AppConfig):
    verbose_name = "基础"
    name = "govhall.core"
    label = "core"
