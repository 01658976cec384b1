"""Operators' working-day calendar under /workbench/calendar/ (namespace ``workbench``)."""

from django.urls import path

from .views import calendar

urlpatterns = [
    path("", calendar.calendar_year, name="calendar"),
    path("day/", calendar.calendar_day, name="calendar_day"),
    path("<int:year>/enter/", calendar.calendar_year_enter, name="calendar_year_enter"),
]
