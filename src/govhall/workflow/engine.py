"""The workflow engine (流程引擎): run a case's BPMN process with SpiffWorkflow 3.

``cases`` drives it and stores what :meth:`WorkflowRun.dump` returns with the case::

    run = process_start("standard", {"co_departments": [12, 15], "needs_preliminary": False})
    state, version = run.dump()                       # JSON-serialisable dict + serializer version
    run = process_restore(state, version)
    for task in run.open_tasks(): ...                 # OpenTask(id, kind, name, lane_department, lane_role, item)
    run.complete(task.id, {"outcome": "accepted"})    # then engine steps run up to the next user tasks

Rules of this module:

- Expressions are evaluated by ``workflow.expressions`` (never ``eval``); script execution raises
  (``RestrictedScriptEngine``); service tasks call functions from ``workflow.services_registry``.
- Parsed specs are cached per definition SHA-256 (a definition row is immutable), so a start costs
  well under a millisecond after the first.
- A multi-instance instance (并联审批 over ``co_departments``) whose spec declares an output data
  item gets ``{"item": <input item>, "outcome": <outcome>}`` as that item when completed, so the
  standard process collects ``countersign_opinions`` — one entry per co-department.
- Timers: SpiffWorkflow compares timers with the wall clock; ``fire_timers(now)`` lets our poller
  (and tests) decide what "now" is: every waiting timer due at ``now`` fires.
- The state holds the process spec as well, so a running case never depends on the definition row.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from uuid import UUID

from lxml import etree
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment
from SpiffWorkflow.bpmn.serializer.workflow import VERSION as SERIALIZER_VERSION
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import MultiInstanceTask
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState

from .expressions import ExpressionError, expression_evaluate
from .services_registry import service_get

STANDARD_KEY = "standard"
STANDARD_FILE = Path(__file__).with_name("bpmn") / "standard.bpmn"

TASK_KINDS = ("accept", "preliminary", "review", "countersign", "decide")
LANE_DEPARTMENTS = ("lead", "co", "preliminary")

__all__ = [
    "SERIALIZER_VERSION",
    "OpenTask",
    "WorkflowError",
    "WorkflowRun",
    "process_restore",
    "process_start",
    "task_kind",
]


class WorkflowError(Exception):
    """The process cannot do what was asked (unknown task, bad data, failing expression). Chinese message."""


@dataclass(frozen=True)
class OpenTask:
    """一个待办步骤: a READY user task, who acts (lane) and, for 并联审批, the co-department it is for."""

    id: str
    kind: str  # accept | preliminary | review | countersign | decide
    name: str  # the task's BPMN name, e.g. 受理
    lane_department: str  # lead | co | preliminary
    lane_role: str  # a StaffRole value, e.g. window_clerk
    item: Any | None  # the multi-instance input item (a co-department id), else None


def task_kind(task_id: str) -> str | None:
    """The step kind a user task's id prefix names (``review_2`` → ``review``), or None."""
    for kind in TASK_KINDS:
        if task_id == kind or task_id.startswith(kind + "_"):
            return kind
    return None


# --- restricted script engine -------------------------------------------------------------


class RestrictedEnvironment(BasePythonScriptEngineEnvironment):
    """Evaluates expressions with the restricted evaluator; refuses scripts; calls registered services."""

    def evaluate(self, expression: str, context: dict, external_context: dict | None = None) -> Any:
        names = dict(external_context or {})
        names.update(context)
        return expression_evaluate(expression, names)

    def execute(self, script: str, context: dict, external_context: dict | None = None) -> bool:
        raise WorkflowError("流程中不允许执行脚本")

    def call_service(self, context: dict, **kwargs: Any) -> str:
        name = kwargs["operation_name"]
        func = service_get(name)
        if func is None:
            raise WorkflowError(f"服务“{name}”未注册")
        params = {key: param["value"] for key, param in kwargs.get("operation_params", {}).items()}
        return json.dumps(func(**params), ensure_ascii=False)


class RestrictedScriptEngine(PythonScriptEngine):
    def __init__(self) -> None:
        super().__init__(environment=RestrictedEnvironment())

    def validate(self, expression: str) -> None:
        from .expressions import expression_parse

        expression_parse(expression)

    def execute(self, task: Any, script: str, external_context: dict | None = None) -> bool:
        raise WorkflowError("流程中不允许执行脚本")

    def call_service(self, task: Any, **kwargs: Any) -> str:
        # The base class's error path refers to an undefined name; keep errors plain and Chinese.
        return self.environment.call_service(task.data, **kwargs)


SCRIPT_ENGINE = RestrictedScriptEngine()
_SERIALIZER = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))


# --- specs --------------------------------------------------------------------------------

SAFE_XML_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def xml_parse(bpmn_xml: str | bytes) -> etree._Element:
    """Parse BPMN XML without DTDs, entities or network access (raises ``XMLSyntaxError`` / ``ValueError``)."""
    data = bpmn_xml.encode() if isinstance(bpmn_xml, str) else bpmn_xml
    root = etree.fromstring(data, etree.XMLParser(**SAFE_XML_PARSER_OPTIONS))
    if root.getroottree().docinfo.doctype:
        raise ValueError("不允许 DOCTYPE 声明")
    return root


def spec_parse(bpmn_xml: str | bytes, process_id: str, *, validate: bool = False) -> tuple[Any, dict]:
    """SpiffWorkflow's (spec, subprocess specs) for ``process_id``; ``validate`` checks the BPMN XSD."""
    parser = SpiffBpmnParser(validator=None) if not validate else SpiffBpmnParser()
    parser.add_bpmn_xml(xml_parse(bpmn_xml), filename=f"{process_id}.bpmn")
    return parser.get_spec(process_id), parser.get_subprocess_specs(process_id)


_SPECS: dict[
    tuple[str, str], tuple[Any, dict]
] = {}  # (sha256, process id) → parsed; definitions are immutable


def _spec_cached(sha256: str, bpmn_xml: str, process_id: str) -> tuple[Any, dict]:
    cached = _SPECS.get((sha256, process_id))
    if cached is None:
        if len(_SPECS) > 256:
            _SPECS.clear()
        cached = _SPECS[(sha256, process_id)] = spec_parse(bpmn_xml, process_id)
    return cached


@lru_cache(maxsize=1)
def standard_bpmn() -> str:
    return STANDARD_FILE.read_text(encoding="utf-8")


def _definition_spec(key: str) -> tuple[Any, dict]:
    from .selectors import process_definition_source

    source = process_definition_source(key)
    if source is None:
        raise WorkflowError(f"流程定义“{key}”不存在")
    sha256, bpmn_xml, process_id = source
    return _spec_cached(sha256, bpmn_xml, process_id)


# --- runs ---------------------------------------------------------------------------------


def _json_checked(data: dict, what: str) -> dict:
    if not isinstance(data, dict):
        raise WorkflowError(f"{what}必须是对象")
    try:
        json.dumps(data)
    except (TypeError, ValueError):
        raise WorkflowError(f"{what}只能包含 JSON 数据") from None
    return data


def _engine_steps(workflow: BpmnWorkflow) -> None:
    try:
        workflow.do_engine_steps()
    except (SpiffWorkflowException, ExpressionError) as exc:
        raise WorkflowError(f"流程执行出错：{exc}") from exc


def process_start(key: str, data: dict) -> WorkflowRun:
    """Start the process ``key`` with ``data`` and run the engine up to the first user tasks."""
    spec, subprocess_specs = _definition_spec(key)
    workflow = BpmnWorkflow(spec, subprocess_specs, script_engine=SCRIPT_ENGINE)
    start_data = _json_checked(copy.deepcopy(data), "流程数据")
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data.update(start_data)
    _engine_steps(workflow)
    return WorkflowRun(workflow)


def process_restore(state: dict, version: str) -> WorkflowRun:
    """A run from what :meth:`WorkflowRun.dump` returned (older serializer versions are migrated)."""
    if not isinstance(state, dict) or "spec" not in state:
        raise WorkflowError("流程状态无效")
    dct = copy.deepcopy(state)
    dct[BpmnWorkflowSerializer.VERSION_KEY] = version
    try:
        _SERIALIZER.migrate(dct)
        workflow = _SERIALIZER.from_dict(dct)
    except (KeyError, TypeError, ValueError, SpiffWorkflowException) as exc:
        raise WorkflowError("流程状态无法恢复") from exc
    workflow.script_engine = SCRIPT_ENGINE
    return WorkflowRun(workflow)


class WorkflowRun:
    """One running (or finished) process instance."""

    def __init__(self, workflow: BpmnWorkflow) -> None:
        self.workflow = workflow

    def open_tasks(self) -> list[OpenTask]:
        return [self._open_task(task) for task in self.workflow.get_tasks(state=TaskState.READY, manual=True)]

    @staticmethod
    def _open_task(task: Any) -> OpenTask:
        spec = task.task_spec
        department, _, role = (spec.lane or "").partition(":")
        item = None
        parent_spec = _multi_instance_of(task)
        if parent_spec is not None and parent_spec.input_item is not None:
            item = parent_spec.input_item.get(task)
        return OpenTask(
            id=str(task.id),
            kind=task_kind(spec.bpmn_id) or "",
            name=spec.bpmn_name or spec.bpmn_id,
            lane_department=department,
            lane_role=role,
            item=item,
        )

    def _ready_task(self, task_id: str) -> Any:
        try:
            task = self.workflow.get_task_from_id(UUID(str(task_id)))
        except (ValueError, KeyError, TypeError):
            task = None
        if task is None or task.state != TaskState.READY or not task.task_spec.manual:
            raise WorkflowError("该步骤不存在或已办理")
        return task

    def complete(self, task_id: str, data: dict) -> None:
        """Complete the open user task ``task_id`` with ``data`` (e.g. ``{"outcome": "accepted"}``)."""
        task = self._ready_task(task_id)
        data = _json_checked(copy.deepcopy(data), "办理数据")
        task.data.update(data)
        parent_spec = _multi_instance_of(task)
        if parent_spec is not None and parent_spec.output_item is not None:
            item = parent_spec.input_item.get(task) if parent_spec.input_item is not None else None
            parent_spec.output_item.set(task, {"item": item, "outcome": data.get("outcome")})
        try:
            task.run()
        except (SpiffWorkflowException, ExpressionError) as exc:
            raise WorkflowError(f"流程执行出错：{exc}") from exc
        _engine_steps(self.workflow)

    def is_completed(self) -> bool:
        return bool(self.workflow.completed)

    @property
    def data(self) -> dict:
        """The workflow data: while running, that of the latest completed task; then the end data."""
        if self.workflow.completed or self.workflow.last_task is None:
            return self.workflow.data
        return self.workflow.last_task.data

    def dump(self) -> tuple[dict, str]:
        """(JSON-serialisable state, serializer version) — store both with the case."""
        return _SERIALIZER.to_dict(self.workflow), _SERIALIZER.VERSION

    def waiting_timers(self) -> list[tuple[str, datetime | None]]:
        """(timer task id, due time or None if not yet armed) of every waiting timer."""
        return [(str(task.id), _timer_due(task)) for task in self._timer_tasks()]

    def _timer_tasks(self) -> list[Any]:
        return [
            task
            for task in self.workflow.get_tasks(state=TaskState.WAITING)
            if isinstance(
                getattr(task.task_spec, "event_definition", None),
                (DurationTimerEventDefinition, TimeDateEventDefinition),
            )
        ]

    def fire_timers(self, now: datetime) -> None:
        """Fire every waiting timer due at ``now`` (aware datetime), then run the engine steps."""
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        fired = False
        for task in self._timer_tasks():
            due = _timer_due(task)
            if due is not None and due <= now:
                task._set_internal_data(event_fired=True)
                fired = True
        if fired:
            self.workflow.refresh_timers()
            _engine_steps(self.workflow)


def _multi_instance_of(task: Any) -> MultiInstanceTask | None:
    """The multi-instance spec ``task`` is an instance of, or None (a task after it also has it as parent)."""
    parent = task.parent
    if (
        parent is not None
        and isinstance(parent.task_spec, MultiInstanceTask)
        and parent.task_spec.task_spec == task.task_spec.name
    ):
        return parent.task_spec
    return None


def _timer_due(task: Any) -> datetime | None:
    value = task._get_internal_data("event_value")
    if value is None:
        return None
    if isinstance(task.task_spec.event_definition, DurationTimerEventDefinition):
        return TimerEventDefinition.get_datetime(value)
    due = TimerEventDefinition.parse_time_or_duration(value)
    return due if isinstance(due, datetime) else None
