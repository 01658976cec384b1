"""The case page's actions: one POST URL each, a thin call to one ``cases`` service.

The case is loaded through ``case_for_staff`` (outside my scope: 404). A valid form calls the
service; success returns to the case page with a Chinese message. A form error or the service's
``ValidationError`` re-renders the case page with the message and the posted text kept — nothing
was changed (the service's transaction rolled back). ``PermissionDenied`` from a service becomes
the Chinese 403 page (``staff_view``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from govhall.cases.models import Case
from govhall.cases.selectors import case_for_staff
from govhall.cases.services import handling
from govhall.identity.services.reveal import person_id_number_reveal

from ..forms.cases import (
    AcceptForm,
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
from .base import staff_view
from .cases import CASE_ROLES, case_page

MAX_ATTACHMENT = 20 * 1024 * 1024


def _errors_into(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _form_messages(form: forms.Form) -> str:
    return "；".join(error for errors in form.errors.values() for error in errors)


def _run(
    request: HttpRequest,
    case: Case,
    key: str,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, done)
            return redirect("workbench:case_detail", number=case.number)
    messages.error(request, f"操作未完成：{_form_messages(form)}")
    return case_page(request, case, forms={key: form})


def case_action(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """POST only, staff with a case role, the case loaded within the caller's scope."""

    def wrapper(request: HttpRequest, number: str, *args: Any, **kwargs: Any) -> HttpResponse:
        case = case_for_staff(request.staff_scope, number)  # type: ignore[attr-defined]
        return view(request, case, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return require_POST(staff_view(*CASE_ROLES)(wrapper))


@case_action
def case_accept(request: HttpRequest, case: Case) -> HttpResponse:
    return _run(
        request,
        case,
        "accept",
        AcceptForm(request.POST),
        lambda d: handling.case_accept(actor=request.user, case=case, opinion=d["opinion"]),
        "已受理，办理时限开始计算",
    )


@case_action
def case_refuse(request: HttpRequest, case: Case) -> HttpResponse:
    return _run(
        request,
        case,
        "refuse",
        RefuseForm(request.POST),
        lambda d: handling.case_refuse(actor=request.user, case=case, reason=d["reason"]),
        "已作出不予受理决定，不予受理通知书已生成并告知申请人",
    )


@case_action
def case_correction_request(request: HttpRequest, case: Case) -> HttpResponse:
    """一次性告知补正: every ticked material with its problem, in one notice."""
    picked = [value for value in request.POST.getlist("pick") if value.isdigit()]
    items = [{"material_position": int(p), "problem": request.POST.get(f"problem_{p}", "")} for p in picked]

    def call(data: dict[str, Any]) -> Any:
        return handling.case_correction_request(actor=request.user, case=case, items=items, note=data["note"])

    return _run(
        request,
        case,
        "correction",
        CorrectionNoteForm(request.POST),
        call,
        f"已发出一次性补正告知（{len(items)} 项材料），等待申请人补正",
    )


def _attachment(upload: Any) -> tuple[str, bytes] | None:
    if upload is None:
        return None
    if upload.size > MAX_ATTACHMENT:
        raise ValidationError({"attachment": ["附件超过 20 MB"]})
    return upload.name, upload.read()


@case_action
def case_opinion(request: HttpRequest, case: Case) -> HttpResponse:
    form = OpinionForm(request.POST, request.FILES)

    def call(data: dict[str, Any]) -> Any:
        task = case.tasks.get(pk=data["task"])
        return handling.case_opinion(
            actor=request.user,
            case=case,
            task=task,
            opinion=data["opinion"],
            agree=data["agree"],
            attachment=_attachment(data.get("attachment")),
        )

    return _run(request, case, "opinion", form, call, "意见已提交，办件转入下一环节")


@case_action
def case_decide(request: HttpRequest, case: Case) -> HttpResponse:
    form = DecideForm(request.POST)

    def call(data: dict[str, Any]) -> Any:
        return handling.case_decide(
            actor=request.user, case=case, approve=data["decision"] == "approve", opinion=data["opinion"]
        )

    done = (
        "已作出决定，办件已办结"
        if request.POST.get("decision") != "deny"
        else "已作出不予许可决定，办件已办结"
    )
    return _run(request, case, "decide", form, call, done)


@case_action
def case_extension_request(request: HttpRequest, case: Case) -> HttpResponse:
    return _run(
        request,
        case,
        "extension",
        ExtensionRequestForm(request.POST),
        lambda d: handling.extension_request(
            actor=request.user, case=case, days=d["days"], reason=d["reason"]
        ),
        "延期申请已提交，等待部门负责人审批",
    )


@case_action
def case_extension_decide(request: HttpRequest, case: Case, extension_id: int) -> HttpResponse:
    extension = case.extensions.get(pk=extension_id)
    return _run(
        request,
        case,
        "extension_decide",
        ExtensionDecideForm(request.POST),
        lambda d: handling.extension_decide(
            actor=request.user, extension=extension, approve=d["decision"] == "approve", opinion=d["opinion"]
        ),
        "延期申请已审批",
    )


@case_action
def case_special_start(request: HttpRequest, case: Case) -> HttpResponse:
    return _run(
        request,
        case,
        "special",
        SpecialStartForm(request.POST),
        lambda d: handling.special_start(
            actor=request.user,
            case=case,
            kind=d["kind"],
            reason=d["reason"],
            expected_days=d["expected_days"],
        ),
        "特别程序已启动，办理时限暂停计算，已告知申请人",
    )


@case_action
def case_special_end(request: HttpRequest, case: Case, procedure_id: int) -> HttpResponse:
    procedure = case.special_procedures.get(pk=procedure_id)
    return _run(
        request,
        case,
        "special_end",
        SpecialEndForm(request.POST),
        lambda d: handling.special_end(actor=request.user, procedure=procedure, outcome=d["outcome"]),
        "特别程序已结束，办理时限恢复计算",
    )


@case_action
def case_visit(request: HttpRequest, case: Case) -> HttpResponse:
    return _run(
        request,
        case,
        "visit",
        VisitForm(request.POST),
        lambda d: handling.case_visit_record(actor=request.user, case=case, purpose=d["purpose"]),
        "已登记到现场",
    )


@case_action
def case_result_collected(request: HttpRequest, case: Case) -> HttpResponse:
    return _run(
        request,
        case,
        "collected",
        forms.Form(request.POST),
        lambda d: handling.case_result_collected(actor=request.user, case=case),
        "已登记窗口领取结果",
    )


@case_action
def case_reveal(request: HttpRequest, case: Case) -> HttpResponse:
    """查看完整身份证号码: shown on this response only, the reason audited."""
    form = RevealForm(request.POST)
    if form.is_valid():
        try:
            number = person_id_number_reveal(
                person=case.applicant, viewer=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            return case_page(request, case, revealed=number)
    messages.error(request, f"操作未完成：{_form_messages(form)}")
    return case_page(request, case, forms={"reveal": form})
