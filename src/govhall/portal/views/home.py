"""首页 and 站点切换 pages."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from govhall.catalog import selectors as catalog
from govhall.directory import selectors as directory

from ..site import province_region, region_choice, region_remember, render_page, site_for_request

POPULAR_LIMIT = 8


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    site = site_for_request(request)
    department_region = site.region or province_region()
    departments = directory.department_list(region_code=department_region.code) if department_region else []
    return render_page(
        request,
        "portal/home.html",
        {
            "popular": catalog.popular_implementations(region=site.region, limit=POPULAR_LIMIT),
            "person_themes": catalog.theme_list(audience="person"),
            "enterprise_themes": catalog.theme_list(audience="enterprise"),
            "departments": departments,
            "department_region": department_region,
        },
        site=site,
    )


@require_GET
def region_list(request: HttpRequest) -> HttpResponse:
    """站点切换: the province, its cities and counties."""
    return render_page(
        request, "portal/regions.html", {"next": _safe_next(request)}, site=site_for_request(request)
    )


@require_GET
def region_switch(request: HttpRequest) -> HttpResponse:
    """Remember the chosen region and go back to the page the visitor came from."""
    response = HttpResponseRedirect(_safe_next(request))
    valid, region = region_choice(request.GET.get("region", ""))
    if valid:
        region_remember(response, region)
    return response


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"
