"""The audit trail: hash chain, tamper detection, database triggers, the command, bulk and concurrency.

Tampering needs a deliberate DDL change first (the triggers refuse UPDATE, and DELETE on
PostgreSQL); each tampering test makes that change inside its own transaction, which the test
rolls back, so the trigger is back for the next test.
"""

import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from govhall.core.audit import (
    GENESIS_HASH,
    AuditItem,
    AuditTarget,
    audit_chain_verify,
    audit_context_use,
    audit_record,
    audit_record_many,
    entry_hash,
)
from govhall.core.models import AuditEntry, AuditHead
from tests.staff_login import log_in_through_pages

POSTGRES = connection.vendor == "postgresql"


def record(n: int, *, actor=None) -> None:
    for index in range(n):
        audit_record(
            actor=actor,
            action="test.step",
            target=AuditTarget(type="test.thing", id=str(index), label=f"第 {index} 项"),
            summary={"before": index, "after": index + 1, "名称": "测试"},
        )


def allow_tampering() -> None:
    """The deliberate DDL change an attacker with database rights would need (rolled back after the test)."""
    with connection.cursor() as cursor:
        if POSTGRES:
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_no_change")
        else:
            cursor.execute("DROP TRIGGER core_auditentry_no_update")


def raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def kinds(problems) -> list[tuple[int, str]]:
    return [(problem.sequence, problem.kind) for problem in problems]


@pytest.mark.django_db
def test_an_empty_trail_verifies():
    assert audit_chain_verify() == (0, [])


@pytest.mark.django_db
def test_a_chain_of_many_entries_verifies_and_links_each_to_the_previous():
    record(250)

    count, problems = audit_chain_verify()
    entries = list(AuditEntry.objects.order_by("sequence"))

    assert (count, problems) == (250, [])
    assert [e.sequence for e in entries] == list(range(1, 251))
    assert entries[0].previous_hash == GENESIS_HASH
    assert all(
        later.previous_hash == earlier.entry_hash
        for earlier, later in zip(entries, entries[1:], strict=False)
    )
    assert all(entry_hash(e) == e.entry_hash for e in entries)
    head = AuditHead.objects.get()
    assert (head.sequence, head.last_hash) == (250, entries[-1].entry_hash)


@pytest.mark.django_db
def test_an_edited_summary_is_caught():
    record(20)
    allow_tampering()
    raw("UPDATE core_auditentry SET summary = %s WHERE sequence = 7", ['{"before": 0, "after": 999}'])

    count, problems = audit_chain_verify()

    assert count == 20
    assert kinds(problems) == [(7, "edited")]
    assert "第 7 条记录的内容已被修改" in problems[0].message


@pytest.mark.django_db
def test_an_edited_row_with_a_recomputed_hash_breaks_the_link_to_the_next():
    record(10)
    allow_tampering()
    entry = AuditEntry.objects.get(sequence=4)
    entry.action = "test.forged"
    forged = entry_hash(entry)
    raw("UPDATE core_auditentry SET action = %s, entry_hash = %s WHERE sequence = 4", ["test.forged", forged])

    _, problems = audit_chain_verify()

    assert kinds(problems) == [(5, "edited")]
    assert "第 5 条记录与前一条的链接不符" in problems[0].message


@pytest.mark.django_db
def test_a_deleted_middle_entry_is_caught():
    record(12)
    allow_tampering()
    raw("DELETE FROM core_auditentry WHERE sequence = %s", [6])

    count, problems = audit_chain_verify()

    assert count == 11
    assert kinds(problems) == [(6, "missing")]
    assert "第 6–6 条审计记录缺失" in problems[0].message


@pytest.mark.django_db
def test_a_deleted_last_entry_is_caught_by_the_head():
    record(12)
    allow_tampering()
    raw("DELETE FROM core_auditentry WHERE sequence = %s", [12])

    count, problems = audit_chain_verify()

    assert count == 11
    assert kinds(problems) == [(12, "head")]


@pytest.mark.django_db
def test_the_database_refuses_an_update():
    record(3)

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("UPDATE core_auditentry SET action = %s WHERE sequence = %s", ["test.forged", 2])

    assert AuditEntry.objects.get(sequence=2).action == "test.step"
    assert audit_chain_verify() == (3, [])


@pytest.mark.django_db
def test_the_orm_cannot_edit_an_entry_either():
    record(2)
    entry = AuditEntry.objects.get(sequence=1)
    entry.reason = "事后补写"

    with pytest.raises(DatabaseError), transaction.atomic():
        entry.save()

    assert AuditEntry.objects.get(sequence=1).reason == ""


@pytest.mark.django_db
def test_a_delete_is_refused_by_postgresql_and_never_unnoticed_on_sqlite():
    record(3)

    if POSTGRES:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            raw("DELETE FROM core_auditentry WHERE sequence = %s", [2])
        assert AuditEntry.objects.count() == 3
        assert audit_chain_verify() == (3, [])
    else:  # SQLite keeps DELETE possible for the test flush (migration core.0002)
        raw("DELETE FROM core_auditentry WHERE sequence = %s", [2])
        assert kinds(audit_chain_verify()[1]) == [(2, "missing")]


@pytest.mark.django_db
def test_audit_verify_command_reports_an_intact_chain():
    record(5)
    out = StringIO()

    call_command("audit_verify", stdout=out)

    assert out.getvalue().strip() == "审计链完好：共 5 条记录，逐条校验通过"


@pytest.mark.django_db
def test_audit_verify_command_exits_1_and_lists_every_problem():
    record(8)
    allow_tampering()
    raw("UPDATE core_auditentry SET reason = %s WHERE sequence = 2", ["改过"])
    raw("DELETE FROM core_auditentry WHERE sequence = %s", [5])
    err = StringIO()

    with pytest.raises(CommandError) as failure:
        call_command("audit_verify", stderr=err)

    assert failure.value.returncode == 1
    assert str(failure.value) == "审计链校验失败：共 7 条记录，发现 2 处问题"
    lines = err.getvalue().strip().splitlines()
    assert lines == ["[edited] 第 2 条记录的内容已被修改", "[missing] 第 5–5 条审计记录缺失（已被删除）"]


@pytest.mark.django_db
def test_audit_record_many_appends_a_consecutive_chained_batch_in_one_step(django_assert_max_num_queries):
    record(2)
    items = [
        AuditItem("test.bulk", AuditTarget(type="test.thing", id=str(i), label=str(i)), {"n": i}, "批量")
        for i in range(1200)
    ]

    # A handful of statements plus insert batches (SQLite binds at most 999 parameters per statement).
    with django_assert_max_num_queries(40):
        entries = audit_record_many(actor=None, items=items, actor_label="批量导入")

    assert [e.sequence for e in entries] == list(range(3, 1203))
    stored = AuditEntry.objects.filter(action="test.bulk").order_by("sequence")
    assert stored.count() == 1200
    assert {e.actor_label for e in stored} == {"批量导入"}
    assert stored.first().previous_hash == AuditEntry.objects.get(sequence=2).entry_hash
    assert audit_chain_verify() == (1202, [])
    assert audit_record_many(actor=None, items=[]) == []
    assert AuditHead.objects.get().sequence == 1202


@pytest.mark.django_db
def test_commands_name_their_channel_and_label():
    with audit_context_use(channel="command"):
        entry = audit_record(actor=None, action="test.command", actor_label="nightly_job")

    assert (entry.channel, entry.actor_label, entry.actor_id, entry.ip) == (
        "command",
        "nightly_job",
        None,
        "",
    )


@pytest.mark.django_db
def test_entries_from_a_request_carry_address_level_method_and_channel(world):
    client = Client(REMOTE_ADDR="203.0.113.44")
    log_in_through_pages(client, "xl_manager", "Xinluo-2026!")
    response = client.post(
        reverse("workbench:implementation_status", args=[world.implementation.code]),
        {"action": "suspended", "reason": "系统升级暂停受理"},
    )

    login = AuditEntry.objects.filter(action="identity.login").latest("sequence")
    change = AuditEntry.objects.filter(action="catalog.implementation.suspended").get()
    assert response.status_code == 302
    for entry in (login, change):
        assert entry.actor_id == world.manager.pk
        assert entry.ip == "203.0.113.44"
        assert entry.actor_level == "L2"
        assert entry.actor_method == "totp"
        assert entry.channel == "workbench"
    assert change.reason == "系统升级暂停受理"
    assert change.summary["status"] == {"before": "published", "after": "suspended"}
    assert change.actor_label == "林晓（xl_manager）"
    assert audit_chain_verify()[1] == []


@pytest.mark.django_db(transaction=True)
def test_four_threads_appending_at_once_keep_a_gap_free_chain():
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def append(worker: int) -> None:
        try:
            start.wait()
            for step in range(25):
                audit_record(
                    actor=None,
                    action="test.concurrent",
                    target=AuditTarget(type="test.worker", id=str(worker)),
                    summary={"step": step},
                )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert audit_chain_verify() == (100, [])
    assert list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True)) == list(
        range(1, 101)
    )
    per_worker = {str(w): AuditEntry.objects.filter(object_id=str(w)).count() for w in range(4)}
    assert per_worker == {"0": 25, "1": 25, "2": 25, "3": 25}
