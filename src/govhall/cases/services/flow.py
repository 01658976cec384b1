"""The glue between a case and its BPMN process: start, complete a task, mirror open tasks into the inbox.

The workflow state lives on the case (``workflow_state``, JSON text in the dump's own key order, +
serializer version). After every step the
open user tasks of the process are mirrored into ``CaseTask`` rows — the staff inbox reads those
(indexed by department, role, status, due date), never the JSON. A lane names who acts:
``lead:<role>`` the case's department, ``co:<role>`` the co-department the multi-instance task is for,
``preliminary:<role>`` the lower-level department asked for a preliminary opinion.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from govhall.core.workdays import workdays_add
from govhall.directory.models import Department
from govhall.identity.models import StaffRole
from govhall.identity.selectors import staff_profile_for
from govhall.workflow.engine import OpenTask, WorkflowRun, process_restore, process_start

from ..models import Case, CaseTask, TaskStatus


def flow_start(case: Case, *, co_departments: list[int], needs_preliminary: bool) -> WorkflowRun:
    run = process_start(
        case.process_key,
        {"co_departments": co_departments, "needs_preliminary": needs_preliminary},
    )
    _store(case, run)
    return run


def flow_restore(case: Case) -> WorkflowRun:
    return process_restore(json.loads(case.workflow_state), case.workflow_serializer_version)


def _store(case: Case, run: WorkflowRun) -> None:
    state, case.workflow_serializer_version = run.dump()
    case.workflow_state = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    dues = [due for _, due in run.waiting_timers() if due is not None]
    case.timer_due = min(dues) if dues else None


def flow_fire_timers(case: Case, now: Any) -> None:
    """Fire the case's due BPMN timers and mirror the tasks that follow (the timer poller's step)."""
    run = flow_restore(case)
    run.fire_timers(now)
    flow_sync_tasks(case, run)


def _department_for(case: Case, task: OpenTask) -> Department:
    if task.lane_department == "co":
        return Department.objects.get(pk=int(str(task.item)))
    if task.lane_department == "preliminary":
        if case.preliminary_department is None:
            raise ValidationError("流程需要下级初审，但办件没有初审部门", code="no_preliminary")
        return case.preliminary_department
    return case.department


def _due_for(case: Case, task: OpenTask, today: dt.date) -> dt.date | None:
    if task.kind == "accept":
        return case.accept_due
    if task.kind == "preliminary":
        return workdays_add(today, case.preliminary_limit or 5)
    return case.promised_due or case.statutory_due


def flow_sync_tasks(case: Case, run: WorkflowRun) -> list[CaseTask]:
    """Mirror the process's open user tasks into ``CaseTask``; returns the newly opened ones."""
    _store(case, run)
    open_ids = {task.id: task for task in run.open_tasks()}
    now = timezone.now()
    existing = {t.workflow_task_id: t for t in case.tasks.filter(status=TaskStatus.OPEN)}
    for task_id, row in existing.items():
        if task_id not in open_ids:
            row.status = TaskStatus.DONE if row.completed_at else TaskStatus.CANCELLED
            row.completed_at = row.completed_at or now
            row.save(update_fields=["status", "completed_at"])
    created = []
    today = timezone.localdate()
    for task_id, task in open_ids.items():
        if task_id in existing:
            continue
        created.append(
            CaseTask(
                case=case,
                workflow_task_id=task_id,
                kind=task.kind,
                name=task.name,
                department=_department_for(case, task),
                role=task.lane_role,
                due_on=_due_for(case, task, today),
            )
        )
    CaseTask.objects.bulk_create(created)
    return created


def flow_complete(
    case: Case, task: CaseTask, *, actor: Any, outcome: str, data: dict[str, Any] | None = None
) -> None:
    """Complete ``task`` in the process with ``outcome`` and mirror the tasks that follow."""
    run = flow_restore(case)
    run.complete(task.workflow_task_id, {"outcome": outcome, **(data or {})})
    task.status = TaskStatus.DONE
    task.completed_at = timezone.now()
    task.completed_by = actor if getattr(actor, "pk", None) else None
    task.outcome = outcome
    task.save(update_fields=["status", "completed_at", "completed_by", "outcome"])
    flow_sync_tasks(case, run)


def flow_cancel_open(case: Case) -> None:
    """Close every open task (withdrawal): the process is abandoned, its state kept as it was."""
    case.tasks.filter(status=TaskStatus.OPEN).update(status=TaskStatus.CANCELLED, completed_at=timezone.now())


def task_open_of_kind(case: Case, *kinds: str) -> CaseTask:
    task = case.tasks.filter(status=TaskStatus.OPEN, kind__in=kinds).order_by("id").first()
    if task is None:
        raise ValidationError("该办件当前不在此办理环节", code="wrong_step")
    return task


# Roles that may act on a task of a role: a department head may also act as reviewer.
_ACTS_AS: dict[str, set[str]] = {
    StaffRole.WINDOW_CLERK: {StaffRole.WINDOW_CLERK},
    StaffRole.REVIEWER: {StaffRole.REVIEWER, StaffRole.DEPARTMENT_HEAD},
    StaffRole.DEPARTMENT_HEAD: {StaffRole.DEPARTMENT_HEAD},
}


def task_actor_check(task: CaseTask, actor: Any) -> None:
    """``actor`` belongs to the task's department with a role that acts on it, and no colleague holds it."""
    profile = staff_profile_for(actor)
    if profile is None or profile.department_id != task.department_id:
        raise PermissionDenied("该待办不属于您的部门")
    allowed = _ACTS_AS.get(task.role, {task.role})
    if not set(profile.roles) & {str(r) for r in allowed}:
        raise PermissionDenied("您的角色不能办理该环节")
    if task.claimed_by_id and task.claimed_by_id != actor.pk:
        raise PermissionDenied("该待办已由其他工作人员签收")
