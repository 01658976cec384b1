"""Operators' reviews of the audit trail — verifying the chain and exporting entries — each audited.

Looking at the trail is itself recorded: ``audit_chain_check`` recomputes the chain and appends
an ``audit.verify`` entry with the outcome; ``audit_export_record`` appends ``audit.export`` with
the filters and the number of rows handed out. Neither changes any existing entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from .audit import ChainProblem, audit_chain_verify, audit_record

PROBLEMS_IN_ENTRY = 20  # the first problems are copied into the verify entry; all are shown on the page


@dataclass(frozen=True)
class ChainCheck:
    checked: int
    problems: list[ChainProblem]

    @property
    def intact(self) -> bool:
        return not self.problems


def audit_chain_check(*, actor: Any) -> ChainCheck:
    """Verify the whole chain (streamed) and record who did it and what was found."""
    checked, problems = audit_chain_verify()
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="audit.verify",
            summary={
                "checked": checked,
                "problems": len(problems),
                "first_problems": [problem.message for problem in problems[:PROBLEMS_IN_ENTRY]],
            },
        )
    return ChainCheck(checked, problems)


@transaction.atomic
def audit_export_record(*, actor: Any, filters: dict[str, str], rows: int, truncated: bool) -> None:
    """Record an export of ``rows`` entries matching ``filters`` (empty values left out)."""
    audit_record(
        actor=actor,
        action="audit.export",
        summary={
            "filters": {key: value for key, value in filters.items() if value},
            "rows": rows,
            "truncated": truncated,
        },
    )
