"""Which rating stages of a case are open: 受理 once accepted (or deemed accepted) or refused, 办结 once completed.

Pure functions over ``cases.selectors_ratings.CaseForRating``: no query, no write.
"""

from __future__ import annotations

import datetime as dt

from govhall.cases.selectors_ratings import CaseForRating

from .models import Stage


def stage_opened_on(case: CaseForRating, stage: str) -> dt.date | None:
    """The day ``stage`` became ratable for ``case``, or None while it is not."""
    if stage == Stage.ACCEPTANCE:
        if case.accepted_on is not None:
            return case.accepted_on
        return case.completed_on if case.refused else None
    if stage == Stage.COMPLETION:
        return case.completed_on if case.completed else None
    return None


def open_stages(case: CaseForRating) -> list[tuple[str, dt.date]]:
    """Every stage of ``case`` open for rating, in order, with the day it opened."""
    stages = []
    for stage in Stage.values:
        opened = stage_opened_on(case, stage)
        if opened is not None:
            stages.append((stage, opened))
    return stages
