"""问题与建议 services: a logged-in user's submission, its routing, the staff reply and publication.

Routing: the nearest ``SuggestionRoute`` for the category, from the visitor's site region up to
the province, names the answering department; without one the suggestion goes to the operators
of the region (and above). Operators answer those without a department, department heads those
of their department. A published suggestion shows on the portal with its reply and the
submitter's masked name. Never reads another context's tables except through their selectors.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from govhall.core.audit import AuditTarget, audit_record
from govhall.core.personal_data import mask_name
from govhall.directory.models import Department, Region
from govhall.identity.models import StaffRole
from govhall.identity.scope import StaffScope
from govhall.identity.selectors import person_for_user

from ..models import SUGGESTION_MAX, Suggestion, SuggestionCategory, SuggestionRoute, SuggestionStatus
from ..participants import contact_seal

REPLY_MAX = 2000


def suggestion_route_for(*, region: Region, category: str) -> Department | None:
    """The department answering ``category`` in ``region``: the nearest route up the region chain."""
    routes = {
        route.region.code: route.department
        for route in SuggestionRoute.objects.select_related("region", "department").filter(
            category=category, region__code__in=region.ancestor_codes
        )
    }
    for code in reversed(region.ancestor_codes):
        if code in routes:
            return routes[code]
    return None


def _submitter_label(user: Any) -> str:
    person = person_for_user(user)
    return mask_name(person.name) if person is not None else "网友"


def suggestion_submit(
    *, user: Any, region: Region, category: str, title: str, body: str, contact: str = ""
) -> Suggestion:
    if user is None or not user.is_authenticated:
        raise ValidationError("请先登录后再提交问题与建议")
    title, body = (title or "").strip(), (body or "").strip()
    if category not in SuggestionCategory.values:
        raise ValidationError("请选择类别")
    if not title or not body:
        raise ValidationError("请填写标题和内容")
    if len(body) > SUGGESTION_MAX:
        raise ValidationError(f"内容不能超过 {SUGGESTION_MAX} 字")
    sealed, masked = contact_seal(contact)
    with transaction.atomic():
        suggestion = Suggestion.objects.create(
            region=region,
            department=suggestion_route_for(region=region, category=category),
            category=category,
            title=title[:100],
            body=body,
            submitter=user,
            submitter_masked=_submitter_label(user),
            contact_sealed=sealed,
            contact_masked=masked,
        )
        audit_record(
            actor=user,
            action="surveys.suggestion_submit",
            target=AuditTarget(type="surveys.suggestion", id=str(suggestion.pk), label=suggestion.title),
            summary={"category": category, "region": region.code, "department": suggestion.department_id},
        )
    return suggestion


def suggestion_may_reply(scope: StaffScope, suggestion: Suggestion) -> bool:
    if suggestion.department_id is None:
        return scope.administers(suggestion.region.path)
    return StaffRole.DEPARTMENT_HEAD in scope.roles and scope.department_id == suggestion.department_id


def suggestion_reply(
    *, actor: Any, scope: StaffScope, suggestion: Suggestion, reply: str, publish: bool
) -> Suggestion:
    """Reply (or correct the reply) and choose whether the suggestion is shown to everyone."""
    reply = (reply or "").strip()
    if len(reply) < 5:
        raise ValidationError("答复内容至少 5 个字")
    if len(reply) > REPLY_MAX:
        raise ValidationError(f"答复内容不能超过 {REPLY_MAX} 字")
    with transaction.atomic():
        suggestion = (
            Suggestion.objects.select_for_update(of=("self",))
            .select_related("region", "department")
            .get(pk=suggestion.pk)
        )
        if not suggestion_may_reply(scope, suggestion):
            raise PermissionDenied("该问题与建议不由您答复")
        first = suggestion.status == SuggestionStatus.OPEN
        suggestion.reply = reply
        suggestion.status = SuggestionStatus.REPLIED
        suggestion.replied_by = actor
        suggestion.replier_name = (
            suggestion.department.name
            if suggestion.department
            else f"{suggestion.region.name}网上办事大厅运维"
        )
        suggestion.replied_at = timezone.now()
        suggestion.published = publish
        suggestion.save(
            update_fields=["reply", "status", "replied_by", "replier_name", "replied_at", "published"]
        )
        audit_record(
            actor=actor,
            action="surveys.suggestion_reply",
            target=AuditTarget(type="surveys.suggestion", id=str(suggestion.pk), label=suggestion.title),
            summary={"first_reply": first, "published": publish},
        )
    return suggestion


def suggestion_route_set(
    *, actor: Any, scope: StaffScope, region: Region, category: str, department: Department | None
) -> None:
    """Route ``category`` in ``region`` to ``department`` (None: back to the region's operators)."""
    if not scope.administers(region.path):
        raise PermissionDenied("只能设置本区划及下级区划的分派")
    if category not in SuggestionCategory.values:
        raise ValidationError("请选择类别")
    if department is not None and not region.path.startswith(department.region.path):
        raise ValidationError("处理部门须属于该区划或其上级区划")
    with transaction.atomic():
        if department is None:
            SuggestionRoute.objects.filter(region=region, category=category).delete()
        else:
            SuggestionRoute.objects.update_or_create(
                region=region, category=category, defaults={"department": department}
            )
        audit_record(
            actor=actor,
            action="surveys.suggestion_route_set",
            target=AuditTarget(type="directory.region", id=region.code, label=region.name),
            summary={"category": category, "department": department.credit_code if department else None},
        )
