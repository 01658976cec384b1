"""The periodic work of 好差评 (``ratings_tick``): SMS invitations for stages that became ratable, and the
automatic rating a region may configure for stages left unrated. Idempotent: running it twice sends and
rates nothing twice (``RatingInvitation`` and ``Rating`` are unique per case and stage).

Look-back: invitations for stages opened in the last ``INVITE_DAYS`` days; automatic ratings for stages
opened in the last ``AUTO_LOOKBACK_DAYS`` days (the tick runs at least daily).
"""

from __future__ import annotations

import datetime as dt
import functools

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from govhall.cases.selectors_ratings import CaseForRating, case_applicant_person, cases_reaching_rating_stages
from govhall.core.audit import AuditTarget, audit_record
from govhall.core.workdays import workdays_add
from govhall.identity.services.reveal import person_phone_use
from govhall.notifications.models import Channel
from govhall.notifications.services import notification_send

from .links import LINK_DAYS, rating_link_url
from .models import Rating, RatingChannel, RatingInvitation, Stage
from .rules import EffectiveRule, rule_for_region_path
from .services import rating_give
from .stages import open_stages

INVITE_DAYS = 7
AUTO_LOOKBACK_DAYS = 90


def _unrated(cases: list[CaseForRating], since: dt.date) -> list[tuple[CaseForRating, str, dt.date]]:
    rated = set(
        Rating.objects.filter(case_id__in=[c.id for c in cases]).values_list("case_id", "stage").distinct()
    )
    return [
        (case, stage, opened)
        for case in cases
        for stage, opened in open_stages(case)
        if opened >= since and (case.id, stage) not in rated
    ]


def _invite_send(case: CaseForRating, stage: str) -> None:
    person = case_applicant_person(case_id=case.id)
    if not person.phone_sealed:
        return
    phone = person_phone_use(person=person, reason=f"好差评邀请 {case.number}")
    notification_send(
        channel=Channel.SMS,
        recipient=phone,
        template="rating_invite",
        params={
            "number": case.number,
            "item": case.item_name,
            "stage": "受理" if stage == Stage.ACCEPTANCE else "办结",
            "link": rating_link_url(case_id=case.id, stage=stage),
            "days": str(LINK_DAYS),
        },
    )


def rating_invitations_send(*, today: dt.date) -> int:
    """One SMS invitation per case and stage that opened in the last ``INVITE_DAYS`` days and is unrated."""
    since = today - dt.timedelta(days=INVITE_DAYS)
    candidates = _unrated(cases_reaching_rating_stages(since=since, until=today), since)
    invited = set(
        RatingInvitation.objects.filter(case_id__in={c.id for c, _, _ in candidates}).values_list(
            "case_id", "stage"
        )
    )
    sent = 0
    for case, stage, _ in candidates:
        if (case.id, stage) in invited:
            continue
        with transaction.atomic():
            try:
                with transaction.atomic():
                    invitation = RatingInvitation.objects.create(
                        case_id=case.id, stage=stage, sent_at=timezone.now()
                    )
            except IntegrityError:
                continue  # another tick got there first
            audit_record(
                actor=None,
                actor_label="系统",
                action="rating.invitation_sent",
                target=AuditTarget(type="ratings.invitation", id=str(invitation.pk), label=case.number),
                summary={"stage": Stage(stage).label},
            )
            transaction.on_commit(functools.partial(_invite_send, case, stage))
        sent += 1
    return sent


def ratings_auto_apply(*, today: dt.date) -> int:
    """The automatic rating of a region that configured one, for stages unrated ``auto_after_days`` working
    days after they opened. Regions without a rule (the default) get none."""
    since = today - dt.timedelta(days=AUTO_LOOKBACK_DAYS)
    rules: dict[str, EffectiveRule] = {}
    applied = 0
    for case, stage, opened in _unrated(cases_reaching_rating_stages(since=since, until=today), since):
        if case.region_path not in rules:
            rules[case.region_path] = rule_for_region_path(case.region_path)
        rule = rules[case.region_path]
        if not rule.auto or workdays_add(opened, rule.auto_after_days or 0) > today:
            continue
        try:
            rating_give(
                case=case,
                stage=stage,
                level=rule.auto_level,
                channel=RatingChannel.AUTO,
                rater=None,
                today=today,
            )
        except ValidationError:
            continue  # rated meanwhile
        applied += 1
    return applied


def ratings_tick(*, today: dt.date | None = None) -> dict[str, int]:
    """What runs periodically (``govhall ratings_tick``): invitations, then automatic ratings."""
    today = today or timezone.localdate()
    return {"invited": rating_invitations_send(today=today), "auto_rated": ratings_auto_apply(today=today)}
