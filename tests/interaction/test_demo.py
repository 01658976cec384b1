"""The demo loader: an FAQ entry, an overdue consultation, a transferred complaint, a hotline client — once."""

import pytest
from django.utils import timezone

from govhall.demo.interaction import interaction_demo_load
from govhall.identity.models import StaffRole
from govhall.interaction.models import Complaint, Consultation, HotlineClient

from ..person_records import person_make
from .records import staff

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_a_published_faq_an_overdue_question_and_a_transfer(desk, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    person_make(name="王建国", id_number="35082119760308001X", phone="13805910003", username="wjg")
    staff("xl_scjg_window", desk.world.county_department, desk.world.county, StaffRole.WINDOW_CLERK)
    assert interaction_demo_load() == 4
    assert interaction_demo_load() == 0
    assert Consultation.objects.filter(faq_published=True).count() == 1
    assert Consultation.objects.filter(status="pending", due_on__lt=timezone.localdate()).count() == 1
    complaint = Complaint.objects.get()
    assert complaint.department == desk.other_department
    assert complaint.events.filter(kind="transferred").count() == 1
    assert HotlineClient.objects.count() == 1
    assert (tmp_path / "demo-hotline-client.json").exists()
