"""Reads of cases for 好差评 (``interaction.ratings``): what a rating needs to know about a case.

Read-only by design: ratings never write case tables. Every function returns ``CaseForRating`` snapshots
(number, item, department, region, applicant, and the facts that open a rating stage: acceptance,
refusal, completion), so the ratings context never holds a ``Case`` instance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from govhall.identity.models import Person

from .models import Case, CaseEvent, CaseStatus
from .numbers import case_number_normalise
from .selectors import case_of_applicant
from .services.applicants import Applicant

_FIELDS = (
    "id",
    "number",
    "item_name",
    "department_id",
    "department__name",
    "region_id",
    "region__path",
    "applicant_id",
    "applicant__user_id",
    "applicant__name",
    "applicant_name",
    "status",
    "accepted_on",
    "completed_at",
)


@dataclass(frozen=True)
class CaseForRating:
    id: int
    number: str
    item_name: str
    department_id: int
    department_name: str
    region_id: int
    region_path: str
    applicant_person_id: int
    applicant_user_id: int
    applicant_person_name: str
    applicant_name: str  # the applicant as the case names it (an enterprise for an agent's application)
    status: str
    accepted_on: dt.date | None
    completed_on: dt.date | None  # completion or refusal date (local)

    @property
    def refused(self) -> bool:
        return self.status == CaseStatus.REFUSED

    @property
    def completed(self) -> bool:
        return self.status == CaseStatus.COMPLETED


def _snapshot(row: dict[str, Any]) -> CaseForRating:
    completed_at = row["completed_at"]
    return CaseForRating(
        id=row["id"],
        number=row["number"],
        item_name=row["item_name"],
        department_id=row["department_id"],
        department_name=row["department__name"],
        region_id=row["region_id"],
        region_path=row["region__path"],
        applicant_person_id=row["applicant_id"],
        applicant_user_id=row["applicant__user_id"],
        applicant_person_name=row["applicant__name"],
        applicant_name=row["applicant_name"],
        status=row["status"],
        accepted_on=row["accepted_on"],
        completed_on=timezone.localdate(completed_at) if completed_at else None,
    )


def _rows(cases: QuerySet[Case]) -> list[CaseForRating]:
    return [_snapshot(row) for row in cases.values(*_FIELDS)]


def case_for_rating(*, case_id: int) -> CaseForRating:
    """The case ``case_id`` (``Case.DoesNotExist`` if there is none)."""
    rows = _rows(Case.objects.filter(pk=case_id))
    if not rows:
        raise Case.DoesNotExist("未找到该办件")
    return rows[0]


def case_for_rating_by_number(*, number: str) -> CaseForRating:
    rows = _rows(Case.objects.filter(number=case_number_normalise(number)))
    if not rows:
        raise Case.DoesNotExist("未找到该办件")
    return rows[0]


def case_for_rating_of_applicant(*, applicant: Applicant, number: str) -> CaseForRating:
    """One of the applicant's own cases (the person's, or the enterprise's while acting for it)."""
    case = case_of_applicant(applicant, number)
    return case_for_rating(case_id=case.pk)


def cases_for_rating(*, ids: Iterable[int]) -> dict[int, CaseForRating]:
    return {row.id: row for row in _rows(Case.objects.filter(pk__in=list(ids)))}


def cases_reaching_rating_stages(*, since: dt.date, until: dt.date) -> list[CaseForRating]:
    """Cases accepted, refused or completed on a day in [since, until] — candidates for invitations and
    automatic ratings (one query)."""
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min))
    ended = Q(
        status__in=[CaseStatus.COMPLETED, CaseStatus.REFUSED], completed_at__gte=start, completed_at__lt=end
    )
    accepted = Q(accepted_on__gte=since, accepted_on__lte=until)
    return _rows(Case.objects.filter(accepted | ended).order_by("id"))


def case_handled_by_department_on(*, case_id: int, department_id: int, day: dt.date) -> bool:
    """Whether the case is the department's and something happened on it on ``day`` (acceptance, a visit
    at the window, a result collected …) — what an on-site rating device may rate."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    end = start + dt.timedelta(days=1)
    return CaseEvent.objects.filter(
        case_id=case_id, case__department_id=department_id, at__gte=start, at__lt=end
    ).exists()


def case_applicant_person(*, case_id: int) -> Person:
    """The person who applied (the agent for an enterprise) — the rater, to be notified."""
    return Person.objects.select_related("user").get(
        pk=Case.objects.filter(pk=case_id).values("applicant_id")[:1]
    )
