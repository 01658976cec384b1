"""一窗受理 and 补录 — a window clerk takes an application for the person at the counter.

Step one picks an implementation of the clerk's department (search box); step two answers the
scenario questions (a GET form, so the page shows exactly the materials and form fields that
apply); step three posts the ID card's number and name, the form, the scanned materials and the
delivery choice to ``cases.services.window.case_window_intake``. Back-entry (补录) is the same
page with the date the case was handled off-system; the service accepts only today.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from govhall.cases.form_post import PREFIX, errors_outside, field_views, form_data_from_post, form_row_remove
from govhall.cases.services.drafts import material_is_exempt
from govhall.cases.services.window import WindowApplicant, case_window_intake
from govhall.catalog.application_forms import PROFILE_KEYS, scenario_materials
from govhall.catalog.selectors import implementation_get_live
from govhall.catalog.selectors_portal import implementations_live_for_department
from govhall.identity.models import StaffRole

from ..forms.cases import WindowApplicantForm
from .base import staff_view

MAX_FILES_PER_MATERIAL = 20
PROFILE_PLACEHOLDER = {key: "提交时按身份证信息自动填写" for key in PROFILE_KEYS}
APPLICANT_FIELDS = ("id_number", "name", "phone", "delivery", "delivery_address", "handled_on")


def _scenario_answers(source: Any, scenario: dict[str, Any]) -> dict[str, str]:
    answers = {}
    for question in scenario.get("questions") or []:
        value = (source.get(f"scenario.{question['key']}") or "").strip()
        if value:
            answers[question["key"]] = value[:40]
    return answers


def _implementations(scope: Any, profile: Any, q: str) -> list[Any]:
    if profile.department is None:
        return []
    found = implementations_live_for_department(department=profile.department)
    q = q.strip()
    if q:
        found = found.filter(
            Q(catalog_item__name__contains=q)
            | Q(handling_item__name__contains=q)
            | Q(code__startswith=q)
            | Q(catalog_item__code__startswith=q)
        )
    return list(found[:50])


def _implementation(scope: Any, code: str) -> Any:
    implementation = implementation_get_live(code=code)
    if implementation.department_id != scope.department_id:
        raise PermissionDenied("只能受理本部门实施的事项")
    return implementation


def _scans(request: HttpRequest, positions: list[int]) -> dict[int, list[tuple[str, bytes]]]:
    scans: dict[int, list[tuple[str, bytes]]] = {}
    for position in positions:
        files = request.FILES.getlist(f"material_{position}")[:MAX_FILES_PER_MATERIAL]
        if files:
            scans[position] = [(upload.name, upload.read()) for upload in files]
    return scans


def _split_errors(
    exc: ValidationError, applicant_form: WindowApplicantForm
) -> tuple[dict[str, list[str]], list[str]]:
    """Form-field errors (by path), and the rest — applicant fields go onto the applicant form."""
    form_errors: dict[str, list[str]] = {}
    others: list[str] = []
    if not hasattr(exc, "error_dict"):
        return form_errors, list(exc.messages)
    for key, errors in exc.message_dict.items():
        if key.startswith(PREFIX):
            form_errors[key[len(PREFIX) :]] = errors
        elif key in APPLICANT_FIELDS and key in applicant_form.fields:
            applicant_form.add_error(key, errors)
        else:
            others.extend(errors)
    return form_errors, others


def _intake(request: HttpRequest, *, back_entry: bool) -> HttpResponse:
    scope, profile = request.staff_scope, request.staff_profile  # type: ignore[attr-defined]
    source = request.POST if request.method == "POST" else request.GET
    code = (source.get("code") or "").strip()
    context: dict[str, Any] = {"back_entry": back_entry, "nav": "window", "q": request.GET.get("q", "")}
    if not code:
        context["implementations"] = _implementations(scope, profile, context["q"])
        return render(request, "workbench/cases/window_intake.html", context)
    implementation = _implementation(scope, code)
    version = implementation.published_version
    scenario = version.scenario or {}
    answers = _scenario_answers(source, scenario)
    materials = scenario_materials(list(version.materials.all()), answers)
    applicant_form = WindowApplicantForm(
        request.POST if request.method == "POST" else None, back_entry=back_entry
    )
    form_data: dict[str, Any] = {}
    form_errors: dict[str, list[str]] = {}
    others: list[str] = []
    extra_rows: set[str] = set()
    editing = request.method == "POST" and ("add_row" in request.POST or "remove_row" in request.POST)
    if request.method == "POST":
        form_data = form_data_from_post(version.form_schema or {}, request.POST, scenario_answers=answers)
    if editing:  # 添加一行 / 删除本行 without JavaScript: redisplay, submit nothing
        if "remove_row" in request.POST:
            form_data = form_row_remove(form_data, request.POST["remove_row"])
        else:
            extra_rows = {request.POST["add_row"]}
        applicant_form = WindowApplicantForm(initial=request.POST.dict(), back_entry=back_entry)
        messages.info(request, "表单已更新；提交前请重新选择扫描件")
    elif request.method == "POST":
        scans = _scans(request, [m.position for m in materials])
        if applicant_form.is_valid():
            data = applicant_form.cleaned_data
            try:
                case = case_window_intake(
                    clerk=request.user,
                    who=WindowApplicant(id_number=data["id_number"], name=data["name"], phone=data["phone"]),
                    implementation_code=implementation.code,
                    scenario_answers=answers,
                    form_data=form_data,
                    scans=scans,
                    delivery=data["delivery"],
                    delivery_address=data["delivery_address"],
                    handled_on=data.get("handled_on") if back_entry else None,
                )
            except ValidationError as exc:
                form_errors, others = _split_errors(exc, applicant_form)
            else:
                messages.success(
                    request, f"{'补录' if back_entry else '窗口受理'}成功，办件编号 {case.number}"
                )
                return redirect("workbench:case_detail", number=case.number)
        messages.error(request, "提交未成功，请按提示修改；已选择的扫描件需要重新选择")
    views = field_views(
        version.form_schema or {},
        scenario_answers=answers,
        data=form_data,
        errors=form_errors,
        profile=PROFILE_PLACEHOLDER,
        extra_rows=extra_rows,
    )
    context |= {
        "implementation": implementation,
        "version": version,
        "questions": [
            {**question, "answer": answers.get(question["key"], "")}
            for question in scenario.get("questions") or []
        ],
        "answers": answers,
        "scenario_complete": all(q["key"] in answers for q in scenario.get("questions") or []),
        "materials": [{"material": m, "exempt": material_is_exempt(m)} for m in materials],
        "fields": views,
        "errors": others + errors_outside(form_errors, views),
        "applicant_form": applicant_form,
    }
    return render(request, "workbench/cases/window_intake.html", context)


@staff_view(StaffRole.WINDOW_CLERK)
def window_intake(request: HttpRequest) -> HttpResponse:
    return _intake(request, back_entry=False)


@staff_view(StaffRole.WINDOW_CLERK)
def back_entry(request: HttpRequest) -> HttpResponse:
    return _intake(request, back_entry=True)
