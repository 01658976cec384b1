"""待办: only my department's tasks for my roles, claim / release, bulk claim, filters and colours."""

from __future__ import annotations

import pytest
from django.urls import reverse

from govhall.cases.models import TaskStatus
from govhall.cases.services.handling import case_accept

from ..person_records import ID_NUMBERS
from ..staff_login import staff_client
from .cases_setup import desk_build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def desk(world):
    return desk_build(world)


def test_inbox_shows_only_my_departments_tasks_for_my_roles(desk):
    accepted = desk.intake()
    case_accept(actor=desk.clerk, case=accepted)  # now a review task for reviewers
    waiting = desk.intake(name="李四", id_number=ID_NUMBERS[1])  # an accept task for window clerks
    clerk_page = staff_client(desk.clerk).get(reverse("workbench:inbox")).content.decode()
    assert waiting.number in clerk_page and accepted.number not in clerk_page
    reviewer_page = staff_client(desk.reviewer).get(reverse("workbench:inbox")).content.decode()
    assert accepted.number in reviewer_page and waiting.number not in reviewer_page
    other_page = staff_client(desk.other_clerk).get(reverse("workbench:inbox")).content.decode()
    assert waiting.number not in other_page and accepted.number not in other_page


def test_due_colour_and_kind_filter(desk):
    case = desk.intake()
    task = case.tasks.get(status=TaskStatus.OPEN)
    response = staff_client(desk.clerk).get(reverse("workbench:inbox"), {"kind": "accept"})
    assert "due--green" in response.content.decode() or "due--yellow" in response.content.decode()
    assert f'data-task="{task.pk}"' in response.content.decode()
    empty = staff_client(desk.clerk).get(reverse("workbench:inbox"), {"kind": "decide"}).content.decode()
    assert f'data-task="{task.pk}"' not in empty


def test_claim_then_release(desk):
    case = desk.intake()
    task = case.tasks.get(status=TaskStatus.OPEN)
    client = staff_client(desk.clerk)
    assert client.post(reverse("workbench:task_claim", args=[task.pk])).status_code == 302
    task.refresh_from_db()
    assert task.claimed_by_id == desk.clerk.pk
    assert client.post(reverse("workbench:task_release", args=[task.pk])).status_code == 302
    task.refresh_from_db()
    assert task.claimed_by_id is None


def test_other_department_cannot_claim(desk):
    case = desk.intake()
    task = case.tasks.get(status=TaskStatus.OPEN)
    assert (
        staff_client(desk.other_clerk).post(reverse("workbench:task_claim", args=[task.pk])).status_code
        == 404
    )
    task.refresh_from_db()
    assert task.claimed_by_id is None


def test_bulk_claim_takes_free_tasks_and_leaves_a_colleagues(desk):
    from govhall.identity.models import StaffRole
    from govhall.identity.services.staff import staff_upsert

    colleague = staff_upsert(
        username="desk_clerk2",
        display_name="窗口小赵",
        region=desk.world.county,
        roles=[StaffRole.WINDOW_CLERK],
        department=desk.world.county_department,
    ).user
    first, second = desk.intake(), desk.intake(name="李四", id_number=ID_NUMBERS[1])
    first_task, second_task = (c.tasks.get(status=TaskStatus.OPEN) for c in (first, second))
    staff_client(colleague).post(reverse("workbench:task_claim", args=[second_task.pk]))
    response = staff_client(desk.clerk).post(
        reverse("workbench:task_claim_bulk"), {"task": [first_task.pk, second_task.pk]}, follow=True
    )
    first_task.refresh_from_db()
    second_task.refresh_from_db()
    assert first_task.claimed_by_id == desk.clerk.pk
    assert second_task.claimed_by_id == colleague.pk
    html = response.content.decode()
    assert "已签收 1 件待办" in html and second.number in html


def test_bulk_claim_ignores_tasks_outside_my_inbox(desk):
    case = desk.intake()
    task = case.tasks.get(status=TaskStatus.OPEN)
    staff_client(desk.other_clerk).post(reverse("workbench:task_claim_bulk"), {"task": [task.pk]})
    task.refresh_from_db()
    assert task.claimed_by_id is None


def test_inbox_is_linked_from_the_home_page(desk):
    html = staff_client(desk.reviewer).get(reverse("workbench:home")).content.decode()
    assert reverse("workbench:inbox") in html and reverse("workbench:case_list") in html
