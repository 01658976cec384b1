"""互动交流 — the public's consultation and complaint pages: the landing page, asking (on an item page or in
general), the FAQ, complaining or reporting (anonymous reports without logging in), and my consultations
and complaints with confirm / reopen.

Thin: forms check shape, ``interaction.services`` decide, ``interaction.selectors`` load records only for
their owner (anybody else's record is "not found"). Every page sets ``nav_area = "interaction"``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govhall.catalog.selectors import implementation_for_case
from govhall.interaction import selectors
from govhall.interaction.services.complaints import complaint_confirm, complaint_reopen, complaint_submit
from govhall.interaction.services.consultations import consultation_ask

from ..forms_interaction import ComplaintForm, ConsultationForm, ReasonForm
from ..site import render_page, site_for_request

PAGE_SIZE = 10
STATUS_BADGES = {
    "pending": "badge--warn",
    "answered": "badge--open",
    "submitted": "badge--warn",
    "accepted": "badge--warn",
    "replied": "badge--open",
    "closed": "badge--closed",
    "rejected": "badge--muted",
}


def _render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render_page(
        request,
        template,
        {"nav_area": "interaction"} | context,
        site=site_for_request(request),
        status=status,
    )


def _errors_into(form: Any, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    aliases = aliases or {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            name = aliases.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_GET
def interaction_home(request: HttpRequest) -> HttpResponse:
    return _render(request, "portal/interaction/home.html", {"faq": list(selectors.faq_list()[:5])})


def _item(code: str) -> Any:
    if not code:
        return None
    try:
        return implementation_for_case(code=code)
    except ObjectDoesNotExist:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def consultation_new(request: HttpRequest) -> HttpResponse:
    site = site_for_request(request)
    departments = selectors.departments_for_asking(region=site.region)
    code = (request.POST.get("item") if request.method == "POST" else request.GET.get("item")) or ""
    item = _item(code.strip())
    form = ConsultationForm(
        request.POST or None, departments=departments, initial={"item": item.code if item else ""}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = consultation_ask(
                asker=request.user,
                title=data["title"],
                question=data["question"],
                implementation_code=item.code if item else "",
                department=data["department"],
                region=site.region or (data["department"].region if data["department"] else None),
            )
        except ValidationError as exc:
            _errors_into(form, exc, {"question": "question", "implementation_code": "item"})
        else:
            messages.success(request, f"咨询已提交，答复期限为 {consultation.due_on:%Y年%m月%d日}。")
            return redirect("portal:consultation_detail", consultation.pk)
    return _render(request, "portal/interaction/consultation_new.html", {"form": form, "item": item})


@login_required
@require_GET
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        consultation = selectors.consultation_get_for_asker(user=request.user, id=pk)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该咨询") from exc
    return _render(
        request,
        "portal/interaction/consultation_detail.html",
        {
            "consultation": consultation,
            "badge": STATUS_BADGES.get(consultation.status, "badge--muted"),
            "events": selectors.events_of(consultation, public_only=True),
        },
    )


@require_GET
def faq(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    department = request.GET.get("department", "")
    department_id = int(department) if department.isdigit() else None
    item = request.GET.get("item", "").strip()[:48]
    page = Paginator(
        selectors.faq_list(q=q, department_id=department_id, implementation_code=item), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in (("q", q), ("department", department), ("item", item)) if v])
    return _render(
        request,
        "portal/interaction/faq.html",
        {
            "page": page,
            "q": q,
            "item": item,
            "department_id": department_id,
            "departments": selectors.faq_departments(),
            "query": query,
        },
    )


@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    site = site_for_request(request)
    departments = selectors.departments_for_asking(region=site.region)
    logged_in = request.user.is_authenticated
    initial = {"item": request.GET.get("item", ""), "case_number": request.GET.get("case", "")}
    if not logged_in:
        initial |= {"kind": "report", "anonymous": True}
    form = ComplaintForm(request.POST or None, departments=departments, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        anonymous = data["anonymous"] or not logged_in
        try:
            complaint = complaint_submit(
                complainant=request.user if logged_in else None,
                kind=data["kind"],
                subject=data["subject"],
                title=data["title"],
                content=data["content"],
                case_number=data["case_number"],
                implementation_code=data["item"],
                department=data["department"],
                region=site.region,
                window_name=data["window_name"],
                anonymous=anonymous,
                contact_phone=data["contact_phone"],
            )
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                form.add_error(None, str(exc))
            else:
                _errors_into(form, exc, {"implementation_code": "item"})
        else:
            if logged_in:
                messages.success(request, f"已提交，办理期限为 {complaint.due_on:%Y年%m月%d日}。")
                return redirect("portal:complaint_detail", complaint.pk)
            return _render(request, "portal/interaction/complaint_received.html", {"complaint": complaint})
    return _render(request, "portal/interaction/complaint_new.html", {"form": form, "logged_in": logged_in})


def _own_complaint(request: HttpRequest, pk: int) -> Any:
    try:
        return selectors.complaint_get_for_complainant(user=request.user, id=pk)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该投诉举报") from exc


@login_required
@require_GET
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _own_complaint(request, pk)
    return _render(
        request,
        "portal/interaction/complaint_detail.html",
        {
            "complaint": complaint,
            "badge": STATUS_BADGES.get(complaint.status, "badge--muted"),
            "events": selectors.events_of(complaint, public_only=True),
            "reopen_form": ReasonForm(),
        },
    )


@login_required
@require_POST
def complaint_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _own_complaint(request, pk)
    try:
        complaint_confirm(complainant=request.user, complaint=complaint)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, "感谢您的确认，该投诉举报已办结。")
    return redirect("portal:complaint_detail", complaint.pk)


@login_required
@require_POST
def complaint_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _own_complaint(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写不满意的理由")
        return redirect("portal:complaint_detail", complaint.pk)
    try:
        complaint_reopen(complainant=request.user, complaint=complaint, reason=form.cleaned_data["reason"])
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, "已退回承办部门重新办理。")
    return redirect("portal:complaint_detail", complaint.pk)


@login_required
@require_GET
def my_interactions(request: HttpRequest) -> HttpResponse:
    consultations = Paginator(selectors.consultations_of_user(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    complaints = list(selectors.complaints_of_user(request.user)[:50])
    return _render(
        request,
        "portal/interaction/mine.html",
        {
            "page": consultations,
            "consultations": [(c, STATUS_BADGES.get(c.status, "badge--muted")) for c in consultations],
            "complaints": [(c, STATUS_BADGES.get(c.status, "badge--muted")) for c in complaints],
        },
    )
