"""The contract with supervision: overdue monitors, the subject lookup and the indicator rows, exact values."""

import datetime as dt

import pytest

from govhall.interaction.selectors_supervision import (
    complaints_overdue,
    consultations_overdue,
    interaction_indicator_rows,
    interaction_subject,
)
from govhall.interaction.services.complaints import complaint_reply, complaint_submit, complaint_triage
from govhall.interaction.services.consultations import consultation_answer, consultation_ask

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 9, 30)  # consultations due 10-10, complaints due 10-20


def ask(desk, title, today=DAY):
    return consultation_ask(
        asker=desk.person.user,
        title=title,
        question="?",
        implementation_code=desk.world.implementation.code,
        today=today,
    )


def complain(desk, title, today=DAY):
    return complaint_submit(
        complainant=desk.person.user,
        kind="complaint",
        subject="department",
        department=desk.world.county_department,
        title=title,
        content="!",
        today=today,
    )


def test_overdue_consultations_are_the_unanswered_ones_past_their_deadline(desk):
    late = ask(desk, "逾期未答")
    answered = ask(desk, "已答复")
    consultation_answer(actor=desk.clerk, consultation=answered, answer="答", today=DAY)
    assert list(consultations_overdue(today=dt.date(2026, 10, 10))) == []
    assert list(consultations_overdue(today=dt.date(2026, 10, 11))) == [
        {
            "subject_type": "consultation",
            "subject_id": str(late.pk),
            "subject_label": "咨询：逾期未答",
            "department_id": desk.world.county_department.pk,
            "region_id": desk.world.county.pk,
            "due_on": dt.date(2026, 10, 10),
            "responsible_id": None,
            "reason": "咨询答复期限 2026-10-10，已逾期",
        }
    ]


def test_overdue_complaints_include_replies_not_yet_confirmed_but_not_closed_ones(desk):
    open_one = complain(desk, "未办结")
    replied = complain(desk, "已答复待确认")
    complaint_triage(actor=desk.clerk, complaint=replied, decision="accept")
    complaint_reply(actor=desk.clerk, complaint=replied, reply="答", today=DAY)
    rejected = complain(desk, "不予受理")
    complaint_triage(actor=desk.clerk, complaint=rejected, decision="reject", reason="不属受理范围")
    rows = list(complaints_overdue(today=dt.date(2026, 10, 21)))
    assert sorted(r["subject_id"] for r in rows) == sorted([str(open_one.pk), str(replied.pk)])
    assert rows[0]["reason"] == "投诉举报办理期限 2026-10-20，已逾期"
    assert rows[0]["subject_type"] == "complaint"


def test_interaction_subject_gives_label_department_and_region(desk):
    consultation = ask(desk, "咨询一")
    assert interaction_subject(subject_type="consultation", subject_id=str(consultation.pk)) == {
        "label": "咨询：咨询一",
        "department_id": desk.world.county_department.pk,
        "region_id": desk.world.county.pk,
    }
    assert interaction_subject(subject_type="complaint", subject_id=str(consultation.pk)) is None
    assert interaction_subject(subject_type="nonsense", subject_id="1") is None


def test_indicator_rows_count_received_answered_on_time_and_closed_per_department(desk):
    on_time = ask(desk, "按时")
    late = ask(desk, "逾期答复")
    ask(desk, "未答")
    ask(desk, "期外", today=dt.date(2026, 11, 2))
    consultation_answer(actor=desk.clerk, consultation=on_time, answer="答", today=dt.date(2026, 10, 10))
    consultation_answer(
        actor=desk.clerk,
        consultation=late,
        answer="答",
        late_explanation="节后积压",
        today=dt.date(2026, 10, 12),
    )
    closed = complain(desk, "驳回")
    complaint_triage(actor=desk.clerk, complaint=closed, decision="reject", reason="不属受理范围")
    complain(desk, "办理中")
    moved = complain(desk, "转走")
    from govhall.interaction.services.complaints import complaint_transfer

    complaint_transfer(
        actor=desk.clerk, complaint=moved, to_department=desk.other_department, reason="属人社"
    )
    rows = interaction_indicator_rows(start=dt.date(2026, 9, 1), end=dt.date(2026, 10, 31))
    by_department = {r["department_id"]: r for r in rows}
    assert by_department[desk.world.county_department.pk] == {
        "region_id": desk.world.county.pk,
        "department_id": desk.world.county_department.pk,
        "consultations": 3,
        "consultations_replied_on_time": 1,
        "complaints": 2,
        "complaints_closed": 1,
    }
    assert by_department[desk.other_department.pk] == {
        "region_id": desk.world.county.pk,
        "department_id": desk.other_department.pk,
        "consultations": 0,
        "consultations_replied_on_time": 0,
        "complaints": 1,
        "complaints_closed": 0,
    }
