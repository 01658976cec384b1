"""办件进度查询 — anyone with a case number and the last 6 characters of the applicant's ID number or
unified social credit code sees the case's public timeline in plain Chinese.

Nothing personal beyond the masked applicant name (张**) is shown: no opinions, no staff names.
A wrong combination answers exactly like an unknown number, and queries are rate limited per
address (``GOVHALL["PROGRESS_RATE"]``, default 10 a minute → the Chinese 429 page), so the page
cannot be used to guess numbers or ID tails.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from govhall.cases.selectors import case_public_progress, timeline
from govhall.core.personal_data import mask_name

from ..case_timeline import STATUS_BADGES, timeline_rows
from ..site import render_page, site_for_request

NOT_FOUND = "未查询到该办件，请核对办件编号和证件号码后六位"


def progress_rate(group: str, request: HttpRequest) -> str:
    return str(settings.GOVHALL.get("PROGRESS_RATE", "10/m"))


@ratelimit(key="ip", rate=progress_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def progress(request: HttpRequest) -> HttpResponse:
    context: dict = {"number": "", "tail": ""}
    status = 200
    if request.method == "POST":
        number = request.POST.get("number", "").strip()[:40]
        tail = request.POST.get("tail", "").strip()[:10]
        context |= {"number": number, "tail": tail}
        errors = {}
        if not number:
            errors["number"] = "请输入办件编号"
        if len(tail) != 6:
            errors["tail"] = "请输入申请人身份证号码或统一社会信用代码的后 6 位"
        case = None if errors else case_public_progress(number, tail)
        if errors:
            context["errors"] = errors
            status = 400
        elif case is None:
            context["not_found"] = NOT_FOUND
            status = 404
        else:
            context |= {
                "case": case,
                "badge": STATUS_BADGES.get(case.status, "badge--muted"),
                "applicant": case.applicant_name if case.enterprise_id else mask_name(case.applicant_name),
                "timeline": timeline_rows(timeline(case, public_only=True), with_opinions=False),
            }
    return render_page(
        request, "portal/cases/progress.html", context, site=site_for_request(request), status=status
    )
