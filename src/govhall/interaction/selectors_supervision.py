"""What supervision reads from the interaction context (the contract with the supervision helpers).

Set-based: the overdue monitors are ``.values()`` querysets and the indicator rows come from one
GROUP BY per table — no per-row Python. Read-only; no personal data (askers, contacts) is returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import CharField, Count, F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat

from .models import Complaint, ComplaintStatus, Consultation, ConsultationStatus

OPEN_COMPLAINT = (ComplaintStatus.SUBMITTED, ComplaintStatus.ACCEPTED, ComplaintStatus.REPLIED)


def _overdue_values(queryset: Any, *, subject_type: str, label_prefix: str, reason_prefix: str) -> Any:
    return queryset.values(
        "department_id",
        "region_id",
        "due_on",
        subject_type=Value(subject_type, output_field=CharField()),
        subject_id=Cast("id", output_field=CharField()),
        subject_label=Concat(Value(label_prefix), F("title"), output_field=CharField()),
        responsible_id=Value(None, output_field=IntegerField()),
        reason=Concat(
            Value(reason_prefix),
            Cast("due_on", output_field=CharField()),
            Value("，已逾期"),
            output_field=CharField(),
        ),
    ).order_by("due_on", "id")


def consultations_overdue(*, today: dt.date) -> Iterable[dict[str, Any]]:
    """Unanswered consultations past their answer deadline."""
    return _overdue_values(
        Consultation.objects.filter(status=ConsultationStatus.PENDING, due_on__lt=today),
        subject_type="consultation",
        label_prefix="咨询：",
        reason_prefix="咨询答复期限 ",
    )


def complaints_overdue(*, today: dt.date) -> Iterable[dict[str, Any]]:
    """Complaints not closed past their handling deadline (a reply awaiting confirmation is not closed)."""
    return _overdue_values(
        Complaint.objects.filter(status__in=OPEN_COMPLAINT, due_on__lt=today),
        subject_type="complaint",
        label_prefix="投诉举报：",
        reason_prefix="投诉举报办理期限 ",
    )


def interaction_subject(*, subject_type: str, subject_id: str) -> dict[str, Any] | None:
    """``{label, department_id, region_id}`` of a consultation or complaint, or None."""
    if not str(subject_id).isdigit():
        return None
    rows: QuerySet[Any]
    if subject_type == "consultation":
        rows, prefix = Consultation.objects.all(), "咨询："
    elif subject_type == "complaint":
        rows, prefix = Complaint.objects.all(), "投诉举报："
    else:
        return None
    row = rows.filter(pk=int(subject_id)).values("title", "department_id", "region_id").first()
    if row is None:
        return None
    return {
        "label": prefix + row["title"],
        "department_id": row["department_id"],
        "region_id": row["region_id"],
    }


def interaction_indicator_rows(*, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Per (region_id, department_id): consultations received in [start, end] and how many were answered by
    their deadline; complaints received in [start, end] and how many are closed (confirmed, closed after the
    confirmation period, closed by staff, or rejected as not admissible)."""
    received = Q(received_on__gte=start, received_on__lte=end)
    rows: dict[tuple[int, int], dict[str, Any]] = {}

    def row(region_id: int, department_id: int) -> dict[str, Any]:
        return rows.setdefault(
            (region_id, department_id),
            {
                "region_id": region_id,
                "department_id": department_id,
                "consultations": 0,
                "consultations_replied_on_time": 0,
                "complaints": 0,
                "complaints_closed": 0,
            },
        )

    consultations = (
        Consultation.objects.filter(received)
        .values("region_id", "department_id")
        .annotate(
            n=Count("id"),
            on_time=Count("id", filter=Q(answered_on__isnull=False, answered_on__lte=F("due_on"))),
        )
        .order_by()
    )
    for asked in consultations:
        target = row(asked["region_id"], asked["department_id"])
        target["consultations"] = asked["n"]
        target["consultations_replied_on_time"] = asked["on_time"]
    complaints = (
        Complaint.objects.filter(received)
        .values("region_id", "department_id")
        .annotate(
            n=Count("id"),
            closed=Count("id", filter=Q(status__in=(ComplaintStatus.CLOSED, ComplaintStatus.REJECTED))),
        )
        .order_by()
    )
    for filed in complaints:
        target = row(filed["region_id"], filed["department_id"])
        target["complaints"] = filed["n"]
        target["complaints_closed"] = filed["closed"]
    return sorted(rows.values(), key=lambda r: (r["region_id"], r["department_id"]))
