"""Writes to implementations (实施清单) and their versions — the review cycle of 动态管理.

draft → pending (submitted for review) → published (approved by a reviewer who is not the
author) or rejected; the previously published version becomes superseded in the same
transaction, so the live guide is always the latest approved one and never goes offline while
a new draft is edited. Published versions are never written again. Suspension and withdrawal
take an implementation off the portal with a recorded reason.

Every change writes two records in its transaction: an ``ImplementationEvent`` (the item's own
history shown in the workbench) and an entry in the platform's audit trail
(``catalog.implementation.<action>``, see ``govhall.core.audit``).
"""

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from govhall.core.audit import AuditTarget, audit_record
from govhall.directory.models import Department

from ..access import catalog_manager_get, manager_covers_region
from ..codes import implementation_code_build
from ..elements import (
    FORM_ELEMENT_LABELS,
    SCALAR_ELEMENTS,
    elements_clean,
    snapshot_diff,
    version_snapshot,
)
from ..models import (
    CatalogItem,
    Fee,
    HandlingItem,
    ImplementationEvent,
    ImplementationStatus,
    ImplementationVersion,
    ItemImplementation,
    Material,
    ProcessStep,
    Theme,
    VersionState,
)
from ..search.indexer import search_index_refresh

Action = ImplementationEvent.Action


def _record(
    implementation: ItemImplementation,
    action: str,
    actor: User | None,
    version: ImplementationVersion | None = None,
    reason: str = "",
    summary: dict[str, Any] | None = None,
) -> None:
    """The item's history event and the audit entry of one change (inside the caller's transaction)."""
    ImplementationEvent.objects.create(
        implementation=implementation, version=version, action=action, actor=actor, reason=reason
    )
    audit_record(
        actor=actor,
        action=f"catalog.implementation.{action}",
        target=implementation_audit_target(implementation),
        summary=({"version": version.number} if version is not None else {}) | (summary or {}),
        reason=reason,
    )


def implementation_audit_target(implementation: ItemImplementation) -> AuditTarget:
    """The audit target of an implementation, labelled by its code (no query for names)."""
    return AuditTarget(
        type="catalog.itemimplementation", id=str(implementation.pk), label=implementation.code
    )


def _write_elements(version: ImplementationVersion, cleaned: dict[str, Any]) -> None:
    """Replace every element of a draft version with ``cleaned`` (the output of ``elements_clean``)."""
    for element in SCALAR_ELEMENTS:
        setattr(version, element.name, cleaned[element.name])
    for name in FORM_ELEMENT_LABELS:
        if name != "co_departments":
            setattr(version, name, cleaned[name])
    version.save()
    # elements_clean checked the codes are active departments; a race that deactivated one shows here.
    co_departments = list(Department.objects.filter(credit_code__in=cleaned["co_departments"]))
    if len(co_departments) != len(cleaned["co_departments"]):
        raise ValidationError({"co_departments": "协办部门不存在"})
    version.co_departments.set(co_departments)
    kept_files = {m.name: (m.template_file.name, m.sample_file.name) for m in version.materials.all()}
    version.materials.all().delete()
    version.steps.all().delete()
    version.fees.all().delete()
    materials = []
    for position, row in enumerate(cleaned["materials"], start=1):
        template, sample = kept_files.get(row["name"], ("", ""))
        template = row.get("template_file") or template
        sample = row.get("sample_file") or sample
        fields = {k: v for k, v in row.items() if k not in ("template_file", "sample_file")}
        materials.append(
            Material(version=version, position=position, template_file=template, sample_file=sample, **fields)
        )
    Material.objects.bulk_create(materials)
    ProcessStep.objects.bulk_create(
        ProcessStep(version=version, position=position, **row)
        for position, row in enumerate(cleaned["steps"], 1)
    )
    Fee.objects.bulk_create(
        Fee(version=version, position=position, **row) for position, row in enumerate(cleaned["fees"], 1)
    )
    themes = list(Theme.objects.filter(code__in=cleaned["themes"]))
    if len(themes) != len(cleaned["themes"]):
        missing = set(cleaned["themes"]) - {t.code for t in themes}
        raise ValidationError({"themes": f"未知主题：{'、'.join(sorted(missing))}"})
    version.themes.set(themes)
    prerequisites = list(CatalogItem.objects.filter(code__in=cleaned["prerequisites"]))
    if len(prerequisites) != len(cleaned["prerequisites"]):
        missing = set(cleaned["prerequisites"]) - {p.code for p in prerequisites}
        raise ValidationError(
            {"prerequisites": f"前置审批事项的基本编码不存在：{'、'.join(sorted(missing))}"}
        )
    version.prerequisites.set(prerequisites)


@transaction.atomic
def implementation_create(
    *,
    catalog_item: CatalogItem,
    department: Department,
    elements: dict[str, Any],
    created_by: User | None,
    handling_item: HandlingItem | None = None,
    check_scope: bool = True,
) -> ItemImplementation:
    """A new implementation with version 1 as a draft. ``check_scope=False`` only for trusted loaders."""
    if check_scope:
        profile = catalog_manager_get(created_by)  # type: ignore[arg-type]
        if not manager_covers_region(profile, department.region.path):
            raise PermissionDenied("该实施主体不在您的管理范围内")
    if handling_item is not None and handling_item.catalog_item_id != catalog_item.pk:
        raise ValidationError({"handling_item": "业务办理项不属于该基本目录事项"})
    if not catalog_item.is_active:
        raise ValidationError({"catalog_item": "该基本目录事项已失效"})
    cleaned = elements_clean(elements)
    code = implementation_code_build(
        basic_code=catalog_item.code,
        region_code=department.region.code,
        credit_code=department.credit_code,
        handling_code=handling_item.code if handling_item else None,
    )
    try:
        with transaction.atomic():
            implementation = ItemImplementation.objects.create(
                code=code,
                catalog_item=catalog_item,
                handling_item=handling_item,
                region=department.region,
                department=department,
            )
    except IntegrityError as exc:
        raise ValidationError({"code": f"实施编码“{code}”已存在：该部门已实施此事项"}) from exc
    version = ImplementationVersion.objects.create(
        implementation=implementation, number=1, created_by=created_by
    )
    _write_elements(version, cleaned)
    _record(
        implementation,
        Action.CREATED,
        created_by,
        version,
        summary={"catalog_item": catalog_item.code, "department": department.credit_code, "state": "draft"},
    )
    return implementation


@transaction.atomic
def version_draft_open(*, implementation: ItemImplementation, user: User) -> ImplementationVersion:
    """The open draft of ``implementation``, creating one from the latest published (or rejected) version."""
    implementation = ItemImplementation.objects.select_for_update().get(pk=implementation.pk)
    open_version = implementation.versions.filter(
        state__in=[VersionState.DRAFT, VersionState.PENDING]
    ).first()
    if open_version is not None:
        if open_version.state == VersionState.PENDING:
            raise ValidationError("该事项有待审核的版本，审核完成前不能修改", code="pending_review")
        return open_version
    if implementation.status == ImplementationStatus.WITHDRAWN:
        raise ValidationError("已取消的事项不能再修订", code="withdrawn")
    base = implementation.versions.exclude(state=VersionState.SUPERSEDED).order_by("-number").first()
    if base is None:
        raise ValidationError("没有可供修订的版本", code="no_version")
    number = (implementation.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    draft = ImplementationVersion.objects.create(
        implementation=implementation, number=number, created_by=user
    )
    snapshot = version_snapshot(base)
    cleaned = elements_clean(snapshot)
    for row, original in zip(cleaned["materials"], snapshot["materials"], strict=True):
        # Files are not guide elements a caller may set; carry the base version's files over as they are.
        row["template_file"], row["sample_file"] = original["template_file"], original["sample_file"]
    _write_elements(draft, cleaned)
    _record(
        implementation,
        Action.DRAFT_OPENED,
        user,
        draft,
        reason=f"基于第 {base.number} 版",
        summary={"base_version": base.number},
    )
    return draft


def _lock_version(version: ImplementationVersion, expected: str) -> ImplementationVersion:
    locked = (
        ImplementationVersion.objects.select_for_update().select_related("implementation").get(pk=version.pk)
    )
    if locked.state != expected:
        raise ValidationError(
            f"该版本当前状态为“{locked.get_state_display()}”，不能执行此操作", code="wrong_state"
        )
    return locked


@transaction.atomic
def version_draft_save(
    *, version: ImplementationVersion, user: User, elements: dict[str, Any]
) -> ImplementationVersion:
    """Replace a draft's elements. Incomplete drafts are allowed; malformed values are not."""
    version = _lock_version(version, VersionState.DRAFT)
    cleaned = elements_clean(elements)
    before = version_snapshot(version)
    _write_elements(version, cleaned)
    changed = [change["label"] for change in snapshot_diff(before, version_snapshot(version))]
    _record(version.implementation, Action.DRAFT_SAVED, user, version, summary={"changed": changed})
    return version


@transaction.atomic
def version_submit(*, version: ImplementationVersion, user: User, reason: str) -> ImplementationVersion:
    """Send a draft for review; it must be complete, and the author says what changed and why."""
    version = _lock_version(version, VersionState.DRAFT)
    if not reason.strip():
        raise ValidationError({"reason": "请填写变更原因（改了什么、为什么改）"})
    elements_clean(version_snapshot(version), for_submit=True)
    version.state = VersionState.PENDING
    version.change_reason = reason.strip()
    version.submitted_by = user
    version.submitted_at = timezone.now()
    version.save(update_fields=["state", "change_reason", "submitted_by", "submitted_at"])
    _record(
        version.implementation,
        Action.SUBMITTED,
        user,
        version,
        reason=version.change_reason,
        summary={"state": {"before": VersionState.DRAFT, "after": VersionState.PENDING}},
    )
    return version


def _check_reviewer(version: ImplementationVersion, reviewer: User) -> None:
    profile = catalog_manager_get(reviewer)
    if not manager_covers_region(profile, version.implementation.region.path):
        raise PermissionDenied("该事项不在您的审核范围内")
    if reviewer.pk in (version.created_by_id, version.submitted_by_id):
        raise PermissionDenied("不能审核自己编制或提交的版本")


@transaction.atomic
def version_approve(
    *, version: ImplementationVersion, reviewer: User, comment: str = ""
) -> ImplementationVersion:
    """Publish a pending version: it becomes the live guide and the previous one is superseded."""
    version = _lock_version(version, VersionState.PENDING)
    _check_reviewer(version, reviewer)
    implementation = ItemImplementation.objects.select_for_update().get(pk=version.implementation_id)
    previous = implementation.published_version
    version.changes = snapshot_diff(
        version_snapshot(previous) if previous else None, version_snapshot(version)
    )
    if previous is not None:
        ImplementationVersion.objects.filter(pk=previous.pk).update(state=VersionState.SUPERSEDED)
    now = timezone.now()
    version.state = VersionState.PUBLISHED
    version.reviewed_by, version.reviewed_at, version.published_at = reviewer, now, now
    version.review_comment = comment.strip()
    version.save(
        update_fields=["state", "changes", "reviewed_by", "reviewed_at", "published_at", "review_comment"]
    )
    implementation.published_version = version
    if implementation.status == ImplementationStatus.DRAFT:
        implementation.status = ImplementationStatus.PUBLISHED
    implementation.save(update_fields=["published_version", "status"])
    _record(
        implementation,
        Action.APPROVED,
        reviewer,
        version,
        reason=comment.strip(),
        summary={
            "state": {"before": VersionState.PENDING, "after": VersionState.PUBLISHED},
            "superseded_version": previous.number if previous is not None else None,
            "changed": [change["label"] for change in version.changes],
        },
    )
    search_index_refresh([implementation.pk])
    return version


@transaction.atomic
def version_reject(*, version: ImplementationVersion, reviewer: User, reason: str) -> ImplementationVersion:
    """Return a pending version to its author with a reason; the live guide is untouched."""
    version = _lock_version(version, VersionState.PENDING)
    _check_reviewer(version, reviewer)
    if not reason.strip():
        raise ValidationError({"reason": "退回时必须说明理由"})
    version.state = VersionState.REJECTED
    version.reviewed_by, version.reviewed_at = reviewer, timezone.now()
    version.review_comment = reason.strip()
    version.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_comment"])
    _record(
        version.implementation,
        Action.REJECTED,
        reviewer,
        version,
        reason=reason.strip(),
        summary={"state": {"before": VersionState.PENDING, "after": VersionState.REJECTED}},
    )
    return version


_STATUS_MOVES: dict[str, tuple[set[ImplementationStatus], ImplementationStatus]] = {
    Action.SUSPENDED: ({ImplementationStatus.PUBLISHED}, ImplementationStatus.SUSPENDED),
    Action.RESUMED: ({ImplementationStatus.SUSPENDED}, ImplementationStatus.PUBLISHED),
    Action.WITHDRAWN: (
        {ImplementationStatus.PUBLISHED, ImplementationStatus.SUSPENDED},
        ImplementationStatus.WITHDRAWN,
    ),
}


@transaction.atomic
def implementation_change_status(
    *, implementation: ItemImplementation, user: User, action: str, reason: str
) -> ItemImplementation:
    """Suspend (暂停), resume (恢复) or withdraw (取消) an implementation, with a reason."""
    if action not in _STATUS_MOVES:
        raise ValidationError(f"未知操作：{action}")
    profile = catalog_manager_get(user)
    implementation = (
        ItemImplementation.objects.select_for_update().select_related("region").get(pk=implementation.pk)
    )
    if not manager_covers_region(profile, implementation.region.path):
        raise PermissionDenied("该事项不在您的管理范围内")
    allowed, target = _STATUS_MOVES[action]
    if implementation.status not in allowed:
        raise ValidationError(
            f"事项当前为“{implementation.get_status_display()}”，不能{Action(action).label}",
            code="wrong_status",
        )
    if not reason.strip():
        raise ValidationError({"reason": "请说明原因"})
    before = implementation.status
    implementation.status, implementation.status_reason = target, reason.strip()
    implementation.save(update_fields=["status", "status_reason"])
    _record(
        implementation,
        action,
        user,
        reason=reason.strip(),
        summary={"status": {"before": str(before), "after": str(target)}},
    )
    search_index_refresh([implementation.pk])
    return implementation
