from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "govhall.portal"
    label = "portal"
