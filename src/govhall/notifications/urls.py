"""Local gateway simulators under /simulators/: the SMS API (Alibaba Cloud protocol) and the demo inbox."""

from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("sms/api", views.sms_api, name="sms_simulator_api"),
    path("sms/inbox", views.sms_inbox, name="sms_simulator_inbox"),
]
