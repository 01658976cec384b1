"""Rows for the 流程定义 pages: catalog managers (any level) list, inspect and upload BPMN processes.

Window clerks, the supervisor and the operator have no catalog role (403). The upload row posts a
document with a script task: managers get the form back (200) with the validation error, nothing stored.
"""

from django.urls import reverse

from .matrix import FORBIDDEN, NOT_FOUND, OK, Row, staff_page

MANAGERS_OK = staff_page(FORBIDDEN, county_manager=OK, province_manager=OK)

SCRIPT_BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:scriptTask id="s"><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>
  </bpmn:process>
</bpmn:definitions>"""

ROWS = [
    Row("workbench:process_list", lambda a: reverse("workbench:process_list"), MANAGERS_OK),
    Row("workbench:process_upload", lambda a: reverse("workbench:process_upload"), MANAGERS_OK),
    Row(
        "workbench:process_upload",
        lambda a: reverse("workbench:process_upload"),
        MANAGERS_OK,
        method="post",
        data=lambda a: {"key": "authz-script", "name": "脚本流程", "bpmn_text": SCRIPT_BPMN},
        note="含脚本任务，校验失败",
    ),
    Row(
        "workbench:process_detail",
        lambda a: reverse("workbench:process_detail", args=("standard",)),
        MANAGERS_OK,
    ),
    Row(
        "workbench:process_detail",
        lambda a: reverse("workbench:process_detail", args=("no-such-process",)),
        staff_page(FORBIDDEN, county_manager=NOT_FOUND, province_manager=NOT_FOUND),
        note="不存在的流程",
    ),
]
