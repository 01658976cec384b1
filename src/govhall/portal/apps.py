"""The public portal (统一门户): pages for citizens and enterprises. Presentation only — no business rules."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "govhall.portal"
    label = "portal"
    verbose_name = "公众门户"
