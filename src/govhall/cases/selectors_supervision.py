"""Case clocks and irregular handling, as set-based reads for 电子监察 (``supervision``).

Owns the answer to "which clocks are running and when are they due", and "which cases were handled
irregularly" — as ``QuerySet``s of one common shape, so supervision can turn them into warning
cards with one ``INSERT … SELECT`` each, without a loop over cases and without knowing the case
tables. Every queryset here is annotated with:

``clock_due`` (date), ``clock_limit`` (working days, or null), ``clock_subject`` (the case or task id
as text), ``clock_label`` (case number and item, ≤ 300 characters), ``clock_department``,
``clock_region``, ``clock_region_path`` (for the region rules) and ``clock_responsible`` (the user
holding the step, or null: then the department answers).

Never writes; never loops over rows in Python. Paused cases (an open special procedure) have no
running clock: their due dates stand still.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    BigIntegerField,
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Concat, Substr, Trim, TruncDate

from .models import Case, CaseEvent, CaseStatus, CaseTask, EventKind, TaskStatus
from .services.submit import ACCEPT_DAYS

CASE_CLOCKS = ("accept", "promised", "statutory")
TASK_CLOCK = "task"
CLOCKS = (*CASE_CLOCKS, TASK_CLOCK)
IRREGULARITIES = ("refusal_without_reason", "outside_system", "late_back_entry")

LABEL_LENGTH = 300


def _holder() -> Subquery:
    """The user who claimed an open step of the case (the oldest such step), else null."""
    return Subquery(
        CaseTask.objects.filter(case_id=OuterRef("pk"), status=TaskStatus.OPEN, claimed_by__isnull=False)
        .order_by("id")
        .values("claimed_by_id")[:1]
    )


def _case_shape(cases: QuerySet[Case], *, due: Any, limit: Any, responsible: Any) -> QuerySet[Case]:
    return cases.annotate(
        clock_due=due,
        clock_limit=limit,
        clock_subject=Cast("pk", CharField(max_length=40)),
        clock_label=Substr(
            Concat("number", Value(" "), "item_name", output_field=CharField()), 1, LABEL_LENGTH
        ),
        clock_department=F("department_id"),
        clock_region=F("region_id"),
        clock_region_path=F("region__path"),
        clock_responsible=responsible,
    )


def running_clocks(*, clock: str) -> QuerySet[Any]:
    """The running clocks of one kind (``accept``, ``promised``, ``statutory``, ``task``), annotated as above.

    * ``accept`` — cases waiting for acceptance (待受理), due ``accept_due``, limit 5 working days;
    * ``promised`` / ``statutory`` — cases in review, due ``promised_due`` / ``statutory_due`` (extensions
      already applied), limit ``promised_days`` / ``statutory_days`` + ``extension_days``;
    * ``task`` — open steps with a due date (``CaseTask.due_on``) of open, unpaused cases (no limit).
    """
    if clock == TASK_CLOCK:
        return (
            CaseTask.objects.filter(
                status=TaskStatus.OPEN,
                due_on__isnull=False,
                case__paused=False,
                case__status__in=(CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW),
            )
            .annotate(
                clock_due=F("due_on"),
                clock_limit=Value(None, output_field=IntegerField()),
                clock_subject=Cast("pk", CharField(max_length=40)),
                clock_label=Substr(
                    Concat("case__number", Value(" "), "name", output_field=CharField()), 1, LABEL_LENGTH
                ),
                clock_department=F("department_id"),
                clock_region=F("department__region_id"),
                clock_region_path=F("department__region__path"),
                clock_responsible=F("claimed_by_id"),
            )
            .order_by()
        )
    limit: Any
    if clock == "accept":
        cases = Case.objects.filter(status=CaseStatus.SUBMITTED, paused=False)
        due, limit = F("accept_due"), Value(ACCEPT_DAYS, output_field=IntegerField())
    elif clock in ("promised", "statutory"):
        cases = Case.objects.filter(
            status=CaseStatus.IN_REVIEW, paused=False, **{f"{clock}_due__isnull": False}
        )
        due = F(f"{clock}_due")
        limit = F(f"{clock}_days") + F("extension_days")
    else:
        raise ValueError(f"unknown clock {clock!r}")
    return _case_shape(cases, due=due, limit=limit, responsible=_holder()).order_by()


def clock_limits(*, clock: str) -> list[int]:
    """The distinct limits (working days) of the running clocks of ``clock`` — a handful of values."""
    if clock == TASK_CLOCK:
        return []
    values = running_clocks(clock=clock).values_list("clock_limit", flat=True).distinct()
    return sorted(value for value in values if value is not None)


def clock_running_subject(*, clock: str, subject: Any, due_on_or_before: Any) -> QuerySet[Any]:
    """The running clock of ``subject`` (an id expression, e.g. ``OuterRef``) due no later than
    ``due_on_or_before`` — for ``Exists``: a card whose clock is not found here is cured."""
    model_id = Cast(subject, BigIntegerField())
    return running_clocks(clock=clock).filter(pk=model_id, clock_due__lte=due_on_or_before)


def irregular_cases(*, kind: str, since: dt.date) -> QuerySet[Case]:
    """Cases handled irregularly since ``since`` (a short look-back keeps this cheap), annotated as above.

    * ``refusal_without_reason`` — 不予受理 whose refusal event carries no reason (responsible: who refused);
    * ``outside_system`` — 体外循环: decided (已办结) without ever being accepted in the system
      (no acceptance date, not deemed accepted), i.e. the decision was taken off the platform's steps;
    * ``late_back_entry`` — 补录 later than the day the case was handled off-system (``handled_on`` before
      the day of receipt); same-day back-entry is allowed.
    """
    if kind == "refusal_without_reason":
        reasoned = (
            CaseEvent.objects.filter(case_id=OuterRef("pk"), kind=EventKind.REFUSED)
            .annotate(text=Trim("opinion"))
            .exclude(text="")
        )
        refuser = Subquery(
            CaseEvent.objects.filter(case_id=OuterRef("pk"), kind=EventKind.REFUSED)
            .order_by("-at")
            .values("actor_id")[:1]
        )
        cases = Case.objects.filter(status=CaseStatus.REFUSED, completed_at__date__gte=since).exclude(
            Exists(reasoned)
        )
        return _case_shape(cases, due=TruncDate("completed_at"), limit=_none(), responsible=refuser)
    if kind == "outside_system":
        cases = Case.objects.filter(
            status=CaseStatus.COMPLETED,
            completed_at__date__gte=since,
            accepted_on__isnull=True,
            deemed_accepted=False,
        )
        return _case_shape(cases, due=TruncDate("completed_at"), limit=_none(), responsible=_none())
    if kind == "late_back_entry":
        cases = Case.objects.filter(back_entry=True, received_on__gte=since, handled_on__lt=F("received_on"))
        return _case_shape(cases, due=F("handled_on"), limit=_none(), responsible=_none())
    raise ValueError(f"unknown irregularity {kind!r}")


def _none() -> Value:
    return Value(None, output_field=IntegerField())


def case_subject(*, number: str) -> dict[str, Any] | None:
    """A case by number, as a supervision subject: id, label, department, region (None if unknown)."""
    row = (
        Case.objects.filter(number=number.strip().upper())
        .values("pk", "number", "item_name", "department_id", "region_id")
        .first()
    )
    if row is None:
        return None
    return {
        "id": str(row["pk"]),
        "label": f"{row['number']} {row['item_name']}"[:LABEL_LENGTH],
        "department_id": row["department_id"],
        "region_id": row["region_id"],
        "number": row["number"],
    }


def case_numbers_with(*, case_ids: list[int]) -> dict[int, str]:
    """Case numbers of ``case_ids`` (one query) — for links from cards to case pages."""
    return dict(Case.objects.filter(pk__in=case_ids).values_list("pk", "number"))


def task_cases(*, task_ids: list[int]) -> dict[int, str]:
    """The case number of each task of ``task_ids`` (one query)."""
    return dict(CaseTask.objects.filter(pk__in=task_ids).values_list("pk", "case__number"))
