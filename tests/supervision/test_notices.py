"""督办通知单: issue → answer → close, numbering, late answers, overdue escalation, PDF, audit, messages."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from govhall.core.audit import audit_entries_for
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert
from govhall.notifications.models import SiteMessage
from govhall.supervision.models import Card, CardStatus, Notice, NoticeStatus, SubjectType
from govhall.supervision.notice_pdf import notice_pdf
from govhall.supervision.services.notices import notice_answer, notice_close, notice_issue
from govhall.supervision.services.scan import supervision_scan

from .records import in_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_supervisor(world):
    return staff_upsert(
        username="ly_sup", display_name="监察老林", region=world.city, roles=[StaffRole.SUPERVISOR]
    ).user


@pytest.fixture
def red_card(world, desk):
    case = in_review(world, desk, due=timezone.localdate() - dt.timedelta(days=10))
    supervision_scan()
    return Card.objects.get(subject_id=str(case.pk), level="red")


def test_a_notice_on_a_card_is_numbered_and_tells_the_department(
    world, desk, city_supervisor, red_card, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_issue(
            actor=city_supervisor, card=red_card, requirement="请于三日内说明超期原因并办结"
        )
    year = timezone.localdate().year
    assert notice.number == f"督办〔{year}〕350800-0001"
    assert (notice.department_id, notice.issuer_region_id, notice.status) == (
        world.county_department.pk,
        world.city.pk,
        NoticeStatus.ISSUED,
    )
    assert (notice.subject_type, notice.subject_id) == (SubjectType.CASE, red_card.subject_id)
    assert notice.answer_due > timezone.localdate()
    assert SiteMessage.objects.filter(recipient=desk.clerk, subject="督办通知").exists()
    second = notice_issue(actor=city_supervisor, card=red_card, requirement="再次督办，请尽快办结")
    assert second.number == f"督办〔{year}〕350800-0002"


def test_a_notice_on_a_case_by_number(world, desk, city_supervisor):
    case = in_review(world, desk, due=timezone.localdate())
    notice = notice_issue(
        actor=city_supervisor, subject_type="case", reference=case.number, requirement="请加快办理进度"
    )
    assert notice.subject_label.startswith(case.number) and notice.card is None


def test_an_unknown_case_number_is_a_chinese_error_and_writes_nothing(city_supervisor):
    with pytest.raises(ValidationError) as caught:
        notice_issue(
            actor=city_supervisor,
            subject_type="case",
            reference="350802-20260101-000001-X",
            requirement="请加快办理",
        )
    assert "未找到办件" in caught.value.messages[0]
    assert not Notice.objects.exists()


def test_a_complaint_without_the_interaction_lookup_is_a_clear_error(city_supervisor, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "govhall.interaction.selectors_supervision", None)  # import fails
    with pytest.raises(ValidationError) as caught:
        notice_issue(
            actor=city_supervisor, subject_type="complaint", reference="17", requirement="请尽快处理投诉"
        )
    assert "投诉举报" in caught.value.messages[0]


def test_only_supervisors_issue_and_only_in_their_scope(world, desk, red_card):
    with pytest.raises(PermissionDenied):
        notice_issue(actor=desk.head, card=red_card, requirement="自己督办自己")
    other_city = staff_upsert(
        username="xm_sup", display_name="厦门监察", region=world.other_county, roles=[StaffRole.SUPERVISOR]
    ).user
    with pytest.raises(PermissionDenied):
        notice_issue(actor=other_city, card=red_card, requirement="越权督办测试")
    assert not Notice.objects.exists()


def test_answer_then_close_by_the_issuing_level_closes_the_card(world, desk, city_supervisor, red_card):
    notice = notice_issue(actor=city_supervisor, card=red_card, requirement="请说明超期原因")
    with pytest.raises(PermissionDenied):
        notice_answer(actor=city_supervisor, notice=notice, answer="监察人员不能代答")
    notice = notice_answer(actor=desk.head, notice=notice, answer="因材料补充延误，已于今日办结")
    assert notice.status == NoticeStatus.ANSWERED and not notice.answered_late
    with pytest.raises(ValidationError):
        notice_answer(actor=desk.head, notice=notice, answer="再答一次也不行")
    county_supervisor = staff_upsert(
        username="xl_sup", display_name="新罗监察", region=world.county, roles=[StaffRole.SUPERVISOR]
    ).user
    with pytest.raises(PermissionDenied):
        notice_close(actor=county_supervisor, notice=notice, remark="非督办层级")
    notice = notice_close(actor=city_supervisor, notice=notice, remark="情况属实，予以办结")
    assert notice.status == NoticeStatus.CLOSED
    red_card.refresh_from_db()
    assert red_card.status == CardStatus.CLOSED
    actions = [
        e.action for e in audit_entries_for(object_type="supervision.notice", object_id=str(notice.pk))
    ]
    assert sorted(actions) == [
        "supervision.notice_answered",
        "supervision.notice_closed",
        "supervision.notice_issued",
    ]


def test_an_answer_after_the_deadline_is_flagged_late(desk, city_supervisor, red_card):
    notice = notice_issue(actor=city_supervisor, card=red_card, requirement="请说明超期原因")
    Notice.objects.filter(pk=notice.pk).update(answer_due=timezone.localdate() - dt.timedelta(days=1))
    notice.refresh_from_db()
    assert notice_answer(actor=desk.clerk, notice=notice, answer="迟到的说明材料").answered_late


def test_an_unanswered_notice_escalates_once_past_its_deadline(world, city_supervisor, red_card):
    notice = notice_issue(actor=city_supervisor, card=red_card, requirement="请说明超期原因")
    assert supervision_scan(today=notice.answer_due)["notices_escalated"] == 0
    later = notice.answer_due + dt.timedelta(days=1)
    assert supervision_scan(today=later)["notices_escalated"] == 1
    assert supervision_scan(today=later)["notices_escalated"] == 0
    notice.refresh_from_db()
    assert notice.escalated_to_id == world.province.pk


def test_the_pdf_has_the_number_answer_and_closure(desk, city_supervisor, red_card):
    notice = notice_issue(actor=city_supervisor, card=red_card, requirement="请说明超期原因")
    notice_answer(actor=desk.head, notice=notice, answer="已办结并整改")
    notice = notice_close(actor=city_supervisor, notice=Notice.objects.get(pk=notice.pk), remark="同意办结")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(notice_pdf(notice))).pages)
    for expected in ("督办通知单", notice.number, "已办结并整改", "同意办结", "请说明超期原因"):
        assert expected in text
