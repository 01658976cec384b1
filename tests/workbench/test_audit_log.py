"""审计日志 in the workbench: operators filter, page, verify and export the audit trail; nobody else may.

Tampering needs a deliberate DDL change first (as in ``tests/core/test_audit.py``): the test drops
or disables the trigger inside its own transaction, which is rolled back afterwards.
"""

from datetime import datetime
from io import BytesIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from govhall.core.audit import AuditTarget, audit_context_use, audit_record
from govhall.core.audit_selectors import audit_entry_list
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert

from ..staff_login import staff_client

pytestmark = pytest.mark.django_db

LIST = reverse("workbench:audit_list")
VERIFY = reverse("workbench:audit_verify")
EXPORT = reverse("workbench:audit_export")
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def operator(world):
    return staff_upsert(
        username="fj_operator", display_name="省运维", region=world.province, roles=[StaffRole.OPERATOR]
    ).user


@pytest.fixture
def client(operator):
    return staff_client(operator)


def step(index: int, *, actor=None, action: str = "test.step", reason: str = "", **context) -> None:
    with audit_context_use(**context):
        audit_record(
            actor=actor,
            action=action,
            target=AuditTarget(type="test.thing", id=str(index), label=f"第 {index} 项"),
            summary={"count": {"before": index, "after": index + 1}},
            reason=reason,
        )


def sequences(response) -> list[int]:
    return [row.entry.sequence for row in response.context["rows"]]


def own_sequences(**filters) -> list[int]:
    return list(audit_entry_list(**filters).values_list("sequence", flat=True))


# ---------------------------------------------------------------- who may look


def test_operators_see_the_log_newest_first_with_labels_and_the_nav_link(client, operator):
    step(1, actor=operator, reason="例行检查", channel="workbench", ip="10.0.0.8", level="L2", method="totp")

    response = client.get(LIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert sequences(response) == own_sequences()
    assert f'href="{LIST}" aria-current="page">审计日志' in html
    for text in (
        "省运维（fj_operator）",
        "L2 · 密码 + 动态口令",
        "10.0.0.8",
        "例行检查",
        "count: 1 → 2",
        "第 1 项",
    ):
        assert text in html


@pytest.mark.parametrize("who", ["clerk", "citizen", "city_operator"])
def test_non_operators_are_refused_and_leave_no_entry(world, who):
    if who == "city_operator":  # the trail has no region: only provincial operators read it
        user = staff_upsert(
            username="ly_ops", display_name="市运维", region=world.city, roles=[StaffRole.OPERATOR]
        ).user
    elif who == "clerk":
        user = staff_upsert(
            username="xl_window",
            display_name="吴丽",
            region=world.county,
            department=world.county_department,
            roles=[StaffRole.WINDOW_CLERK, StaffRole.CATALOG_MANAGER, StaffRole.SUPERVISOR],
        ).user
    else:
        from ..person_records import person_make

        user = person_make().user
    visitor = staff_client(user)
    before = own_sequences()

    responses = [visitor.get(LIST), visitor.post(VERIFY), visitor.post(EXPORT, {})]

    assert [r.status_code for r in responses] == [403, 403, 403]
    assert own_sequences(action="audit.") == [] and own_sequences() == before


def test_anonymous_visitors_are_sent_to_the_workbench_login():
    response = staff_client(None).get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workbench:login") + "?next=")


# ---------------------------------------------------------------- filters


def test_action_filter_takes_an_area_prefix_or_an_exact_action(client):
    step(1, action="identity.login")
    step(2, action="identity.logout")
    step(3, action="catalog.theme.saved")

    area = sequences(client.get(LIST, {"action": "identity."}))
    exact = sequences(client.get(LIST, {"action": "identity.login"}))
    partial = sequences(client.get(LIST, {"action": "identity"}))

    assert area == own_sequences(action="identity.") and len(area) >= 2
    assert exact == own_sequences(action="identity.login")
    assert own_sequences(action="identity.logout")[0] not in exact
    assert partial == []  # no dot: an exact action that does not exist


def test_actor_filter_matches_the_username_or_a_system_label(client, operator):
    step(1, actor=operator)
    step(2)  # the system (no actor)

    mine = sequences(client.get(LIST, {"actor": "fj_operator", "action": "test.step"}))
    system = sequences(client.get(LIST, {"actor": "command", "action": "test.step"}))

    assert len(mine) == 1 and len(system) == 0
    with audit_context_use(channel="command"):
        audit_record(actor=None, actor_label="personal_data_rekey", action="test.step")
    assert len(sequences(client.get(LIST, {"actor": "personal_data_rekey"}))) == 1


def test_object_on_behalf_of_and_channel_filters(client):
    step(1, channel="portal", on_behalf_of="enterprise:91350802MA31X6YQ46")
    step(2, channel="api")
    step(7, channel="portal")

    by_object = client.get(LIST, {"object_type": "test.thing", "object_id": "2"})
    on_behalf = sequences(client.get(LIST, {"on_behalf_of": "enterprise:91350802MA31X6YQ46"}))
    portal = sequences(client.get(LIST, {"channel": "portal", "action": "test.step"}))

    assert [row.entry.object_id for row in by_object.context["rows"]] == ["2"]
    assert len(on_behalf) == 1 and len(portal) == 2
    assert "代表 enterprise:91350802MA31X6YQ46" in client.get(LIST, {"channel": "portal"}).content.decode()


def test_date_range_counts_whole_days_in_shanghai_time(client):
    moments = [
        datetime(2026, 3, 1, 23, 59, tzinfo=SHANGHAI),
        datetime(2026, 3, 2, 0, 0, tzinfo=SHANGHAI),  # 2026-03-01 16:00 UTC
        datetime(2026, 3, 3, 23, 59, 59, tzinfo=SHANGHAI),
        datetime(2026, 3, 4, 0, 0, tzinfo=SHANGHAI),
    ]
    for index, moment in enumerate(moments):
        with mock.patch("govhall.core.audit.timezone.now", return_value=moment):
            step(index, action="test.dated")

    response = client.get(LIST, {"action": "test.dated", "date_from": "2026-03-02", "date_to": "2026-03-03"})

    assert [row.entry.object_id for row in response.context["rows"]] == ["2", "1"]
    assert "2026-03-03 23:59:59" in response.content.decode()  # shown in Asia/Shanghai


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_from": "2026-03-05", "date_to": "2026-03-01"}, "截止日期不能早于起始日期"),
        ({"date_from": "2026-13-01"}, "有效的日期"),
        ({"object_id": "3"}, "按对象标识筛选时须同时填写对象类型"),
        ({"channel": "fax"}, "选择一个有效的选项"),
    ],
)
def test_bad_filters_show_a_chinese_error_and_no_rows(client, query, message):
    step(1)

    response = client.get(LIST, query)

    assert response.status_code == 200
    assert message in response.content.decode() and response.context["rows"] == []


# ---------------------------------------------------------------- pagination


def test_pages_go_back_in_time_and_show_a_total_only_when_it_is_exact(client):
    for index in range(60):
        step(index, action="test.paged")
    newest_first = own_sequences(action="test.paged")

    first = client.get(LIST, {"action": "test.paged"})
    third = client.get(LIST, {"action": "test.paged", "page": 3})
    beyond = client.get(LIST, {"action": "test.paged", "page": "99"})
    garbage = client.get(LIST, {"action": "test.paged", "page": "abc"})

    assert sequences(first) == newest_first[:25]
    assert first.context["total_exact"] is False and "共 60 条" not in first.content.decode()
    assert "page=2" in first.content.decode() and "下一页" in first.content.decode()
    assert sequences(third) == newest_first[50:]
    assert third.context["total_exact"] is True and "共 60 条" in third.content.decode()
    assert sequences(beyond) == newest_first[50:]
    assert sequences(garbage) == newest_first[:25]


def test_the_list_never_counts_the_whole_table_and_has_no_n_plus_one(client, django_assert_max_num_queries):
    for index in range(40):
        step(index, action="test.counted")

    with django_assert_max_num_queries(12) as captured:
        response = client.get(LIST)

    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert response.status_code == 200 and len(response.context["rows"]) == 25
    assert counts and all("LIMIT 26" in sql.upper() for sql in counts), counts


# ---------------------------------------------------------------- verify


def allow_tampering() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_no_change")
        else:
            cursor.execute("DROP TRIGGER core_auditentry_no_update")


def test_verify_reports_an_intact_chain_and_is_itself_audited(client, operator):
    step(1)
    checked = len(own_sequences())

    response = client.post(VERIFY)

    html = response.content.decode()
    assert response.status_code == 200
    assert f"审计链完整：已校验 {checked} 条记录" in html
    entry = audit_entry_list(action="audit.verify").get()
    assert entry.actor == operator and entry.summary == {
        "checked": checked,
        "problems": 0,
        "first_problems": [],
    }
    assert sequences(response)[0] == entry.sequence  # the verify entry heads the list shown


def test_verify_finds_a_tampered_row(client):
    for index in range(10):
        step(index)
    target = own_sequences(action="test.step")[3]
    allow_tampering()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET reason = %s WHERE sequence = %s", ["改过的事由", target])

    response = client.post(VERIFY)

    html = response.content.decode()
    assert "审计链校验发现 1 处问题" in html
    assert f"第 {target} 条记录的内容已被修改" in html
    entry = audit_entry_list(action="audit.verify").get()
    assert entry.summary["problems"] == 1 and entry.summary["first_problems"] == [
        f"第 {target} 条记录的内容已被修改"
    ]


def test_verify_is_post_only(client):
    assert client.get(VERIFY).status_code == 405
    assert own_sequences(action="audit.verify") == []


# ---------------------------------------------------------------- export


def test_export_holds_the_filtered_rows_and_is_audited(client, operator):
    step(1, action="test.exported", reason='=HYPERLINK("http://evil")', ip="10.1.2.3")
    step(2, action="test.exported")
    step(3, action="test.other")

    response = client.post(EXPORT, {"action": "test.exported", "channel": ""})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "时间", "操作人") and rows[0][-1] == "变更摘要"
    assert [row[8] for row in rows[1:]] == ["test.exported", "test.exported"]
    assert [row[11] for row in rows[1:]] == ["2", "1"]
    assert rows[2][7] == "10.1.2.3" and rows[2][14] == "count: 1 → 2"
    assert rows[2][13] == '\'=HYPERLINK("http://evil")'  # kept as text, never a formula
    entry = audit_entry_list(action="audit.export").get()
    assert entry.actor == operator
    assert entry.summary == {"filters": {"action": "test.exported"}, "rows": 2, "truncated": False}


def test_export_stops_at_the_limit_and_says_so(client, monkeypatch):
    monkeypatch.setattr("govhall.workbench.views.audit.EXPORT_LIMIT", 3)
    for index in range(5):
        step(index, action="test.many")

    response = client.post(EXPORT, {"action": "test.many"})

    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + 3
    assert audit_entry_list(action="audit.export").get().summary["truncated"] is True


def test_export_with_bad_filters_is_refused_with_a_chinese_message_and_not_audited(client):
    response = client.post(EXPORT, {"date_from": "2026-03-05", "date_to": "2026-03-01"})

    assert response.status_code == 400
    assert "截止日期不能早于起始日期" in response.content.decode()
    assert own_sequences(action="audit.export") == []
