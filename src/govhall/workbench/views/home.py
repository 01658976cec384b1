"""The workbench home page: the caller's scope, and shortcuts for their roles.

Catalog managers see their counts, review queue and drafts; window clerks, supervisors and
operators see the shortcuts of their own roles. Login and logout live in ``views.login``.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govhall.catalog.selectors import review_queue_for_manager
from govhall.catalog.selectors_workbench import my_open_versions, workbench_counts
from govhall.identity.models import StaffRole

from .base import is_basic_catalog_manager, staff_view


@staff_view()
def home(request: HttpRequest) -> HttpResponse:
    profile = request.staff_profile  # type: ignore[attr-defined]
    scope = request.staff_scope  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "profile": profile,
        "role_labels": profile_role_labels(profile.roles),
        "is_catalog_manager": scope.has_role(StaffRole.CATALOG_MANAGER),
        "is_window_clerk": scope.has_role(StaffRole.WINDOW_CLERK),
        "is_operator": scope.has_role(StaffRole.OPERATOR),
        "is_supervisor": scope.has_role(StaffRole.SUPERVISOR),
        "handles_cases": scope.has_role(
            StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD
        ),
        "nav": "home",
    }
    if context["is_catalog_manager"]:
        context |= {
            "counts": workbench_counts(profile=profile),
            "my_versions": list(my_open_versions(profile=profile)[:10]),
            "queue": list(review_queue_for_manager(profile=profile)[:5]),
            "can_edit_basic": is_basic_catalog_manager(request),
        }
    return render(request, "workbench/home.html", context)


def profile_role_labels(roles: list[str]) -> list[str]:
    return [str(StaffRole(role).label) if role in StaffRole.values else role for role in roles]
