"""好差评 pages of the portal under /ratings/ (namespace ``portal``): web, SMS link, on-site device."""

from django.urls import path

from .views import ratings

urlpatterns = [
    path("case/<str:number>/<str:stage>/", ratings.rating_new, name="rating_new"),
    path("s/<str:token>/", ratings.rating_sms, name="rating_sms"),
    path("done/", ratings.rating_done, name="rating_done"),
    path("device/", ratings.rating_device, name="rating_device"),
    path("device/pair/<str:key>/", ratings.rating_device_pair, name="rating_device_pair"),
    path("device/rate/<str:number>/", ratings.rating_device_rate, name="rating_device_rate"),
]
