from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    verbose_name = "电子监察"
    name = "govhall.supervision"
    label = "supervision"
    default_auto_field = "django.db.models.BigAutoField"
