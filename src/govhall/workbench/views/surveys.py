"""Staff pages for 意见征集 and 在线调查 under /workbench/surveys/ (namespace ``workbench``, nav ``surveys``).

Department heads and catalog managers draft, edit, publish and close out their own; supervisors
read everything in their region (opinions, results, exports). Every read goes through
``interaction.surveys.selectors`` narrowed by the caller's ``StaffScope`` (another region's item
is a 404); every change through ``interaction.surveys.services``. Operators, who answer the
suggestions box, land on its inbox.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govhall.interaction.surveys import selectors
from govhall.interaction.surveys.exports import opinions_workbook, survey_workbook
from govhall.interaction.surveys.models import PublishStatus, Solicitation, Survey
from govhall.interaction.surveys.ownership import READ_ROLES, WRITE_ROLES, may_change
from govhall.interaction.surveys.results import survey_results
from govhall.interaction.surveys.selectors import SUGGESTION_ROLES
from govhall.interaction.surveys.services import (
    SolicitationFields,
    SurveyFields,
    opinions_export_record,
    solicitation_create,
    solicitation_feedback_publish,
    solicitation_publish,
    solicitation_update,
    survey_create,
    survey_publish,
    survey_questions_replace,
    survey_results_export_record,
    survey_update,
)

from ..forms.surveys import (
    FeedbackForm,
    PhaseFilterForm,
    QuestionFormSet,
    SolicitationForm,
    SurveyForm,
    question_specs,
)
from .base import paginate, query_without_page, staff_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _can_change(request: HttpRequest, item: Solicitation | Survey) -> bool:
    return may_change(request.staff_scope, region_path=item.region.path, department_id=item.department_id)  # type: ignore[attr-defined]


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _error(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, "；".join(exc.messages))


# 在线调查 ------------------------------------------------------------------------------------


@staff_view(*READ_ROLES, *SUGGESTION_ROLES)
@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    if not scope.has_role(*READ_ROLES):
        return redirect("workbench:suggestion_inbox")
    form = PhaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    surveys = selectors.surveys_for_staff(
        scope=scope, phase=filters.get("phase") or "", q=filters.get("q") or ""
    )
    context = {
        "form": form,
        "page": paginate(request, surveys),
        "query": query_without_page(request.GET),
        "can_create": scope.has_role(*WRITE_ROLES),
        "section": "surveys",
        "nav": "surveys",
    }
    return render(request, "workbench/surveys/survey_list.html", context)


@staff_view(*WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def survey_new(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_create(actor=request.user, scope=request.staff_scope, fields=_survey_fields(form))  # type: ignore[attr-defined]
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "调查草稿已创建，请添加题目。")
            return redirect("workbench:survey_questions", pk=survey.pk)
    return render(
        request, "workbench/surveys/survey_form.html", {"form": form, "survey": None, "nav": "surveys"}
    )


def _survey_fields(form: SurveyForm) -> SurveyFields:
    data = form.cleaned_data
    return SurveyFields(
        title=data["title"],
        description=data["description"],
        opens_on=data["opens_on"],
        closes_on=data["closes_on"],
        participation=data["participation"],
        results_public=data["results_public"],
    )


@staff_view(*READ_ROLES)
@require_GET
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_staff(scope=request.staff_scope, pk=pk)  # type: ignore[attr-defined]
    context = {
        "survey": survey,
        "questions": survey.questions.prefetch_related("options"),
        "responses": survey.responses.count(),
        "can_change": _can_change(request, survey),
        "is_draft": survey.status == PublishStatus.DRAFT,
        "nav": "surveys",
    }
    return render(request, "workbench/surveys/survey_detail.html", context)


@staff_view(*WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_staff(scope=request.staff_scope, pk=pk)  # type: ignore[attr-defined]
    initial = {
        "title": survey.title,
        "description": survey.description,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
        "participation": survey.participation,
        "results_public": survey.results_public,
    }
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            survey_update(
                actor=request.user, scope=request.staff_scope, survey=survey, fields=_survey_fields(form)
            )  # type: ignore[attr-defined]
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "调查设置已保存。")
            return redirect("workbench:survey_detail", pk=survey.pk)
    return render(
        request, "workbench/surveys/survey_form.html", {"form": form, "survey": survey, "nav": "surveys"}
    )


@staff_view(*WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def survey_questions(request: HttpRequest, pk: int) -> HttpResponse:
    """The question editor: a plain form set (order numbers, delete boxes, two blank rows), no script needed."""
    survey = selectors.survey_get_for_staff(scope=request.staff_scope, pk=pk)  # type: ignore[attr-defined]
    initial = [
        {
            "text": q.text,
            "kind": q.kind,
            "required": q.required,
            "options": "\n".join(o.label for o in q.options.all()),
            "ORDER": q.position,
        }
        for q in survey.questions.prefetch_related("options")
    ]
    formset = QuestionFormSet(request.POST or None, initial=initial, prefix="questions")
    if request.method == "POST" and formset.is_valid():
        try:
            survey_questions_replace(
                actor=request.user,
                scope=request.staff_scope,  # type: ignore[attr-defined]
                survey=survey,
                questions=question_specs(formset),
            )
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, "题目已保存。")
            if "add_row" in request.POST:
                return redirect("workbench:survey_questions", pk=survey.pk)
            return redirect("workbench:survey_detail", pk=survey.pk)
    context = {
        "survey": survey,
        "formset": formset,
        "is_draft": survey.status == PublishStatus.DRAFT,
        "nav": "surveys",
    }
    return render(request, "workbench/surveys/survey_questions.html", context)


@staff_view(*WRITE_ROLES)
@require_POST
def survey_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_staff(scope=request.staff_scope, pk=pk)  # type: ignore[attr-defined]
    try:
        survey_publish(actor=request.user, scope=request.staff_scope, survey=survey)  # type: ignore[attr-defined]
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, "调查已发布，公众可在调查期内填写问卷。")
    return redirect("workbench:survey_detail", pk=survey.pk)


@staff_view(*READ_ROLES)
@require_GET
def survey_results_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_staff(scope=request.staff_scope, pk=pk)  # type: ignore[attr-defined]
    return render(
        request,
        "workbench/surveys/survey_results.html",
        {"survey": survey, "results": survey_results(survey=survey), "nav": "surveys"},
    )


@staff_view(*READ_ROLES)
@require_GET
def survey_export(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_staff(scope=request.staff_scope, pk=pk)  # type: ignore[attr-defined]
    content, responses = survey_workbook(survey=survey)
    survey_results_export_record(actor=request.user, survey=survey, responses=responses)
    return _xlsx(content, f"调查结果-{survey.title}.xlsx")


# 意见征集 ------------------------------------------------------------------------------------


@staff_view(*READ_ROLES)
@require_GET
def solicitation_list(request: HttpRequest) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    form = PhaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    solicitations = selectors.solicitations_for_staff(
        scope=scope, phase=filters.get("phase") or "", q=filters.get("q") or ""
    )
    context = {
        "form": form,
        "page": paginate(request, solicitations),
        "query": query_without_page(request.GET),
        "can_create": scope.has_role(*WRITE_ROLES),
        "section": "solicitations",
        "nav": "surveys",
    }
    return render(request, "workbench/surveys/solicitation_list.html", context)


def _solicitation_fields(form: SolicitationForm) -> SolicitationFields:
    data = form.cleaned_data
    return SolicitationFields(
        title=data["title"],
        body=data["body"],
        opens_on=data["opens_on"],
        closes_on=data["closes_on"],
        participation=data["participation"],
        attachment=data.get("attachment") or None,
        remove_attachment=bool(data.get("remove_attachment")),
    )


@staff_view(*WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def solicitation_new(request: HttpRequest) -> HttpResponse:
    form = SolicitationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            solicitation = solicitation_create(
                actor=request.user,
                scope=request.staff_scope,  # type: ignore[attr-defined]
                fields=_solicitation_fields(form),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "意见征集草稿已保存，核对无误后请发布。")
            return redirect("workbench:solicitation_detail", pk=solicitation.pk)
    return render(
        request,
        "workbench/surveys/solicitation_form.html",
        {"form": form, "solicitation": None, "nav": "surveys"},
    )


@staff_view(*WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def solicitation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    solicitation = selectors.solicitation_get_for_staff(scope=request.staff_scope, pk=pk)  # type: ignore[attr-defined]
    initial = {
        "title": solicitation.title,
        "body": solicitation.body,
        "opens_on": solicitation.opens_on,
        "closes_on": solicitation.closes_on,
        "participation": solicitation.participation,
    }
    form = SolicitationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            solicitation_update(
                actor=request.user,
                scope=request.staff_scope,  # type: ignore[attr-defined]
                solicitation=solicitation,
                fields=_solicitation_fields(form),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "意见征集已保存。")
            return redirect("workbench:solicitation_detail", pk=solicitation.pk)
    return render(
        request,
        "workbench/surveys/solicitation_form.html",
        {"form": form, "solicitation": solicitation, "nav": "surveys"},
    )


@staff_view(*READ_ROLES)
@require_GET
def solicitation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    solicitation = selectors.solicitation_get_for_staff(scope=request.staff_scope, pk=pk)  # type: ignore[attr-defined]
    context = {
        "solicitation": solicitation,
        "page": paginate(request, selectors.opinions_of(solicitation=solicitation)),
        "query": query_without_page(request.GET),
        "can_change": _can_change(request, solicitation),
        "is_draft": solicitation.status == PublishStatus.DRAFT,
        "feedback_form": FeedbackForm(initial={"feedback": solicitation.feedback}),
        "nav": "surveys",
    }
    return render(request, "workbench/surveys/solicitation_detail.html", context)


@staff_view(*WRITE_ROLES)
@require_POST
def solicitation_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    solicitation = selectors.solicitation_get_for_staff(scope=request.staff_scope, pk=pk)  # type: ignore[attr-defined]
    try:
        solicitation_publish(actor=request.user, scope=request.staff_scope, solicitation=solicitation)  # type: ignore[attr-defined]
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, "意见征集已发布，公众可在征集期内提交意见。")
    return redirect("workbench:solicitation_detail", pk=solicitation.pk)


@staff_view(*WRITE_ROLES)
@require_POST
def solicitation_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    solicitation = selectors.solicitation_get_for_staff(scope=request.staff_scope, pk=pk)  # type: ignore[attr-defined]
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("workbench:solicitation_detail", pk=solicitation.pk)
    try:
        solicitation_feedback_publish(
            actor=request.user,
            scope=request.staff_scope,  # type: ignore[attr-defined]
            solicitation=solicitation,
            feedback=form.cleaned_data["feedback"],
        )
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, "意见采纳情况已在门户网站公布。")
    return redirect("workbench:solicitation_detail", pk=solicitation.pk)


@staff_view(*READ_ROLES)
@require_GET
def solicitation_export(request: HttpRequest, pk: int) -> HttpResponse:
    solicitation = selectors.solicitation_get_for_staff(scope=request.staff_scope, pk=pk)  # type: ignore[attr-defined]
    content, rows = opinions_workbook(solicitation=solicitation)
    opinions_export_record(actor=request.user, solicitation=solicitation, rows=rows)
    return _xlsx(content, f"征集意见-{solicitation.title}.xlsx")
