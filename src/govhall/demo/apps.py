from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and scale data: Fujian's regions and departments, ~40 real items, synthetic scale catalogs."""

    name = "govhall.demo"
    label = "demo"
