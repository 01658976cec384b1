"""Writes of process definitions (流程定义): upload (validated, audited) and the built-in ``standard`` row.

Definitions are immutable once stored: a changed process is uploaded under a new key. This module
never runs a process (that is ``engine``) and never touches cases.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from govhall.core.audit import AuditTarget, audit_record

from .models import ProcessDefinition
from .selectors import STANDARD_KEY, STANDARD_NAME, standard_source
from .validation import bpmn_validate

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{1,59}$")


def _target(definition: ProcessDefinition) -> AuditTarget:
    return AuditTarget.of(definition)


def process_definition_upload(
    *, actor: Any, key: str, name: str, bpmn_xml: str, description: str = ""
) -> ProcessDefinition:
    """Validate and store a catalog manager's BPMN under a new ``key``; raises ``ValidationError`` (Chinese)."""
    key, name, description = (key or "").strip(), (name or "").strip(), (description or "").strip()
    errors: dict[str, list[str]] = {}
    if not KEY_PATTERN.match(key):
        errors["key"] = ["流程标识须以小写字母开头，只含小写字母、数字、下划线和连字符，2–60 个字符"]
    elif ProcessDefinition.objects.filter(key=key).exists() or key == STANDARD_KEY:
        errors["key"] = [f"流程标识“{key}”已被使用；流程定义上传后不可修改，请换一个标识"]
    if not name:
        errors["name"] = ["请填写流程名称"]
    elif len(name) > 100:
        errors["name"] = ["流程名称最多 100 个字符"]
    try:
        process_id = bpmn_validate(bpmn_xml)
    except ValidationError as exc:
        errors["bpmn_xml"] = exc.messages
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            definition = ProcessDefinition.objects.create(
                key=key,
                name=name,
                description=description,
                bpmn_xml=bpmn_xml,
                process_id=process_id,
                sha256=hashlib.sha256(bpmn_xml.encode()).hexdigest(),
                uploaded_by=actor,
            )
            audit_record(
                actor=actor,
                action="workflow.process_definition.uploaded",
                target=_target(definition),
                summary={"key": key, "name": name, "process_id": process_id, "sha256": definition.sha256},
            )
    except IntegrityError:
        raise ValidationError({"key": [f"流程标识“{key}”已被使用"]}) from None
    return definition


def builtin_processes_ensure() -> ProcessDefinition:
    """Create the ``standard`` row from the shipped file if missing (idempotent); returns it."""
    sha256, bpmn_xml, process_id = standard_source()
    with transaction.atomic():
        definition, created = ProcessDefinition.objects.get_or_create(
            key=STANDARD_KEY,
            defaults={
                "name": STANDARD_NAME,
                "description": "受理 → 下级初审（需要时）→ 审查 → 并联审批（有协办部门时）→ 决定 → 办结",
                "bpmn_xml": bpmn_xml,
                "process_id": process_id,
                "sha256": sha256,
                "is_builtin": True,
            },
        )
        if created:
            audit_record(
                actor=None,
                action="workflow.process_definition.builtin_created",
                target=_target(definition),
                summary={"key": STANDARD_KEY, "sha256": sha256},
                actor_label="系统",
            )
    return definition
