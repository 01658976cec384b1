"""Catalog reads for 电子监察 (``supervision``): implementations not yet on the platform (事项未上线).

Owns one read: implementations still in draft that were never published, with what a warning card
needs (id, code, name, department, region, since when). Never writes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import CharField, Value
from django.db.models.functions import Concat, Substr, TruncDate

from .models import ImplementationStatus, ItemImplementation


def implementations_not_onboarded(*, created_before: dt.date) -> list[dict[str, Any]]:
    """Draft implementations never published, created before ``created_before`` (oldest first):
    ``id``, ``code``, ``label`` (name and code), ``department_id``, ``region_id``, ``created_on``."""
    rows = (
        ItemImplementation.objects.filter(
            status=ImplementationStatus.DRAFT,
            published_version__isnull=True,
            created_at__date__lt=created_before,
        )
        .annotate(
            label=Substr(
                Concat("catalog_item__name", Value("（"), "code", Value("）"), output_field=CharField()),
                1,
                300,
            ),
            created_on=TruncDate("created_at"),
        )
        .order_by("created_at", "id")
        .values("id", "code", "label", "department_id", "region_id", "created_on")
    )
    return [dict(row) for row in rows]
