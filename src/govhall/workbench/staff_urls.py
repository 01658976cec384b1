"""Operators' staff directory under /workbench/staff/ (namespace ``workbench``)."""

from django.urls import path

from .views import staff_directory

urlpatterns = [
    path("", staff_directory.staff_list, name="staff_list"),
    path("new/", staff_directory.staff_new, name="staff_new"),
    path("<str:username>/", staff_directory.staff_detail, name="staff_detail"),
    path("<str:username>/totp-reset/", staff_directory.staff_totp_reset_view, name="staff_totp_reset"),
    path(
        "<str:username>/lockout-clear/", staff_directory.staff_lockout_clear_view, name="staff_lockout_clear"
    ),
    path("<str:username>/deactivate/", staff_directory.staff_deactivate_view, name="staff_deactivate"),
    path("<str:username>/reactivate/", staff_directory.staff_reactivate_view, name="staff_reactivate"),
    path(
        "<str:username>/password-reset/",
        staff_directory.staff_password_reset_view,
        name="staff_password_reset",
    ),
]
