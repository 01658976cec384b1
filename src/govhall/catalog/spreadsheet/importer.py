"""Bulk import of the unified item template into drafts — all or nothing per file.

``items_import`` reads the file, checks every row (see ``planning``) and, only when nothing is
wrong, writes through the catalog services in one transaction: a new implementation is created
with a draft version 1 (``implementation_create``), an existing one gets its open draft opened
and replaced (``version_draft_open`` + ``version_draft_save``). Published versions are never
touched, so the live guide stays online until a reviewer approves the draft. Rows equal to the
current version are left alone. Never publishes, never writes when any row is wrong. Besides the
services' own audit entries, the import writes one ``catalog.implementation.imported`` entry per
written implementation naming the file (``audit_record_many``).
"""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from govhall.core.audit import AuditItem, audit_record_many

from ..access import catalog_manager_get
from ..elements import elements_carry_over, version_snapshot
from ..models import ImplementationEvent, ImplementationVersion
from ..services.implementations import (
    implementation_audit_target,
    implementation_create,
    version_draft_open,
    version_draft_save,
)
from .layout import ITEM_SHEET
from .planning import ImplementationPlan, import_plan
from .reading import ImportIssue, TemplateError, template_read


@dataclass(frozen=True)
class ImportedItem:
    """One implementation of the file and what the import did with it."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    OUTCOME_LABELS = {CREATED: "新增（草稿）", UPDATED: "修订（草稿）", UNCHANGED: "无变化"}

    code: str
    name: str
    outcome: str
    version_number: int | None = None

    @property
    def outcome_label(self) -> str:
        return self.OUTCOME_LABELS[self.outcome]


@dataclass
class ImportResult:
    """Either ``errors`` (nothing was written) or what happened to each implementation."""

    errors: list[ImportIssue] = field(default_factory=list)
    items: list[ImportedItem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def codes(self, outcome: str) -> list[str]:
        return [item.code for item in self.items if item.outcome == outcome]

    @property
    def created(self) -> list[str]:
        return self.codes(ImportedItem.CREATED)

    @property
    def updated(self) -> list[str]:
        return self.codes(ImportedItem.UPDATED)

    @property
    def unchanged(self) -> list[str]:
        return self.codes(ImportedItem.UNCHANGED)


def items_import(*, file: Any, user: User, filename: str = "") -> ImportResult:
    """Import a filled-in template as drafts, in ``user``'s scope; raises ``PermissionDenied`` for non-managers."""
    profile = catalog_manager_get(user)
    try:
        rows = template_read(file)
    except TemplateError as error:
        return ImportResult(errors=error.issues)
    plans, issues = import_plan(rows, profile)
    if issues:
        return ImportResult(errors=issues)
    return _write(plans, user, filename)


def _write(plans: list[ImplementationPlan], user: User, filename: str) -> ImportResult:
    result = ImportResult()
    events = []
    audit_items = []
    reason = f"通过事项梳理模板导入{f'（{filename}）' if filename else ''}"
    with transaction.atomic():
        for plan in plans:
            if not plan.changed:
                result.items.append(ImportedItem(plan.code, _name(plan), ImportedItem.UNCHANGED))
                continue
            try:
                version, outcome = _write_one(plan, user)
            except (ValidationError, PermissionDenied) as error:
                messages = error.messages if isinstance(error, ValidationError) else [str(error)]
                result.errors.extend(ImportIssue(ITEM_SHEET, plan.row.number, "", m) for m in messages)
                continue
            result.items.append(ImportedItem(plan.code, _name(plan), outcome, version.number))
            events.append(
                ImplementationEvent(
                    implementation_id=version.implementation_id,
                    version=version,
                    action=ImplementationEvent.Action.IMPORTED,
                    actor=user,
                    reason=reason,
                )
            )
            audit_items.append(
                AuditItem(
                    "catalog.implementation.imported",
                    implementation_audit_target(version.implementation),
                    {"version": version.number, "outcome": outcome, "file": filename, "row": plan.row.number},
                    reason,
                )
            )
        if result.errors:
            transaction.set_rollback(True)
            return ImportResult(errors=result.errors)
        ImplementationEvent.objects.bulk_create(events)
        audit_record_many(actor=user, items=audit_items)
    return result


def _write_one(plan: ImplementationPlan, user: User) -> tuple[ImplementationVersion, str]:
    if plan.existing is None:
        implementation = implementation_create(
            catalog_item=plan.catalog_item,
            department=plan.department,
            elements=plan.elements,
            created_by=user,
            handling_item=plan.handling_item,
        )
        return implementation.versions.get(), ImportedItem.CREATED
    draft = version_draft_open(implementation=plan.existing, user=user)
    # The template has no form or process columns: keep the draft's own (copied from the base version).
    elements = elements_carry_over(version_snapshot(draft), plan.elements)
    return version_draft_save(version=draft, user=user, elements=elements), ImportedItem.UPDATED


def _name(plan: ImplementationPlan) -> str:
    if plan.handling_item is not None:
        return f"{plan.catalog_item.name}（{plan.handling_item.name}）"
    return plan.catalog_item.name
