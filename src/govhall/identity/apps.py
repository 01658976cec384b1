from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "govhall.identity"
    label = "identity"
