"""一窗受理 and 补录 through the pages: the case is an ordinary case with one visit; back-entry only today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from govhall.cases.models import Case, Channel, EventKind
from govhall.cases.selectors import cases_for_staff
from govhall.identity.scope import staff_scope_for

from ..person_records import ID_NUMBERS
from ..staff_login import staff_client
from .cases_setup import desk_build, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def desk(world):
    return desk_build(world)


def _post(desk, url, **extra):
    data = {
        "code": desk.world.implementation.code,
        "id_number": ID_NUMBERS[0],
        "name": "张三",
        "phone": "",
        "delivery": "window",
        "delivery_address": "",
        "material_1": SimpleUploadedFile("申请书.png", png_bytes(), content_type="image/png"),
        **extra,
    }
    return staff_client(desk.clerk).post(url, data)


def test_search_lists_my_departments_implementations(desk):
    response = staff_client(desk.clerk).get(reverse("workbench:window_intake"), {"q": "食品"})
    assert desk.world.implementation.code in response.content.decode()


def test_window_intake_creates_a_case_with_one_visit_in_the_same_store(desk):
    response = _post(desk, reverse("workbench:window_intake"))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "workbench:case_detail", args=[case.number]
    )
    assert case.channel == Channel.WINDOW and case.visits == 1 and not case.back_entry
    assert case.submitted_by_id == desk.clerk.pk and case.applicant.name == "张三"
    assert case.materials.get().source == "scan"
    assert case in cases_for_staff(staff_scope_for(desk.reviewer))


def test_window_intake_without_the_required_scan_creates_nothing(desk):
    response = _post(desk, reverse("workbench:window_intake"), material_1="")
    assert response.status_code == 200 and "缺少必要材料" in response.content.decode()
    assert not Case.objects.exists()


def test_another_departments_implementation_is_refused(desk):
    response = staff_client(desk.other_clerk).get(
        reverse("workbench:window_intake"), {"code": desk.world.implementation.code}
    )
    assert response.status_code == 403


def test_back_entry_today_is_flagged(desk):
    today = timezone.localdate()
    response = _post(desk, reverse("workbench:back_entry"), handled_on=today.isoformat())
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.back_entry and case.handled_on == today and case.channel == Channel.BACK_ENTRY
    assert case.events.filter(kind=EventKind.BACK_ENTERED).exists()


def test_back_entry_of_yesterday_is_refused(desk):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = _post(desk, reverse("workbench:back_entry"), handled_on=yesterday.isoformat())
    assert response.status_code == 200
    assert "系统外办理的办件只能在当日补录" in response.content.decode()
    assert not Case.objects.exists()
