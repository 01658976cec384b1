"""The supervision scan (预警扫描): issue, cure and escalate warning cards — set-based and idempotent.

``supervision_scan(today=...)`` runs periodically (Celery beat, ``govhall supervision_scan`` or the
embedded server's ticker). Per rule group (``rules.rule_groups``) and clock it issues cards with one
``INSERT INTO supervision_card … SELECT … ON CONFLICT DO NOTHING`` over the running clocks that
``cases.selectors_supervision`` describes — the unique constraint ``card_once_per_subject_rule_level``
makes a second run issue nothing twice. Only a handful of threshold dates are computed in Python;
there is no loop over cases. Then one ``UPDATE`` per clock closes the cards whose clock stopped (case
completed, step done, deadline moved later), one closes yellow cards overtaken by a red one, one per
group escalates red cards left open too long, and one escalates notices not answered in time.
Monitors beyond cases (``supervision.monitors``) add their candidates with ``bulk_create``.

Writes only the supervision tables, never a case table. One audit entry per run, with the counts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    DateField,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from govhall.cases.selectors_supervision import (
    CLOCKS,
    TASK_CLOCK,
    clock_limits,
    clock_running_subject,
    irregular_cases,
    running_clocks,
)
from govhall.core.audit import AuditTarget, audit_record
from govhall.core.bulk_sql import jit_off
from govhall.directory.models import Region

from ..models import Card, CardLevel, CardStatus, Notice, NoticeStatus, SubjectType
from ..rules import RuleGroup, escalation_cutoff, reason_bands, rule_groups, yellow_before, yellow_margin

CLOCK_RULES = {
    "accept": "accept_due",
    "promised": "promised_due",
    "statutory": "statutory_due",
    "task": "task_due",
}
CLOCK_LABELS = {
    "accept": "受理期限",
    "promised": "承诺办结期限",
    "statutory": "法定办结期限",
    "task": "环节办理期限",
}
IRREGULARITY_RULES = {
    "refusal_without_reason": ("red_refusal_without_reason", "不予受理未说明理由"),
    "outside_system": ("red_outside_system", "体外循环：未经系统受理即办结"),
    "late_back_entry": ("red_late_back_entry", "非当日补录：线下办理日期"),
}
RULE_LABELS = {CLOCK_RULES[clock]: f"{CLOCK_LABELS[clock]}预警" for clock in CLOCKS} | {
    code: text.split("：")[0] for code, (_, text) in IRREGULARITY_RULES.items()
}
STATISTICS_REFRESH_AFTER = 10_000  # cards issued in one run
LOOKBACK_DAYS = 10  # irregular handling is looked for among cases of the last few days only
CARD_COLUMNS = (
    "level",
    "rule",
    "subject_type",
    "subject_id",
    "subject_label",
    "due_on",
    "department_id",
    "region_id",
    "responsible_id",
    "reason",
    "issued_on",
    "issued_at",
    "status",
)


def _in_group(rows: QuerySet[Any], group: RuleGroup, path_field: str) -> QuerySet[Any]:
    if group.under:
        rows = rows.filter(**{f"{path_field}__startswith": group.under})
    for path in group.not_under:
        rows = rows.exclude(**{f"{path_field}__startswith": path})
    return rows


def _insert_cards(rows: QuerySet[Any]) -> int:
    """``INSERT … SELECT`` the card columns of ``rows`` (annotated ``card_*``), skipping existing cards."""
    selected = rows.values(*(f"card_{column}" for column in CARD_COLUMNS))
    try:
        select_sql, params = selected.query.sql_with_params()
    except EmptyResultSet:
        return 0
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in CARD_COLUMNS)
    sql = f"INSERT INTO {quote(Card._meta.db_table)} ({columns}) {select_sql} ON CONFLICT DO NOTHING"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


def _card_annotations(
    *, rule: str, subject_type: str, level: Any, reason: Any, today: dt.date, now: dt.datetime
) -> dict[str, Any]:
    return ({"card_level": level} if level is not None else {}) | {
        "card_rule": Value(rule, output_field=CharField()),
        "card_subject_type": Value(subject_type, output_field=CharField()),
        "card_subject_id": F("clock_subject"),
        "card_subject_label": F("clock_label"),
        "card_due_on": F("clock_due"),
        "card_department_id": F("clock_department"),
        "card_region_id": F("clock_region"),
        "card_responsible_id": F("clock_responsible"),
        "card_reason": reason,
        "card_issued_on": Value(today, output_field=DateField()),
        "card_issued_at": Value(now, output_field=DateTimeField()),
        "card_status": Value(CardStatus.OPEN, output_field=CharField()),
    }


def _bands_expression(bands: list[tuple[dt.date, str]]) -> Any:
    return Case(
        *(
            When(clock_due__lt=Value(bound, output_field=DateField()), then=Value(text))
            for bound, text in bands
        ),
        default=Value(""),
        output_field=CharField(),
    )


def _issue_clock_cards(clock: str, group: RuleGroup, today: dt.date, now: dt.datetime) -> int:
    """Yellow and red cards of one clock in one rule group: one ``INSERT … SELECT``."""
    rule = group.rule
    limits = clock_limits(clock=clock)
    default_before = yellow_before(today, rule, None)
    before = Case(
        *(
            When(clock_limit=limit, then=Value(yellow_before(today, rule, limit), output_field=DateField()))
            for limit in limits
            if yellow_margin(rule, limit) != rule.yellow_remaining_days
        ),
        default=Value(default_before, output_field=DateField()),
        output_field=DateField(),
    )
    ahead = max([yellow_margin(rule, limit) for limit in limits] + [rule.yellow_remaining_days])
    reason = Concat(
        Value(f"{CLOCK_LABELS[clock]} "),
        Cast("clock_due", CharField()),
        Value("，"),
        _bands_expression(reason_bands(today, ahead)),
        output_field=CharField(),
    )
    level = Case(
        When(clock_due__lt=Value(today, output_field=DateField()), then=Value(CardLevel.RED)),
        default=Value(CardLevel.YELLOW),
        output_field=CharField(),
    )
    path = "clock_region_path"
    subject_type = SubjectType.TASK if clock == TASK_CLOCK else SubjectType.CASE
    # Skip what already has its card before computing a row (an anti-join on the unique index): in the
    # steady state nearly every late clock already has one, and ON CONFLICT alone would build each row.
    issued = Card.objects.filter(
        subject_type=subject_type,
        subject_id=OuterRef("clock_subject"),
        rule=CLOCK_RULES[clock],
        level=OuterRef("card_level"),
    )
    rows = (
        _in_group(running_clocks(clock=clock), group, path)
        .filter(clock_due__lt=before)
        .annotate(card_level=level)
        .exclude(Exists(issued))
    )
    rows = rows.annotate(
        **_card_annotations(
            rule=CLOCK_RULES[clock],
            subject_type=subject_type,
            level=None,
            reason=reason,
            today=today,
            now=now,
        )
    )
    return _insert_cards(rows)


def _issue_irregularity_cards(kind: str, group: RuleGroup, today: dt.date, now: dt.datetime) -> int:
    switch, text = IRREGULARITY_RULES[kind]
    if not getattr(group.rule, switch):
        return 0
    since = today - dt.timedelta(days=LOOKBACK_DAYS)
    rows = _in_group(irregular_cases(kind=kind, since=since), group, "clock_region_path")
    if kind == "late_back_entry":
        reason: Any = Concat(
            Value(text + " "), Cast("clock_due", CharField()), Value("，补录日期晚于办理当日")
        )
    else:
        reason = Value(text)
    rows = rows.annotate(
        **_card_annotations(
            rule=kind,
            subject_type=SubjectType.CASE,
            level=Value(CardLevel.RED, output_field=CharField()),
            reason=reason,
            today=today,
            now=now,
        )
    )
    return _insert_cards(rows)


def _close_cured(now: dt.datetime) -> int:
    """Close open clock cards whose clock is no longer running at or before the card's due date."""
    closed = 0
    for clock in CLOCKS:
        still_late = clock_running_subject(
            clock=clock, subject=OuterRef("subject_id"), due_on_or_before=OuterRef("due_on")
        )
        closed += (
            Card.objects.filter(status=CardStatus.OPEN, rule=CLOCK_RULES[clock])
            .exclude(Exists(still_late))
            .update(status=CardStatus.CLOSED, closed_at=now)
        )
    return closed


def _statistics_refresh(issued: int) -> None:
    """After a mass issue, let PostgreSQL's planner see the new cards (its ANALYZE, allowed inside the
    transaction, counts the transaction's own rows); otherwise the next statements are planned for the
    table as it was before — a nested loop over a million rows."""
    if issued >= STATISTICS_REFRESH_AFTER and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Card._meta.db_table)}")


def _close_overtaken(today: dt.date, now: dt.datetime) -> int:
    """Close open yellow clock cards whose subject got a red card of the same rule in this run.

    Only this run's red cards can overtake a yellow one: an earlier red closed its yellow when it was
    issued. So in the steady state (no new red card) this is one indexed look-up, not a pass over
    every open card."""
    new_reds = Card.objects.filter(
        status=CardStatus.OPEN,
        issued_on=today,
        issued_at=now,
        level=CardLevel.RED,
        rule__in=CLOCK_RULES.values(),
    )
    if not new_reds.exists():
        return 0
    overtaken = new_reds.filter(
        subject_type=OuterRef("subject_type"), subject_id=OuterRef("subject_id"), rule=OuterRef("rule")
    )
    return (
        Card.objects.filter(status=CardStatus.OPEN, level=CardLevel.YELLOW, rule__in=CLOCK_RULES.values())
        .filter(Exists(overtaken))
        .update(status=CardStatus.CLOSED, closed_at=now)
    )


def _parent_of(field: str) -> Subquery:
    return Subquery(Region.objects.filter(pk=OuterRef(field)).values("parent_id")[:1])


def _escalate_cards(group: RuleGroup, today: dt.date, now: dt.datetime) -> int:
    """红牌 still open ``escalate_after_days`` working days after issue go to the parent region, once."""
    cutoff = escalation_cutoff(today, group.rule.escalate_after_days)
    cards = Card.objects.filter(
        status=CardStatus.OPEN,
        level=CardLevel.RED,
        escalated_at__isnull=True,
        issued_on__lte=cutoff,
        region__parent__isnull=False,
    )
    cards = _in_group(cards, group, "region__path")
    return cards.update(escalated_at=now, escalated_to=_parent_of("region_id"))


def _escalate_notices(today: dt.date, now: dt.datetime) -> int:
    """督办通知单 not answered by their deadline go to the level above the issuer, once."""
    return Notice.objects.filter(
        status=NoticeStatus.ISSUED, answer_due__lt=today, escalated_at__isnull=True
    ).update(escalated_at=now, escalated_to=_parent_of("issuer_region_id"))


def supervision_scan(*, today: dt.date | None = None) -> dict[str, int]:
    """Issue, cure and escalate cards and escalate late notices for ``today``; returns the counts."""
    from ..monitors import monitors_run

    today = today or timezone.localdate()
    now = timezone.now()
    counts = {"issued": 0, "closed": 0, "escalated": 0, "notices_escalated": 0, "monitor_cards": 0}
    with transaction.atomic(), jit_off():
        groups = rule_groups()
        # Cure first: it then checks the cards already there (planned on their statistics), not the new ones.
        counts["closed"] += _close_cured(now)
        for group in groups:
            for clock in CLOCKS:
                counts["issued"] += _issue_clock_cards(clock, group, today, now)
            for kind in IRREGULARITY_RULES:
                counts["issued"] += _issue_irregularity_cards(kind, group, today, now)
        _statistics_refresh(counts["issued"])
        counts["closed"] += _close_overtaken(today, now)
        issued, cured = monitors_run(today=today, now=now)
        counts["monitor_cards"] = issued
        counts["closed"] += cured
        for group in groups:
            counts["escalated"] += _escalate_cards(group, today, now)
        counts["notices_escalated"] = _escalate_notices(today, now)
        audit_record(
            actor=None,
            action="supervision.scanned",
            target=AuditTarget(type="supervision.card", id=today.isoformat(), label=f"预警扫描 {today}"),
            summary=counts | {"rule_groups": len(groups)},
        )
    return counts
