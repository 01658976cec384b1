"""The periodic tick: deemed acceptance and BPMN timers of custom processes, each exactly once."""

import datetime as dt

import pytest
from django.utils import timezone

from govhall.cases.models import EventKind, TaskStatus
from govhall.cases.services import handling
from govhall.workflow.services import process_definition_upload

from ..case_records import desk_build, submit_online
from ..workflow.bpmn_samples import with_timer

pytestmark = pytest.mark.django_db


def test_a_bpmn_timer_fires_once_when_due(world):
    desk = desk_build(world)
    process_definition_upload(
        actor=world.manager, key="publicity", name="受理后公示五日", bpmn_xml=with_timer()
    )
    version = world.implementation.published_version
    version.process_key = "publicity"
    version.save(update_fields=["process_key"])
    case = submit_online(world, desk.applicant)
    handling.case_accept(actor=desk.clerk, case=case)
    case.refresh_from_db()
    assert case.timer_due is not None
    assert not case.tasks.filter(status=TaskStatus.OPEN).exists()  # waiting on the timer

    early = handling.cases_tick(now=timezone.now() + dt.timedelta(days=1))
    assert early["timers_fired"] == 0
    later = timezone.now() + dt.timedelta(days=6)
    assert handling.cases_tick(now=later)["timers_fired"] == 1
    assert handling.cases_tick(now=later)["timers_fired"] == 0  # idempotent
    case.refresh_from_db()
    assert case.timer_due is None
    assert case.tasks.get(status=TaskStatus.OPEN).kind == "review"
    assert case.events.filter(kind=EventKind.TIMER_FIRED).count() == 1
