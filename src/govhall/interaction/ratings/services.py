"""好差评 services: rate a case's stage (once; once more after a poor rating's rectification), rectify,
record return visits, appeal and decide appeals, keep the region's rule.

Every write: keyword-only arguments, one transaction, invariants held by row locks and unique
constraints (a double click creates one rating), an audit entry in the same transaction, messages to
the rater after commit. Cases are read through ``cases.selectors_ratings`` and never written here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from govhall.cases.selectors_ratings import CaseForRating
from govhall.core.audit import AuditTarget, audit_record
from govhall.core.workdays import workdays_add
from govhall.directory.models import Region
from govhall.identity.models import StaffRole
from govhall.identity.scope import DEPARTMENT_ROLES, staff_scope_require

from .messages import rater_notify
from .models import (
    POOR_LEVELS,
    SCORES,
    Appeal,
    AppealStatus,
    Level,
    Rating,
    RatingChannel,
    RatingRule,
    Rectification,
    RectificationStatus,
    ReturnVisit,
    Stage,
    VisitMethod,
    VisitReaction,
)
from .rules import rule_for_region_path
from .stages import stage_opened_on

COMMENT_MAX = 500
TEXT_MAX = 2000
MAX_ROUNDS = 2  # the first rating, and one re-rating after the rectification of a poor one


def _text(value: str | None, *, required: bool, what: str, max_length: int = TEXT_MAX) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(f"请填写{what}", code="required")
    if len(text) > max_length:
        raise ValidationError(f"{what}不能超过 {max_length} 个字", code="too_long")
    return text


def _label(user: Any) -> str:
    person = getattr(user, "person", None) if user is not None else None
    return person.name if person is not None else (user.get_username() if user is not None else "系统")


def _rater_name(case: CaseForRating, channel: str, rater: Any) -> str:
    if channel == RatingChannel.AUTO:
        return "系统默认"
    return _label(rater) if getattr(rater, "pk", None) else case.applicant_person_name


def _target(rating: Rating) -> AuditTarget:
    return AuditTarget(
        type="ratings.rating", id=str(rating.pk), label=f"{rating.case_number} {rating.get_stage_display()}"
    )


# --- rating --------------------------------------------------------------------------------------


def _rerate_check(current: Rating) -> None:
    """A stage already rated may be rated again only after its poor rating was rectified, once."""
    rectification = getattr(current, "rectification", None)
    if (
        current.round >= MAX_ROUNDS
        or not current.poor
        or current.excluded
        or rectification is None
        or rectification.status != RectificationStatus.DONE
    ):
        raise ValidationError("该环节已评价，每个环节只能评价一次", code="already_rated")


@transaction.atomic
def rating_give(
    *,
    case: CaseForRating,
    stage: str,
    level: str,
    channel: str,
    rater: Any,
    comment: str = "",
    actor_label: str = "",
    today: dt.date | None = None,
) -> Rating:
    """Rate ``case`` at ``stage``: the first rating of the stage, or the re-rating allowed after the
    rectification of a poor one (it replaces the first in the statistics; the first is kept).

    A poor rating (不满意, 非常不满意) opens a rectification for the case's department, due in the
    region's number of working days. A concurrent second submission finds the unique constraint and is
    refused like any second attempt (``ValidationError`` code ``already_rated``).
    """
    if level not in SCORES:
        raise ValidationError("请选择评价等级", code="level")
    if channel not in RatingChannel.values:
        raise ValidationError("评价渠道无效", code="channel")
    if stage not in Stage.values or stage_opened_on(case, stage) is None:
        label = Stage(stage).label if stage in Stage.values else stage
        raise ValidationError(f"该办件的“{label}”环节尚不能评价", code="stage_closed")
    comment = _text(comment, required=False, what="评价意见", max_length=COMMENT_MAX)
    today = today or timezone.localdate()
    current = (
        Rating.objects.select_for_update(of=("self",))
        .select_related("rectification")
        .filter(case_id=case.id, stage=stage, current=True)
        .first()
    )
    if current is not None:
        _rerate_check(current)
        if channel == RatingChannel.AUTO:
            raise ValidationError("该环节已评价", code="already_rated")
    elif Rating.objects.filter(case_id=case.id, stage=stage).exists():
        raise ValidationError("该环节已评价，每个环节只能评价一次", code="already_rated")
    now = timezone.now()
    try:
        with transaction.atomic():
            if current is not None:
                current.current = False
                current.save(update_fields=["current"])
            rating = Rating.objects.create(
                case_id=case.id,
                case_number=case.number,
                item_name=case.item_name,
                department_id=case.department_id,
                region_id=case.region_id,
                stage=stage,
                round=current.round + 1 if current is not None else 1,
                level=level,
                score=SCORES[level],
                comment=comment,
                channel=channel,
                rater_id=getattr(rater, "pk", None) or case.applicant_user_id,
                rater_name=_rater_name(case, channel, rater),
                rated_at=now,
                rated_on=today,
            )
    except IntegrityError as exc:
        raise ValidationError("该环节已评价，每个环节只能评价一次", code="already_rated") from exc
    audit_record(
        actor=rater if getattr(rater, "pk", None) else None,
        actor_label=actor_label or ("系统（默认评价）" if channel == RatingChannel.AUTO else ""),
        action="rating.rerated" if current is not None else "rating.given",
        target=_target(rating),
        summary={
            "stage": rating.get_stage_display(),
            "level": rating.get_level_display(),
            "score": rating.score,
            "channel": rating.get_channel_display(),
            "round": rating.round,
        },
    )
    if level in POOR_LEVELS:
        _rectification_open(rating, today)
    return rating


def _rectification_open(rating: Rating, today: dt.date) -> Rectification:
    region_path = Region.objects.filter(pk=rating.region_id).values_list("path", flat=True).get()
    rule = rule_for_region_path(region_path)
    rectification = Rectification.objects.create(
        rating=rating,
        department_id=rating.department_id,
        region_id=rating.region_id,
        opened_on=today,
        due_on=workdays_add(today, rule.rectification_days),
    )
    audit_record(
        actor=None,
        actor_label="系统",
        action="rating.rectification_opened",
        target=AuditTarget(type="ratings.rectification", id=str(rectification.pk), label=rating.case_number),
        summary={"due_on": rectification.due_on, "days": rule.rectification_days},
    )
    return rectification


# --- rectification and return visits ---------------------------------------------------------------


def _department_scope_check(
    actor: Any, *, region_path: str, department_id: int, roles: tuple[str, ...]
) -> None:
    scope = staff_scope_require(actor, *roles)
    if not scope.covers(region_path=region_path, department_id=department_id, for_roles=roles):
        raise PermissionDenied("只能处理本部门的评价")


def _rectification_locked(rectification_id: int) -> Rectification:
    rectification = Rectification.objects.select_for_update().get(pk=rectification_id)
    return Rectification.objects.select_related("rating", "region", "department").get(pk=rectification.pk)


@transaction.atomic
def rectification_complete(*, actor: Any, rectification_id: int, action: str) -> Rectification:
    """整改完成: the department records what it did; the rater is told and may rate again."""
    rectification = _rectification_locked(rectification_id)
    _department_scope_check(
        actor,
        region_path=rectification.region.path,
        department_id=rectification.department_id,
        roles=tuple(DEPARTMENT_ROLES),
    )
    if rectification.status != RectificationStatus.OPEN:
        raise ValidationError("该整改已办结或已撤销", code="not_open")
    rectification.action = _text(action, required=True, what="整改情况")
    rectification.status = RectificationStatus.DONE
    rectification.done_at = timezone.now()
    rectification.done_by = actor
    rectification.save(update_fields=["action", "status", "done_at", "done_by"])
    rating = rectification.rating
    audit_record(
        actor=actor,
        action="rating.rectification_done",
        target=AuditTarget(type="ratings.rectification", id=str(rectification.pk), label=rating.case_number),
        summary={"due_on": rectification.due_on, "late": timezone.localdate() > rectification.due_on},
        reason=rectification.action,
    )
    rater_notify(
        case_id=rating.case_id,
        rater_user_id=rating.rater_id,
        template="rating_rectified",
        params={
            "number": rating.case_number,
            "item": rating.item_name,
            "department": rectification.department.name,
            "action": rectification.action[:60],
        },
    )
    return rectification


@transaction.atomic
def return_visit_record(
    *,
    actor: Any,
    rectification_id: int,
    visited_on: dt.date,
    method: str,
    reaction: str,
    note: str = "",
) -> ReturnVisit:
    """回访: staff asked the rater about the rectification (after it was recorded done)."""
    rectification = _rectification_locked(rectification_id)
    _department_scope_check(
        actor,
        region_path=rectification.region.path,
        department_id=rectification.department_id,
        roles=tuple(DEPARTMENT_ROLES),
    )
    if rectification.status != RectificationStatus.DONE:
        raise ValidationError("请先登记整改情况，再回访评价人", code="not_done")
    if method not in VisitMethod.values or reaction not in VisitReaction.values:
        raise ValidationError("请选择回访方式和评价人反馈", code="choice")
    if visited_on > timezone.localdate() or visited_on < rectification.opened_on:
        raise ValidationError("回访日期应在整改下达之后、不晚于今天", code="date")
    visit = ReturnVisit.objects.create(
        rectification=rectification,
        visited_on=visited_on,
        method=method,
        reaction=reaction,
        note=_text(note, required=False, what="回访记录"),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    rating = rectification.rating
    audit_record(
        actor=actor,
        action="rating.return_visit",
        target=AuditTarget(type="ratings.rectification", id=str(rectification.pk), label=rating.case_number),
        summary={
            "visited_on": visited_on,
            "method": visit.get_method_display(),
            "reaction": visit.get_reaction_display(),
        },
        reason=visit.note,
    )
    rater_notify(
        case_id=rating.case_id,
        rater_user_id=rating.rater_id,
        template="rating_return_visit",
        params={
            "number": rating.case_number,
            "item": rating.item_name,
            "department": rectification.department.name,
            "method": visit.get_method_display(),
        },
    )
    return visit


# --- appeals ---------------------------------------------------------------------------------------


@transaction.atomic
def appeal_file(*, actor: Any, rating_id: int, reason: str) -> Appeal:
    """申诉: the department head contests a rating of the department, with a reason, to the supervisor."""
    rating = Rating.objects.select_for_update().get(pk=rating_id)
    rating = Rating.objects.select_related("region").get(pk=rating.pk)
    _department_scope_check(
        actor,
        region_path=rating.region.path,
        department_id=rating.department_id,
        roles=(StaffRole.DEPARTMENT_HEAD,),
    )
    if rating.excluded or not rating.current:
        raise ValidationError("该评价已不计入统计，无需申诉", code="not_current")
    reason = _text(reason, required=True, what="申诉理由")
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                rating=rating,
                department_id=rating.department_id,
                region_id=rating.region_id,
                reason=reason,
                filed_by=actor,
                filed_at=timezone.now(),
            )
    except IntegrityError as exc:
        raise ValidationError("该评价已经申诉过，不能重复申诉", code="already_appealed") from exc
    audit_record(actor=actor, action="rating.appeal_filed", target=_target(rating), reason=reason)
    return appeal


@transaction.atomic
def appeal_decide(*, actor: Any, appeal_id: int, accept: bool, reason: str) -> Appeal:
    """复核: a supervisor of the region upholds the rating (it stays) or accepts the appeal (the rating is
    excluded from the statistics and its open rectification cancelled). The rater is told either way."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal_id)
    appeal = Appeal.objects.select_related("rating", "region", "department").get(pk=appeal.pk)
    scope = staff_scope_require(actor, StaffRole.SUPERVISOR)
    if not scope.covers(region_path=appeal.region.path, for_roles=(StaffRole.SUPERVISOR,)):
        raise PermissionDenied("只能复核本辖区的申诉")
    if appeal.status != AppealStatus.PENDING:
        raise ValidationError("该申诉已复核", code="decided")
    appeal.decision_reason = _text(reason, required=True, what="复核理由")
    appeal.status = AppealStatus.ACCEPTED if accept else AppealStatus.UPHELD
    appeal.decided_by = actor
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["decision_reason", "status", "decided_by", "decided_at"])
    rating = appeal.rating
    if accept:
        Rating.objects.filter(pk=rating.pk).update(excluded=True)
        Rectification.objects.filter(rating=rating, status=RectificationStatus.OPEN).update(
            status=RectificationStatus.CANCELLED
        )
    audit_record(
        actor=actor,
        action="rating.appeal_decided",
        target=_target(rating),
        summary={"outcome": appeal.get_status_display()},
        reason=appeal.decision_reason,
    )
    rater_notify(
        case_id=rating.case_id,
        rater_user_id=rating.rater_id,
        template="rating_appeal_decided",
        params={
            "number": rating.case_number,
            "item": rating.item_name,
            "department": appeal.department.name,
            "outcome": "申诉成立，该评价不计入统计" if accept else "维持您的评价",
        },
    )
    return appeal


# --- rules -----------------------------------------------------------------------------------------


@transaction.atomic
def rating_rule_save(
    *,
    actor: Any,
    region: Region,
    rectification_days: int,
    auto_level: str = "",
    auto_after_days: int | None = None,
) -> RatingRule:
    """A region's rule (supervisors of that region or above): the rectification limit in working days
    and the optional automatic rating of stages left unrated for ``auto_after_days`` working days."""
    scope = staff_scope_require(actor, StaffRole.SUPERVISOR)
    if not scope.covers(region_path=region.path, for_roles=(StaffRole.SUPERVISOR,)):
        raise PermissionDenied("只能设置本辖区的好差评规则")
    if not 1 <= rectification_days <= 60:
        raise ValidationError("整改时限应为 1 至 60 个工作日", code="days")
    if bool(auto_level) != (auto_after_days is not None):
        raise ValidationError("默认评价等级与天数须同时填写或同时留空", code="auto")
    if auto_level and (auto_level not in SCORES or auto_level in POOR_LEVELS):
        raise ValidationError("默认评价只能是非常满意、满意或基本满意", code="auto_level")
    if auto_after_days is not None and not 1 <= auto_after_days <= 60:
        raise ValidationError("默认评价天数应为 1 至 60 个工作日", code="auto_days")
    rule = RatingRule.objects.select_for_update().filter(region=region).first()
    before = (
        {"days": rule.rectification_days, "auto": rule.auto_level, "after": rule.auto_after_days}
        if rule
        else {}
    )
    if rule is None:
        rule = RatingRule(region=region)
    rule.rectification_days = rectification_days
    rule.auto_level = auto_level
    rule.auto_after_days = auto_after_days
    rule.updated_by = actor
    rule.save()
    audit_record(
        actor=actor,
        action="rating.rule_saved",
        target=AuditTarget(type="ratings.rule", id=str(rule.pk), label=region.name),
        summary={
            "before": before,
            "after": {
                "days": rectification_days,
                "auto": Level(auto_level).label if auto_level else "",
                "after": auto_after_days,
            },
        },
    )
    return rule
