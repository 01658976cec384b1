"""导入导出 and 一致性检查 pages for catalog managers — thin: parse the form, call one catalog function, render.

Everything is limited to the caller's scope (their region and below): the region filters only
offer those regions, exports start from ``implementations_for_manager``, the import runs as the
caller (``items_import`` checks every row's region) and the consistency check is confined to
the chosen region in scope.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from govhall.catalog.consistency import SEVERITY_LABELS, FindingKind, consistency_findings
from govhall.catalog.selectors import implementations_for_manager
from govhall.catalog.selectors_workbench import regions_in_scope
from govhall.catalog.spreadsheet import (
    EXPORT_STATUS_CHOICES,
    blank_template,
    findings_export,
    implementations_exportable,
    implementations_for_export,
    items_export,
    items_import,
)
from govhall.identity.models import StaffProfile

from ..views.base import manager_view, paginate, query_without_page
from .forms import ConsistencyForm, ExportForm, ImportForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEVERITY_BADGES = {"high": "rejected", "medium": "pending", "low": "draft"}  # badge colours: red, amber, grey


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _scope_regions(profile: StaffProfile) -> dict[str, Any]:
    return {region.code: region for region in regions_in_scope(profile=profile)}


def _region_choices(profile: StaffProfile, regions: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (code, f"{'　' * (region.level - profile.region.level)}{region.name}")
        for code, region in regions.items()
    ]


def _today() -> str:
    return timezone.localdate().strftime("%Y%m%d")


@manager_view
def export_page(request: HttpRequest) -> HttpResponse:
    """下载模板/导出: the blank template, or the implementations in scope matching the filters."""
    profile = request.staff_profile  # type: ignore[attr-defined]
    if request.GET.get("blank"):
        return _xlsx_response(blank_template(), "政务服务事项梳理模板.xlsx")
    regions = _scope_regions(profile)
    form = ExportForm(
        request.GET or None,
        regions=_region_choices(profile, regions),
        statuses=[(str(code), str(label)) for code, label in EXPORT_STATUS_CHOICES],
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    region = regions.get(filters.get("region") or "", profile.region)
    implementations = implementations_for_export(
        queryset=implementations_for_manager(profile=profile),
        region_path=region.path,
        basic_code=filters.get("basic_code", ""),
        statuses=[filters["status"]] if filters.get("status") else [],
    )
    include_drafts = bool(filters.get("drafts"))
    if form.is_bound and form.is_valid() and "download" in request.GET:
        content = items_export(implementations_queryset=implementations, include_drafts=include_drafts)
        return _xlsx_response(content, f"事项梳理_{region.name}_{_today()}.xlsx")
    count = implementations_exportable(implementations, include_drafts).count() if not form.errors else 0
    return render(
        request,
        "workbench/catalog_io/export.html",
        {"form": form, "count": count, "region": region, "nav": "io", "tab": "export"},
        status=400 if form.errors else 200,
    )


@manager_view
def import_page(request: HttpRequest) -> HttpResponse:
    """导入: upload a filled-in template; every error in a table, or what was drafted."""
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = items_import(file=upload, user=request.user, filename=upload.name)  # type: ignore[arg-type]
    status = 400 if form.errors or (result is not None and not result.ok) else 200
    return render(
        request,
        "workbench/catalog_io/import.html",
        {
            "form": ImportForm() if result is not None and result.ok else form,
            "result": result,
            "nav": "io",
            "tab": "import",
        },
        status=status,
    )


@manager_view
def consistency_page(request: HttpRequest) -> HttpResponse:
    """一致性检查报告: findings in the chosen region (default: the whole scope), as a table or .xlsx."""
    profile = request.staff_profile  # type: ignore[attr-defined]
    regions = _scope_regions(profile)
    form = ConsistencyForm(request.GET or None, regions=_region_choices(profile, regions))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    region = regions.get(filters.get("region") or "", profile.region)
    findings = (
        []
        if form.errors
        else consistency_findings(region=region, basic_code=filters.get("basic_code") or None)
    )
    if request.GET.get("format") == "xlsx" and not form.errors:
        return _xlsx_response(findings_export(findings), f"一致性检查报告_{region.name}_{_today()}.xlsx")
    counts = {kind: 0 for kind in FindingKind.LABELS}
    for finding in findings:
        counts[finding.kind] += 1
    summary = [
        {
            "kind": kind,
            "label": label,
            "count": counts[kind],
            "severity": FindingKind.SEVERITY[kind],
            "severity_label": SEVERITY_LABELS[FindingKind.SEVERITY[kind]],
        }
        for kind, label in FindingKind.LABELS.items()
    ]
    query = query_without_page(request.GET)
    return render(
        request,
        "workbench/catalog_io/consistency.html",
        {
            "form": form,
            "page": paginate(request, findings),
            "total": len(findings),
            "summary": summary,
            "region": region,
            "query": query,
            "xlsx_query": "&".join(p for p in (query, "format=xlsx") if p),
            "severity_badges": SEVERITY_BADGES,
            "nav": "consistency",
            "tab": "consistency",
        },
        status=400 if form.errors else 200,
    )
