"""The engine runs the standard process and uploaded ones: branches, parallel countersign, state round trips,
timers and registered services."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from govhall.workflow.engine import SERIALIZER_VERSION, WorkflowError, process_restore, process_start
from govhall.workflow.services import process_definition_upload
from govhall.workflow.services_registry import service_register, service_unregister

from . import bpmn_samples

pytestmark = pytest.mark.django_db


def only(run):
    tasks = run.open_tasks()
    assert len(tasks) == 1, tasks
    return tasks[0]


def round_trip(run):
    state, version = run.dump()
    return process_restore(json.loads(json.dumps(state)), version)


def test_standard_happy_path_runs_accept_review_decide():
    run = process_start("standard", {"co_departments": [], "needs_preliminary": False})
    accept = only(run)
    assert (accept.kind, accept.name, accept.lane_department, accept.lane_role, accept.item) == (
        "accept",
        "受理",
        "lead",
        "window_clerk",
        None,
    )
    run.complete(accept.id, {"outcome": "accepted"})
    review = only(run)
    assert (review.kind, review.lane_department, review.lane_role) == ("review", "lead", "reviewer")
    run.complete(review.id, {"outcome": "agree", "opinion": "材料齐全"})
    decide = only(run)
    assert (decide.kind, decide.lane_role) == ("decide", "department_head")
    assert not run.is_completed()
    run.complete(decide.id, {"outcome": "approved"})
    assert run.is_completed()
    assert run.open_tasks() == []
    assert run.data["outcome"] == "approved"
    assert run.data["countersign_opinions"] == []


def test_standard_refusal_at_accept_ends_the_process():
    run = process_start("standard", {"co_departments": [7], "needs_preliminary": True})
    run.complete(only(run).id, {"outcome": "refused", "reason": "不属于本机关职权范围"})
    assert run.is_completed()
    assert run.open_tasks() == []
    assert run.data["reason"] == "不属于本机关职权范围"


def test_standard_denial_at_decide_ends_the_process():
    run = process_start("standard", {"co_departments": [], "needs_preliminary": False})
    for outcome in ("accepted", "agree", "denied"):
        run.complete(only(run).id, {"outcome": outcome})
    assert run.is_completed()
    assert run.data["outcome"] == "denied"


def test_standard_preliminary_branch_goes_to_the_lower_level_first():
    run = process_start("standard", {"co_departments": [], "needs_preliminary": True})
    run.complete(only(run).id, {"outcome": "accepted"})
    preliminary = only(run)
    assert (preliminary.kind, preliminary.lane_department, preliminary.lane_role) == (
        "preliminary",
        "preliminary",
        "reviewer",
    )
    run.complete(preliminary.id, {"outcome": "agree"})
    assert only(run).kind == "review"


def test_parallel_countersign_opens_one_task_per_co_department_at_once():
    run = process_start("standard", {"co_departments": [12, 15], "needs_preliminary": False})
    run.complete(only(run).id, {"outcome": "accepted"})
    run.complete(only(run).id, {"outcome": "agree"})
    tasks = run.open_tasks()
    assert [(t.kind, t.lane_department, t.lane_role, t.item) for t in tasks] == [
        ("countersign", "co", "reviewer", 12),
        ("countersign", "co", "reviewer", 15),
    ]
    # The second co-department answers first; the decision waits for both.
    run.complete(tasks[1].id, {"outcome": "disagree"})
    assert [t.item for t in run.open_tasks()] == [12]
    run.complete(tasks[0].id, {"outcome": "agree"})
    decide = only(run)
    assert decide.kind == "decide" and decide.item is None
    run.complete(decide.id, {"outcome": "approved"})
    assert run.is_completed()
    assert run.data["countersign_opinions"] == [
        {"item": 15, "outcome": "disagree"},
        {"item": 12, "outcome": "agree"},
    ]


def test_state_survives_a_json_round_trip_mid_process():
    run = process_start("standard", {"co_departments": [3, 4], "needs_preliminary": False})
    run.complete(only(run).id, {"outcome": "accepted"})
    run.complete(only(run).id, {"outcome": "agree"})
    first = run.open_tasks()[0]
    run.complete(first.id, {"outcome": "agree"})
    state, version = run.dump()
    assert version == SERIALIZER_VERSION
    restored = process_restore(json.loads(json.dumps(state)), version)
    assert restored.open_tasks() == run.open_tasks()
    restored.complete(restored.open_tasks()[0].id, {"outcome": "agree"})
    restored = round_trip(restored)
    restored.complete(only(restored).id, {"outcome": "approved"})
    assert restored.is_completed()
    assert [o["item"] for o in restored.data["countersign_opinions"]] == [3, 4]


def test_completing_an_unknown_or_finished_task_is_refused():
    run = process_start("standard", {"co_departments": [], "needs_preliminary": False})
    accept = only(run)
    run.complete(accept.id, {"outcome": "accepted"})
    with pytest.raises(WorkflowError):
        run.complete(accept.id, {"outcome": "accepted"})
    with pytest.raises(WorkflowError):
        run.complete("not-a-task", {})
    with pytest.raises(WorkflowError):
        run.complete(only(run).id, {"when": datetime.now(UTC)})  # not JSON


def test_unknown_process_key_is_refused():
    with pytest.raises(WorkflowError):
        process_start("no-such-process", {})


def test_standard_works_without_its_row(django_assert_num_queries):
    from govhall.workflow.models import ProcessDefinition

    ProcessDefinition.objects.filter(key="standard").delete()
    run = process_start("standard", {"co_departments": [], "needs_preliminary": False})
    assert only(run).kind == "accept"


def test_timer_fires_when_the_poller_says_it_is_due(world):
    process_definition_upload(
        actor=world.manager, key="with-timer", name="公示流程", bpmn_xml=bpmn_samples.with_timer('"P5D"')
    )
    run = process_start("with-timer", {})
    run.complete(only(run).id, {"outcome": "accepted"})
    assert run.open_tasks() == []
    run = round_trip(run)
    run.fire_timers(datetime.now(UTC) + timedelta(days=4))
    assert run.open_tasks() == []
    run.fire_timers(datetime.now(UTC) + timedelta(days=5, minutes=1))
    assert only(run).kind == "review"


def test_service_task_calls_the_registered_function(world):
    calls = []

    def notify(*, outcome, count):
        calls.append((outcome, count))
        return {"sent": count}

    service_register("test.notify", notify)
    try:
        process_definition_upload(
            actor=world.manager,
            key="with-service",
            name="通知流程",
            bpmn_xml=bpmn_samples.with_service("test.notify"),
        )
        run = process_start("with-service", {"co_departments": [1, 2, 3]})
        assert calls == []
        run.complete(only(run).id, {"outcome": "accepted"})
        assert calls == [("accepted", 3)]
        assert only(run).kind == "review"
        assert run.data["notified"] == {"sent": 3}
    finally:
        service_unregister("test.notify")
