"""办件查询 and the case page: the cases I may see, their export, and one case with everything about it.

Every case is loaded through ``cases.selectors.case_for_staff`` (数据权限: my department's cases, the
cases my department has a task in, a supervisor's region): a case outside the scope is a 404.
Files are streamed only after that check; opening an applicant's material is audited
(``cases.services.access``). The action forms shown are those the viewer may use now — the
services decide again when a form is posted (``case_actions``).
"""

from __future__ import annotations

from io import BytesIO
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from govhall.cases.models import Case, CaseStatus, TaskStatus
from govhall.cases.numbers import case_number_normalise
from govhall.cases.selectors import (
    case_applicant_view,
    case_for_staff,
    cases_for_staff,
    current_materials,
    due_colour,
    inbox,
    open_correction,
    open_tasks,
    timeline,
)
from govhall.cases.services.access import case_document_read, case_list_export_record, case_material_read
from govhall.cases.services.drafts import material_is_exempt
from govhall.cases.services.flow import task_actor_check
from govhall.catalog.application_forms import form_fields, scenario_materials
from govhall.catalog.selectors import version_get_with_content
from govhall.identity.models import StaffRole

from ..forms.cases import (
    TASK_KIND_LABELS,
    AcceptForm,
    CaseFilterForm,
    CorrectionNoteForm,
    DecideForm,
    ExtensionDecideForm,
    ExtensionRequestForm,
    OpinionForm,
    RefuseForm,
    RevealForm,
    SpecialEndForm,
    SpecialStartForm,
    VisitForm,
)
from .base import paginate, query_without_page, staff_view

CASE_ROLES = (StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD, StaffRole.SUPERVISOR)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 50_000
CONTENT_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".png": "image/png"}


# --- the list and its export -----------------------------------------------------------------------


def _filtered(scope: Any, form: CaseFilterForm) -> QuerySet[Case]:
    cases = cases_for_staff(scope)
    if not form.is_valid():
        return cases.none()
    data = form.cleaned_data
    if data["number"].strip():
        number = case_number_normalise(data["number"])
        cases = cases.filter(Q(number=number) | Q(number__startswith=number))
    if data["applicant"].strip():
        cases = cases.filter(applicant_name__contains=data["applicant"].strip())
    if data["status"]:
        cases = cases.filter(status=data["status"])
    if data["channel"]:
        cases = cases.filter(channel=data["channel"])
    if data["date_from"]:
        cases = cases.filter(received_on__gte=data["date_from"])
    if data["date_to"]:
        cases = cases.filter(received_on__lte=data["date_to"])
    return cases.select_related("department").order_by("-submitted_at", "-id")


@require_GET
@staff_view(*CASE_ROLES)
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET)
    page = paginate(request, _filtered(request.staff_scope, form))  # type: ignore[attr-defined]
    return render(
        request,
        "workbench/cases/list.html",
        {"form": form, "page": page, "query": query_without_page(request.GET), "nav": "cases"},
    )


EXPORT_COLUMNS = [
    "办件编号",
    "事项名称",
    "申请人",
    "证件号码",
    "办理部门",
    "渠道",
    "状态",
    "结果",
    "收件日期",
    "受理日期",
    "承诺办结日期",
    "办结时间",
    "到现场次数",
    "补录",
    "逾期视为受理",
]


def _export_row(case: Case) -> list[Any]:
    completed = timezone.localtime(case.completed_at).strftime("%Y-%m-%d %H:%M") if case.completed_at else ""
    return [
        case.number,
        case.item_name,
        case.applicant_name,
        case.applicant_number_masked,
        case.department.name,
        case.get_channel_display(),
        case.get_status_display(),
        case.get_result_display() if case.result else "",
        case.received_on,
        case.accepted_on,
        case.promised_due,
        completed,
        case.visits,
        "是" if case.back_entry else "",
        "是" if case.deemed_accepted else "",
    ]


@require_GET
@staff_view(*CASE_ROLES)
def case_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as .xlsx (names and masked numbers only), its export audited."""
    form = CaseFilterForm(request.GET)
    cases = list(_filtered(request.staff_scope, form)[:EXPORT_LIMIT])  # type: ignore[attr-defined]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("办件")
    sheet.append(EXPORT_COLUMNS)
    for case in cases:
        sheet.append(_export_row(case))
    out = BytesIO()
    workbook.save(out)
    filters = {
        key: str(value)
        for key, value in (form.cleaned_data if form.is_bound and form.is_valid() else {}).items()
        if value
    }
    case_list_export_record(actor=request.user, rows=len(cases), filters=filters)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"办件清单-{timezone.localdate():%Y%m%d}.xlsx"
    )
    return response


# --- the case page -------------------------------------------------------------------------------


def _answer_rows(fields: list[Any], data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for field in fields:
        value = data.get(field.key)
        if field.widget == "repeat":
            items = value if isinstance(value, list) else []
            rows.append(
                {
                    "title": field.title,
                    "repeat": [
                        _answer_rows(list(field.children), item) for item in items if isinstance(item, dict)
                    ],
                }
            )
        elif field.widget == "group":
            rows.append(
                {
                    "title": field.title,
                    "group": _answer_rows(list(field.children), value if isinstance(value, dict) else {}),
                }
            )
        else:
            rows.append({"title": field.title, "value": "" if value is None else value})
    return rows


def _scenario_rows(scenario: dict[str, Any], answers: dict[str, str]) -> list[tuple[str, str]]:
    rows = []
    for question in scenario.get("questions") or []:
        value = answers.get(question.get("key"), "")
        label = next(
            (o.get("label", value) for o in question.get("options") or [] if o.get("value") == value), value
        )
        rows.append((question.get("label", question.get("key")), label or "—"))
    return rows


def _guide(case: Case) -> tuple[list[dict[str, Any]], list[tuple[str, str]], list[Any]]:
    """The answers by the schema's titles, the scenario answers, and the applicable materials of the guide."""
    try:
        version = version_get_with_content(pk=case.version_id)
    except ObjectDoesNotExist:
        return [{"title": key, "value": value} for key, value in case.form_data.items()], [], []
    answers = _answer_rows(form_fields(version.form_schema or {}, case.scenario_answers), case.form_data)
    materials = scenario_materials(list(version.materials.all()), case.scenario_answers)
    return answers, _scenario_rows(version.scenario or {}, case.scenario_answers), materials


def _may_act(task: Any, user: Any) -> bool:
    try:
        task_actor_check(task, user)
    except PermissionDenied:
        return False
    return True


def _actions(case: Case, request: HttpRequest, tasks: list[Any]) -> dict[str, Any]:
    """Which action forms to show the viewer now (the services check again on POST)."""
    scope, user = request.staff_scope, request.user  # type: ignore[attr-defined]
    lead = scope.department_id == case.department_id
    handler = lead and scope.has_role(StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD)
    head = lead and scope.has_role(StaffRole.DEPARTMENT_HEAD)
    mine = [task for task in tasks if _may_act(task, user)]
    accept = next((t for t in mine if t.kind == "accept"), None)
    in_review = case.status == CaseStatus.IN_REVIEW
    pending_extension = case.extensions.filter(approved__isnull=True).first()
    open_procedure = case.special_procedures.filter(ended_on__isnull=True).first()
    return {
        "accept": accept is not None and case.status == CaseStatus.SUBMITTED,
        "awaiting_correction": accept is not None and case.status == CaseStatus.CORRECTION,
        "opinion_tasks": [t for t in mine if t.kind in ("review", "countersign", "preliminary")],
        "decide": any(t.kind == "decide" for t in mine) and in_review,
        "extension_request": handler and in_review and pending_extension is None,
        "extension_pending": pending_extension,
        "extension_decide": head
        and pending_extension is not None
        and pending_extension.requested_by_id != user.pk,
        "special_start": handler and in_review and not case.paused,
        "special_open": open_procedure,
        "special_end": handler and open_procedure is not None,
        "visit": scope.has_role(StaffRole.WINDOW_CLERK) and lead,
        "collected": scope.has_role(StaffRole.WINDOW_CLERK) and lead and case.status == CaseStatus.COMPLETED,
        "claimable": set(inbox(scope).filter(case=case).values_list("pk", flat=True)),
    }


def case_page(
    request: HttpRequest,
    case: Case,
    *,
    revealed: str = "",
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render the case page (also used by the reveal action and by actions whose form has errors)."""
    tasks = open_tasks(case)
    answers, scenario, guide_materials = _guide(case)
    materials = current_materials(case)
    by_position: dict[int, list[Any]] = {}
    for material in materials:
        by_position.setdefault(material.material_position, []).append(material)
    slots = [
        {"material": m, "files": by_position.get(m.position, []), "exempt": material_is_exempt(m)}
        for m in guide_materials
    ]
    known = {m.position for m in guide_materials}
    others = [m for m in materials if m.material_position not in known]
    forms = forms or {}
    context = {
        "case": case,
        "applicant": case_applicant_view(case),
        "revealed": revealed,
        "answers": answers,
        "scenario": scenario,
        "slots": slots,
        "other_materials": others,
        "superseded": list(case.materials.filter(superseded=True)),
        "events": timeline(case, public_only=False),
        "corrections": list(case.corrections.all()),
        "open_correction": open_correction(case),
        "procedures": list(case.special_procedures.all()),
        "extensions": list(case.extensions.select_related("requested_by", "decided_by")),
        "tasks": [
            {"task": t, "colour": due_colour(t.due_on), "kind": TASK_KIND_LABELS.get(t.kind, t.kind)}
            for t in tasks
        ],
        "done_tasks": case.tasks.exclude(status=TaskStatus.OPEN).select_related("department", "completed_by"),
        "co_departments": list(case.co_departments.all()),
        "can": _actions(case, request, tasks),
        "today": timezone.localdate(),
        "nav": "cases",
        "accept_form": forms.get("accept") or AcceptForm(),
        "refuse_form": forms.get("refuse") or RefuseForm(),
        "correction_form": forms.get("correction") or CorrectionNoteForm(),
        "decide_form": forms.get("decide") or DecideForm(),
        "extension_form": forms.get("extension") or ExtensionRequestForm(),
        "extension_decide_form": forms.get("extension_decide") or ExtensionDecideForm(),
        "special_form": forms.get("special") or SpecialStartForm(),
        "special_end_form": forms.get("special_end") or SpecialEndForm(),
        "visit_form": forms.get("visit") or VisitForm(),
        "reveal_form": forms.get("reveal") or RevealForm(),
        "opinion_form": forms.get("opinion") or OpinionForm(),
    }
    return render(request, "workbench/cases/detail.html", context, status=status)


@require_GET
@staff_view(*CASE_ROLES)
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_staff(request.staff_scope, number)  # type: ignore[attr-defined]
    return case_page(request, case)


# --- files (after the scope check) ----------------------------------------------------------------


def _inline(stored: Any, filename: str, content_type: str = "") -> FileResponse:
    suffix = PurePath(stored.name).suffix.lower()
    response = FileResponse(
        stored.open("rb"), content_type=content_type or CONTENT_TYPES.get(suffix, "application/octet-stream")
    )
    response["Content-Disposition"] = content_disposition_header(
        False, filename or PurePath(stored.name).name
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@staff_view(*CASE_ROLES)
def case_material(request: HttpRequest, number: str, material_id: int) -> HttpResponse:
    case = case_for_staff(request.staff_scope, number)  # type: ignore[attr-defined]
    material = case_material_read(actor=request.user, case=case, material_id=material_id)
    return _inline(material.file, material.original_name, material.content_type)


@require_GET
@staff_view(*CASE_ROLES)
def case_event_attachment(request: HttpRequest, number: str, event_id: int) -> HttpResponse:
    case = case_for_staff(request.staff_scope, number)  # type: ignore[attr-defined]
    event = case.events.exclude(attachment="").get(pk=event_id)
    name = event.data.get("attachment_name", "")
    case_document_read(actor=request.user, case=case, document="opinion_attachment", name=name)
    return _inline(event.attachment, name)


@require_GET
@staff_view(*CASE_ROLES)
def case_correction_notice(request: HttpRequest, number: str, correction_id: int) -> HttpResponse:
    case = case_for_staff(request.staff_scope, number)  # type: ignore[attr-defined]
    correction = case.corrections.exclude(notice="").get(pk=correction_id)
    name = f"{case.number}-补正告知书.pdf"
    case_document_read(actor=request.user, case=case, document="correction_notice", name=name)
    return _inline(correction.notice, name)


@require_GET
@staff_view(*CASE_ROLES)
def case_result_document(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_staff(request.staff_scope, number)  # type: ignore[attr-defined]
    if not case.result_document:
        raise ObjectDoesNotExist
    name = f"{case.number}-结果文书.pdf"
    case_document_read(actor=request.user, case=case, document="result_document", name=name)
    return _inline(case.result_document, name)
