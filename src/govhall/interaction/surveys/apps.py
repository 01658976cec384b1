from django.apps import AppConfig


class SurveysConfig(AppConfig):
    verbose_name = "意见征集与调查"
    name = "govhall.interaction.surveys"
    label = "surveys"
    default_auto_field = "django.db.models.BigAutoField"
