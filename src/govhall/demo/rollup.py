"""Demo: the indicators' daily rollup over the demo cases, so the dashboard shows figures at once.

The first load rebuilds the whole rollup; later loads refresh the recent days as the periodic scan
would. Writes only through the rollup's services."""

from django.utils import timezone

from govhall.supervision.rollup.selectors import rollup_refreshed_at
from govhall.supervision.rollup.services import rollup_rebuild, rollup_refresh_recent


def rollup_demo_load() -> int:
    """Rebuild (first load) or refresh the recent days; returns the day rows written."""
    today = timezone.localdate()
    if rollup_refreshed_at() is None:
        return sum(result.day_rows for result in rollup_rebuild(today=today))
    return rollup_refresh_recent(today).day_rows
