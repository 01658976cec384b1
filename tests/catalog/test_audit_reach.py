"""Catalog state changes reach the platform audit trail (besides each item's own history).

Every service of the review cycle, status changes, basic-item edits, the spreadsheet import and
the trusted bulk loaders append entries naming who, what and why; the chain still verifies.
"""

import pytest
from django.core.exceptions import ValidationError

from govhall.catalog.elements import version_snapshot
from govhall.catalog.models import ImplementationEvent, ItemImplementation
from govhall.catalog.services.basic import catalog_item_update
from govhall.catalog.services.bulk import (
    BasicItemRow,
    BulkImplementation,
    catalog_items_load_bulk,
    implementations_publish_bulk,
)
from govhall.catalog.services.implementations import (
    implementation_change_status,
    version_approve,
    version_draft_open,
    version_draft_save,
    version_reject,
    version_submit,
)
from govhall.catalog.spreadsheet import items_export, items_import
from govhall.core.audit import audit_chain_verify, audit_entries_for
from govhall.core.models import AuditEntry
from govhall.directory.services import department_upsert
from tests.factories import credit_code, sample_elements

from .spreadsheet.conftest import cell_set, xlsx_bytes, xlsx_open

pytestmark = pytest.mark.django_db


def trail(implementation) -> list[tuple[str, dict, str, int | None]]:
    return [
        (e.action.removeprefix("catalog.implementation."), e.summary, e.reason, e.actor_id)
        for e in audit_entries_for(object_type="catalog.itemimplementation", object_id=str(implementation.pk))
    ]


def test_creating_submitting_and_approving_are_audited(world):
    entries = trail(world.implementation)

    assert [action for action, *_ in entries] == ["created", "submitted", "approved"]
    created, submitted, approved = entries
    assert created[1] == {
        "version": 1,
        "catalog_item": "010000000001",
        "department": world.county_department.credit_code,
        "state": "draft",
    }
    assert created[3] == world.manager.pk
    assert submitted[2] == "首次编制"
    assert submitted[1]["state"] == {"before": "draft", "after": "pending"}
    assert approved[3] == world.reviewer.pk
    assert approved[1]["state"] == {"before": "pending", "after": "published"}
    assert approved[1]["superseded_version"] is None
    assert "承诺办结时限" in approved[1]["changed"]
    assert audit_chain_verify()[1] == []


def test_a_full_review_cycle_with_a_rejection_is_audited_step_by_step(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_draft_save(
        version=draft, user=world.manager, elements=version_snapshot(draft) | {"promised_limit": 5}
    )
    version_submit(version=draft, user=world.manager, reason="压缩承诺时限")
    version_reject(version=draft, reviewer=world.reviewer, reason="请补充依据")
    second = version_draft_open(implementation=world.implementation, user=world.manager)
    version_submit(version=second, user=world.manager, reason="已补充依据")
    version_approve(version=second, reviewer=world.reviewer, comment="同意")

    entries = trail(world.implementation)[3:]
    assert [(action, summary.get("version")) for action, summary, *_ in entries] == [
        ("draft_opened", 2),
        ("draft_saved", 2),
        ("submitted", 2),
        ("rejected", 2),
        ("draft_opened", 3),
        ("submitted", 3),
        ("approved", 3),
    ]
    assert entries[0][1]["base_version"] == 1
    assert entries[1][1]["changed"] == ["承诺办结时限"]
    assert entries[3][2] == "请补充依据"
    assert entries[3][3] == world.reviewer.pk
    assert entries[6][1]["superseded_version"] == 1
    assert entries[6][2] == "同意"
    # The item's own history is kept as before, one event per step.
    assert world.implementation.events.count() == len(trail(world.implementation))
    assert audit_chain_verify()[1] == []


def test_suspend_resume_and_withdraw_are_audited_with_the_reason(world):
    for action, reason in [("suspended", "系统升级"), ("resumed", "升级完成"), ("withdrawn", "事项取消")]:
        implementation_change_status(
            implementation=world.implementation, user=world.manager, action=action, reason=reason
        )

    entries = trail(world.implementation)[3:]
    assert [(a, s["status"], r) for a, s, r, _ in entries] == [
        ("suspended", {"before": "published", "after": "suspended"}, "系统升级"),
        ("resumed", {"before": "suspended", "after": "published"}, "升级完成"),
        ("withdrawn", {"before": "published", "after": "withdrawn"}, "事项取消"),
    ]


def test_a_refused_change_writes_no_audit_entry(world):
    before = AuditEntry.objects.count()

    with pytest.raises(ValidationError):
        implementation_change_status(
            implementation=world.implementation, user=world.manager, action="resumed", reason="误操作"
        )

    assert AuditEntry.objects.count() == before


def test_basic_item_edits_are_audited_with_before_and_after(world):
    catalog_item_update(
        item=world.item, changed_by=world.manager, reason="名称规范", name="食品经营许可（新办）"
    )

    entry = AuditEntry.objects.filter(action="catalog.basic_item.updated").get()
    assert entry.actor_id == world.manager.pk
    assert entry.summary == {"name": {"before": "食品经营许可", "after": "食品经营许可（新办）"}}
    assert entry.reason == "名称规范"
    assert AuditEntry.objects.filter(
        action="catalog.basic_item.created", object_id=str(world.item.pk)
    ).exists()


def test_the_spreadsheet_import_is_audited_with_the_file(world):
    workbook = xlsx_open(
        items_export(implementations_queryset=ItemImplementation.objects.filter(pk=world.implementation.pk))
    )
    cell_set(workbook["事项"], 2, "承诺办结时限", 5)

    result = items_import(file=xlsx_bytes(workbook), user=world.manager, filename="新罗区.xlsx")

    assert result.ok
    entries = trail(world.implementation)[3:]
    assert [action for action, *_ in entries] == ["draft_opened", "draft_saved", "imported"]
    assert entries[1][1]["changed"] == ["承诺办结时限"]
    imported = entries[2]
    assert imported[1] == {"version": 2, "outcome": "updated", "file": "新罗区.xlsx", "row": 2}
    assert imported[2] == "通过事项梳理模板导入（新罗区.xlsx）"
    assert imported[3] == world.manager.pk
    assert world.implementation.events.filter(action=ImplementationEvent.Action.IMPORTED).count() == 1


def test_a_failed_import_writes_no_audit_entry(world):
    workbook = xlsx_open(
        items_export(implementations_queryset=ItemImplementation.objects.filter(pk=world.implementation.pk))
    )
    cell_set(workbook["事项"], 2, "承诺办结时限", "十天")
    before = AuditEntry.objects.count()

    result = items_import(file=xlsx_bytes(workbook), user=world.manager)

    assert not result.ok
    assert AuditEntry.objects.count() == before


def test_the_bulk_loaders_write_one_entry_per_created_row(world):
    departments = [
        department_upsert(credit_code=credit_code(90 + n), name=f"测试部门{n}", region=world.county)
        for n in range(3)
    ]
    items, _ = catalog_items_load_bulk(
        rows=[BasicItemRow(code="010000000099", name="测试事项", item_type="01", legal_basis="测试依据")]
    )
    result = implementations_publish_bulk(
        rows=[
            BulkImplementation(catalog_item=world.item, department=d, elements_key="base")
            for d in departments
        ],
        element_sets={"base": sample_elements()},
        reason="历史清单迁移",
        actor=world.manager,
        chunk_size=2,
    )
    again = implementations_publish_bulk(
        rows=[
            BulkImplementation(catalog_item=world.item, department=d, elements_key="base")
            for d in departments
        ],
        element_sets={"base": sample_elements()},
        reason="历史清单迁移",
        actor=world.manager,
    )

    imported = AuditEntry.objects.filter(action="catalog.implementation.imported").order_by("sequence")
    assert items == 1
    assert AuditEntry.objects.filter(
        action="catalog.basic_item.created", object_label="测试事项（010000000099）"
    ).exists()
    assert sorted(int(e.object_id) for e in imported) == sorted(result.created_ids)
    assert {(e.actor_id, e.reason, e.summary["state"]) for e in imported} == {
        (world.manager.pk, "历史清单迁移", "published")
    }
    assert again.created == 0 and imported.count() == 3  # a re-run writes nothing
    assert audit_chain_verify()[1] == []
