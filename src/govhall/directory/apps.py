from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "govhall.directory"
    label = "directory"
