"""Uploading a BPMN document: validated (no scripts, known elements, lanes, safe conditions) and audited."""

import pytest
from django.core.exceptions import ValidationError

from govhall.core.models import AuditEntry
from govhall.workflow.models import ProcessDefinition
from govhall.workflow.selectors import process_keys
from govhall.workflow.services import builtin_processes_ensure, process_definition_upload

from . import bpmn_samples

pytestmark = pytest.mark.django_db


def upload_errors(world, xml, key="custom"):
    before = list(ProcessDefinition.objects.values_list("pk", "sha256"))
    with pytest.raises(ValidationError) as caught:
        process_definition_upload(actor=world.manager, key=key, name="自定义流程", bpmn_xml=xml)
    assert list(ProcessDefinition.objects.values_list("pk", "sha256")) == before
    return caught.value.message_dict


def test_valid_upload_is_stored_and_audited(world):
    before = AuditEntry.objects.count()
    definition = process_definition_upload(
        actor=world.manager, key="custom", name="自定义流程", bpmn_xml=bpmn_samples.simple()
    )
    assert (definition.process_id, definition.is_builtin, definition.uploaded_by) == (
        "custom",
        False,
        world.manager,
    )
    assert len(definition.sha256) == 64
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.action == "workflow.process_definition.uploaded"
    assert "custom" in process_keys()


def test_script_task_is_rejected(world):
    errors = upload_errors(world, bpmn_samples.with_script_task())
    assert any("不允许脚本任务（元素 run_script）" in m for m in errors["bpmn_xml"])


def test_unknown_element_is_rejected(world):
    errors = upload_errors(world, bpmn_samples.with_unknown_element())
    assert any("不允许的元素 manualTask（元素 paper_step）" in m for m in errors["bpmn_xml"])


def test_bad_lane_is_rejected(world):
    xml = bpmn_samples.document(bpmn_samples.SIMPLE_BODY, lane="lead:janitor")
    errors = upload_errors(world, xml)
    assert any("泳道名称“lead:janitor”无效" in m for m in errors["bpmn_xml"])
    assert any("人工任务必须位于一个有效的泳道中（元素 accept）" in m for m in errors["bpmn_xml"])


def test_user_task_id_must_name_a_step_kind(world):
    xml = bpmn_samples.simple().replace('"accept"', '"approve_it"').replace(">accept<", ">approve_it<")
    errors = upload_errors(world, xml)
    assert any("元素 approve_it" in m and "开头" in m for m in errors["bpmn_xml"])


@pytest.mark.parametrize("condition", ["__import__('os').system('x')", "outcome.__class__", "exec('1')"])
def test_unsafe_condition_is_rejected(world, condition):
    errors = upload_errors(world, bpmn_samples.with_condition(condition))
    assert any("条件不是允许的表达式" in m and "元素 f3" in m for m in errors["bpmn_xml"])


def test_safe_condition_is_accepted(world):
    process_definition_upload(
        actor=world.manager,
        key="cond",
        name="条件",
        bpmn_xml=bpmn_samples.with_condition('outcome == "refused"'),
    )
    assert ProcessDefinition.objects.filter(key="cond").exists()


def test_unregistered_service_is_rejected(world):
    errors = upload_errors(world, bpmn_samples.with_service("no.such.service"))
    assert any("服务“no.such.service”未注册（元素 notify）" in m for m in errors["bpmn_xml"])


def test_external_entities_and_doctype_are_refused(world):
    xml = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        + bpmn_samples.simple().split("?>", 1)[1].replace('name="受理"', 'name="&e;"')
    )
    errors = upload_errors(world, xml)
    assert errors["bpmn_xml"]
    assert not any("root:" in m for m in errors["bpmn_xml"])


def test_two_processes_are_refused(world):
    xml = bpmn_samples.simple().replace(
        "</bpmn:definitions>", '<bpmn:process id="other" isExecutable="true" /></bpmn:definitions>'
    )
    errors = upload_errors(world, xml)
    assert any("恰好包含一个可执行流程" in m for m in errors["bpmn_xml"])


def test_bad_key_and_taken_key_are_refused(world):
    assert "key" in upload_errors(world, bpmn_samples.simple(), key="Bad Key")
    assert "key" in upload_errors(world, bpmn_samples.simple(), key="standard")


def test_not_xml_is_refused(world):
    assert "bpmn_xml" in upload_errors(world, "<not really")


def test_builtin_standard_row_exists_and_ensure_is_idempotent():
    first = builtin_processes_ensure()
    second = builtin_processes_ensure()
    assert first.pk == second.pk and first.is_builtin
    assert ProcessDefinition.objects.filter(key="standard").count() == 1
    assert process_keys()[0] == "standard"


def test_standard_file_passes_upload_validation():
    from govhall.workflow.engine import standard_bpmn
    from govhall.workflow.validation import bpmn_validate

    assert bpmn_validate(standard_bpmn()) == "standard"
