"""Data: the built-in ``standard`` process definition row, read from ``workflow/bpmn/standard.bpmn``.

Idempotent (does nothing when the row exists). The engine also falls back to the file for
``standard`` while no row exists, and ``services.builtin_processes_ensure`` creates it (audited)
at run time for databases migrated before this file existed.
"""

import hashlib
from pathlib import Path

from django.db import migrations

STANDARD_FILE = Path(__file__).resolve().parent.parent / "bpmn" / "standard.bpmn"


def create_standard(apps, schema_editor):
    ProcessDefinition = apps.get_model("workflow", "ProcessDefinition")
    if ProcessDefinition.objects.filter(key="standard").exists():
        return
    xml = STANDARD_FILE.read_text(encoding="utf-8")
    ProcessDefinition.objects.create(
        key="standard",
        name="标准审批流程",
        description="受理 → 下级初审（需要时）→ 审查 → 并联审批（有协办部门时）→ 决定 → 办结",
        bpmn_xml=xml,
        process_id="standard",
        sha256=hashlib.sha256(xml.encode()).hexdigest(),
        is_builtin=True,
    )


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial")]

    operations = [migrations.RunPython(create_standard, migrations.RunPython.noop)]
