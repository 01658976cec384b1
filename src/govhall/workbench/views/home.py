"""Login, logout and the manager's home page (scope, counts, shortcuts)."""

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govhall.catalog.selectors import review_queue_for_manager
from govhall.catalog.selectors_workbench import my_open_versions, workbench_counts
from govhall.identity.models import StaffRole

from .base import is_basic_catalog_manager, manager_view


class LoginView(auth_views.LoginView):
    template_name = "workbench/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # LoginView puts the request's host in ``site_name``; the pages show the platform's name.
        return super().get_context_data(**kwargs) | {"site_name": settings.GOVHALL["SITE_NAME"]}


class LogoutView(auth_views.LogoutView):
    next_page = "workbench:login"


@manager_view
def home(request: HttpRequest) -> HttpResponse:
    profile = request.staff_profile  # type: ignore[attr-defined]
    return render(
        request,
        "workbench/home.html",
        {
            "profile": profile,
            "role_labels": profile_role_labels(profile.roles),
            "counts": workbench_counts(profile=profile),
            "my_versions": list(my_open_versions(profile=profile)[:10]),
            "queue": list(review_queue_for_manager(profile=profile)[:5]),
            "can_edit_basic": is_basic_catalog_manager(request),
            "nav": "home",
        },
    )


def profile_role_labels(roles: list[str]) -> list[str]:
    return [str(StaffRole(role).label) if role in StaffRole.values else role for role in roles]
