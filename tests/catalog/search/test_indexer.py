"""The search index follows publishing: publish, new version, suspend, resume, withdraw, basic-name change."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from govhall.catalog.elements import version_snapshot
from govhall.catalog.models import ImplementationEvent, ItemImplementation, SearchDocument
from govhall.catalog.search.indexer import search_index_refresh
from govhall.catalog.search.query import item_search
from govhall.catalog.services.basic import catalog_item_create, catalog_item_update
from govhall.catalog.services.implementations import (
    implementation_change_status,
    implementation_create,
    version_approve,
    version_draft_open,
    version_draft_save,
    version_submit,
)
from tests.factories import World, credit_code, sample_elements

from .conftest import SearchCatalog

pytestmark = pytest.mark.django_db
Action = ImplementationEvent.Action


def found(q: str, **filters) -> list[str]:
    return [hit.implementation_code for hit in item_search(q=q, **filters).hits]


def test_publishing_indexes_the_implementation(world: World):
    assert found("食品经营许可") == [world.implementation.code]
    document = SearchDocument.objects.get()
    assert (
        document.code,
        document.name,
        document.region_code,
        document.department_credit_code,
        document.online_depth,
        document.audiences,
        document.theme_codes,
    ) == (
        world.implementation.code,
        "食品经营许可",
        "350802000000",
        world.county_department.credit_code,
        4,
        ["legal_person", "person"],
        ["open-business"],
    )


def test_draft_is_not_indexed_until_approved(world: World):
    item = catalog_item_create(
        code="010000000009", name="酒类经营许可", item_type="01", legal_basis="《酒类流通管理办法》"
    )
    implementation = implementation_create(
        catalog_item=item,
        department=world.county_department,
        elements=sample_elements(),
        created_by=world.manager,
    )
    version = implementation.versions.get()
    version_submit(version=version, user=world.manager, reason="首次编制")

    assert found("酒类") == []

    version_approve(version=version, reviewer=world.reviewer)

    assert found("酒类") == [implementation.code]


def test_new_published_version_replaces_the_indexed_elements(world: World):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    elements = version_snapshot(draft) | {"online_depth": 5}
    version_draft_save(version=draft, user=world.manager, elements=elements)
    version_submit(version=draft, user=world.manager, reason="提升网办深度")

    assert found("", min_depth=5) == []  # pending is not live

    version_approve(version=draft, reviewer=world.reviewer)

    assert found("", min_depth=5) == [world.implementation.code]
    assert SearchDocument.objects.get().online_depth == 5


def test_suspend_removes_and_resume_restores(world: World):
    implementation_change_status(
        implementation=world.implementation, user=world.manager, action=Action.SUSPENDED, reason="系统升级"
    )

    assert found("食品经营许可") == []
    assert not SearchDocument.objects.exists()

    implementation_change_status(
        implementation=world.implementation, user=world.manager, action=Action.RESUMED, reason="升级完成"
    )

    assert found("食品经营许可") == [world.implementation.code]


def test_withdraw_removes_from_index(world: World):
    implementation_change_status(
        implementation=world.implementation, user=world.manager, action=Action.WITHDRAWN, reason="事项取消"
    )

    assert found("spjy") == []
    assert not SearchDocument.objects.exists()


def test_basic_name_change_reaches_every_implementation(catalog: SearchCatalog):
    catalog_item_update(
        item=catalog.items["food_trade"], changed_by=None, reason="名称规范", name="食品经营许可证核发"
    )

    page = item_search(q="许可证核发")
    assert sorted(hit.name for hit in page.hits) == [
        "食品经营许可证核发",
        "食品经营许可证核发",
        "食品经营许可证核发（新办）",
    ]
    assert [hit.name for hit in item_search(q="xkzhf").hits].count("食品经营许可证核发") == 2


def test_refresh_removes_documents_of_implementations_no_longer_live(world: World):
    ItemImplementation.objects.filter(pk=world.implementation.pk).update(status="suspended")

    indexed = search_index_refresh([world.implementation.pk])

    assert indexed == 0
    assert not SearchDocument.objects.exists()


def _publish_many(world: World, count: int, first_seed: int) -> list[int]:
    from govhall.directory.services import department_upsert

    ids = []
    for seed in range(first_seed, first_seed + count):
        department = department_upsert(
            credit_code=credit_code(seed), name=f"新罗区第{seed}局", region=world.county
        )
        implementation = implementation_create(
            catalog_item=world.item,
            department=department,
            elements=sample_elements(),
            created_by=world.manager,
        )
        ItemImplementation.objects.filter(pk=implementation.pk).update(
            status="published", published_version=implementation.versions.get()
        )
        ids.append(implementation.pk)
    return ids


def test_refresh_is_set_based_not_per_row(world: World):
    few = _publish_many(world, 2, 300)
    many = _publish_many(world, 30, 400)

    with CaptureQueriesContext(connection) as few_queries:
        search_index_refresh(few)
    with CaptureQueriesContext(connection) as many_queries:
        search_index_refresh(many)

    assert len(many_queries) == len(few_queries) <= 8
    assert SearchDocument.objects.count() == 33


def test_reindex_command_rebuilds_everything_with_progress(catalog: SearchCatalog, capsys):
    SearchDocument.objects.all().delete()
    assert found("yyzz") == []

    call_command("search_reindex", "--chunk-size", "4")

    output = capsys.readouterr().out
    assert "4/11" in output and "11/11" in output
    assert "已索引 10 个在用实施清单" in output
    assert found("yyzz") == [catalog.code("licence")]
    assert SearchDocument.objects.count() == 10
