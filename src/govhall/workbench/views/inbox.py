"""待办 — the staff inbox: open tasks of my department for my roles, claim / release, bulk claim.

Reads come from ``cases.selectors.inbox`` (department and role filtered there); claiming and
releasing go through ``cases.services.handling``. Bulk claim is the one bulk action: claiming is
safe to repeat and each task is checked and audited on its own; tasks a colleague took meanwhile
are reported, not overwritten.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from govhall.cases.selectors import InboxFilter, due_colour, inbox, task_for_staff
from govhall.cases.services.handling import task_claim, task_release
from govhall.identity.models import StaffRole
from govhall.supervision.selectors import open_card_counts, open_card_levels_for

from ..forms.cases import TASK_KIND_LABELS, TASK_KINDS, InboxFilterForm
from .base import paginate, query_without_page, staff_view

DEPARTMENT_ROLES = (StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD)
BULK_LIMIT = 100


@staff_view(*DEPARTMENT_ROLES)
def inbox_page(request: HttpRequest) -> HttpResponse:
    scope = request.staff_scope  # type: ignore[attr-defined]
    form = InboxFilterForm(request.GET or None)
    flt = InboxFilter(**form.cleaned_data) if form.is_valid() else InboxFilter()
    counts = dict(inbox(scope).order_by().values_list("kind").annotate(n=Count("id")))
    page = paginate(request, inbox(scope, flt))
    today = timezone.localdate()
    # 红黄牌: the worst open card of each row's case or task (one query) and my department's totals.
    levels = open_card_levels_for(case_ids=[t.case_id for t in page], task_ids=[t.pk for t in page])
    rows = [
        {
            "task": task,
            "colour": due_colour(task.due_on, today),
            "kind": TASK_KIND_LABELS.get(task.kind, task.kind),
            "card": "red"
            if "red" in (levels.get(("case", str(task.case_id))), levels.get(("task", str(task.pk))))
            else levels.get(("case", str(task.case_id))) or levels.get(("task", str(task.pk))),
        }
        for task in page
    ]
    return render(
        request,
        "workbench/cases/inbox.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query_without_page(request.GET),
            "kind_counts": [(kind, label, counts.get(kind, 0)) for kind, label in TASK_KINDS],
            "total": sum(counts.values()),
            "open_cards": open_card_counts(scope),
            "nav": "inbox",
        },
    )


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("workbench:inbox")


@require_POST
@staff_view(*DEPARTMENT_ROLES)
def task_claim_view(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_for_staff(request.staff_scope, task_id)  # type: ignore[attr-defined]
    try:
        task_claim(actor=request.user, task=task)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, f"已签收：{task.case.number} {task.name}")
    return _back(request)


@require_POST
@staff_view(*DEPARTMENT_ROLES)
def task_release_view(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_for_staff(request.staff_scope, task_id)  # type: ignore[attr-defined]
    try:
        task_release(actor=request.user, task=task, reason=request.POST.get("reason", ""))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已退回待办：{task.case.number} {task.name}")
    return _back(request)


@require_POST
@staff_view(*DEPARTMENT_ROLES)
def task_claim_bulk(request: HttpRequest) -> HttpResponse:
    """批量签收: every selected task of my inbox that nobody else holds; the rest are named in the message."""
    scope = request.staff_scope  # type: ignore[attr-defined]
    wanted = {int(value) for value in request.POST.getlist("task") if value.isdigit()}
    if not wanted:
        messages.error(request, "请先勾选要签收的待办")
        return _back(request)
    if len(wanted) > BULK_LIMIT:
        messages.error(request, f"一次最多签收 {BULK_LIMIT} 件")
        return _back(request)
    claimed, skipped = 0, []
    for task in inbox(scope).filter(pk__in=wanted):
        if task.claimed_by_id and task.claimed_by_id != request.user.pk:
            skipped.append(task.case.number)
            continue
        try:
            task_claim(actor=request.user, task=task)
        except (ValidationError, PermissionDenied):
            skipped.append(task.case.number)
        else:
            claimed += 1
    gone = len(wanted) - claimed - len(skipped)
    messages.success(request, f"已签收 {claimed} 件待办")
    if skipped:
        messages.warning(request, f"以下办件已由其他工作人员签收，未签收：{'、'.join(skipped)}")
    if gone > 0:
        messages.warning(request, f"{gone} 件待办已办结或不在您的待办中，未签收")
    return _back(request)
