"""Complaints and reports: routing, triage, transfer, reply, confirmation, reopening, the sealed contact, the tick."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from govhall.core.models import AuditEntry
from govhall.interaction.models import CloseReason, Complaint, ComplaintStatus, EventKind
from govhall.interaction.services.complaints import (
    complaint_confirm,
    complaint_contact_reveal,
    complaint_reopen,
    complaint_reply,
    complaint_submit,
    complaint_transfer,
    complaint_triage,
)
from govhall.interaction.services.tick import interaction_tick

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2026, 9, 30)


def submit(desk, **kwargs):
    values = {
        "complainant": desk.person.user,
        "kind": "complaint",
        "subject": "item",
        "title": "窗口推诿",
        "content": "办理食品经营许可时被要求多次往返。",
        "implementation_code": desk.world.implementation.code,
        "today": RECEIVED,
    }
    return complaint_submit(**(values | kwargs))


def test_complaint_deadline_is_ten_working_days_across_national_day(desk):
    complaint = submit(desk)
    assert complaint.department == desk.world.county_department
    # 10-08, 09, 10 (make-up Saturday), 12–16, 19, 20
    assert complaint.due_on == dt.date(2026, 10, 20)
    assert complaint.complainant_name == "张三"


def test_transfer_moves_the_complaint_keeps_the_deadline_and_records_the_reason(desk):
    complaint = submit(desk)
    complaint_transfer(
        actor=desk.clerk, complaint=complaint, to_department=desk.other_department, reason="属人社业务"
    )
    complaint.refresh_from_db()
    assert complaint.department == desk.other_department
    assert complaint.first_department == desk.world.county_department
    assert complaint.due_on == dt.date(2026, 10, 20)
    assert complaint.events.get(kind=EventKind.TRANSFERRED).note == "属人社业务"
    with pytest.raises(PermissionDenied):
        complaint_triage(actor=desk.clerk, complaint=complaint, decision="accept")


def test_supervisor_triages_and_rejects_with_a_reason(desk):
    complaint = submit(desk)
    with pytest.raises(ValidationError):
        complaint_triage(actor=desk.supervisor, complaint=complaint, decision="reject", reason="")
    complaint_triage(
        actor=desk.supervisor, complaint=complaint, decision="reject", reason="不属于投诉受理范围"
    )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.close_reason) == (ComplaintStatus.REJECTED, CloseReason.REJECTED)


def test_supervisor_may_not_reply(desk):
    complaint = submit(desk)
    complaint_triage(actor=desk.supervisor, complaint=complaint, decision="accept")
    with pytest.raises(PermissionDenied):
        complaint_reply(actor=desk.supervisor, complaint=complaint, reply="x")


def test_reply_then_reopen_restarts_the_deadline_then_confirmation_closes_it(desk):
    complaint = submit(desk)
    complaint_triage(actor=desk.clerk, complaint=complaint, decision="accept", today=RECEIVED)
    complaint_reply(
        actor=desk.clerk, complaint=complaint, reply="已核实并批评教育。", today=dt.date(2026, 10, 9)
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.REPLIED
    assert complaint.confirm_due == dt.date(2026, 10, 15)  # 5 working days: 10, 12, 13, 14, 15
    complaint_reopen(
        complainant=desk.person.user, complaint=complaint, reason="问题没有解决", today=dt.date(2026, 10, 12)
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ACCEPTED
    assert complaint.reopen_count == 1
    assert complaint.due_on == dt.date(2026, 10, 26)  # 10 working days from 10-12
    assert complaint.confirm_due is None
    complaint_reply(actor=desk.clerk, complaint=complaint, reply="已重新办理。", today=dt.date(2026, 10, 13))
    complaint_confirm(complainant=desk.person.user, complaint=complaint)
    complaint.refresh_from_db()
    assert (complaint.status, complaint.close_reason) == (ComplaintStatus.CLOSED, CloseReason.CONFIRMED)


def test_only_the_complainant_may_confirm_or_reopen(desk):
    complaint = submit(desk)
    complaint_triage(actor=desk.clerk, complaint=complaint, decision="accept")
    complaint_reply(actor=desk.clerk, complaint=complaint, reply="已处理。")
    with pytest.raises(PermissionDenied):
        complaint_confirm(complainant=desk.clerk, complaint=complaint)
    with pytest.raises(PermissionDenied):
        complaint_reopen(complainant=desk.clerk, complaint=complaint, reason="不满意")


def test_tick_closes_replies_left_unconfirmed_and_twice_closes_nothing_more(desk):
    complaint = submit(desk)
    complaint_triage(actor=desk.clerk, complaint=complaint, decision="accept")
    complaint_reply(actor=desk.clerk, complaint=complaint, reply="已处理。", today=dt.date(2026, 10, 9))
    assert interaction_tick(dt.date(2026, 10, 15)) == {
        "complaints_closed_unconfirmed": 0
    }  # still within the period
    assert interaction_tick(dt.date(2026, 10, 16)) == {"complaints_closed_unconfirmed": 1}
    assert interaction_tick(dt.date(2026, 10, 16)) == {"complaints_closed_unconfirmed": 0}
    complaint.refresh_from_db()
    assert complaint.close_reason == CloseReason.UNCONFIRMED


def test_anonymous_report_keeps_no_name_and_its_contact_sealed(desk):
    report = submit(desk, complainant=None, kind="report", anonymous=True, contact_phone="13912345678")
    row = Complaint.objects.filter(pk=report.pk).values().get()
    assert "13912345678" not in repr(row)
    assert report.contact_masked == "139****5678"
    assert report.complainant_name == ""


def test_only_reports_may_be_anonymous_and_they_need_a_contact(desk):
    with pytest.raises(ValidationError):
        submit(desk, kind="complaint", anonymous=True, contact_phone="13912345678")
    with pytest.raises(ValidationError):
        submit(desk, complainant=None, kind="report", anonymous=True)


def test_reveal_is_for_the_department_head_with_a_reason_and_audited(desk):
    report = submit(desk, complainant=None, kind="report", anonymous=True, contact_phone="13912345678")
    with pytest.raises(PermissionDenied):
        complaint_contact_reveal(actor=desk.clerk, complaint=report, reason="核实")
    with pytest.raises(ValidationError):
        complaint_contact_reveal(actor=desk.head, complaint=report, reason="")
    assert complaint_contact_reveal(actor=desk.head, complaint=report, reason="核实举报线索") == "13912345678"
    entry = AuditEntry.objects.get(action="interaction.contact_reveal")
    assert (entry.actor_id, entry.reason, entry.object_id) == (desk.head.pk, "核实举报线索", str(report.pk))


def test_complaint_against_a_case_number_that_does_not_exist_is_refused(desk):
    with pytest.raises(ValidationError) as error:
        submit(desk, subject="case", case_number="350802-20261123-000001-X")
    assert "办件编号" in str(error.value)
