"""电子证照 pages under /licences/ (namespace ``licences``): public verification and the holder's wallet."""

from django.urls import path

from .views import licences

app_name = "licences"
urlpatterns = [
    path("verify/<str:identifier>/", licences.licence_verify, name="verify"),
    path("wallet/", licences.licence_wallet, name="wallet"),
    path("wallet/<str:identifier>/pdf/", licences.licence_download, name="download"),
]
