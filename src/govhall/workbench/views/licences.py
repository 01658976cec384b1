"""Staff licence pages: the department's licences, one licence with its events, revoke / cancel with a
reason, the sealed PDF, and the import of existing licences from a department file.

Reads go through ``licences.selectors`` narrowed by the caller's ``StaffScope`` (window clerks,
reviewers and heads see their department's licences, supervisors their region's); changes go
through ``licences.services`` and are allowed to the department's reviewers and heads only.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govhall.licences.documents import data_rows
from govhall.licences.imports import rows_from_file
from govhall.licences.selectors import (
    STAFF_READ_ROLES,
    STAFF_WRITE_ROLES,
    licence_events,
    licence_get_for_staff,
    licence_type_list,
    licences_for_staff,
)
from govhall.licences.services import licence_cancel, licence_import, licence_pdf_read, licence_revoke

from ..forms.licences import LicenceFilterForm, LicenceImportForm, LicenceStatusForm
from .base import paginate, query_without_page, staff_view


def _type_choices() -> list[tuple[str, str]]:
    return [(t.code, f"{t.name}（{t.code}）") for t in licence_type_list()]


@staff_view(*STAFF_READ_ROLES)
@require_GET
def licence_list(request: HttpRequest) -> HttpResponse:
    form = LicenceFilterForm(request.GET or None, types=_type_choices())
    filters = form.cleaned_data if form.is_valid() else {}
    licences = licences_for_staff(
        scope=request.staff_scope,  # type: ignore[attr-defined]
        q=(filters.get("q") or "").strip(),
        status=filters.get("status") or "",
        type_code=filters.get("type_code") or "",
    )
    page = paginate(request, licences)
    rows = [(licence, licence.state(), licence.state_label()) for licence in page.object_list]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query_without_page(request.GET),
        "can_import": request.staff_scope.has_role(*STAFF_WRITE_ROLES)  # type: ignore[attr-defined]
        and request.staff_scope.department_id is not None,  # type: ignore[attr-defined]
        "nav": "licences",
    }
    return render(request, "workbench/licences/list.html", context)


@staff_view(*STAFF_READ_ROLES)
@require_GET
def licence_detail(request: HttpRequest, identifier: str) -> HttpResponse:
    licence = licence_get_for_staff(scope=request.staff_scope, identifier=identifier)  # type: ignore[attr-defined]
    scope = request.staff_scope  # type: ignore[attr-defined]
    can_change = scope.covers(
        region_path=licence.issuer.region.path, department_id=licence.issuer_id, for_roles=STAFF_WRITE_ROLES
    )
    context = {
        "licence": licence,
        "state": licence.state(),
        "state_label": licence.state_label(),
        "rows": data_rows(licence.licence_type.metadata_schema or {}, licence.data),
        "events": licence_events(licence),
        "can_change": can_change and licence.status == "valid",
        "form": LicenceStatusForm(),
        "nav": "licences",
    }
    return render(request, "workbench/licences/detail.html", context)


@staff_view(*STAFF_WRITE_ROLES)
@require_POST
def licence_status_change(request: HttpRequest, identifier: str) -> HttpResponse:
    licence = licence_get_for_staff(
        scope=request.staff_scope,  # type: ignore[attr-defined]
        identifier=identifier,
        write=True,
    )
    form = LicenceStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择操作并填写原因（至少 2 个字）。")
        return redirect("workbench:licence_detail", identifier=licence.identifier)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    service = licence_revoke if action == "revoke" else licence_cancel
    try:
        service(actor=request.user, licence=licence, reason=reason)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(
            request, f"证照已{'撤销' if action == 'revoke' else '注销'}，核验页面即时显示新状态，操作已记录。"
        )
    return redirect("workbench:licence_detail", identifier=licence.identifier)


@staff_view(*STAFF_READ_ROLES)
@require_GET
def licence_pdf_download(request: HttpRequest, identifier: str) -> HttpResponse:
    licence = licence_get_for_staff(scope=request.staff_scope, identifier=identifier)  # type: ignore[attr-defined]
    if not licence.pdf:
        return render(request, "workbench/404.html", status=404)
    response = HttpResponse(
        licence_pdf_read(licence=licence, actor=request.user), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{licence.licence_type.name}-{licence.holder_name}.pdf"
    )
    return response


@staff_view(*STAFF_WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def licence_import_page(request: HttpRequest) -> HttpResponse:
    department = request.staff_profile.department  # type: ignore[attr-defined]
    form = LicenceImportForm(request.POST or None, request.FILES or None, types=_type_choices())
    report = None
    if department is None:
        form.add_error(None, "您的账号未关联部门，不能导入证照。")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = rows_from_file(upload.name, upload.read())
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            report = licence_import(
                actor=request.user,
                type_code=form.cleaned_data["type_code"],
                issuer=department,
                rows=rows,
                base_url=request.build_absolute_uri("/"),
            )
            if report.ok:
                messages.success(
                    request, f"已导入 {len(report.created)} 份证照，并生成加盖电子印章的证照文件。"
                )
                return redirect("workbench:licence_list")
    status = 400 if form.errors or (report is not None and not report.ok) else 200
    context = {"form": form, "report": report, "department": department, "nav": "licences"}
    return render(request, "workbench/licences/import.html", context, status=status)
