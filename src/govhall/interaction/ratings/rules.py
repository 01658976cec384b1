"""The 好差评 rule that applies to a region: its own ``RatingRule`` or the nearest ancestor's (read-only).

Without any rule: rectification within ``DEFAULT_RECTIFICATION_DAYS`` working days, no automatic rating.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import RatingRule

DEFAULT_RECTIFICATION_DAYS = 15


@dataclass(frozen=True)
class EffectiveRule:
    rectification_days: int = DEFAULT_RECTIFICATION_DAYS
    auto_level: str = ""
    auto_after_days: int | None = None
    region_id: int | None = None  # the region whose rule applies (None: the default)

    @property
    def auto(self) -> bool:
        return bool(self.auto_level) and self.auto_after_days is not None


def rule_for_region_path(region_path: str) -> EffectiveRule:
    """The rule of the nearest region on ``region_path`` (``"350000000000/350800000000/…/"``) that has one."""
    codes = [code for code in region_path.split("/") if code]
    rules = {
        row["region__code"]: row
        for row in RatingRule.objects.filter(region__code__in=codes).values(
            "region_id", "region__code", "rectification_days", "auto_level", "auto_after_days"
        )
    }
    for code in reversed(codes):
        row = rules.get(code)
        if row is not None:
            return EffectiveRule(
                rectification_days=row["rectification_days"],
                auto_level=row["auto_level"],
                auto_after_days=row["auto_after_days"],
                region_id=row["region_id"],
            )
    return EffectiveRule()
