"""The rollup's app configuration (a nested app of ``supervision``: label ``supervision_rollup``)."""

from django.apps import AppConfig


class RollupConfig(AppConfig):
    verbose_name = "监察指标汇总"
    name = "govhall.supervision.rollup"
    label = "supervision_rollup"
    default_auto_field = "django.db.models.BigAutoField"
