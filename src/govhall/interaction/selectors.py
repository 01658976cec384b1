"""Reads of the interaction context: staff lists and load-and-check getters, the asker's own records,
the public FAQ, departments offered for asking or transferring.

Staff scope (``identity.scope``): department roles see the consultations and complaints their
department currently owns; supervisors see every one in their region and below. Anything outside the
scope is ``DoesNotExist`` (a 404 for pages). The FAQ never exposes the asker or the original wording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from govhall.directory.models import Department, Region
from govhall.identity.models import StaffRole
from govhall.identity.scope import StaffScope

from .models import (
    Complaint,
    ComplaintStatus,
    Consultation,
    ConsultationStatus,
    HotlineTicket,
    InteractionEvent,
)

STAFF_ROLES = (StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD, StaffRole.SUPERVISOR)
LIST_FIELDS = ("department", "region")


def _scoped(scope: StaffScope, queryset: QuerySet[Any]) -> QuerySet[Any]:
    return scope.filter(
        queryset, region_path_field="region__path", department_field="department_id", for_roles=STAFF_ROLES
    )


def consultations_for_staff(scope: StaffScope) -> QuerySet[Consultation]:
    return _scoped(scope, Consultation.objects.all())


def complaints_for_staff(scope: StaffScope) -> QuerySet[Complaint]:
    return _scoped(scope, Complaint.objects.all())


def consultation_get_for_staff(*, scope: StaffScope, id: int) -> Consultation:
    return (
        consultations_for_staff(scope)
        .select_related("department", "first_department", "region", "answered_by__staff_profile")
        .get(pk=id)
    )


def complaint_get_for_staff(*, scope: StaffScope, id: int) -> Complaint:
    return complaints_for_staff(scope).select_related("department", "first_department", "region").get(pk=id)


@dataclass(frozen=True)
class ListFilter:
    kind: str = "consultation"  # consultation | complaint
    status: str = ""
    due: str = ""  # "" | overdue | soon
    q: str = ""


OPEN_COMPLAINT = (ComplaintStatus.SUBMITTED, ComplaintStatus.ACCEPTED)


def interaction_list_for_staff(
    scope: StaffScope, flt: ListFilter, *, today: dt.date | None = None
) -> QuerySet[Any]:
    """The staff list: consultations or complaints in scope, open ones soonest due first."""
    today = today or timezone.localdate()
    if flt.kind == "complaint":
        rows: QuerySet[Any] = complaints_for_staff(scope)
        open_q = Q(status__in=OPEN_COMPLAINT)
    else:
        rows = consultations_for_staff(scope)
        open_q = Q(status=ConsultationStatus.PENDING)
    if flt.status:
        rows = rows.filter(status=flt.status)
    if flt.due == "overdue":
        rows = rows.filter(open_q, due_on__lt=today)
    elif flt.due == "soon":
        rows = rows.filter(open_q, due_on__gte=today, due_on__lte=today + dt.timedelta(days=2))
    q = flt.q.strip()
    if q:
        condition = Q(title__contains=q) | Q(item_name__contains=q)
        if q.isdigit():
            condition |= Q(pk=int(q))
        rows = rows.filter(condition)
    return rows.select_related(*LIST_FIELDS).order_by("-created_at", "-id")


def due_colour(due: dt.date | None, *, open_: bool, today: dt.date | None = None) -> str:
    """红 overdue, 黄 due within 2 days, 绿 otherwise; "none" once answered / closed."""
    if due is None or not open_:
        return "none"
    today = today or timezone.localdate()
    if due < today:
        return "red"
    if (due - today).days <= 2:
        return "yellow"
    return "green"


def events_of(subject: Consultation | Complaint, *, public_only: bool) -> list[InteractionEvent]:
    events = subject.events.select_related("department", "to_department")
    if public_only:
        events = events.filter(public=True)
    return list(events.order_by("at", "id"))


def transfer_targets(*, region: Region, exclude_id: int | None = None) -> QuerySet[Department]:
    """Departments a record may be transferred to: active ones of the region's city and below, and above it."""
    codes = region.ancestor_codes
    city_path = "/".join(codes[:2]) + "/" if len(codes) >= 2 else region.path
    departments = Department.objects.filter(is_active=True).filter(
        Q(region__path__startswith=city_path) | Q(region__code__in=codes)
    )
    if exclude_id is not None:
        departments = departments.exclude(pk=exclude_id)
    return departments.select_related("region").order_by("region__code", "name")


# --- the asker ------------------------------------------------------------------------------------


def consultations_of_user(user: Any) -> QuerySet[Consultation]:
    return Consultation.objects.filter(asker=user).select_related("department").order_by("-created_at", "-id")


def complaints_of_user(user: Any) -> QuerySet[Complaint]:
    return (
        Complaint.objects.filter(complainant=user).select_related("department").order_by("-created_at", "-id")
    )


def consultation_get_for_asker(*, user: Any, id: int) -> Consultation:
    return consultations_of_user(user).get(pk=id)


def complaint_get_for_complainant(*, user: Any, id: int) -> Complaint:
    return complaints_of_user(user).get(pk=id)


# --- the public FAQ -------------------------------------------------------------------------------


def faq_list(
    *, q: str = "", department_id: int | None = None, implementation_code: str = ""
) -> QuerySet[Any]:
    """Published FAQ entries (public wording only, never the asker), newest first."""
    entries = Consultation.objects.filter(faq_published=True)
    if department_id:
        entries = entries.filter(department_id=department_id)
    if implementation_code:
        entries = entries.filter(implementation_code=implementation_code)
    q = (q or "").strip()
    if q:
        entries = entries.filter(
            Q(faq_question__contains=q) | Q(faq_answer__contains=q) | Q(item_name__contains=q)
        )
    return entries.order_by("-faq_published_at", "-id").values(
        "id",
        "faq_question",
        "faq_answer",
        "item_name",
        "implementation_code",
        "department__name",
        "faq_published_at",
    )


def faq_departments() -> QuerySet[Department]:
    """Departments with at least one published FAQ entry (the FAQ page's filter)."""
    ids = Consultation.objects.filter(faq_published=True).values("department_id")
    return Department.objects.filter(pk__in=ids).order_by("region__code", "name")


def departments_for_asking(*, region: Region | None) -> QuerySet[Department]:
    """Departments a visitor may address (the site's region and above, else the whole province)."""
    departments = Department.objects.filter(is_active=True).select_related("region")
    if region is not None:
        departments = departments.filter(region__code__in=region.ancestor_codes)
    return departments.order_by("region__code", "name")


# --- the hotline ----------------------------------------------------------------------------------


def hotline_ticket_get(*, client: Any, ticket_id: str) -> HotlineTicket:
    return HotlineTicket.objects.select_related("consultation__department", "complaint__department").get(
        client=client, ticket_id=ticket_id
    )
