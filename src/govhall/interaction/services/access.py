"""Audited reads by staff that are not state changes: exporting the consultation/complaint list."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from govhall.core.audit import audit_record


@transaction.atomic
def interaction_list_export_record(*, actor: Any, kind: str, rows: int, filters: dict[str, str]) -> None:
    audit_record(
        actor=actor,
        action="interaction.list_exported",
        summary={"kind": kind, "rows": rows, "filters": filters},
    )
