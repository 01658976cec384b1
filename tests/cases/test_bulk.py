"""The scale loader (``cases.bulk``, ``govhall seed_scale --cases N``): mix, numbers, tasks, top-up."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from govhall.cases.bulk import cases_seed_bulk
from govhall.cases.models import OPEN_STATUSES, Case, CaseNumberSequence, CaseStatus, CaseTask, TaskStatus
from govhall.cases.numbers import NUMBER_PATTERN, case_number_valid
from govhall.cases.services import handling
from govhall.core.models import AuditEntry
from govhall.identity.models import Person

from ..case_records import desk_build, submit_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(world):
    result = cases_seed_bulk(target=300, persons=20, chunk_size=120)
    assert (result.existing, result.created, result.persons_created) == (0, 300, 20)
    return result


def test_seeding_gives_the_status_mix(seeded):
    counts = Counter(Case.objects.values_list("status", flat=True))
    assert counts == {
        CaseStatus.SUBMITTED: 30,
        CaseStatus.IN_REVIEW: 75,
        CaseStatus.COMPLETED: 165,
        CaseStatus.REFUSED: 15,
        CaseStatus.WITHDRAWN: 15,
    }
    assert Person.objects.filter(level="L2").count() == 20
    assert not Case.objects.filter(status=CaseStatus.COMPLETED, result="").exists()
    assert not Case.objects.filter(status__in=OPEN_STATUSES, completed_at__isnull=False).exists()


def test_case_numbers_are_valid_unique_and_advance_the_sequences(seeded):
    numbers = list(Case.objects.values_list("number", "region__code", "received_on"))
    assert len({n for n, _, _ in numbers}) == 300
    for number, _, received_on in numbers:
        assert case_number_valid(number), number
        region, day, _, _ = NUMBER_PATTERN.match(number).groups()
        assert region == "350802" and day == f"{received_on:%Y%m%d}"
    per_day = Counter(received_on for _, _, received_on in numbers)
    sequences = dict(CaseNumberSequence.objects.filter(region_code="350802").values_list("day", "last"))
    assert sequences == per_day


def test_open_cases_and_only_they_have_one_open_task(seeded, world):
    tasks = list(CaseTask.objects.select_related("case"))
    assert len(tasks) == 105 and all(t.status == TaskStatus.OPEN for t in tasks)
    assert Counter(t.case_id for t in tasks).most_common(1)[0][1] == 1
    for task in tasks:
        assert task.case.status in OPEN_STATUSES and task.department == world.county_department
        if task.case.status == CaseStatus.SUBMITTED:
            assert (task.kind, task.role, task.due_on) == ("accept", "window_clerk", task.case.accept_due)
        else:
            assert (task.kind, task.role) in {("review", "reviewer"), ("decide", "department_head")}
            assert task.due_on == task.case.promised_due is not None


def test_a_seeded_case_can_be_accepted_like_any_other(seeded, world):
    desk = desk_build(world)
    case = Case.objects.filter(status=CaseStatus.SUBMITTED).first()
    handling.case_accept(actor=desk.clerk, case=case)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW
    assert list(case.tasks.filter(status=TaskStatus.OPEN).values_list("kind", flat=True)) == ["review"]


def test_a_later_real_submission_gets_a_fresh_number(seeded, world):
    today = timezone.localdate()
    seeded_today = Case.objects.filter(received_on=today).count()
    assert seeded_today > 0  # the mix always puts some open cases on today
    case = submit_online(world, desk_build(world).applicant)
    assert case.number.startswith(f"350802-{today:%Y%m%d}-{seeded_today + 1:06d}-")
    assert Case.objects.filter(number=case.number).count() == 1


def test_seeding_tops_up_and_is_audited_once_per_run(seeded):
    assert cases_seed_bulk(target=300, persons=20).created == 0
    result = cases_seed_bulk(target=340, persons=20, chunk_size=15)
    assert (result.existing, result.created, result.persons_created) == (300, 40, 0)
    assert Case.objects.count() == 340 and len(set(Case.objects.values_list("number", flat=True))) == 340
    assert AuditEntry.objects.filter(action="cases.bulk_seeded").count() == 2
    assert not AuditEntry.objects.filter(action="case.submitted").exists()


def test_seed_scale_command_takes_cases(db):
    out = io.StringIO()
    call_command("seed_scale", implementations=30, cases=25, persons=5, stdout=out)
    assert Case.objects.count() == 25 and Case.objects.values("department").distinct().count() > 1
    assert "新增办件 25 件" in out.getvalue()
