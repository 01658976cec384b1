"""Reads of process definitions (流程定义). Never writes; the built-in ``standard`` is served from its file
until ``builtin_processes_ensure`` has stored its row."""

from __future__ import annotations

import hashlib

from django.db.models import QuerySet

from .models import ProcessDefinition

STANDARD_KEY = "standard"
STANDARD_PROCESS_ID = "standard"
STANDARD_NAME = "标准审批流程"


def standard_source() -> tuple[str, str, str]:
    """(sha256, BPMN XML, process id) of the shipped standard process file."""
    from .engine import standard_bpmn

    xml = standard_bpmn()
    return hashlib.sha256(xml.encode()).hexdigest(), xml, STANDARD_PROCESS_ID


def process_definition_source(key: str) -> tuple[str, str, str] | None:
    """(sha256, BPMN XML, process id) of the definition ``key``, or None; ``standard`` falls back to its file."""
    row = ProcessDefinition.objects.filter(key=key).values_list("sha256", "bpmn_xml", "process_id").first()
    if row is not None:
        return row[0], row[1], row[2]
    if key == STANDARD_KEY:
        return standard_source()
    return None


def process_definition_list() -> QuerySet[ProcessDefinition]:
    return ProcessDefinition.objects.select_related("uploaded_by").order_by("-is_builtin", "key")


def process_definition_get(key: str) -> ProcessDefinition:
    """The definition ``key``; raises ``ProcessDefinition.DoesNotExist``."""
    return ProcessDefinition.objects.select_related("uploaded_by").get(key=key)


def process_keys() -> list[str]:
    """Every key an implementation may choose, ``standard`` first (present even before its row exists)."""
    keys = list(ProcessDefinition.objects.order_by("-is_builtin", "key").values_list("key", flat=True))
    if STANDARD_KEY not in keys:
        keys.insert(0, STANDARD_KEY)
    return keys


def process_choices() -> list[tuple[str, str]]:
    """(key, "name（key）") pairs for a form's choice field."""
    rows = dict(ProcessDefinition.objects.values_list("key", "name"))
    rows.setdefault(STANDARD_KEY, STANDARD_NAME)
    return [(key, f"{rows[key]}（{key}）") for key in process_keys()]
