"""统一的事项梳理模板 — the unified item template: export to .xlsx, bulk import into drafts, report export.

Public entry points (everything else in this package is internal):
``items_export`` / ``blank_template`` / ``implementations_for_export`` (export.py),
``items_import`` → ``ImportResult`` (importer.py), ``findings_export`` (report.py).
"""

from .export import (
    EXPORT_STATUS_CHOICES,
    blank_template,
    implementations_exportable,
    implementations_for_export,
    items_export,
)
from .importer import ImportedItem, ImportResult, items_import
from .reading import ImportIssue
from .report import findings_export

__all__ = [
    "EXPORT_STATUS_CHOICES",
    "ImportIssue",
    "ImportResult",
    "ImportedItem",
    "blank_template",
    "findings_export",
    "implementations_exportable",
    "implementations_for_export",
    "items_export",
    "items_import",
]
