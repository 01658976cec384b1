"""好差评 pages for citizens: rate from the case page (web), from an SMS link without logging in, and on a
window's rating device (评价器); the thank-you page.

Thin: each page loads the case through ``cases.selectors_ratings`` (the applicant's own case, the case a
signed link names, or a case the device's department handled today) and calls one ratings service.
Refusals are Chinese pages — an expired or forged link, a case of another department — never a 500.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from govhall.cases.selectors_ratings import (
    CaseForRating,
    case_for_rating,
    case_for_rating_by_number,
    case_for_rating_of_applicant,
)
from govhall.interaction.ratings.devices import (
    device_may_rate,
    rating_device_for_key,
    rating_give_on_device,
)
from govhall.interaction.ratings.links import LinkExpired, LinkInvalid, rating_link_read
from govhall.interaction.ratings.models import Level, RatingChannel, Stage
from govhall.interaction.ratings.selectors import StageState, rating_stage_states
from govhall.interaction.ratings.services import rating_give

from ..site import render_page, site_for_request
from .applications import request_applicant

DEVICE_COOKIE = "govhall_rating_device"
DEVICE_COOKIE_MAX_AGE = 5 * 365 * 24 * 3600
FACES = [
    (Level.VERY_SATISFIED, "非常满意", "face-5"),
    (Level.SATISFIED, "满意", "face-4"),
    (Level.BASIC, "基本满意", "face-3"),
    (Level.DISSATISFIED, "不满意", "face-2"),
    (Level.VERY_DISSATISFIED, "非常不满意", "face-1"),
]


def _state(case: CaseForRating, stage: str) -> StageState:
    for state in rating_stage_states(case):
        if state.stage == stage:
            return state
    raise Http404("未找到该评价环节")


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render_page(
        request,
        template,
        {"faces": FACES, "nav_area": "ratings"} | context,
        site=site_for_request(request),
        status=status,
    )


def _rate(request: HttpRequest, case: CaseForRating, stage: str, **kwargs: Any) -> list[str]:
    """Call the service with the posted level and comment; the Chinese errors, if any."""
    try:
        rating_give(
            case=case,
            stage=stage,
            level=request.POST.get("level", ""),
            comment=request.POST.get("comment", ""),
            **kwargs,
        )
    except ValidationError as exc:
        return list(exc.messages)
    return []


@login_required
@require_http_methods(["GET", "POST"])
def rating_new(request: HttpRequest, number: str, stage: str) -> HttpResponse:
    """网上评价: the applicant rates a stage of their own case (or rates again after a rectification)."""
    try:
        case = case_for_rating_of_applicant(applicant=request_applicant(request), number=number)
    except (ObjectDoesNotExist, PermissionDenied) as exc:
        raise Http404("未找到该办件") from exc
    if stage not in Stage.values:
        raise Http404("未找到该评价环节")
    state = _state(case, stage)
    errors: list[str] = []
    if request.method == "POST" and state.can_rate:
        errors = _rate(request, case, stage, channel=RatingChannel.WEB, rater=request.user)
        if not errors:
            return redirect(reverse("portal:rating_done") + f"?case={case.number}")
    return _page(
        request,
        "portal/ratings/rate.html",
        {
            "case": case,
            "state": state,
            "errors": errors,
            "back": reverse("portal:case_detail", args=[case.number]),
        },
        status=400 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
def rating_sms(request: HttpRequest, token: str) -> HttpResponse:
    """短信评价: the signed link names the case and stage; no login. Expired or forged links are refused."""
    try:
        target = rating_link_read(token)
        case = case_for_rating(case_id=target.case_id)
    except LinkExpired:
        return _page(request, "portal/ratings/link_refused.html", {"reason": "expired"}, status=410)
    except (LinkInvalid, ObjectDoesNotExist):
        return _page(request, "portal/ratings/link_refused.html", {"reason": "invalid"}, status=400)
    state = _state(case, target.stage)
    errors: list[str] = []
    if request.method == "POST" and state.can_rate:
        errors = _rate(
            request,
            case,
            target.stage,
            channel=RatingChannel.SMS,
            rater=None,
            actor_label="评价人（短信链接）",
        )
        if not errors:
            return redirect(reverse("portal:rating_done") + f"?case={case.number}")
    return _page(
        request, "portal/ratings/rate.html", {"case": case, "state": state, "errors": errors, "sms": True}
    )


@require_GET
def rating_done(request: HttpRequest) -> HttpResponse:
    return _page(request, "portal/ratings/done.html", {"number": request.GET.get("case", "")[:32]})


# --- the on-site device (评价器) -------------------------------------------------------------------


def _device(request: HttpRequest) -> Any:
    return rating_device_for_key(request.COOKIES.get(DEVICE_COOKIE, ""))


def _device_page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, template, {"faces": FACES} | context, status=status)


@require_GET
def rating_device_pair(request: HttpRequest, key: str) -> HttpResponse:
    """Opened once on the tablet with the key shown at registration: keeps the key in a cookie."""
    device = rating_device_for_key(key)
    if device is None:
        return _device_page(request, "portal/ratings/device_refused.html", {"reason": "unknown"}, status=403)
    response = redirect("portal:rating_device")
    response.set_cookie(
        DEVICE_COOKIE,
        key,
        max_age=DEVICE_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Strict",
        secure=request.is_secure(),
    )
    return response


@require_http_methods(["GET", "POST"])
def rating_device(request: HttpRequest) -> HttpResponse:
    """The device's start page: the clerk enters the number of the case just handled at the counter."""
    device = _device(request)
    if device is None:
        return _device_page(request, "portal/ratings/device_refused.html", {"reason": "unknown"}, status=403)
    error = ""
    if request.method == "POST":
        number = request.POST.get("number", "").strip()
        try:
            case = case_for_rating_by_number(number=number)
        except ObjectDoesNotExist:
            case = None
        if case is None or not device_may_rate(device=device, case=case):
            error = "本评价器只能评价本部门今天办理的办件，请核对办件编号"
        else:
            return redirect("portal:rating_device_rate", case.number)
    return _device_page(
        request,
        "portal/ratings/device_start.html",
        {"device": device, "error": error},
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
def rating_device_rate(request: HttpRequest, number: str) -> HttpResponse:
    """Five big faces for the stage of the case open now (the latest open stage)."""
    device = _device(request)
    if device is None:
        return _device_page(request, "portal/ratings/device_refused.html", {"reason": "unknown"}, status=403)
    try:
        case = case_for_rating_by_number(number=number)
    except ObjectDoesNotExist:
        case = None
    if case is None or not device_may_rate(device=device, case=case):
        return _device_page(
            request, "portal/ratings/device_refused.html", {"reason": "case", "device": device}, status=403
        )
    ratable = [s for s in rating_stage_states(case) if s.can_rate]
    state = ratable[-1] if ratable else None
    if request.method == "POST" and state is not None:
        try:
            rating_give_on_device(
                device=device, case=case, stage=state.stage, level=request.POST.get("level", "")
            )
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            return _device_page(
                request,
                "portal/ratings/device_rate.html",
                {"device": device, "case": case, "state": state, "errors": messages},
                status=400,
            )
        return _device_page(request, "portal/ratings/device_thanks.html", {"device": device, "case": case})
    return _device_page(
        request, "portal/ratings/device_rate.html", {"device": device, "case": case, "state": state}
    )
