"""Cases with chosen clocks for the supervision tests: submitted through the real services, then the
clock columns set as the test needs (the scan reads only those)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from govhall.cases.models import Case, CaseStatus

from ..case_records import Desk, submit_online


def case_with(world: Any, desk: Desk, **fields: Any) -> Case:
    """A case of the world's item whose columns are then set to ``fields``."""
    case = submit_online(world, desk.applicant)
    Case.objects.filter(pk=case.pk).update(**fields)
    case.refresh_from_db()
    return case


def in_review(world: Any, desk: Desk, *, due: dt.date, limit: int = 5, **extra: Any) -> Case:
    """A case in review whose promised limit is ``limit`` working days, due ``due`` (no statutory clock).

    Its open 受理 task keeps no due date, so only the promised clock runs."""
    case = case_with(
        world,
        desk,
        status=CaseStatus.IN_REVIEW,
        accepted_on=due - dt.timedelta(days=30),
        promised_days=limit,
        promised_due=due,
        statutory_days=None,
        statutory_due=None,
        **extra,
    )
    case.tasks.update(due_on=None)
    return case
