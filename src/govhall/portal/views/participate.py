"""公众参与 pages under /participate/: 意见征集, 在线调查 and 问题与建议 (namespace ``portal``).

Thin views: forms check the shape, ``interaction.surveys.services`` decide (period, who may take
part, once per person) and their Chinese ``ValidationError`` is shown on the page. Submissions
are rate limited per client address (anonymous ones more tightly: ``participation_rate``).
Lists follow the visitor's site (a county's site shows its own items and those above it).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from govhall.identity.selectors import person_for_user
from govhall.interaction.surveys import selectors
from govhall.interaction.surveys.models import Phase, SuggestionCategory
from govhall.interaction.surveys.results import results_public, survey_results
from govhall.interaction.surveys.services import opinion_submit, suggestion_submit, survey_respond

from ..forms_participate import OpinionForm, SuggestionForm, SurveyAnswerForm
from ..site import province_region, render_page, site_for_request

PAGE_SIZE = 15
PHASES = {"open": Phase.OPEN, "closed": Phase.CLOSED, "all": ""}


def participation_rate(group: str, request: HttpRequest) -> str:
    """Anonymous submissions per address are limited more tightly than signed-in ones."""
    if request.user.is_authenticated:
        return str(settings.GOVHALL.get("PARTICIPATION_RATE_SIGNED_IN", "60/h"))
    return str(settings.GOVHALL.get("PARTICIPATION_RATE_ANONYMOUS", "10/h"))


def _render(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    return render_page(
        request,
        template,
        {"nav_area": "interaction"} | context,
        site=site_for_request(request),
        status=status,
    )


def _phase(request: HttpRequest) -> tuple[str, str]:
    key = request.GET.get("phase", "open")
    key = key if key in PHASES else "open"
    return key, PHASES[key]


# 意见征集 ------------------------------------------------------------------------------------


@require_GET
def solicitation_list(request: HttpRequest) -> HttpResponse:
    key, phase = _phase(request)
    site = site_for_request(request)
    page = Paginator(selectors.solicitations_public(region=site.region, phase=phase), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return _render(request, "portal/participate/solicitation_list.html", {"page": page, "phase": key})


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=participation_rate, method="POST", block=True)
def solicitation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        solicitation = selectors.solicitation_get_public(pk=pk)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该内容") from exc
    form = OpinionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opinion_submit(
                user=request.user,
                solicitation_id=solicitation.pk,
                body=form.cleaned_data["body"],
                contact=form.cleaned_data["contact"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, "您的意见已提交，感谢参与！征集结束后将在本页公布意见采纳情况。")
            return redirect("portal:solicitation_detail", pk=solicitation.pk)
    status = 400 if request.method == "POST" else 200
    return _render(
        request,
        "portal/participate/solicitation_detail.html",
        {"solicitation": solicitation, "form": form, "opinion_count": solicitation.opinions.count()},
        status=status,
    )


@require_GET
def solicitation_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        solicitation = selectors.solicitation_get_public(pk=pk)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该内容") from exc
    if not solicitation.attachment:
        raise Http404("该意见征集没有附件")
    response = FileResponse(solicitation.attachment.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=solicitation.attachment_name or "附件.pdf"
    )
    return response


# 在线调查 ------------------------------------------------------------------------------------


@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    key, phase = _phase(request)
    site = site_for_request(request)
    page = Paginator(selectors.surveys_public(region=site.region, phase=phase), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return _render(request, "portal/participate/survey_list.html", {"page": page, "phase": key})


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=participation_rate, method="POST", block=True)
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        survey = selectors.survey_get_public(pk=pk)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该内容") from exc
    person = person_for_user(request.user)
    form = SurveyAnswerForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            survey_respond(user=request.user, survey_id=survey.pk, answers=form.answers())
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, "问卷已提交，感谢您的参与！")
            return redirect("portal:survey_detail", pk=survey.pk)
    context = {
        "survey": survey,
        "form": form,
        "answered": selectors.survey_answered_by(survey=survey, person=person),
        "results_public": results_public(survey),
    }
    return _render(
        request,
        "portal/participate/survey_detail.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def survey_results_page(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        survey = selectors.survey_get_public(pk=pk)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该内容") from exc
    if not results_public(survey):
        raise Http404("该调查的结果尚未公开")
    return _render(
        request, "portal/participate/survey_results.html", {"results": survey_results(survey=survey)}
    )


# 问题与建议 ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=participation_rate, method="POST", block=True)
def suggestion_new(request: HttpRequest) -> HttpResponse:
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        region = site_for_request(request).region or province_region()
        try:
            suggestion_submit(user=request.user, region=region, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, "已收到您的问题与建议，答复后会显示在“我的问题与建议”中。")
            return redirect("portal:suggestion_list")
    return _render(
        request,
        "portal/participate/suggestion_new.html",
        {"form": form, "categories": SuggestionCategory.choices},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def suggestion_list(request: HttpRequest) -> HttpResponse:
    """The caller's own suggestions (when logged in) and the published ones with their replies."""
    mine = (
        list(selectors.suggestions_of_user(user=request.user)[:50]) if request.user.is_authenticated else []
    )
    page = Paginator(selectors.suggestions_published(), PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(request, "portal/participate/suggestion_list.html", {"mine": mine, "page": page})
