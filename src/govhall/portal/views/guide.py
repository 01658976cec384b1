"""办事指南 pages: the guide of a live implementation, its one-time notice PDF, material files, basic items.

Only live implementations (published, not suspended or withdrawn) and their published version
are ever found here: anything else is the Chinese 404 page.
"""

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from govhall.catalog import selectors as catalog
from govhall.catalog.selectors_portal import catalog_item_get_active, material_get_live

from ..guide import guide_build
from ..notice import notice_filename, notice_for_scenario, notice_pdf
from ..site import render_page, site_for_request

if TYPE_CHECKING:
    from govhall.catalog.selectors import ItemImplementation

NOT_LIVE = "未找到该事项，或该事项暂未发布、已暂停办理"
MATERIAL_FILES = {"template": ("template_file", "空白表格"), "sample": ("sample_file", "示例样表")}


def _live_or_404(code: str) -> "ItemImplementation":
    try:
        return catalog.implementation_get_live(code=code)
    except ObjectDoesNotExist as exc:
        raise Http404(NOT_LIVE) from exc


@require_GET
def item_guide(request: HttpRequest, code: str) -> HttpResponse:
    implementation = _live_or_404(code)
    guide = guide_build(implementation)
    return render_page(
        request,
        "portal/guide.html",
        {
            "guide": guide,
            "related": catalog.related_implementations(implementation=implementation),
        },
        site=site_for_request(request),
    )


@require_GET
def item_notice(request: HttpRequest, code: str) -> HttpResponse:
    """一次性告知单 as a PDF download; ``?<question>=<answer>`` narrows it to that scenario's materials."""
    guide, scenario = notice_for_scenario(guide_build(_live_or_404(code)), request.GET)
    response = HttpResponse(notice_pdf(guide, scenario=scenario), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=notice_filename(guide)
    )
    return response


@require_GET
def material_file(request: HttpRequest, code: str, position: int, kind: str) -> FileResponse:
    """The blank form (空白表格) or filled sample (示例样表) of a material of a live guide."""
    if kind not in MATERIAL_FILES:
        raise Http404("未找到该文件")
    field_name, label = MATERIAL_FILES[kind]
    try:
        material = material_get_live(implementation_code=code, position=position)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该文件") from exc
    stored = getattr(material, field_name)
    if not stored or not default_storage.exists(stored.name):
        raise Http404("未找到该文件")
    suffix = PurePosixPath(stored.name).suffix
    return FileResponse(
        default_storage.open(stored.name, "rb"),
        as_attachment=True,
        filename=f"{material.name}-{label}{suffix}",
    )


@require_GET
def basic_item(request: HttpRequest, basic_code: str) -> HttpResponse:
    """A basic-catalog item and where it is implemented, the visitor's region chain first."""
    try:
        item = catalog_item_get_active(code=basic_code)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该基本目录事项") from exc
    site = site_for_request(request)
    implementations = list(catalog.implementations_live_for_basic_code(basic_code=item.code))
    chain = site.chain_codes
    local = [i for i in implementations if not chain or i.region.code in chain]
    elsewhere = [i for i in implementations if chain and i.region.code not in chain]
    return render_page(
        request, "portal/basic.html", {"item": item, "local": local, "elsewhere": elsewhere}, site=site
    )
