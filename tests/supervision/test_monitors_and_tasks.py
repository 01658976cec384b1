"""Monitors beyond cases (catalog onboarding), the management command, Celery tasks and schedule."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from govhall.catalog.models import ImplementationStatus, ItemImplementation
from govhall.supervision import monitors
from govhall.supervision.models import Card, CardStatus

pytestmark = pytest.mark.django_db


def _draft(world, created_on):
    implementation = world.implementation
    ItemImplementation.objects.filter(pk=implementation.pk).update(
        status=ImplementationStatus.DRAFT,
        published_version=None,
        created_at=dt.datetime.combine(created_on, dt.time(10), tzinfo=dt.UTC),
    )
    return implementation


def test_a_draft_implementation_waits_ten_working_days_for_yellow_and_twenty_for_red(world):
    implementation = _draft(world, dt.date(2026, 11, 2))  # Monday
    monitors.monitors_run(today=dt.date(2026, 11, 13))  # 9 working days
    assert not Card.objects.exists()
    monitors.monitors_run(today=dt.date(2026, 11, 16))  # 10
    card = Card.objects.get()
    assert (card.rule, card.level, card.subject_type, card.subject_id) == (
        "catalog_onboarding",
        "yellow",
        "item",
        str(implementation.pk),
    )
    assert card.department_id == implementation.department_id
    monitors.monitors_run(today=dt.date(2026, 11, 30))  # 20: red, the yellow closed
    assert {(c.level, c.status) for c in Card.objects.all()} == {
        ("yellow", CardStatus.CLOSED),
        ("red", CardStatus.OPEN),
    }


def test_a_published_implementation_cures_its_onboarding_card(world):
    _draft(world, dt.date(2026, 11, 2))
    monitors.monitors_run(today=dt.date(2026, 11, 16))
    ItemImplementation.objects.filter(pk=world.implementation.pk).update(
        status=ImplementationStatus.PUBLISHED
    )
    issued, closed = monitors.monitors_run(today=dt.date(2026, 11, 17))
    assert (issued, closed) == (0, 1)


def test_an_interaction_monitor_is_one_registry_entry(world, monkeypatch):
    def late_consultations(today):
        yield {
            "subject_type": "consultation",
            "subject_id": "7",
            "subject_label": "咨询：营业执照",
            "department_id": world.county_department.pk,
            "region_id": world.county.pk,
            "due_on": today,
            "responsible_id": None,
            "reason": "咨询超期未答复",
            "rule": "consultation_late",
            "level": "red",
        }

    monkeypatch.setitem(monitors.INTERACTION_MONITORS, "consultation_late", late_consultations)
    assert monitors.monitors_run(today=timezone.localdate()) == (1, 0)
    assert monitors.monitors_run(today=timezone.localdate()) == (0, 0)


def test_a_candidate_with_wrong_keys_is_refused(world, monkeypatch):
    monkeypatch.setitem(
        monitors.INTERACTION_MONITORS, "broken", lambda today: [{"subject_type": "complaint"}]
    )
    with pytest.raises(ValueError):
        monitors.monitors_run(today=timezone.localdate())


def test_the_command_reports_the_counts(capsys):
    call_command("supervision_scan", "--date", "2026-12-09")
    assert "新发红黄牌 0 张" in capsys.readouterr().out


def test_the_celery_tasks_run_eagerly_and_the_beat_names_them():
    from govhall.celery import app
    from govhall.supervision.tasks import cases_tick_task, supervision_scan_task

    app.conf.task_always_eager = True
    try:
        assert cases_tick_task.delay().get() == {"deemed_accepted": 0, "timers_fired": 0}
        assert supervision_scan_task.delay().get()["issued"] == 0
    finally:
        app.conf.task_always_eager = False
    tasks = {entry["task"]: entry["schedule"] for entry in app.conf.beat_schedule.values()}
    assert tasks == {"govhall.periodic_run": 300.0}


def test_the_periodic_run_runs_every_step_in_order_and_survives_a_failing_one(monkeypatch):
    from govhall.supervision import periodic

    calls = []

    def failing(today):
        calls.append("boom")
        raise RuntimeError("网关不可用")

    steps = [
        (name, (lambda n: lambda today: calls.append(n) or n)(name)) for name, _ in periodic.PERIODIC_STEPS
    ]
    steps[1] = ("interaction_tick", failing)
    monkeypatch.setattr(periodic, "PERIODIC_STEPS", steps)

    results = periodic.periodic_run()

    assert calls == ["cases_tick", "boom", "ratings_tick", "supervision_scan", "indicators_rollup"]
    assert results["interaction_tick"] == "失败：网关不可用"
    assert results["indicators_rollup"] == "indicators_rollup"


def test_the_periodic_run_turns_an_unanswered_consultation_into_a_red_card(world):
    """Interaction monitors are wired: a consultation past its 3-working-day deadline gets a red card."""
    from govhall.interaction.services.consultations import consultation_ask
    from govhall.supervision import periodic
    from govhall.supervision.models import Card

    from ..interaction.records import desk_build

    desk = desk_build(world)
    asked = consultation_ask(
        asker=desk.person.user,
        title="食品经营许可要多久",
        question="?",
        implementation_code=world.implementation.code,
        today=dt.date(2026, 9, 30),
    )

    on_deadline = periodic.periodic_run(today=dt.date(2026, 10, 10))
    assert not Card.objects.filter(rule="consultation_overdue").exists()
    periodic.periodic_run(today=dt.date(2026, 10, 12))

    card = Card.objects.get(rule="consultation_overdue")
    assert (card.level, card.subject_type, card.subject_id) == ("red", "consultation", str(asked.pk))
    assert (card.department_id, card.due_on) == (world.county_department.pk, dt.date(2026, 10, 10))
    assert not any(str(result).startswith("失败") for result in on_deadline.values()), on_deadline
