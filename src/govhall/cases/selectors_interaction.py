"""Reads of cases for the ``interaction`` context (complaints against a case).

Returns plain values, never a ``Case``: interaction keeps the number as text and must not reach into
the cases tables. Read-only; no personal data is returned.
"""

from __future__ import annotations

from typing import Any

from .models import Case
from .numbers import case_number_normalise, case_number_valid


def case_brief(*, number: str) -> dict[str, Any] | None:
    """``{number, item_name, implementation_code, department_id, region_id}`` of a case, or None."""
    number = case_number_normalise(number or "")
    if not case_number_valid(number):
        return None
    row = (
        Case.objects.filter(number=number)
        .values("number", "item_name", "implementation_code", "department_id", "region_id")
        .first()
    )
    return dict(row) if row is not None else None


def case_numbers_of_user(*, user_id: int, limit: int = 20) -> list[dict[str, Any]]:
    """The user's most recent cases (number and item name), offered as complaint subjects on the portal."""
    return list(
        dict(row)
        for row in Case.objects.filter(applicant__user_id=user_id)
        .order_by("-submitted_at")
        .values("number", "item_name")[:limit]
    )
