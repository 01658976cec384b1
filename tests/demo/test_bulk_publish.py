"""``implementations_publish_bulk`` and ``catalog_items_load_bulk`` — the trusted bulk loader path."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from govhall.catalog import elements as elements_module
from govhall.catalog.elements import version_snapshot
from govhall.catalog.models import CatalogItem, HandlingItem, ImplementationEvent, ItemImplementation
from govhall.catalog.services import bulk
from govhall.catalog.services.basic import catalog_item_create, theme_upsert
from govhall.catalog.services.bulk import (
    BasicItemRow,
    BulkImplementation,
    catalog_items_load_bulk,
    implementations_publish_bulk,
)
from govhall.directory.services import department_upsert, region_upsert
from govhall.identity.services.staff import staff_upsert
from tests.factories import credit_code, sample_elements

pytestmark = pytest.mark.django_db

LOCAL = (("service_location", "长汀县行政服务中心二楼"), ("consult_phone", "0597-6812345"))


@pytest.fixture
def setting():
    province = region_upsert(code="350000", name="福建省")
    city = region_upsert(code="350800", name="龙岩市", parent=province)
    departments = [
        department_upsert(
            credit_code=credit_code(n),
            name=f"{name}市场监督管理局",
            region=region_upsert(code=code, name=name, parent=city),
        )
        for n, (code, name) in enumerate([("350802", "新罗区"), ("350821", "长汀县"), ("350823", "上杭县")])
    ]
    theme_upsert(code="open-business", name="开办企业", audience="enterprise")
    item = catalog_item_create(
        code="010010000027",
        name="食品经营许可",
        item_type="01",
        legal_basis="《中华人民共和国食品安全法》第三十五条",
    )
    return item, departments


def rows(item, departments, key="base", local=LOCAL):
    return [
        BulkImplementation(catalog_item=item, department=d, elements_key=key, local=local, popularity=7)
        for d in departments
    ]


def test_each_row_becomes_a_live_implementation_with_a_published_first_version(setting):
    item, departments = setting
    actor = staff_upsert(username="loader", display_name="导入", region=departments[0].region, roles=[]).user
    result = implementations_publish_bulk(
        rows=rows(item, departments),
        element_sets={"base": sample_elements()},
        reason="历史清单迁移",
        actor=actor,
    )
    assert (result.created, result.skipped) == (3, 0)
    implementation = ItemImplementation.objects.get(department=departments[1])
    version = implementation.published_version
    assert (implementation.status, implementation.popularity, version.number, version.state) == (
        "published",
        7,
        1,
        "published",
    )
    assert implementation.code == f"010010000027350821000000{departments[1].credit_code}"
    snapshot = version_snapshot(version)
    expected = elements_module.elements_clean(sample_elements())
    assert (
        snapshot["service_location"] == "长汀县行政服务中心二楼"
        and snapshot["consult_phone"] == "0597-6812345"
    )
    assert [m["name"] for m in snapshot["materials"]] == [m["name"] for m in expected["materials"]]
    assert [s["time_limit"] for s in snapshot["steps"]] == [0, 1, 7, 2]
    assert snapshot["themes"] == ["open-business"] and snapshot["promised_limit"] == 10
    event = ImplementationEvent.objects.get(implementation=implementation)
    assert (event.action, event.actor, event.reason, event.version) == (
        "imported",
        actor,
        "历史清单迁移",
        version,
    )
    assert (version.reviewed_by, version.change_reason) == (actor, "历史清单迁移")


def test_fees_and_prerequisites_are_written(setting):
    item, departments = setting
    prerequisite = catalog_item_create(
        code="010070000031",
        name="建设工程规划许可",
        item_type="01",
        legal_basis="《中华人民共和国城乡规划法》第四十条",
    )
    elements = sample_elements(
        is_free=False,
        fees=[{"name": "工本费", "amount": "20", "basis": "发改价格〔2003〕2322号"}],
        prerequisites=[prerequisite.code],
    )
    implementations_publish_bulk(
        rows=rows(item, departments[:1]), element_sets={"base": elements}, reason="导入"
    )
    snapshot = version_snapshot(ItemImplementation.objects.get().published_version)
    assert snapshot["fees"] == [
        {"name": "工本费", "amount": Decimal("20.00"), "basis": "发改价格〔2003〕2322号"}
    ]
    assert snapshot["prerequisites"] == ["010070000031"]


def test_elements_are_validated_once_per_element_set_and_once_per_local_set(setting, monkeypatch):
    item, departments = setting
    calls = []
    original = bulk.elements_clean
    monkeypatch.setattr(bulk, "elements_clean", lambda data, **kw: calls.append(1) or original(data, **kw))
    other = (("service_location", "上杭县行政服务中心"),)
    batch = rows(item, departments, "a") + rows(item, departments, "b", other)
    implementations_publish_bulk(
        rows=batch,
        element_sets={"a": sample_elements(), "b": sample_elements(promised_limit=5)},
        reason="导入",
        chunk_size=2,
    )
    assert len(calls) == 4


def test_a_second_load_skips_every_existing_code(setting):
    item, departments = setting
    implementations_publish_bulk(
        rows=rows(item, departments), element_sets={"base": sample_elements()}, reason="导入"
    )
    again = implementations_publish_bulk(
        rows=rows(item, departments) + rows(item, departments[:1]),
        element_sets={"base": sample_elements()},
        reason="导入",
    )
    assert (again.created, again.skipped) == (0, 4)
    assert ItemImplementation.objects.count() == 3


def test_an_invalid_element_set_is_refused_with_its_key_and_nothing_is_written(setting):
    item, departments = setting
    with pytest.raises(ValidationError) as error:
        implementations_publish_bulk(
            rows=rows(item, departments),
            reason="导入",
            element_sets={"base": sample_elements(promised_limit=30)},
        )
    assert error.value.message_dict == {"base.promised_limit": ["承诺时限（30）不能超过法定时限（20）"]}
    assert ItemImplementation.objects.count() == 0


def test_legacy_data_may_break_submit_rules_only_when_asked(setting):
    item, departments = setting
    result = implementations_publish_bulk(
        rows=rows(item, departments[:1]),
        reason="历史数据迁移",
        for_submit=False,
        element_sets={"base": sample_elements(promised_limit=30)},
    )
    assert result.created == 1
    assert ItemImplementation.objects.get().published_version.promised_limit == 30


def test_only_window_hours_and_phones_may_differ_per_row(setting):
    item, departments = setting
    with pytest.raises(ValidationError) as error:
        implementations_publish_bulk(
            rows=rows(item, departments, local=(("promised_limit", "5"),)),
            element_sets={"base": sample_elements()},
            reason="导入",
        )
    assert error.value.messages == ["这些要素不能按实施主体单独设置：promised_limit"]


def test_the_search_index_is_refreshed_for_every_created_implementation(setting, monkeypatch):
    item, departments = setting
    refreshed = []
    monkeypatch.setattr(bulk, "search_index_refresh", lambda ids: refreshed.extend(ids))
    result = implementations_publish_bulk(
        rows=rows(item, departments), element_sets={"base": sample_elements()}, reason="导入", chunk_size=2
    )
    assert sorted(refreshed) == sorted(result.created_ids) and len(refreshed) == 3


def test_basic_items_and_handling_items_are_created_once():
    row = BasicItemRow(
        code="070070000021",
        name="不动产登记",
        item_type="07",
        legal_basis="《不动产登记暂行条例》第三条",
        handling=(("01", "首次登记"), ("02", "转移登记")),
    )
    assert catalog_items_load_bulk(rows=[row]) == (1, 2)
    assert catalog_items_load_bulk(rows=[row]) == (0, 0)
    assert list(HandlingItem.objects.values_list("code", "name")) == [
        ("07007000002101", "首次登记"),
        ("07007000002102", "转移登记"),
    ]


def test_a_basic_code_that_does_not_start_with_the_item_type_is_refused():
    with pytest.raises(ValidationError) as error:
        catalog_items_load_bulk(
            rows=[
                BasicItemRow(
                    code="070070000021",
                    name="不动产登记",
                    item_type="01",
                    legal_basis="《不动产登记暂行条例》",
                )
            ]
        )
    assert error.value.code == "basic_code_type_mismatch"
    assert CatalogItem.objects.count() == 0


def test_bulk_loaded_guide_equals_the_one_published_through_the_review_services(setting):
    from govhall.catalog.services.implementations import (
        implementation_create,
        version_approve,
        version_submit,
    )
    from govhall.identity.models import StaffRole

    item, departments = setting
    province = departments[0].region.parent.parent
    roles = [StaffRole.CATALOG_MANAGER]
    author = staff_upsert(username="author", display_name="甲", region=province, roles=roles).user
    reviewer = staff_upsert(username="reviewer", display_name="乙", region=province, roles=roles).user
    fees = [{"name": "工本费", "amount": "20", "basis": "闽价费〔2020〕1号"}]
    elements = sample_elements(is_free=False, fees=fees)
    implementations_publish_bulk(
        rows=rows(item, departments[:1], local=()),
        element_sets={"base": elements},
        reason="迁移",
        actor=author,
    )
    by_service = implementation_create(
        catalog_item=item, department=departments[1], elements=elements, created_by=author
    )
    draft = by_service.versions.get()
    version_submit(version=draft, user=author, reason="首次编制")
    version_approve(version=draft, reviewer=reviewer)

    bulk_version = ItemImplementation.objects.get(department=departments[0]).published_version
    assert version_snapshot(bulk_version) == version_snapshot(draft)
