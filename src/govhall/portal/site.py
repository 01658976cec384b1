"""站点切换 — which region's site a visitor is looking at, and rendering pages with the site chrome.

A visitor chooses a region (a city or a county) with the header switcher, the /regions/ page
or ``?region=<code>`` on any portal page; the choice is kept in a cookie and every page then
shows what is handled in that region **and above** (county → city → province). No choice, or
the province itself, means the whole province's site: everything live is shown. An unknown
code in the cookie or a query is ignored here (the search form reports it as an error).
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govhall.directory import selectors as directory

if TYPE_CHECKING:
    from govhall.directory.selectors import Region

REGION_COOKIE = "govhall_region"
REGION_PARAM = "region"
REGION_COOKIE_MAX_AGE = 365 * 24 * 3600
PROVINCE_LEVEL = 1


@dataclass(frozen=True)
class Site:
    """The site a request is shown in: ``region`` is None for the whole province."""

    region: "Region | None"
    chain: list["Region"] = field(default_factory=list)
    store: bool = False  # the region came from ``?region=`` and is remembered in the cookie

    @property
    def region_code(self) -> str:
        return self.region.code if self.region else ""

    @property
    def chain_codes(self) -> set[str]:
        return {region.code for region in self.chain}


def region_choice(code: str) -> tuple[bool, "Region | None"]:
    """Read a region code chosen by a visitor: ``(valid, region)``.

    Empty or the province's own code mean the whole province: ``(True, None)``. An unknown or
    malformed code is ``(False, None)``.
    """
    code = (code or "").strip()
    if not code:
        return True, None
    if not code.isdigit() or len(code) not in (6, 9, 12):
        return False, None
    try:
        region = directory.region_get(code=code)
    except ObjectDoesNotExist:
        return False, None
    return True, None if region.level == PROVINCE_LEVEL else region


def site_for_request(request: HttpRequest) -> Site:
    from_query = REGION_PARAM in request.GET
    raw = request.GET.get(REGION_PARAM, "") if from_query else request.COOKIES.get(REGION_COOKIE, "")
    valid, region = region_choice(raw)
    if not valid and from_query:  # an unknown code never replaces the visitor's stored choice
        valid, region = region_choice(request.COOKIES.get(REGION_COOKIE, ""))
        from_query = False
    chain = directory.region_ancestors(region=region) if region else []
    return Site(region=region, chain=chain, store=from_query)


def region_remember(response: HttpResponse, region: "Region | None") -> None:
    """Keep the visitor's choice (or forget it when they go back to the whole province)."""
    if region is None:
        response.delete_cookie(REGION_COOKIE, samesite="Lax")
    else:
        response.set_cookie(
            REGION_COOKIE, region.code, max_age=REGION_COOKIE_MAX_AGE, samesite="Lax", httponly=True
        )


@dataclass(frozen=True)
class RegionGroup:
    """A city and its counties, for the switcher's option groups and the /regions/ page."""

    city: "Region"
    counties: list["Region"]


def region_groups() -> list[RegionGroup]:
    """Cities with their counties, in code order (one query)."""
    regions = [region for region in directory.region_switcher_choices() if region.level != PROVINCE_LEVEL]
    groups = {
        region.pk: RegionGroup(city=region, counties=[])
        for region in regions
        if region.level == PROVINCE_LEVEL + 1
    }
    for region in regions:
        if region.pk in groups:
            continue
        if region.parent_id in groups:
            groups[region.parent_id].counties.append(region)
        else:  # a county directly under the province (省直管): a group of its own
            groups[region.pk] = RegionGroup(city=region, counties=[])
    return sorted(groups.values(), key=lambda group: group.city.code)


def province_region() -> "Region | None":
    """The province this installation serves, if it is loaded."""
    try:
        return directory.region_get(code=settings.GOVHALL["PROVINCE_CODE"])
    except ObjectDoesNotExist:
        return None


def path_without_region(request: HttpRequest) -> str:
    """This page's address without ``?region=``, where the region switcher sends the visitor back."""
    query = request.GET.copy()
    query.pop(REGION_PARAM, None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def render_page(
    request: HttpRequest, template: str, context: dict[str, Any], *, site: Site, status: int = 200
) -> HttpResponse:
    """Render a portal page with the site chrome (current region, switcher) and remember ``?region=``."""
    page_context = {
        "site": site,
        "region_groups": region_groups(),
        "province": province_region(),
        "current_path": path_without_region(request),
    } | context
    response = render(request, template, page_context, status=status)
    if site.store:
        region_remember(response, site.region)
    return response
