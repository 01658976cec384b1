"""Consultations: routing, working-day deadlines, late answers, first-inquiry transfer, the public FAQ."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from govhall.core.models import AuditEntry
from govhall.interaction.models import ConsultationStatus, EventKind
from govhall.interaction.selectors import faq_list
from govhall.interaction.services.consultations import (
    consultation_answer,
    consultation_ask,
    consultation_publish,
    consultation_transfer,
)
from govhall.interaction.services.rules import interaction_rule_set
from govhall.notifications.models import SiteMessage

pytestmark = pytest.mark.django_db

BEFORE_NATIONAL_DAY = dt.date(2026, 9, 30)


def ask(desk, **kwargs):
    values = {
        "asker": desk.person.user,
        "title": "食品经营许可要带什么材料",
        "question": "我是张三，电话13800138000，想开一家小吃店。",
        "implementation_code": desk.world.implementation.code,
        "today": BEFORE_NATIONAL_DAY,
    }
    return consultation_ask(**(values | kwargs))


def test_consultation_on_an_item_goes_to_the_items_department_and_region(desk):
    consultation = ask(desk)
    assert consultation.department == desk.world.county_department
    assert consultation.first_department == desk.world.county_department
    assert consultation.region == desk.world.county
    assert consultation.item_name == "食品经营许可"
    assert consultation.asker_name == "张三"


def test_answer_deadline_counts_three_working_days_across_national_day_and_the_make_up_saturday(desk):
    # 09-30 received; 10-01..10-07 holiday; 10-08 Thu, 10-09 Fri, 10-10 Sat (make-up working day).
    assert ask(desk).due_on == dt.date(2026, 10, 10)


def test_the_nearest_ancestors_rule_sets_the_answer_days(desk):
    interaction_rule_set(actor=None, region=desk.world.city, consultation_days=5)
    # 10-08, 10-09, 10-10, 10-12, 10-13
    assert ask(desk).due_on == dt.date(2026, 10, 13)
    interaction_rule_set(actor=None, region=desk.world.county, consultation_days=1)
    assert ask(desk).due_on == dt.date(2026, 10, 8)


def test_general_consultation_goes_to_the_regions_default_department(desk):
    interaction_rule_set(actor=None, region=desk.world.county, default_department=desk.other_department)
    consultation = ask(desk, implementation_code="", region=desk.world.county)
    assert consultation.department == desk.other_department


def test_general_consultation_without_department_or_default_is_refused_in_chinese(desk):
    with pytest.raises(ValidationError) as error:
        ask(desk, implementation_code="", region=desk.world.county)
    assert "请选择受理部门" in str(error.value)


def test_late_answer_without_explanation_is_refused_and_nothing_changes(desk):
    consultation = ask(desk)
    with pytest.raises(ValidationError) as error:
        consultation_answer(
            actor=desk.clerk, consultation=consultation, answer="请带身份证。", today=dt.date(2026, 10, 12)
        )
    assert "逾期说明" in str(error.value)
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.PENDING
    assert consultation.answer == ""


def test_late_answer_with_explanation_is_kept_and_the_asker_gets_a_message(desk):
    consultation = ask(desk)
    consultation_answer(
        actor=desk.clerk,
        consultation=consultation,
        answer="请带身份证。",
        late_explanation="国庆后咨询量大",
        today=dt.date(2026, 10, 12),
    )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.ANSWERED
    assert consultation.late_explanation == "国庆后咨询量大"
    assert consultation.answered_on == dt.date(2026, 10, 12)
    message = SiteMessage.objects.get(recipient=desk.person.user)
    assert message.subject == "咨询已答复"


def test_answer_on_time_needs_no_explanation(desk):
    consultation = ask(desk)
    consultation_answer(
        actor=desk.clerk, consultation=consultation, answer="请带身份证。", today=dt.date(2026, 10, 10)
    )
    consultation.refresh_from_db()
    assert consultation.late_explanation == ""


def test_another_department_may_not_answer(desk):
    consultation = ask(desk)
    with pytest.raises(PermissionDenied):
        consultation_answer(
            actor=desk.other_clerk, consultation=consultation, answer="x", today=BEFORE_NATIONAL_DAY
        )


def test_first_inquiry_transfer_moves_ownership_keeps_the_deadline_and_the_history(desk):
    consultation = ask(desk)
    consultation_transfer(
        actor=desk.clerk, consultation=consultation, to_department=desk.other_department, reason="属社保业务"
    )
    consultation.refresh_from_db()
    assert consultation.department == desk.other_department
    assert consultation.first_department == desk.world.county_department
    assert consultation.due_on == dt.date(2026, 10, 10)
    event = consultation.events.get(kind=EventKind.TRANSFERRED)
    assert (event.department, event.to_department, event.note) == (
        desk.world.county_department,
        desk.other_department,
        "属社保业务",
    )
    # The first department no longer owns it; the new one does.
    with pytest.raises(PermissionDenied):
        consultation_answer(
            actor=desk.clerk, consultation=consultation, answer="x", today=BEFORE_NATIONAL_DAY
        )
    consultation_answer(
        actor=desk.other_clerk, consultation=consultation, answer="请到社保窗口。", today=BEFORE_NATIONAL_DAY
    )
    assert (
        AuditEntry.objects.filter(action="interaction.consultation_transfer", reason="属社保业务").count()
        == 1
    )


def test_transfer_without_reason_is_refused(desk):
    consultation = ask(desk)
    with pytest.raises(ValidationError):
        consultation_transfer(
            actor=desk.clerk, consultation=consultation, to_department=desk.other_department, reason=""
        )


def test_faq_shows_only_published_entries_in_public_wording_never_the_asker(desk):
    published = ask(desk)
    ask(desk, title="另一个问题")  # answered but not published
    consultation_answer(
        actor=desk.clerk,
        consultation=published,
        answer="请带身份证和营业执照。张三您好。",
        today=BEFORE_NATIONAL_DAY,
    )
    consultation_publish(
        actor=desk.clerk,
        consultation=published,
        public_question="办理食品经营许可需要哪些材料？",
        public_answer="请携带身份证和营业执照。",
    )
    entries = list(faq_list())
    assert [e["faq_question"] for e in entries] == ["办理食品经营许可需要哪些材料？"]
    flat = repr(entries)
    assert "张三" not in flat and "13800138000" not in flat and "小吃店" not in flat


def test_only_answered_consultations_may_be_published(desk):
    consultation = ask(desk)
    with pytest.raises(ValidationError):
        consultation_publish(
            actor=desk.clerk, consultation=consultation, public_question="q", public_answer="a"
        )
