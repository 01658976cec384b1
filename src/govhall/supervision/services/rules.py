"""Warning rules (预警规则): a supervisor sets the thresholds of their own region (audited).

Owns writes to ``WarningRule``. Only a supervisor of the region may save its rule; the rule then
applies to the region and every region below it that has none of its own (``supervision.rules``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from govhall.core.audit import AuditTarget, audit_record
from govhall.directory.models import Region
from govhall.identity.models import StaffRole
from govhall.identity.scope import staff_scope_for

from ..models import WarningRule

RULE_FIELDS = (
    "yellow_remaining_days",
    "yellow_used_percent",
    "red_refusal_without_reason",
    "red_outside_system",
    "red_late_back_entry",
    "escalate_after_days",
    "notice_answer_days",
)


def warning_rule_save(*, actor: Any, region: Region, values: dict[str, Any], reason: str = "") -> WarningRule:
    """Create or change the rule of ``region`` (the actor's own region, as its supervisor)."""
    scope = staff_scope_for(actor)
    if scope is None or not scope.has_role(StaffRole.SUPERVISOR) or scope.region_id != region.pk:
        raise PermissionDenied("只有本级效能监察人员可以设置本级预警规则")
    if not 0 <= int(values.get("yellow_used_percent", 80)) <= 100:
        raise ValidationError({"yellow_used_percent": "已用时限比例应在 0 到 100 之间"})
    if int(values.get("notice_answer_days", 3)) < 1:
        raise ValidationError({"notice_answer_days": "督办回复期限至少 1 个工作日"})
    with transaction.atomic():
        rule = WarningRule.objects.select_for_update().filter(region=region).first()
        created = rule is None
        rule = rule or WarningRule(region=region)
        before = {field: getattr(rule, field) for field in RULE_FIELDS}
        for field in RULE_FIELDS:
            if field in values:
                setattr(rule, field, values[field])
        rule.updated_by = actor
        rule.save()
        changes = {
            field: {"before": before[field], "after": getattr(rule, field)}
            for field in RULE_FIELDS
            if before[field] != getattr(rule, field) or created
        }
        audit_record(
            actor=actor,
            action="supervision.rule_saved",
            target=AuditTarget.of(rule, label=f"预警规则 {region.name}"),
            summary=changes,
            reason=reason,
        )
    return rule
