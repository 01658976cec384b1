"""Browsing: departments by region, a department's items, life-event themes for persons and enterprises."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from govhall.catalog import selectors as catalog
from govhall.catalog.selectors_portal import (
    implementations_live_for_department,
    implementations_live_for_theme,
)
from govhall.catalog.selectors_portal import theme_get as catalog_theme_get
from govhall.directory import selectors as directory

from ..site import province_region, render_page, site_for_request


@require_GET
def department_list(request: HttpRequest) -> HttpResponse:
    """按部门: departments of the current region and of every level above it, nearest first."""
    site = site_for_request(request)
    regions = list(reversed(site.chain)) or [r for r in [province_region()] if r]
    sections = [
        {"region": region, "departments": list(directory.department_list(region_code=region.code))}
        for region in regions
    ]
    return render_page(request, "portal/departments.html", {"sections": sections}, site=site)


@require_GET
def department_detail(request: HttpRequest, credit_code: str) -> HttpResponse:
    try:
        department = directory.department_get(credit_code=credit_code)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该部门") from exc
    if not department.is_active:
        raise Http404("未找到该部门")
    return render_page(
        request,
        "portal/department.html",
        {
            "department": department,
            "implementations": implementations_live_for_department(department=department),
        },
        site=site_for_request(request),
    )


@require_GET
def theme_list(request: HttpRequest) -> HttpResponse:
    return render_page(
        request,
        "portal/themes.html",
        {
            "person_themes": catalog.theme_list(audience="person"),
            "enterprise_themes": catalog.theme_list(audience="enterprise"),
        },
        site=site_for_request(request),
    )


@require_GET
def theme_detail(request: HttpRequest, code: str) -> HttpResponse:
    """按主题: the live items of a life event handled in the visitor's region and above."""
    try:
        theme = catalog_theme_get(code=code)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该主题") from exc
    site = site_for_request(request)
    return render_page(
        request,
        "portal/theme.html",
        {
            "theme": theme,
            "implementations": implementations_live_for_theme(theme=theme, region=site.region),
            "sibling_themes": catalog.theme_list(audience=theme.audience),
        },
        site=site,
    )
