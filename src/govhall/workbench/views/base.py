"""What every workbench page shares: the catalog-manager gate, Chinese 403/404 pages, pagination.

``manager_view`` sends anonymous visitors to the login page, loads the caller's staff profile
through ``govhall.catalog.access`` (attached as ``request.staff_profile``) and turns a
``PermissionDenied`` or a missing object anywhere in the view into a Chinese error page —
never a 500 and never Django's English default.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from govhall.catalog.access import basic_catalog_manager_get, catalog_manager_get
from govhall.catalog.selectors_workbench import staff_display_names

View = Callable[..., HttpResponse]
PAGE_SIZE = 25


def forbidden(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "workbench/403.html", {"reason": reason}, status=403)


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "workbench/404.html", status=404)


def manager_view(view: View) -> View:
    """Require a logged-in catalog manager; render Chinese 403/404 pages for refusals."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            request.staff_profile = catalog_manager_get(request.user)  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            return forbidden(request, str(exc))
        except (ObjectDoesNotExist, Http404):
            return not_found(request)

    return wrapper


def is_basic_catalog_manager(request: HttpRequest) -> bool:
    """Whether the caller may edit the basic catalog (a provincial catalog manager)."""
    try:
        basic_catalog_manager_get(request.user)
    except PermissionDenied:
        return False
    return True


def staff_names(versions: Any) -> dict[int, str]:
    """Display names of everyone who created, submitted or reviewed ``versions`` (one query)."""
    ids = {
        getattr(v, f"{role}_id") for v in versions for role in ("created_by", "submitted_by", "reviewed_by")
    }
    return staff_display_names(user_ids={i for i in ids if i})


def paginate(request: HttpRequest, items: Any, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def query_without_page(query: QueryDict) -> str:
    """The current query string minus ``page``, for pagination and sort links."""
    return urlencode([(key, value) for key, values in query.lists() if key != "page" for value in values])
