"""Monitors beyond cases (监察对象): sources of warning candidates that are not case clocks.

A monitor is a function ``(today) -> iterable of candidate dicts``; each candidate has exactly the
keys ``subject_type, subject_id, subject_label, department_id, region_id, due_on, responsible_id,
reason`` plus ``rule`` (the card's rule code) and ``level`` (``yellow`` / ``red``). The scan inserts
them with ``bulk_create(ignore_conflicts=True)`` (the card's unique constraint keeps it idempotent)
and closes the open cards of each monitor's rules that the monitor no longer reports (cured).

``MONITORS`` is the registry: adding a source is one entry. The interaction sources — consultations
not answered in time, complaints not closed in time, poor ratings not rectified — are provided by
the ``interaction`` context as functions of the same shape and registered in ``INTERACTION_MONITORS``.
Monitors only read other contexts through their public selectors; they never write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone

from govhall.catalog.selectors_supervision import implementations_not_onboarded
from govhall.core.workdays import workdays_add, workdays_between
from govhall.interaction.ratings.selectors_supervision import rectifications_overdue
from govhall.interaction.selectors_supervision import complaints_overdue, consultations_overdue

from .models import Card, CardLevel, CardStatus, SubjectType

Candidate = dict[str, Any]
Monitor = Callable[[dt.date], Iterable[Candidate]]
CANDIDATE_KEYS = frozenset(
    {
        "subject_type",
        "subject_id",
        "subject_label",
        "department_id",
        "region_id",
        "due_on",
        "responsible_id",
        "reason",
        "rule",
        "level",
    }
)

ONBOARDING_RULE = "catalog_onboarding"
ONBOARDING_YELLOW_DAYS = 10  # working days in draft before a yellow card (事项未上线)
ONBOARDING_RED_DAYS = 20  # … and before a red one


def catalog_onboarding(today: dt.date) -> Iterable[Candidate]:
    """事项未上线: implementations still in draft (never published) ``ONBOARDING_YELLOW_DAYS`` working
    days after they were created get a yellow card, after ``ONBOARDING_RED_DAYS`` a red one."""
    oldest_allowed = today - dt.timedelta(days=ONBOARDING_YELLOW_DAYS)  # cheap pre-filter (calendar days)
    for row in implementations_not_onboarded(created_before=oldest_allowed):
        waited = workdays_between(row["created_on"], today)
        if waited < ONBOARDING_YELLOW_DAYS:
            continue
        due_on = workdays_add(row["created_on"], ONBOARDING_RED_DAYS)
        level = CardLevel.RED if waited >= ONBOARDING_RED_DAYS else CardLevel.YELLOW
        yield {
            "subject_type": SubjectType.ITEM,
            "subject_id": str(row["id"]),
            "subject_label": row["label"],
            "department_id": row["department_id"],
            "region_id": row["region_id"],
            "due_on": due_on,
            "responsible_id": None,
            "reason": f"实施清单未发布上线，已录入 {waited} 个工作日（应于 {due_on} 前上线）",
            "rule": ONBOARDING_RULE,
            "level": level,
        }


def _overdue_red(rule: str, source: Callable[..., Iterable[Candidate]]) -> Monitor:
    """A monitor of ``source``'s overdue subjects (the interaction contract: card keys without rule and
    level): each is a red card of ``rule`` — past its deadline is the only state they report."""

    def monitor(today: dt.date) -> Iterable[Candidate]:
        for row in source(today=today):
            yield dict(row) | {"rule": rule, "level": CardLevel.RED}

    monitor.__name__ = rule
    return monitor


# The interaction context's monitors (consultations, complaints, poor ratings), one entry each:
# "<rule code>": <function (today) -> candidates>.
INTERACTION_MONITORS: dict[str, Monitor] = {
    "consultation_overdue": _overdue_red("consultation_overdue", consultations_overdue),
    "complaint_overdue": _overdue_red("complaint_overdue", complaints_overdue),
    "rectification_overdue": _overdue_red("rectification_overdue", rectifications_overdue),
}

MONITORS: dict[str, Monitor] = {ONBOARDING_RULE: catalog_onboarding}


def registered_monitors() -> dict[str, Monitor]:
    return MONITORS | INTERACTION_MONITORS


def _card(candidate: Candidate, today: dt.date, now: dt.datetime) -> Card:
    unknown = set(candidate) ^ CANDIDATE_KEYS
    if unknown:
        raise ValueError(f"monitor candidate keys differ from the contract: {sorted(unknown)}")
    return Card(
        level=candidate["level"],
        rule=candidate["rule"],
        subject_type=candidate["subject_type"],
        subject_id=str(candidate["subject_id"]),
        subject_label=str(candidate["subject_label"])[:300],
        due_on=candidate["due_on"],
        department_id=candidate["department_id"],
        region_id=candidate["region_id"],
        responsible_id=candidate["responsible_id"],
        reason=str(candidate["reason"])[:300],
        issued_on=today,
        issued_at=now,
        status=CardStatus.OPEN,
    )


def monitors_run(*, today: dt.date, now: dt.datetime | None = None) -> tuple[int, int]:
    """Run every registered monitor: insert new cards, close cured ones. Returns (issued, closed)."""
    now = now or timezone.now()
    issued = closed = 0
    for name, monitor in registered_monitors().items():
        cards = [_card(candidate, today, now) for candidate in monitor(today)]
        rules = {card.rule for card in cards} | {name}
        before = Card.objects.filter(rule__in=rules).count()
        Card.objects.bulk_create(cards, batch_size=1000, ignore_conflicts=True)
        issued += Card.objects.filter(rule__in=rules).count() - before
        reported = {(card.rule, card.level, card.subject_type, card.subject_id) for card in cards}
        open_cards = Card.objects.filter(rule__in=rules, status=CardStatus.OPEN).values_list(
            "pk", "rule", "level", "subject_type", "subject_id"
        )
        cured = [pk for pk, *key in open_cards if tuple(key) not in reported]
        if cured:
            closed += Card.objects.filter(pk__in=cured).update(status=CardStatus.CLOSED, closed_at=now)
    return issued, closed
