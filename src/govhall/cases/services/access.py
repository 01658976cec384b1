"""Audited reads of a case's personal data by staff: opening a material, exporting a case list.

The caller has already loaded the case through ``selectors.case_for_staff`` (the scope check); these
functions write the audit entry that says who read what and return what was asked for. They never
change the case.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from govhall.core.audit import AuditTarget, audit_record

from ..models import Case, CaseMaterial


@transaction.atomic
def case_material_read(*, actor: Any, case: Case, material_id: int) -> CaseMaterial:
    """The material ``material_id`` of ``case`` (with a file), its reading audited; ``DoesNotExist`` otherwise."""
    material = case.materials.exclude(file="").get(pk=material_id)
    audit_record(
        actor=actor,
        action="case.material_viewed",
        target=AuditTarget.of(case, f"{case.number} {case.item_name}"),
        summary={"material": material.name, "file": material.original_name, "round": material.round},
    )
    return material


@transaction.atomic
def case_list_export_record(*, actor: Any, rows: int, filters: dict[str, str]) -> None:
    """An export of a case list (names and masked numbers) left the platform: who, how many, which filters."""
    audit_record(actor=actor, action="case.list_exported", summary={"rows": rows, **filters})


@transaction.atomic
def case_document_read(*, actor: Any, case: Case, document: str, name: str) -> None:
    """Opening another document of the case (an opinion's attachment, a notice, the result): audited."""
    audit_record(
        actor=actor,
        action="case.document_viewed",
        target=AuditTarget.of(case, f"{case.number} {case.item_name}"),
        summary={"document": document, "file": name},
    )
