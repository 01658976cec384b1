from django.apps import AppConfig


class InteractionConfig(AppConfig):
    verbose_name = "互动交流"
    name = "govhall.interaction"
    label = "interaction"
    default_auto_field = "django.db.models.BigAutoField"
