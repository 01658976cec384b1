"""Warning rules (预警规则): which rule applies to a region, and the threshold dates of a scan.

A region's rule is its own ``WarningRule`` or, failing that, its nearest ancestor's; without any,
the defaults of the model (yellow at ≤ 1 working day left or ≥ 80 % of the limit used, red when
overdue, the three red irregularities on, escalation after 2 working days, 3 days to answer a notice).

The threshold arithmetic lives here so the scan stays set-based: for a scan day ``today`` only a few
dates are computed in Python with ``core.workdays`` and compared in SQL.

* remaining(due) = ``workdays_between(today, due)`` (0 on the last day itself). It grows with ``due``,
  and remaining(due) ≤ n ⟺ due < ``workdays_add(today, n + 1)`` — the first day with n + 1 working
  days still to go. So "due today" is remaining 0 (yellow, not red), "overdue" is due < today (red).
* "≥ p % of a limit of L working days used" ⟺ L − remaining ≥ L·p/100 ⟺ remaining ≤ ⌊L·(100−p)/100⌋;
  with the remaining-days rule: yellow ⟺ remaining ≤ max(k, ⌊L·(100−p)/100⌋). Cases are grouped
  by their distinct limits L (a handful), one date each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govhall.core.workdays import is_workday, workdays_add, workdays_between
from govhall.directory.models import Region

from .models import WarningRule

OVERDUE_WINDOW_DAYS = 60  # how far back the reason text counts overdue working days exactly


def rule_for_region(region: Region) -> WarningRule:
    """The rule that applies to ``region``: its own, its nearest ancestor's, or the defaults (unsaved)."""
    codes = [code for code in region.path.split("/") if code]
    rules = {
        rule.region.code: rule
        for rule in WarningRule.objects.filter(region__code__in=codes).select_related("region")
    }
    for code in reversed(codes):
        if code in rules:
            return rules[code]
    return WarningRule()


@dataclass(frozen=True)
class RuleGroup:
    """The regions one rule governs: under ``under`` (a region path prefix; "" = everywhere) but not
    under any of ``not_under`` (regions with a rule of their own)."""

    rule: WarningRule
    under: str
    not_under: tuple[str, ...]


def rule_groups() -> list[RuleGroup]:
    """One group per rule, plus the defaults for regions no rule covers (omitted when every top region has one)."""
    rules = list(WarningRule.objects.select_related("region"))
    paths = [rule.region.path for rule in rules]
    groups = [
        RuleGroup(
            rule=rule,
            under=rule.region.path,
            not_under=tuple(p for p in paths if p != rule.region.path and p.startswith(rule.region.path)),
        )
        for rule in rules
    ]
    roots = set(Region.objects.filter(parent__isnull=True).values_list("path", flat=True))
    if not roots <= set(paths):
        top = tuple(p for p in paths if not any(p != q and p.startswith(q) for q in paths))
        groups.append(RuleGroup(rule=WarningRule(), under="", not_under=top))
    return groups


def yellow_margin(rule: WarningRule, limit: int | None) -> int:
    """The largest number of remaining working days that still earns a yellow card."""
    margin = rule.yellow_remaining_days
    if limit is not None and rule.yellow_used_percent:
        margin = max(margin, (limit * (100 - rule.yellow_used_percent)) // 100)
    return margin


def yellow_before(today: dt.date, rule: WarningRule, limit: int | None) -> dt.date:
    """A clock due before this date (and not before ``today``) is yellow."""
    return workdays_add(today, yellow_margin(rule, limit) + 1)


def escalation_cutoff(today: dt.date, days: int) -> dt.date:
    """The latest issue day with at least ``days`` working days elapsed by ``today``
    (issued_on ≤ cutoff ⟺ ``workdays_between(issued_on, today) >= days``)."""
    day, counted = today, 0
    while counted < days:
        if is_workday(day):
            counted += 1
        day -= dt.timedelta(days=1)
    return day


def reason_bands(today: dt.date, ahead: int) -> list[tuple[dt.date, str]]:
    """Ascending ``(upper bound, text)``: a clock due before the bound (and not before the previous one)
    reads ``text`` — "已超期 N 个工作日", "今日到期", "剩余 N 个工作日" — for due dates from
    ``OVERDUE_WINDOW_DAYS`` back to ``ahead`` working days ahead."""
    start = today - dt.timedelta(days=OVERDUE_WINDOW_DAYS)
    bands: list[tuple[dt.date, str]] = [
        (start + dt.timedelta(days=1), f"已超期 {workdays_between(start, today)} 个工作日以上")
    ]
    end = workdays_add(today, ahead + 1)
    day = start + dt.timedelta(days=1)
    while day < end:
        if day < today:
            overdue = workdays_between(day, today)
            text = f"已超期 {overdue} 个工作日" if overdue else "已超期"
        else:
            remaining = workdays_between(today, day)
            text = f"剩余 {remaining} 个工作日" if remaining else "今日到期"
        if bands and bands[-1][1] == text:
            bands[-1] = (day + dt.timedelta(days=1), text)
        else:
            bands.append((day + dt.timedelta(days=1), text))
        day += dt.timedelta(days=1)
    return bands
