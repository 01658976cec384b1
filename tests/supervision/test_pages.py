"""Who sees which cards; the inbox summary and badges; the card list, its export and the rule page."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from govhall.core.audit import audit_entries_for
from govhall.directory.services import department_upsert
from govhall.identity.models import StaffRole
from govhall.identity.scope import staff_scope_for
from govhall.identity.services.staff import staff_upsert
from govhall.supervision.models import Card, WarningRule
from govhall.supervision.selectors import cards_for_staff
from govhall.supervision.services.scan import supervision_scan

from ..factories import credit_code
from ..staff_login import staff_client
from .records import in_review

pytestmark = pytest.mark.django_db


def _late_cases(world, desk, n=1):
    today = timezone.localdate()
    cases = [in_review(world, desk, due=today - dt.timedelta(days=7)) for _ in range(n)]
    supervision_scan()
    return cases


def _supervisor(username, region):
    return staff_upsert(
        username=username, display_name=username, region=region, roles=[StaffRole.SUPERVISOR]
    ).user


def test_another_department_sees_none_of_the_cards(world, desk):
    _late_cases(world, desk)
    other = department_upsert(
        credit_code=credit_code(802_0077), name="龙岩市新罗区教育局", region=world.county, phone="0597-1"
    )
    stranger = staff_upsert(
        username="edu_clerk",
        display_name="教育窗口",
        region=world.county,
        roles=[StaffRole.WINDOW_CLERK],
        department=other,
    ).user
    assert cards_for_staff(staff_scope_for(desk.clerk)).count() == 1
    assert cards_for_staff(staff_scope_for(stranger)).count() == 0


def test_the_city_supervisor_sees_county_cards_and_another_county_does_not(world, desk):
    _late_cases(world, desk)
    assert cards_for_staff(staff_scope_for(_supervisor("ly_sup", world.city))).count() == 1
    assert cards_for_staff(staff_scope_for(_supervisor("ct_sup", world.other_county))).count() == 0


def test_the_inbox_shows_the_summary_and_a_badge_on_the_late_case(world, desk):
    case = _late_cases(world, desk)[0]
    response = staff_client(desk.clerk).get(reverse("workbench:inbox"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="open-cards"' in body and "红牌 1" in body
    row = body.split(f'data-task="{case.tasks.get().pk}"')[1].split("</tr>")[0]
    assert 'data-level="red"' in row


def test_inbox_card_badges_cost_a_constant_number_of_queries(world, desk):
    client = staff_client(desk.clerk)
    _late_cases(world, desk, 1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("workbench:inbox"))
    _late_cases(world, desk, 3)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("workbench:inbox"))
    assert len(many) == len(few)


def test_card_list_query_count_does_not_grow_with_rows(world, desk):
    client = staff_client(_supervisor("ly_sup", world.city))
    _late_cases(world, desk, 1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("workbench:card_list")).status_code == 200
    _late_cases(world, desk, 3)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("workbench:card_list"))
    assert response.content.decode().count("data-card=") == 4
    assert len(many) == len(few)


def test_the_card_list_filters_and_exports(world, desk):
    _late_cases(world, desk, 2)
    client = staff_client(_supervisor("ly_sup", world.city))
    body = client.get(reverse("workbench:card_list") + "?level=yellow").content.decode()
    assert "data-card=" not in body and "没有符合条件的红黄牌" in body
    response = client.get(reverse("workbench:card_list") + "?level=red&export=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "等级" and len(rows) == 3 and rows[1][0] == "红牌"


def test_escalated_cards_are_marked_for_the_city(world, desk):
    _late_cases(world, desk)
    Card.objects.update(escalated_to=world.city, escalated_at=timezone.now())
    body = (
        staff_client(_supervisor("ly_sup", world.city)).get(reverse("workbench:card_list")).content.decode()
    )
    assert "已升级至龙岩市" in body


def test_a_supervisor_saves_their_regions_rule_and_it_is_audited(world):
    client = staff_client(_supervisor("ly_sup", world.city))
    data = {
        "yellow_remaining_days": 2,
        "yellow_used_percent": 70,
        "red_refusal_without_reason": "on",
        "escalate_after_days": 3,
        "notice_answer_days": 5,
        "reason": "本市从严",
    }
    assert client.post(reverse("workbench:rule_edit"), data).status_code == 302
    rule = WarningRule.objects.get(region=world.city)
    assert (rule.yellow_remaining_days, rule.yellow_used_percent, rule.red_outside_system) == (2, 70, False)
    entry = audit_entries_for(object_type="supervision.warningrule", object_id=str(rule.pk)).get()
    assert entry.action == "supervision.rule_saved" and entry.reason == "本市从严"
    assert client.post(reverse("workbench:rule_edit"), data | {"yellow_used_percent": 180}).status_code == 400
