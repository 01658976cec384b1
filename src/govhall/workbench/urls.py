from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView

app_name = "workbench"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("", RedirectView.as_view(url="/"), name="home"),
]
