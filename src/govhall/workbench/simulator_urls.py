"""Operators: the outbox and the local simulators (/workbench/simulators/); names ``simulator_*``."""

from django.urls import path

from .views import simulators

urlpatterns = [
    path("", simulators.simulator_inbox, name="simulator_inbox"),
]
