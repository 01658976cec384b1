"""好差评 pages of the workbench under /workbench/ratings/ (namespace ``workbench``)."""

from django.urls import path

from .views import ratings

urlpatterns = [
    path("", ratings.rating_list, name="rating_list"),
    path("follow-up/", ratings.rating_followup, name="rating_followup"),
    path("appeals/", ratings.rating_appeals, name="rating_appeals"),
    path("appeals/<int:appeal_id>/decide/", ratings.rating_appeal_decide, name="rating_appeal_decide"),
    path("rule/", ratings.rating_rule, name="rating_rule"),
    path("devices/", ratings.rating_devices, name="rating_devices"),
    path(
        "devices/<int:device_id>/deactivate/",
        ratings.rating_device_deactivate_view,
        name="rating_device_deactivate",
    ),
    path("<int:rating_id>/", ratings.rating_detail, name="rating_detail"),
    path("<int:rating_id>/rectification/", ratings.rating_rectify, name="rating_rectify"),
    path("<int:rating_id>/visits/", ratings.rating_return_visit, name="rating_return_visit"),
    path("<int:rating_id>/appeal/", ratings.rating_appeal, name="rating_appeal"),
]
