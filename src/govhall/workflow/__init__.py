"""Workflow (流程引擎): BPMN 2.0 process definitions and their execution with SpiffWorkflow.

Owns the process definitions catalog managers attach to items (validated on upload: user tasks,
gateways, timers and registered service tasks only — never scripts) and the engine functions the
``cases`` context drives: start a process, list its open user tasks with their lane (who acts),
complete one with an outcome, and (de)serialise the state, which is stored with the case together
with the serializer version. It knows nothing of cases: the case task inbox lives in ``cases``.
"""
