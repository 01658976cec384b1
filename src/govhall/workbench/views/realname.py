"""Window real-name service (窗口实名核验, R-ID.6) — pages for window clerks.

The clerk types the full ID number from the card (exact match through the lookup hash; there is
no list of people and no person id in any URL — the looked-up person is kept in the clerk's
session), sees the masked record, and confirms "已核对身份证原件，人证一致" with the card's
expiry date: ``person_verify_at_window`` raises the account to L2. "显示完整号码" needs a reason
and goes through ``person_id_number_reveal`` (audited); the number is shown once, never stored.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from govhall.identity.models import StaffRole
from govhall.identity.selectors_realname import person_for_window
from govhall.identity.services.realname import person_verify_at_window, person_window_lookup
from govhall.identity.services.reveal import person_id_number_reveal

from ..forms.realname import IdNumberForm, RevealForm, WindowVerifyForm
from .base import staff_view

PERSON_KEY = "workbench.realname_person_id"


def _render_person(request: HttpRequest, person: Any, status: int = 200, **extra: Any) -> HttpResponse:
    context: dict[str, Any] = {
        "person": person,
        "verify_form": WindowVerifyForm(),
        "reveal_form": RevealForm(),
        "nav": "realname",
    }
    context.update(extra)
    return render(request, "workbench/realname/person.html", context, status=status)


def _looked_up(request: HttpRequest) -> Any | None:
    person_id = request.session.get(PERSON_KEY)
    return person_for_window(person_id) if person_id else None


@staff_view(StaffRole.WINDOW_CLERK)
@require_http_methods(["GET", "POST"])
def realname_search(request: HttpRequest) -> HttpResponse:
    """Look a person up by the full ID number (a GET starts over: the last person is forgotten)."""
    if request.method == "GET":
        request.session.pop(PERSON_KEY, None)
    form = IdNumberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = person_window_lookup(clerk=request.user, id_number=form.cleaned_data["id_number"])
        except ValidationError as exc:
            form.add_error("id_number", exc.messages[0])
        else:
            if person is None:
                form.add_error(
                    "id_number", "未找到使用该身份证号码注册的用户，请核对号码，或请申请人先在门户注册"
                )
            else:
                request.session[PERSON_KEY] = person.pk
                return redirect("workbench:realname_person")
    return render(request, "workbench/realname/search.html", {"form": form, "nav": "realname"})


@staff_view(StaffRole.WINDOW_CLERK)
def realname_person(request: HttpRequest) -> HttpResponse:
    """The masked record of the person looked up, with the card check and the reveal forms."""
    person = _looked_up(request)
    if person is None:
        messages.info(request, "请先输入身份证号码查找申请人")
        return redirect("workbench:realname_search")
    return _render_person(request, person)


@staff_view(StaffRole.WINDOW_CLERK)
@require_POST
def realname_verify(request: HttpRequest) -> HttpResponse:
    person = _looked_up(request)
    if person is None:
        messages.info(request, "请先输入身份证号码查找申请人")
        return redirect("workbench:realname_search")
    form = WindowVerifyForm(request.POST)
    if not form.is_valid():
        return _render_person(request, person, status=400, verify_form=form)
    expiry = None if form.cleaned_data["long_term"] else form.cleaned_data["card_expiry"]
    try:
        result = person_verify_at_window(person=person, clerk=request.user, card_expiry=expiry)
    except ValidationError as exc:
        form.add_error("card_expiry", exc.messages[0])
        return _render_person(request, person, status=400, verify_form=form)
    (messages.success if result.raised else messages.info)(request, result.message)
    return redirect("workbench:realname_person")


@staff_view(StaffRole.WINDOW_CLERK)
@require_POST
def realname_reveal(request: HttpRequest) -> HttpResponse:
    person = _looked_up(request)
    if person is None:
        messages.info(request, "请先输入身份证号码查找申请人")
        return redirect("workbench:realname_search")
    form = RevealForm(request.POST)
    if not form.is_valid():
        return _render_person(request, person, status=400, reveal_form=form)
    try:
        full_number = person_id_number_reveal(
            person=person, viewer=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        form.add_error("reason", exc.messages[0])
        return _render_person(request, person, status=400, reveal_form=form)
    response = _render_person(request, person, revealed=full_number)
    response["Cache-Control"] = "no-store"
    return response
