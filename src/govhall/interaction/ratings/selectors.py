"""Reads of 好差评: staff lists and detail (narrowed by ``identity.scope``), the appeal queue, the state of
a case's stages for the rating pages, devices. Never writes.

Staff scope: window clerks, reviewers and department heads see their department's ratings; supervisors
every rating of their region and below (a city supervisor sees its counties).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from govhall.cases.selectors_ratings import CaseForRating
from govhall.identity.models import StaffRole
from govhall.identity.scope import StaffScope

from .models import (
    POOR_SCORE_MAX,
    Appeal,
    AppealStatus,
    Rating,
    RatingDevice,
    Rectification,
    RectificationStatus,
    Stage,
)

READ_ROLES = (StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD, StaffRole.SUPERVISOR)
DEPARTMENT_READ_ROLES = (StaffRole.WINDOW_CLERK, StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD)


@dataclass(frozen=True)
class RatingFilter:
    level: str = ""
    stage: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    poor: bool = False
    q: str = ""  # case number or item name


def ratings_for_staff(*, scope: StaffScope, flt: RatingFilter = RatingFilter()) -> QuerySet[Rating]:
    """Ratings the caller may see — current ones (re-rated history is on the detail page) — newest first."""
    ratings = scope.filter(
        Rating.objects.filter(current=True),
        region_path_field="region__path",
        department_field="department_id",
        for_roles=READ_ROLES,
    )
    if flt.level:
        ratings = ratings.filter(level=flt.level)
    if flt.stage:
        ratings = ratings.filter(stage=flt.stage)
    if flt.since:
        ratings = ratings.filter(rated_on__gte=flt.since)
    if flt.until:
        ratings = ratings.filter(rated_on__lte=flt.until)
    if flt.poor:
        ratings = ratings.filter(score__lte=POOR_SCORE_MAX)
    q = flt.q.strip()
    if q:
        ratings = ratings.filter(Q(case_number=q.upper()) | Q(item_name__contains=q))
    return ratings.select_related("department", "rectification", "appeal").order_by("-rated_at", "-id")


def rating_get_for_staff(*, scope: StaffScope, rating_id: int) -> Rating:
    """One rating in the caller's scope (``Rating.DoesNotExist`` otherwise), with its follow-up loaded."""
    ratings = scope.filter(
        Rating.objects.all(),
        region_path_field="region__path",
        department_field="department_id",
        for_roles=READ_ROLES,
    )
    return ratings.select_related("department", "region", "rectification", "appeal").get(pk=rating_id)


def rating_history(rating: Rating) -> list[Rating]:
    """Every rating of the same case and stage, first round first (the re-rating replaces the first)."""
    return list(Rating.objects.filter(case_id=rating.case_id, stage=rating.stage).order_by("round"))


def return_visits(rectification: Rectification | None) -> list:
    if rectification is None:
        return []
    return list(rectification.visits.select_related("recorded_by").order_by("visited_on", "id"))


def appeals_for_supervisor(*, scope: StaffScope, status: str = AppealStatus.PENDING) -> QuerySet[Appeal]:
    """申诉复核队列: appeals of the supervisor's region and below, oldest first."""
    appeals = scope.filter(
        Appeal.objects.all(),
        region_path_field="region__path",
        department_field=None,
        for_roles=(StaffRole.SUPERVISOR,),
    )
    if status:
        appeals = appeals.filter(status=status)
    return appeals.select_related("rating", "department", "filed_by").order_by("filed_at", "id")


def due_colour(due: dt.date | None, status: str, today: dt.date | None = None) -> str:
    """An open rectification: red when overdue, yellow when ≤ 3 days remain, else green; none when closed."""
    if due is None or status != RectificationStatus.OPEN:
        return "none"
    today = today or timezone.localdate()
    if due < today:
        return "red"
    if (due - today).days <= 3:
        return "yellow"
    return "green"


# --- citizens --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageState:
    stage: str
    label: str
    opened_on: dt.date | None
    state: str  # "closed" (not ratable yet) | "open" | "rerate" (after rectification) | "rated"
    rating: Rating | None

    @property
    def can_rate(self) -> bool:
        return self.state in ("open", "rerate")


def rating_stage_states(case: CaseForRating) -> list[StageState]:
    """The case's stages for the rating pages: ratable now, ratable again, rated, or not yet (one query)."""
    from .services import MAX_ROUNDS
    from .stages import stage_opened_on

    current = {
        r.stage: r
        for r in Rating.objects.filter(case_id=case.id, current=True).select_related("rectification")
    }
    states = []
    for stage in Stage:
        opened = stage_opened_on(case, stage)
        rating = current.get(stage.value)
        if opened is None:
            state = "closed"
        elif rating is None:
            state = "open"
        else:
            rectification = getattr(rating, "rectification", None)
            rerate = (
                rating.poor
                and not rating.excluded
                and rating.round < MAX_ROUNDS
                and rectification is not None
                and rectification.status == RectificationStatus.DONE
            )
            state = "rerate" if rerate else "rated"
        states.append(StageState(stage.value, stage.label, opened, state, rating))
    return states


def devices_for_staff(*, scope: StaffScope) -> QuerySet[RatingDevice]:
    """Devices a department head (own department) or an operator (region and below) manages."""
    condition = Q(pk__in=[])
    if scope.has_role(StaffRole.OPERATOR):
        condition |= Q(department__region__path__startswith=scope.region_path)
    if scope.has_role(StaffRole.DEPARTMENT_HEAD) and scope.department_id:
        condition |= Q(department_id=scope.department_id)
    return (
        RatingDevice.objects.filter(condition)
        .select_related("department", "registered_by")
        .order_by("department__name", "name", "id")
    )
