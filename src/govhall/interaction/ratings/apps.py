from django.apps import AppConfig


class RatingsConfig(AppConfig):
    verbose_name = "好差评"
    name = "govhall.interaction.ratings"
    label = "ratings"
    default_auto_field = "django.db.models.BigAutoField"
