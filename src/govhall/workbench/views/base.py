"""What every workbench page shares: the staff gate, Chinese 403/404 pages, pagination.

Every workbench page needs a **verified staff session**: logged in through the workbench login
(password, then the TOTP code — ``django_otp`` marks the session verified) by an account with a
staff profile. ``staff_view(*roles)`` enforces that, loads the caller's ``StaffScope``
(``govhall.identity.scope``, attached as ``request.staff_scope``; the profile as
``request.staff_profile``) and turns a ``PermissionDenied`` or a missing object anywhere in the
view into a Chinese error page — never a 500 and never Django's English default.
``manager_view`` is the same gate for catalog managers (via ``govhall.catalog.access``).

Outcomes: anonymous, or a staff session without the second factor → the workbench login;
a logged-in account without a staff profile (a citizen) → 403; a verified staff member whose
password an operator set (``StaffProfile.must_change_password``) → the password change page,
which alone lets them through (``staff_view(password_change_page=True)``); a staff member
without the role → 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from govhall.catalog.access import basic_catalog_manager_get, catalog_manager_of
from govhall.catalog.selectors_workbench import staff_display_names
from govhall.identity.models import StaffProfile, StaffRole
from govhall.identity.scope import staff_scope_of
from govhall.identity.selectors import staff_profile_for
from govhall.identity.session import STAFF_KEY

View = Callable[..., HttpResponse]
PAGE_SIZE = 25


def forbidden(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "workbench/403.html", {"reason": reason}, status=403)


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "workbench/404.html", status=404)


def to_login(request: HttpRequest) -> HttpResponse:
    return redirect_to_login(request.get_full_path(), reverse("workbench:login"))


def staff_session_verified(request: HttpRequest) -> bool:
    """A staff session opened by the workbench login, its second factor (TOTP) verified."""
    is_verified = getattr(request.user, "is_verified", None)
    return bool(request.session.get(STAFF_KEY)) and callable(is_verified) and is_verified()


def to_password_change(request: HttpRequest) -> HttpResponse:
    """The forced password change, coming back to the requested page afterwards (GET only)."""
    target = reverse("workbench:password_change")
    if request.method == "GET" and request.get_full_path() != target:
        target += "?" + urlencode({"next": request.get_full_path()})
    return redirect(target)


def _gate(request: HttpRequest, *, password_change_page: bool = False) -> HttpResponse | StaffProfile:
    """The caller's staff profile, or the response that refuses them (login, password change or 403)."""
    if not request.user.is_authenticated:
        return to_login(request)
    profile = staff_profile_for(request.user)
    if profile is None:
        return forbidden(request, "仅工作人员可以访问工作台")
    if not staff_session_verified(request):
        return to_login(request)
    if profile.must_change_password and not password_change_page:
        return to_password_change(request)
    return profile


def _guarded(request: HttpRequest, view: View, *args: Any, **kwargs: Any) -> HttpResponse:
    try:
        return view(request, *args, **kwargs)
    except PermissionDenied as exc:
        return forbidden(request, str(exc))
    except (ObjectDoesNotExist, Http404):
        return not_found(request)


def staff_view(*roles: str, password_change_page: bool = False) -> Callable[[View], View]:
    """Require a verified staff session holding one of ``roles`` (any staff role if none given).

    Only the password change page passes ``password_change_page=True``: it is the one page a
    staff member who must change their password may open.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            gate = _gate(request, password_change_page=password_change_page)
            if isinstance(gate, HttpResponse):
                return gate
            request.staff_profile = gate  # type: ignore[attr-defined]
            scope = staff_scope_of(gate)
            if roles and not scope.has_role(*roles):
                names = "、".join(str(StaffRole(role).label) for role in roles)
                return forbidden(request, f"此功能仅向以下角色开放：{names}")
            request.staff_scope = scope  # type: ignore[attr-defined]
            return _guarded(request, view, *args, **kwargs)

        return wrapper

    return decorate


def manager_view(view: View) -> View:
    """Require a verified staff session of a catalog manager; Chinese 403/404 pages for refusals."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        gate = _gate(request)
        if isinstance(gate, HttpResponse):
            return gate
        try:
            profile = catalog_manager_of(gate)
        except PermissionDenied as exc:
            return forbidden(request, str(exc))
        request.staff_profile = profile  # type: ignore[attr-defined]
        request.staff_scope = staff_scope_of(profile)  # type: ignore[attr-defined]
        return _guarded(request, view, *args, **kwargs)

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
