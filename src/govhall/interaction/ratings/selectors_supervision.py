"""What 电子监察 reads from 好差评 (the contract with ``supervision``): overdue rectifications for the
monitors, the rating indicators per region and department, and the poor ratings' follow-up.

Set-based reads only (``.values()``, GROUP BY); never writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import CharField, Count, F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat

from govhall.identity.models import StaffRole
from govhall.identity.scope import StaffScope

from .models import POOR_SCORE_MAX, SATISFIED_SCORE_MIN, Rating, Rectification, RectificationStatus


def rectifications_overdue(*, today: dt.date) -> Iterable[dict[str, Any]]:
    """Open rectifications past their deadline, one dict per rectification (the monitor's rows)."""
    rectifications: Any = Rectification.objects.filter(status=RectificationStatus.OPEN, due_on__lt=today)
    return (
        rectifications.annotate(
            subject_type=Value("rectification"),
            subject_id=Cast("id", output_field=CharField()),
            subject_label=Concat(
                Value("差评整改 "), F("rating__case_number"), Value(" "), F("rating__item_name")
            ),
            responsible_id=Value(None, output_field=IntegerField()),
            reason=Concat(
                Value("差评整改逾期未完成（整改期限 "), Cast("due_on", output_field=CharField()), Value("）")
            ),
        )
        .values(
            "subject_type",
            "subject_id",
            "subject_label",
            "department_id",
            "region_id",
            "due_on",
            "responsible_id",
            "reason",
        )
        .order_by("due_on", "id")
    )


def rating_indicator_rows(*, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Per (region, department) of the rated cases, ratings given in [start, end] that are not excluded by
    an accepted appeal: ``ratings`` (current ones: a re-rating replaces the first), ``satisfied`` (of those,
    score ≥ 6), ``poor`` (of those, score ≤ 3) and ``rectified`` (poor ratings given in the period —
    current or since replaced by a re-rating — whose rectification is done). One GROUP BY query."""
    current = Q(current=True)
    ratings: Any = Rating.objects.filter(rated_on__gte=start, rated_on__lte=end, excluded=False)
    return list(
        ratings.values("region_id", "department_id")
        .annotate(
            ratings=Count("id", filter=current),
            satisfied=Count("id", filter=current & Q(score__gte=SATISFIED_SCORE_MIN)),
            poor=Count("id", filter=current & Q(score__lte=POOR_SCORE_MAX)),
            rectified=Count(
                "id", filter=Q(score__lte=POOR_SCORE_MAX, rectification__status=RectificationStatus.DONE)
            ),
        )
        .order_by("region_id", "department_id")
    )


def poor_ratings_for_supervisor(*, scope: StaffScope, status: str = "") -> QuerySet[Rating]:
    """差评跟踪: every poor rating of the supervisor's region and below (replaced ones too: the follow-up is
    what matters), with its rectification, appeal and number of return visits; newest first.
    ``status`` narrows to the rectification's status (open / done / cancelled)."""
    ratings = scope.filter(
        Rating.objects.filter(score__lte=POOR_SCORE_MAX),
        region_path_field="region__path",
        department_field="department_id",
        for_roles=(
            StaffRole.SUPERVISOR,
            StaffRole.WINDOW_CLERK,
            StaffRole.REVIEWER,
            StaffRole.DEPARTMENT_HEAD,
        ),
    )
    if status:
        ratings = ratings.filter(rectification__status=status)
    return (
        ratings.select_related("department", "region", "rectification", "appeal")
        .annotate(visit_count=Count("rectification__visits"))
        .order_by("-rated_at", "-id")
    )
