from django.apps import AppConfig


class SurveysConfig(AppConfig):
    verbose_name = "意见征集与调查"
    name = "govhall.interaction.surveys"
    label = "surveys"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from govhall.core.personal_data import sealed_column_register

        from .models import CONTACT_PURPOSE

        sealed_column_register("surveys.Opinion", "contact_sealed", CONTACT_PURPOSE)
        sealed_column_register("surveys.Suggestion", "contact_sealed", CONTACT_PURPOSE)
