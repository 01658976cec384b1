"""一件事 — catalog managers create and change life-event bundles; every change is audited.

Owns the bundle's invariants: a lead and at least one member, all live (published) implementations
handled in the bundle's region or a region above it, the lead not among the members. The members'
departments (other than the lead's) are the co-departments of a bundle case. Never touches cases.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from govhall.core.audit import AuditTarget, audit_record
from govhall.directory.models import Region

from ..access import catalog_manager_get, manager_covers_region
from ..models import Bundle, BundleStatus, ItemImplementation

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9-]{1,39}$")


def _clean(
    *,
    bundle: Bundle | None,
    code: str,
    name: str,
    region: Region,
    lead: ItemImplementation,
    members: list[ItemImplementation],
    status: str,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not CODE_PATTERN.match(code):
        errors["code"] = ["代码须以小写字母开头，只含小写字母、数字和 -，2 至 40 个字符"]
    elif Bundle.objects.filter(code=code).exclude(pk=bundle.pk if bundle else 0).exists():
        errors["code"] = [f"代码“{code}”已被使用"]
    if not name:
        errors["name"] = ["请填写名称"]
    if status not in BundleStatus.values:
        errors["status"] = ["请选择状态"]
    chain = set(region.ancestor_codes)
    if not lead.is_live:
        errors["lead"] = ["牵头事项须为已发布的在用事项"]
    elif lead.region.code not in chain:
        errors["lead"] = ["牵头事项须在本区划或上级区划办理"]
    if not members:
        errors["members"] = ["请至少选择一个协办事项"]
    problems = []
    for member in members:
        if member.pk == lead.pk:
            problems.append(f"牵头事项“{member.name}”不能同时作为协办事项")
        elif not member.is_live:
            problems.append(f"“{member.name}”未发布或已暂停，不能加入")
        elif member.region.code not in chain:
            problems.append(f"“{member.name}”不在本区划或上级区划办理")
    if problems:
        errors["members"] = problems
    return errors


def bundle_co_department_ids(bundle: Bundle) -> list[int]:
    """The departments that countersign a case of ``bundle``: the members' ones other than the lead's."""
    ids = {m.department_id for m in bundle.members.all()} - {bundle.lead.department_id}
    return sorted(ids)


@transaction.atomic
def bundle_save(
    *,
    actor: Any,
    bundle: Bundle | None = None,
    code: str,
    name: str,
    description: str = "",
    region: Region,
    lead: ItemImplementation,
    members: list[ItemImplementation],
    status: str = BundleStatus.ACTIVE,
) -> Bundle:
    """Create (``bundle=None``) or change a bundle; ``ValidationError`` keyed by field, nothing written."""
    profile = catalog_manager_get(actor) if actor is not None else None
    if profile is not None and not manager_covers_region(profile, region.path):
        raise PermissionDenied("该区划不在您的管理范围内")
    code, name, description = code.strip(), name.strip(), description.strip()
    members = list({m.pk: m for m in members}.values())
    errors = _clean(
        bundle=bundle, code=code, name=name, region=region, lead=lead, members=members, status=status
    )
    if errors:
        raise ValidationError(errors)
    created = bundle is None
    before = _snapshot(bundle) if bundle is not None else {}
    if bundle is None:
        bundle = Bundle(created_by=actor)
    bundle.code, bundle.name, bundle.description = code, name[:60], description
    bundle.region, bundle.lead, bundle.status = region, lead, status
    bundle.save()
    bundle.members.set(members)
    after = _snapshot(bundle)
    audit_record(
        actor=actor,
        action="catalog.bundle.created" if created else "catalog.bundle.updated",
        actor_label="" if actor is not None else "system",
        target=AuditTarget.of(bundle, f"{bundle.code} {bundle.name}"),
        summary=after
        if created
        else {k: {"before": before[k], "after": v} for k, v in after.items() if before.get(k) != v},
    )
    return bundle


def _snapshot(bundle: Bundle) -> dict[str, Any]:
    return {
        "code": bundle.code,
        "name": bundle.name,
        "description": bundle.description,
        "region": bundle.region.code,
        "lead": bundle.lead.code,
        "members": sorted(bundle.members.values_list("code", flat=True)),
        "status": bundle.status,
    }
