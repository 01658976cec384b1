"""Registered services (已注册服务) that BPMN service tasks may call — the only code a process runs.

A service task names its service with SpiffWorkflow's extension element::

    <bpmn:serviceTask id="notify_department" name="通知协办部门">
      <bpmn:extensionElements>
        <spiffworkflow:serviceTaskOperator id="notify_co_departments" resultVariable="notified">
          <spiffworkflow:parameters>
            <spiffworkflow:parameter id="department" type="str" value="co_department" />
          </spiffworkflow:parameters>
        </spiffworkflow:serviceTaskOperator>
      </bpmn:extensionElements>
    </bpmn:serviceTask>

Parameter values are restricted expressions (``workflow.expressions``) over the task data. The
registered function is called with the parameters as keyword arguments and must return something
JSON-serialisable; the result is stored in the task data under ``resultVariable`` (default
``spiff__<task id>_result``). Other contexts register their services at start-up
(``AppConfig.ready``); upload validation refuses a service task naming an unknown service.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

ServiceFunction = Callable[..., Any]

_SERVICES: dict[str, ServiceFunction] = {}
_NAME = re.compile(r"^[a-z][a-z0-9_.]{1,79}$")


def service_register(name: str, func: ServiceFunction) -> None:
    """Register ``func`` under ``name`` (lower-case letters, digits, ``_`` and ``.``); re-registering replaces."""
    if not _NAME.match(name):
        raise ValueError(f"invalid service name: {name!r}")
    _SERVICES[name] = func


def service_unregister(name: str) -> None:
    _SERVICES.pop(name, None)


def service_get(name: str) -> ServiceFunction | None:
    return _SERVICES.get(name)


def service_names() -> list[str]:
    return sorted(_SERVICES)
