"""Validation of an uploaded BPMN 2.0 document (流程定义校验) before it may become a ProcessDefinition.

Allowed: none start/end events; user tasks whose id starts with a step kind (accept, preliminary,
review, countersign, decide) and which sit in a lane named ``<lead|co|preliminary>:<role>``;
exclusive / parallel / inclusive gateways; sequence flows with conditions in the restricted
expression language; timer events (intermediate catch and boundary; ``timeDate`` / ``timeDuration``);
service tasks naming a registered service; lanes; multi-instance characteristics on ``countersign``
tasks; documentation, text annotations and the diagram (BPMN DI). Everything else — script tasks,
call activities, sub-processes, messages, signals, vendor extensions (which could carry scripts) —
is refused with a Chinese message naming the element id. Exactly one executable process.

The XML is parsed without DTDs, entities or network access (``engine.xml_parse``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from lxml import etree
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.exceptions import SpiffWorkflowException

from .engine import LANE_DEPARTMENTS, TASK_KINDS, spec_parse, task_kind, xml_parse
from .expressions import ExpressionError, expression_parse
from .services_registry import service_get

MAX_BYTES = 512 * 1024
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DIAGRAM_NAMESPACES = {
    "http://www.omg.org/spec/BPMN/20100524/DI",
    "http://www.omg.org/spec/DD/20100524/DC",
    "http://www.omg.org/spec/DD/20100524/DI",
}
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
LANE_ROLES = {
    "lead": {"window_clerk", "reviewer", "department_head"},
    "co": {"reviewer"},
    "preliminary": {"reviewer"},
}

ALLOWED = {
    "definitions", "collaboration", "participant", "process", "laneSet", "lane", "childLaneSet",
    "flowNodeRef", "startEvent", "endEvent", "userTask", "serviceTask", "exclusiveGateway",
    "parallelGateway", "inclusiveGateway", "sequenceFlow", "conditionExpression", "incoming",
    "outgoing", "intermediateCatchEvent", "boundaryEvent", "timerEventDefinition", "timeDate",
    "timeDuration", "multiInstanceLoopCharacteristics", "loopDataInputRef", "loopDataOutputRef",
    "inputDataItem", "outputDataItem", "completionCondition", "documentation", "extensionElements",
    "textAnnotation", "text", "association",
}  # fmt: skip
SPIFF_ALLOWED = {"serviceTaskOperator", "parameters", "parameter"}
REFUSED_NAMES = {
    "scriptTask": "不允许脚本任务",
    "script": "不允许脚本",
    "callActivity": "不支持调用活动（调用其他流程）",
    "subProcess": "不支持子流程",
    "timeCycle": "不支持循环定时器，请使用 timeDate 或 timeDuration",
}


def _where(element: etree._Element) -> str:
    node: etree._Element | None = element
    while node is not None:
        if node.get("id"):
            return node.get("id")
        node = node.getparent()
    return "?"


def _local(element: etree._Element) -> tuple[str, str]:
    qname = etree.QName(element)
    return qname.namespace or "", qname.localname


class _Checker:
    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.errors: list[str] = []

    def error(self, element: etree._Element, message: str) -> None:
        self.errors.append(f"{message}（元素 {_where(element)}）")

    def expression(self, element: etree._Element, text: str | None, what: str) -> None:
        try:
            expression_parse(text or "")
        except ExpressionError as exc:
            self.error(element, f"{what}不是允许的表达式：{exc}")

    def run(self) -> str | None:
        if _local(self.root) != (BPMN, "definitions"):
            self.errors.append("根元素必须是 BPMN 2.0 的 definitions")
            return None
        for element in self.root.iter(etree.Element):
            self.element(element)
        processes = self.root.findall(f"{{{BPMN}}}process")
        executable = [p for p in processes if p.get("isExecutable") == "true"]
        if len(processes) != 1 or len(executable) != 1:
            self.errors.append('文档必须恰好包含一个可执行流程（isExecutable="true"）')
            return None
        self.lanes_and_tasks(executable[0])
        return executable[0].get("id")

    def element(self, element: etree._Element) -> None:
        namespace, name = _local(element)
        if namespace in DIAGRAM_NAMESPACES:
            return
        if namespace == SPIFF:
            if name not in SPIFF_ALLOWED:
                self.error(element, f"不允许的扩展元素 {name}")
            return
        if namespace != BPMN:
            self.error(element, f"不允许的元素 {etree.QName(element).text}")
            return
        if name in REFUSED_NAMES:
            self.error(element, REFUSED_NAMES[name])
        elif name not in ALLOWED:
            self.error(element, f"不允许的元素 {name}")
        elif name == "extensionElements" and _local(element.getparent())[1] != "serviceTask":
            self.error(element, "只有服务任务可以带扩展元素")
        elif name in ("conditionExpression", "completionCondition"):
            self.expression(element, element.text, "条件")
        elif name in ("timeDate", "timeDuration"):
            self.timer(element)
        elif name in ("intermediateCatchEvent", "boundaryEvent"):
            if element.find(f"{{{BPMN}}}timerEventDefinition") is None:
                self.error(element, "中间事件和边界事件只能是定时器事件")
        elif name in ("startEvent", "endEvent"):
            if any(_local(child)[1].endswith("EventDefinition") for child in element):
                self.error(element, "开始和结束事件不能带事件定义")
        elif name == "serviceTask":
            self.service_task(element)
        elif name == "multiInstanceLoopCharacteristics":
            if task_kind(element.getparent().get("id", "")) != "countersign":
                self.error(element, "只有并联审批（countersign）步骤可以多实例")
            elif element.find(f"{{{BPMN}}}loopDataInputRef") is None:
                self.error(element, "并联审批必须以 loopDataInputRef 指定协办部门列表")

    def timer(self, element: etree._Element) -> None:
        text = (element.text or "").strip()
        try:
            tree = expression_parse(text)
        except ExpressionError as exc:
            self.error(element, f"定时器表达式不是允许的表达式：{exc}")
            return
        value = getattr(tree.body, "value", None)
        if isinstance(value, str):
            try:
                TimerEventDefinition.parse_time_or_duration(value)
            except Exception:  # noqa: BLE001 — Spiff raises bare Exception for bad durations
                self.error(element, f"定时器取值“{value}”不是 ISO 8601 时间或时长")

    def service_task(self, element: etree._Element) -> None:
        operators = element.findall(f"{{{BPMN}}}extensionElements/{{{SPIFF}}}serviceTaskOperator")
        if len(operators) != 1:
            self.error(element, "服务任务必须指定一个已注册服务（spiffworkflow:serviceTaskOperator）")
            return
        name = operators[0].get("id", "")
        if service_get(name) is None:
            self.error(element, f"服务“{name}”未注册")
        for parameter in operators[0].iter(f"{{{SPIFF}}}parameter"):
            self.expression(parameter, parameter.get("value"), f"参数 {parameter.get('id', '')} ")

    def lanes_and_tasks(self, process: etree._Element) -> None:
        lane_of: dict[str, str] = {}
        for lane in process.iter(f"{{{BPMN}}}lane"):
            department, _, role = (lane.get("name") or "").partition(":")
            if department not in LANE_DEPARTMENTS or role not in LANE_ROLES[department]:
                allowed = "、".join(f"{d}:{r}" for d in LANE_DEPARTMENTS for r in sorted(LANE_ROLES[d]))
                self.error(lane, f"泳道名称“{lane.get('name') or ''}”无效，应为 {allowed} 之一")
                continue
            for ref in lane.findall(f"{{{BPMN}}}flowNodeRef"):
                lane_of[(ref.text or "").strip()] = lane.get("name")
        for task in process.iter(f"{{{BPMN}}}userTask"):
            task_id = task.get("id", "")
            kind = task_kind(task_id)
            if kind is None:
                self.error(task, f"人工任务的 id 必须以 {'、'.join(TASK_KINDS)} 之一开头")
            lane = lane_of.get(task_id)
            if lane is None:
                self.error(task, "人工任务必须位于一个有效的泳道中")
            elif lane.startswith("co:") and kind != "countersign":
                self.error(task, "协办部门泳道（co:）只能放并联审批步骤")
            if kind == "countersign" and task.find(f"{{{BPMN}}}multiInstanceLoopCharacteristics") is None:
                self.error(task, "并联审批步骤必须是多实例任务")


def bpmn_validate(bpmn_xml: str) -> str:
    """Check an uploaded document; return its executable process id or raise ``ValidationError`` (Chinese)."""
    if not bpmn_xml or not bpmn_xml.strip():
        raise ValidationError("请提供 BPMN 2.0 XML 文档")
    if len(bpmn_xml.encode()) > MAX_BYTES:
        raise ValidationError(f"文档过大（最多 {MAX_BYTES // 1024} KB）")
    try:
        root = xml_parse(bpmn_xml)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ValidationError(f"不是有效的 XML：{exc}") from None
    checker = _Checker(root)
    process_id = checker.run()
    if checker.errors:
        raise ValidationError(checker.errors)
    assert process_id is not None
    try:
        spec_parse(bpmn_xml, process_id, validate=True)
    except SpiffWorkflowException as exc:
        where = getattr(exc, "id", "") or "?"
        raise ValidationError(f"流程无法解析：{exc}（元素 {where}）") from None
    except (etree.XMLSyntaxError, ValueError, KeyError) as exc:
        raise ValidationError(f"流程无法解析：{exc}") from None
    return process_id


KIND_LABELS = {
    "accept": "受理",
    "preliminary": "下级初审",
    "review": "审查",
    "countersign": "并联审批",
    "decide": "决定",
}
LANE_LABELS = {"lead": "牵头部门", "co": "协办部门", "preliminary": "下级初审部门"}
ROLE_LABELS = {"window_clerk": "窗口人员", "reviewer": "审批人员", "department_head": "部门负责人"}


def bpmn_user_tasks(bpmn_xml: str) -> list[dict[str, str]]:
    """The user tasks of a stored (already validated) document, in document order, with Chinese labels."""
    root = xml_parse(bpmn_xml)
    lane_of = {
        (ref.text or "").strip(): lane.get("name") or ""
        for lane in root.iter(f"{{{BPMN}}}lane")
        for ref in lane.findall(f"{{{BPMN}}}flowNodeRef")
    }
    steps = []
    for task in root.iter(f"{{{BPMN}}}userTask"):
        task_id = task.get("id", "")
        kind = task_kind(task_id) or ""
        department, _, role = lane_of.get(task_id, "").partition(":")
        steps.append(
            {
                "id": task_id,
                "name": task.get("name") or task_id,
                "kind": kind,
                "kind_label": KIND_LABELS.get(kind, kind),
                "lane": lane_of.get(task_id, ""),
                "lane_label": f"{LANE_LABELS.get(department, department)} · {ROLE_LABELS.get(role, role)}",
                "multi_instance": "是"
                if task.find(f"{{{BPMN}}}multiInstanceLoopCharacteristics") is not None
                else "",
            }
        )
    return steps
