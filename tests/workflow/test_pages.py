"""The 流程定义 workbench pages: list, upload (with Chinese validation errors) and the steps of a definition."""

import pytest
from django.urls import reverse

from govhall.workflow.models import ProcessDefinition
from tests.staff_login import staff_client

from . import bpmn_samples

pytestmark = pytest.mark.django_db


def test_list_shows_the_builtin_standard_process(world):
    response = staff_client(world.manager).get(reverse("workbench:process_list"))
    assert response.status_code == 200
    assert "标准审批流程" in response.content.decode()


def test_upload_of_a_script_task_shows_the_error_in_chinese(world):
    response = staff_client(world.manager).post(
        reverse("workbench:process_upload"),
        {"key": "scripted", "name": "脚本流程", "bpmn_text": bpmn_samples.with_script_task()},
    )
    assert response.status_code == 200
    assert "不允许脚本任务（元素 run_script）" in response.content.decode()
    assert not ProcessDefinition.objects.filter(key="scripted").exists()


def test_upload_of_a_file_stores_it_and_shows_its_steps(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = staff_client(world.manager)
    upload = SimpleUploadedFile(
        "custom.bpmn", bpmn_samples.with_timer().encode(), content_type="application/xml"
    )
    response = client.post(
        reverse("workbench:process_upload"), {"key": "with-timer", "name": "公示流程", "bpmn_file": upload}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:process_detail", args=("with-timer",))
    page = client.get(response["Location"]).content.decode()
    assert "公示流程" in page
    assert "受理" in page and "审查" in page
    assert "牵头部门 · 窗口人员" in page


def test_detail_of_standard_lists_every_step_with_kind_and_lane(world):
    page = (
        staff_client(world.manager)
        .get(reverse("workbench:process_detail", args=("standard",)))
        .content.decode()
    )
    for label in ("受理", "下级初审", "审查", "并联审批", "决定", "协办部门 · 审批人员", "部门负责人"):
        assert label in page
