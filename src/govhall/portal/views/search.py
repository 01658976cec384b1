"""事项搜索 — the search page: filter form, results, pagination. Bad filters are a 400 page, never a 500."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from govhall.catalog.search.query import item_search
from govhall.catalog.selectors_portal import choice_labels

from ..forms import SearchForm
from ..site import province_region, region_groups, render_page, site_for_request

PAGE_SIZE = 20
PAGE_WINDOW = 2  # pages shown either side of the current one


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    site = site_for_request(request)
    data = request.GET.copy()
    if "region" not in data:
        data["region"] = site.region_code
    form = SearchForm(
        data, groups=region_groups(), chain=site.chain, province=province_region(), labels=choice_labels()
    )
    context = {"form": form, "errors": [], "results": None}
    if not form.is_valid():
        context["errors"] = [message for messages in form.errors.values() for message in messages]
        return render_page(request, "portal/search.html", context, site=site, status=400)
    try:
        results = item_search(**form.search_arguments(), page_size=PAGE_SIZE)
    except ValidationError as exc:
        context["errors"] = exc.messages
        return render_page(request, "portal/search.html", context, site=site, status=400)
    context |= {"results": results, "pages": _page_links(request, results.page, results.num_pages)}
    return render_page(request, "portal/search.html", context, site=site)


def _page_links(request: HttpRequest, current: int, last: int) -> list[dict[str, object]]:
    """Numbered page links around ``current`` with the first and last pages; ``None`` marks a gap."""
    numbers = sorted({1, last, *range(max(1, current - PAGE_WINDOW), min(last, current + PAGE_WINDOW) + 1)})
    links: list[dict[str, object]] = []
    previous = 0
    for number in numbers:
        if number - previous > 1:
            links.append({"gap": True})
        query = request.GET.copy()
        query["page"] = str(number)
        links.append({"number": number, "url": f"?{query.urlencode()}", "current": number == current})
        previous = number
    return links
