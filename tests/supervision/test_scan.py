"""The scan: cards at the exact boundaries, paused cases, cure, idempotence, escalation, irregular handling."""

import datetime as dt

import pytest

from govhall.cases.models import Case, CaseEvent, CaseStatus, EventKind
from govhall.supervision.models import Card, CardLevel, CardStatus, WarningRule
from govhall.supervision.services.scan import supervision_scan

from .records import case_with, in_review

pytestmark = pytest.mark.django_db

WEDNESDAY = dt.date(2026, 12, 9)
FRIDAY = dt.date(2026, 12, 11)


def cards_of(case):
    return {(c.rule, c.level) for c in Card.objects.filter(subject_type="case", subject_id=str(case.pk))}


def test_two_working_days_left_gets_no_card(world, desk):
    case = in_review(world, desk, due=dt.date(2026, 12, 11))
    supervision_scan(today=WEDNESDAY)
    assert cards_of(case) == set()


def test_one_working_day_left_gets_a_yellow_card_with_a_chinese_reason(world, desk):
    case = in_review(world, desk, due=dt.date(2026, 12, 10))
    supervision_scan(today=WEDNESDAY)
    card = Card.objects.get(subject_id=str(case.pk))
    assert (card.rule, card.level, card.status) == ("promised_due", CardLevel.YELLOW, CardStatus.OPEN)
    assert card.reason == "承诺办结期限 2026-12-10，剩余 1 个工作日"
    assert card.subject_label.startswith(case.number)
    assert (card.department_id, card.region_id, card.issued_on) == (
        case.department_id,
        case.region_id,
        WEDNESDAY,
    )


def test_due_today_is_yellow_not_red(world, desk):
    case = in_review(world, desk, due=WEDNESDAY)
    supervision_scan(today=WEDNESDAY)
    assert cards_of(case) == {("promised_due", "yellow")}
    assert Card.objects.get(subject_id=str(case.pk)).reason.endswith("今日到期")


def test_overdue_by_one_day_is_red(world, desk):
    case = in_review(world, desk, due=dt.date(2026, 12, 8))
    supervision_scan(today=WEDNESDAY)
    assert cards_of(case) == {("promised_due", "red")}
    assert Card.objects.get(subject_id=str(case.pk)).reason == "承诺办结期限 2026-12-08，已超期 1 个工作日"


def test_eighty_percent_of_the_limit_used_is_yellow_and_seventy_is_not(world, desk):
    # limit 20 working days: 80 % used ⟺ at most 4 left
    four_left = in_review(world, desk, due=dt.date(2026, 12, 15), limit=20)
    five_left = in_review(world, desk, due=dt.date(2026, 12, 16), limit=20)
    supervision_scan(today=WEDNESDAY)
    assert cards_of(four_left) == {("promised_due", "yellow")}
    assert cards_of(five_left) == set()


def test_extension_days_count_in_the_limit(world, desk):
    # 15 + 5 = 20 working days: 4 left is 80 % used
    case = in_review(world, desk, due=dt.date(2026, 12, 15), limit=15, extension_days=5)
    supervision_scan(today=WEDNESDAY)
    assert cards_of(case) == {("promised_due", "yellow")}


def test_the_weekend_does_not_count_as_remaining_days(world, desk):
    monday = in_review(world, desk, due=dt.date(2026, 12, 14))  # Friday → Monday: 1 working day left
    tuesday = in_review(world, desk, due=dt.date(2026, 12, 15))  # 2 left
    supervision_scan(today=FRIDAY)
    assert cards_of(monday) == {("promised_due", "yellow")}
    assert cards_of(tuesday) == set()


def test_the_national_day_holiday_does_not_count(world, desk):
    # 2026-09-30 (Wed): the next working day is 10-08, then 10-09
    first = in_review(world, desk, due=dt.date(2026, 10, 8))
    second = in_review(world, desk, due=dt.date(2026, 10, 9))
    supervision_scan(today=dt.date(2026, 9, 30))
    assert cards_of(first) == {("promised_due", "yellow")}
    assert cards_of(second) == set()


def test_overdue_across_the_holiday_counts_working_days_only(world, desk):
    case = in_review(world, desk, due=dt.date(2026, 9, 30))
    supervision_scan(today=dt.date(2026, 10, 8))
    assert Card.objects.get(subject_id=str(case.pk)).reason.endswith("已超期 1 个工作日")


def test_a_paused_case_gets_no_card(world, desk):
    case = in_review(world, desk, due=dt.date(2026, 12, 1), paused=True)
    supervision_scan(today=WEDNESDAY)
    assert cards_of(case) == set()


def test_the_acceptance_clock_of_a_submitted_case(world, desk):
    case = case_with(world, desk, accept_due=dt.date(2026, 12, 7))
    supervision_scan(today=WEDNESDAY)
    assert ("accept_due", "red") in cards_of(case)


def test_an_open_step_past_its_due_date_is_red_for_the_person_who_claimed_it(world, desk):
    case = case_with(world, desk, accept_due=dt.date(2026, 12, 31))
    task = case.tasks.get()
    task.due_on = dt.date(2026, 12, 8)
    task.claimed_by = desk.clerk
    task.save()
    supervision_scan(today=WEDNESDAY)
    card = Card.objects.get(subject_type="task", subject_id=str(task.pk))
    assert (card.level, card.rule, card.responsible_id) == ("red", "task_due", desk.clerk.pk)
    assert card.reason.startswith("环节办理期限 2026-12-08")


def test_scanning_twice_issues_nothing_twice(world, desk):
    in_review(world, desk, due=dt.date(2026, 12, 8))
    in_review(world, desk, due=dt.date(2026, 12, 10))
    first = supervision_scan(today=WEDNESDAY)
    rows = list(Card.objects.order_by("pk").values_list("pk", "rule", "level", "subject_id", "status"))
    second = supervision_scan(today=WEDNESDAY)
    assert first["issued"] == 2
    assert second["issued"] == 0
    assert (
        list(Card.objects.order_by("pk").values_list("pk", "rule", "level", "subject_id", "status")) == rows
    )


def test_yellow_then_red_closes_the_yellow(world, desk):
    case = in_review(world, desk, due=WEDNESDAY)
    supervision_scan(today=WEDNESDAY)
    supervision_scan(today=dt.date(2026, 12, 10))
    cards = {c.level: c.status for c in Card.objects.filter(subject_id=str(case.pk))}
    assert cards == {"yellow": CardStatus.CLOSED, "red": CardStatus.OPEN}


def test_cards_close_when_the_case_is_completed(world, desk):
    case = in_review(world, desk, due=dt.date(2026, 12, 8))
    supervision_scan(today=WEDNESDAY)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.COMPLETED)
    result = supervision_scan(today=WEDNESDAY)
    card = Card.objects.get(subject_id=str(case.pk))
    assert result["closed"] == 1
    assert card.status == CardStatus.CLOSED and card.closed_at is not None


def test_cards_close_when_an_extension_moves_the_deadline(world, desk):
    case = in_review(world, desk, due=dt.date(2026, 12, 8))
    supervision_scan(today=WEDNESDAY)
    Case.objects.filter(pk=case.pk).update(promised_due=dt.date(2026, 12, 30), extension_days=10)
    supervision_scan(today=WEDNESDAY)
    assert Card.objects.get(subject_id=str(case.pk)).status == CardStatus.CLOSED


def test_a_red_card_escalates_to_the_city_after_two_working_days_once(world, desk):
    case = in_review(world, desk, due=dt.date(2026, 12, 8))
    supervision_scan(today=WEDNESDAY)
    assert supervision_scan(today=dt.date(2026, 12, 10))["escalated"] == 0  # one working day
    assert supervision_scan(today=FRIDAY)["escalated"] == 1  # two working days
    card = Card.objects.get(subject_id=str(case.pk))
    assert card.escalated_to_id == world.city.pk
    first_escalation = card.escalated_at
    assert supervision_scan(today=dt.date(2026, 12, 14))["escalated"] == 0
    card.refresh_from_db()
    assert card.escalated_at == first_escalation


def test_a_county_rule_overrides_the_province_and_applies_below(world, desk):
    WarningRule.objects.create(region=world.province, yellow_remaining_days=1)
    WarningRule.objects.create(region=world.county, yellow_remaining_days=3, escalate_after_days=1)
    case = in_review(world, desk, due=dt.date(2026, 12, 14))  # 3 working days left
    supervision_scan(today=WEDNESDAY)
    assert cards_of(case) == {("promised_due", "yellow")}


def test_a_refusal_without_reason_is_red(world, desk):
    reasoned = case_with(
        world, desk, status=CaseStatus.REFUSED, completed_at=dt.datetime(2026, 12, 8, 9, tzinfo=dt.UTC)
    )
    silent = case_with(
        world, desk, status=CaseStatus.REFUSED, completed_at=dt.datetime(2026, 12, 8, 9, tzinfo=dt.UTC)
    )
    for case, opinion in ((reasoned, "材料不齐"), (silent, "  ")):
        CaseEvent.objects.create(
            case=case, kind=EventKind.REFUSED, at=case.completed_at, actor=desk.clerk, opinion=opinion
        )
    supervision_scan(today=WEDNESDAY)
    assert cards_of(reasoned) == set()
    card = Card.objects.get(subject_id=str(silent.pk))
    assert (card.rule, card.level, card.responsible_id) == ("refusal_without_reason", "red", desk.clerk.pk)


def test_a_back_entry_later_than_the_same_day_is_red_and_same_day_is_not(world, desk):
    late = case_with(
        world, desk, back_entry=True, received_on=dt.date(2026, 12, 8), handled_on=dt.date(2026, 12, 7)
    )
    same_day = case_with(
        world, desk, back_entry=True, received_on=dt.date(2026, 12, 8), handled_on=dt.date(2026, 12, 8)
    )
    supervision_scan(today=WEDNESDAY)
    assert ("late_back_entry", "red") in cards_of(late)
    assert ("late_back_entry", "red") not in cards_of(same_day)


def test_a_decision_without_acceptance_in_the_system_is_red(world, desk):
    outside = case_with(
        world,
        desk,
        status=CaseStatus.COMPLETED,
        accepted_on=None,
        completed_at=dt.datetime(2026, 12, 8, 9, tzinfo=dt.UTC),
    )
    supervision_scan(today=WEDNESDAY)
    assert ("outside_system", "red") in cards_of(outside)


def test_one_audit_entry_per_scan_with_the_counts(world, desk):
    from govhall.core.audit import audit_entries_for

    in_review(world, desk, due=dt.date(2026, 12, 8))
    supervision_scan(today=WEDNESDAY)
    entries = list(audit_entries_for(object_type="supervision.card", object_id="2026-12-09"))
    assert len(entries) == 1
    assert entries[0].action == "supervision.scanned"
    assert entries[0].summary["issued"] == 1
