"""Reads of the ``cases`` context: the applicant's cases, the public progress query, the staff inbox.

Staff visibility (数据权限, ``identity.scope``): department roles see their department's cases and the
cases in which their department has (or had) a task — co-departments of a parallel approval and
the lower-level department of a preliminary review; supervisors see every case of their region and
below. Catalog managers and operators see no case by those roles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from govhall.identity.models import StaffRole
from govhall.identity.scope import StaffScope

from .models import Case, CaseEvent, CaseMaterial, CaseStatus, CaseTask, Correction, Draft, TaskStatus
from .numbers import case_number_normalise, case_number_valid
from .services.applicants import Applicant
from .services.submit import query_digest

CASE_ROLES = (StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD, StaffRole.SUPERVISOR)


# --- applicants ----------------------------------------------------------------------------------


def cases_of_applicant(applicant: Applicant) -> QuerySet[Case]:
    """我的办件: the enterprise's cases when acting for one, else the person's own applications."""
    if applicant.enterprise is not None:
        return Case.objects.filter(enterprise=applicant.enterprise)
    return Case.objects.filter(applicant=applicant.person, enterprise__isnull=True)


def case_of_applicant(applicant: Applicant, number: str) -> Case:
    return (
        cases_of_applicant(applicant)
        .select_related("department", "region")
        .get(number=case_number_normalise(number))
    )


def drafts_of_applicant(applicant: Applicant) -> QuerySet[Draft]:
    return Draft.objects.filter(
        owner=applicant.user, enterprise=applicant.enterprise, case__isnull=True
    ).order_by("-updated_at")


def case_public_progress(number: str, tail: str) -> Case | None:
    """进度查询: the case if ``tail`` is the last 6 characters of the applicant's ID number or credit code."""
    number = case_number_normalise(number)
    tail = (tail or "").strip().upper()
    if not case_number_valid(number) or len(tail) != 6:
        return None
    return Case.objects.filter(number=number, query_digest=query_digest(number, tail)).first()


def timeline(case: Case, *, public_only: bool) -> list[CaseEvent]:
    events = case.events.select_related("department").order_by("at", "id")
    if public_only:
        events = events.filter(public=True)
    return list(events)


def current_materials(case: Case) -> list[CaseMaterial]:
    return list(case.materials.filter(superseded=False).order_by("material_position", "round", "id"))


def open_correction(case: Case) -> Correction | None:
    return case.corrections.filter(answered_at__isnull=True).order_by("-id").first()


# --- staff ---------------------------------------------------------------------------------------


def cases_for_staff(scope: StaffScope) -> QuerySet[Case]:
    """The cases ``scope`` may see (see the module docstring)."""
    condition = Q(pk__in=[])
    if scope.has_role(StaffRole.SUPERVISOR):
        condition |= Q(region__path__startswith=scope.region_path)
    if (
        scope.has_role(StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD)
        and scope.department_id
    ):
        involved = CaseTask.objects.filter(department_id=scope.department_id).values("case_id")
        condition |= Q(department_id=scope.department_id) | Q(pk__in=involved)
    return Case.objects.filter(condition)


def case_for_staff(scope: StaffScope, number: str) -> Case:
    return (
        cases_for_staff(scope)
        .select_related("department", "region", "applicant", "enterprise")
        .get(number=case_number_normalise(number))
    )


@dataclass(frozen=True)
class InboxFilter:
    kind: str = ""  # accept | review | countersign | preliminary | decide
    mine: str = ""  # "" all | "mine" claimed by me | "unclaimed"
    due: str = ""  # "" | "overdue" | "soon" (≤ 2 days)
    q: str = ""  # case number or item name


def inbox(scope: StaffScope, flt: InboxFilter = InboxFilter()) -> QuerySet[CaseTask]:
    """待办: open tasks of my department for the roles I hold, soonest due first."""
    roles = [
        r for r in (StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD) if r in scope.roles
    ]
    if StaffRole.DEPARTMENT_HEAD in roles:
        roles.append(StaffRole.REVIEWER)
    if not roles or scope.department_id is None:
        return CaseTask.objects.none()
    tasks = CaseTask.objects.filter(department_id=scope.department_id, role__in=roles, status=TaskStatus.OPEN)
    if flt.kind:
        tasks = tasks.filter(kind=flt.kind)
    if flt.mine == "mine":
        tasks = tasks.filter(claimed_by_id=scope.user_id)
    elif flt.mine == "unclaimed":
        tasks = tasks.filter(claimed_by__isnull=True)
    today = timezone.localdate()
    if flt.due == "overdue":
        tasks = tasks.filter(due_on__lt=today)
    elif flt.due == "soon":
        tasks = tasks.filter(due_on__gte=today, due_on__lte=today + dt.timedelta(days=2))
    q = flt.q.strip()
    if q:
        number = case_number_normalise(q)
        tasks = tasks.filter(Q(case__number=number) | Q(case__item_name__contains=q))
    # The inbox shows a case's number, item, applicant and clocks: never load its process state or answers.
    return (
        tasks.select_related("case", "claimed_by")
        .defer("case__workflow_state", "case__form_data", "case__scenario_answers", "case__bundle_items")
        .order_by("due_on", "id")
    )


def due_colour(due: dt.date | None, today: dt.date | None = None) -> str:
    """红 overdue, 黄 due within 2 days, 绿 otherwise (the inbox's due-date colouring)."""
    if due is None:
        return "none"
    today = today or timezone.localdate()
    if due < today:
        return "red"
    if (due - today).days <= 2:
        return "yellow"
    return "green"


def task_for_staff(scope: StaffScope, task_id: Any) -> CaseTask:
    return inbox(scope).get(pk=task_id)


def open_tasks(case: Case) -> list[CaseTask]:
    return list(case.tasks.filter(status=TaskStatus.OPEN).select_related("department", "claimed_by"))


def status_counts(scope: StaffScope) -> dict[str, int]:
    from django.db.models import Count

    rows = cases_for_staff(scope).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows} | {
        "open": sum(
            r["n"]
            for r in rows
            if r["status"] in (CaseStatus.SUBMITTED, CaseStatus.CORRECTION, CaseStatus.IN_REVIEW)
        )
    }


def case_applicant_view(case: Case) -> dict[str, Any]:
    """The applicant as staff see it: names and masked numbers only (reveal is a separate, audited act)."""
    return {
        "name": case.applicant_name,
        "number": case.applicant_number_masked,
        "agent": case.applicant.name if case.enterprise_id else "",
        "agent_id_masked": case.applicant.id_number_masked if case.enterprise_id else "",
    }
