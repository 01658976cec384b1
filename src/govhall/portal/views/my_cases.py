"""我的办件 — the applicant's cases and unsubmitted drafts, one case's page, its correction and withdrawal.

Every case is loaded through ``cases.selectors.case_of_applicant`` (the person's own applications,
or the enterprise's while acting for it): anybody else's case is "not found". Documents (the
correction notice, the result document, uploaded materials, public attachments) are streamed by
``case_document`` after the same check. Writes go through ``case_correction_answer`` (every listed
material at once, answered once) and ``case_withdraw``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from govhall.cases.models import Case, CaseResult
from govhall.cases.selectors import (
    case_of_applicant,
    cases_of_applicant,
    current_materials,
    drafts_of_applicant,
    open_correction,
    timeline,
)
from govhall.cases.selectors_portal import case_version_materials, item_names, usable_licences
from govhall.cases.services.handling import case_correction_answer, case_withdraw
from govhall.cases.uploads import MAX_BYTES

from ..case_timeline import STATUS_BADGES, timeline_rows
from ..site import render_page, site_for_request
from .applications import CONSENT_TEXT, request_applicant

PAGE_SIZE = 10


def _case(request: HttpRequest, number: str) -> tuple[Any, Case]:
    applicant = request_applicant(request)
    try:
        return applicant, case_of_applicant(applicant, number)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该办件") from exc


@login_required
@require_GET
def my_cases(request: HttpRequest) -> HttpResponse:
    applicant = request_applicant(request)
    cases = cases_of_applicant(applicant).only(
        "number", "item_name", "status", "result", "submitted_at", "channel", "licence_identifier"
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    drafts = list(drafts_of_applicant(applicant)[:20]) if page.number == 1 else []
    names = item_names({d.implementation_code for d in drafts})
    return render_page(
        request,
        "portal/cases/list.html",
        {
            "page": page,
            "rows": [(case, STATUS_BADGES.get(case.status, "badge--muted")) for case in page],
            "drafts": [(d, names.get(d.implementation_code, d.implementation_code)) for d in drafts],
            "applicant": applicant,
        },
        site=site_for_request(request),
    )


def _correction_rows(applicant: Any, case: Case, correction: Any) -> list[dict[str, Any]]:
    materials = case_version_materials(case)
    rows = []
    for item in correction.items:
        position = int(item["material_position"])
        material = materials.get(position)
        types = list(material.licence_types or []) if material is not None else []
        rows.append({"item": item, "position": position, "licences": usable_licences(applicant, types)})
    return rows


@login_required
@require_GET
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    applicant, case = _case(request, number)
    correction = open_correction(case)
    events = timeline(case, public_only=True)
    return render_page(
        request,
        "portal/cases/detail.html",
        {
            "case": case,
            "badge": STATUS_BADGES.get(case.status, "badge--muted"),
            "timeline": timeline_rows(events, with_opinions=True),
            "materials": [(m, f"material-{m.pk}") for m in current_materials(case)],
            "correction_document": f"correction-{correction.pk}" if correction else "",
            "correction": correction,
            "correction_rows": _correction_rows(applicant, case, correction) if correction else [],
            "answered_corrections": [c for c in case.corrections.all() if c.answered_at],
            "consent_text": CONSENT_TEXT,
            "can_withdraw": case.is_open and case.result == CaseResult.NONE,
            "max_mb": MAX_BYTES // (1024 * 1024),
        },
        site=site_for_request(request),
    )


def _uploads(request: HttpRequest, positions: list[int]) -> dict[int, list[tuple[str, bytes]]]:
    uploads: dict[int, list[tuple[str, bytes]]] = {}
    for position in positions:
        files = request.FILES.getlist(f"files_{position}") + request.FILES.getlist(f"photo_{position}")
        for upload in files[:20]:
            if upload.size is not None and upload.size > MAX_BYTES:
                raise ValidationError(
                    f"“{upload.name}”超过 {MAX_BYTES // (1024 * 1024)} MB，请压缩或分页扫描后上传"
                )
            uploads.setdefault(position, []).append((upload.name or "材料", upload.read()))
    return uploads


@login_required
@require_POST
def case_correction(request: HttpRequest, number: str) -> HttpResponse:
    """补正: every material the notice lists, in one answer."""
    applicant, case = _case(request, number)
    correction = open_correction(case)
    if correction is None:
        messages.error(request, "该办件没有待补正的事项，补正材料只能提交一次。")
        return redirect("portal:case_detail", case.number)
    positions = [int(item["material_position"]) for item in correction.items]
    licences = {}
    for position in positions:
        identifier = request.POST.get(f"licence_{position}", "").strip()
        if identifier:
            licences[position] = identifier
    try:
        if licences and request.POST.get("consent") != "yes":
            raise ValidationError(f"选用电子证照时请勾选“{CONSENT_TEXT}”")
        case_correction_answer(
            applicant=applicant,
            case=case,
            uploads=_uploads(request, positions),
            licences=licences,
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(f"{case_path(case)}#correction")
    messages.success(request, "补正材料已提交，办理部门将重新审查。")
    return redirect("portal:case_detail", case.number)


def case_path(case: Case) -> str:
    return reverse("portal:case_detail", args=[case.number])


@login_required
@require_POST
def case_withdraw_view(request: HttpRequest, number: str) -> HttpResponse:
    applicant, case = _case(request, number)
    try:
        case_withdraw(applicant=applicant, case=case, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(f"{case_path(case)}#withdraw")
    except PermissionDenied as exc:
        raise Http404("未找到该办件") from exc
    messages.success(request, "申请已撤回。")
    return redirect("portal:case_detail", case.number)


def _document(case: Case, document: str) -> tuple[Any, str]:
    """The stored file and download name of ``document``: result, correction-<id>, material-<id>, event-<id>."""
    kind, _, ident = document.partition("-")
    if kind == "result" and case.result_document:
        return case.result_document, f"{case.number}-结果文书.pdf"
    if not ident.isdigit():
        raise Http404("未找到该文件")
    if kind == "correction":
        row = case.corrections.filter(pk=int(ident)).first()
        if row is not None and row.notice:
            return row.notice, f"{case.number}-补正告知书.pdf"
    elif kind == "material":
        material = case.materials.filter(pk=int(ident)).exclude(file="").first()
        if material is not None:
            return material.file, material.original_name or (material.file.name or "").rsplit("/", 1)[-1]
    elif kind == "event":
        event = case.events.filter(pk=int(ident), public=True).exclude(attachment="").first()
        if event is not None:
            name = event.data.get("attachment_name") or (event.attachment.name or "").rsplit("/", 1)[-1]
            return event.attachment, name
    raise Http404("未找到该文件")


@login_required
@require_GET
def case_document(request: HttpRequest, number: str, document: str) -> FileResponse:
    """A document of one's own case, streamed from storage (correction notice, result, materials)."""
    _, case = _case(request, number)
    stored, filename = _document(case, document)
    if not default_storage.exists(stored.name):
        raise Http404("未找到该文件")
    inline = document.startswith("material-")
    return FileResponse(default_storage.open(stored.name, "rb"), as_attachment=not inline, filename=filename)
