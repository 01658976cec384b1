"""The implementation list (filters, sorting, paging, query count), the implementation page and 新建."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govhall.catalog.services.basic import catalog_item_create, handling_item_create
from govhall.catalog.services.implementations import implementation_create, version_draft_open, version_submit
from govhall.directory.services import department_upsert

from ..factories import credit_code, sample_elements
from .conftest import client_for

pytestmark = pytest.mark.django_db


def _more_items(world, count, start=2):
    """``count`` more implementations in the county department, version 1 left as a draft."""
    made = []
    for number in range(start, start + count):
        item = catalog_item_create(
            code=f"0100000000{number:02d}",
            name=f"测试许可{number:02d}",
            item_type="01",
            legal_basis="测试依据",
        )
        made.append(
            implementation_create(
                catalog_item=item,
                department=world.county_department,
                elements=sample_elements(),
                created_by=world.manager,
            )
        )
    return made


def _list(client, **params):
    return client.get(reverse("workbench:implementation_list"), params)


def test_list_rows_show_name_department_region_status_live_version_and_open_draft(world):
    version_draft_open(implementation=world.implementation, user=world.manager)
    response = _list(client_for(world.manager))
    (row,) = response.context["page"].object_list
    assert (
        row.name,
        row.department.name,
        row.region.name,
        row.status,
        row.published_version.number,
        row.open_state,
        row.open_number,
    ) == ("食品经营许可", "龙岩市新罗区市场监督管理局", "新罗区", "published", 1, "draft", 2)
    page = response.content.decode()
    assert "在用" in page and "第 1 版" in page and "草稿" in page


def test_list_is_limited_to_the_managers_scope(world):
    other_department = department_upsert(
        credit_code=credit_code(7), name="长汀县市场监督管理局", region=world.other_county
    )
    implementation_create(
        catalog_item=world.item,
        department=other_department,
        elements=sample_elements(),
        created_by=world.other_manager,
    )
    county_codes = [r.code for r in _list(client_for(world.manager)).context["page"].object_list]
    city_codes = [r.code for r in _list(client_for(world.city_manager)).context["page"].object_list]
    assert county_codes == [world.implementation.code]
    assert len(city_codes) == 2 and world.implementation.code in city_codes


def test_list_filters_by_text_status_open_state_department_and_region(world):
    _more_items(world, 2)
    client = client_for(world.manager)

    def names(**params):
        return [r.name for r in _list(client, **params).context["page"].object_list]

    assert names(q="食品") == ["食品经营许可"]
    assert names(q="010000000003") == ["测试许可03"]
    assert names(status="draft") == ["测试许可02", "测试许可03"]
    assert names(open_state="none") == ["食品经营许可"]
    assert names(open_state="any", sort="-name") == ["测试许可03", "测试许可02"]
    assert names(department=world.county_department.pk, status="published") == ["食品经营许可"]
    assert len(names(region=world.county.code)) == 3
    assert names(open_state="pending") == []


def test_list_sorts_by_name_both_ways_and_paginates(world):
    _more_items(world, 26)
    client = client_for(world.manager)
    first = _list(client, sort="name")
    assert first.context["page"].paginator.count == 27
    assert len(first.context["page"].object_list) == 25
    assert first.context["page"].object_list[0].name == "测试许可02"
    second = _list(client, sort="name", page=2)
    assert [r.name for r in second.context["page"].object_list] == ["测试许可27", "食品经营许可"]
    assert "sort=name&amp;page=2" in first.content.decode()
    assert _list(client, sort="-name").context["page"].object_list[0].name == "食品经营许可"


def test_list_query_count_does_not_grow_with_rows(world):
    client = client_for(world.manager)
    _list(client)  # warm up session and caches
    with CaptureQueriesContext(connection) as one_row:
        _list(client, sort="name")
    _more_items(world, 12)
    with CaptureQueriesContext(connection) as many_rows:
        response = _list(client, sort="name")
    assert len(response.context["page"].object_list) == 13
    assert len(many_rows) == len(one_row)
    assert len(many_rows) <= 10


def test_implementation_page_shows_live_summary_history_versions_and_actions(world):
    response = client_for(world.reviewer).get(
        reverse("workbench:implementation_detail", args=(world.implementation.code,))
    )
    page = response.content.decode()
    assert "在用版本：第 1 版" in page
    assert "承诺办结时限" in page and "10 工作日" in page
    assert "审核通过并发布" in page and "首次编制" in page and "新建" in page
    assert f'action="/workbench/catalog/{world.implementation.code}/revise/"' in page
    assert "暂停" in page and "取消（不再实施）" in page and 'value="resumed"' not in page


def test_revise_with_pending_version_explains_in_chinese(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_submit(version=draft, user=world.manager, reason="更新")
    client = client_for(world.manager)
    response = client.post(
        reverse("workbench:implementation_revise", args=(world.implementation.code,)), follow=True
    )
    assert "该事项有待审核的版本，审核完成前不能修改" in response.content.decode()
    assert world.implementation.versions.count() == 2


def test_new_implementation_picks_item_handling_item_and_department_then_opens_editor(world):
    item = catalog_item_create(
        code="010000000099", name="药品零售许可", item_type="01", legal_basis="药品管理法"
    )
    handling = handling_item_create(catalog_item=item, suffix="01", name="首次申请")
    client = client_for(world.manager)
    search = client.get(reverse("workbench:implementation_new"), {"q": "药品"})
    assert [i.code for i in search.context["items"]] == ["010000000099"]
    step_two = client.get(reverse("workbench:implementation_new"), {"item": item.code})
    assert step_two.context["form"].fields["department"].choices == [
        ("", "请选择"),
        (world.county_department.pk, "龙岩市新罗区市场监督管理局（新罗区）"),
    ]

    response = client.post(
        f"{reverse('workbench:implementation_new')}?item={item.code}",
        {"handling_item": handling.pk, "department": world.county_department.pk},
    )
    code = f"010000000099350802000000{world.county_department.credit_code}01"
    assert response.status_code == 302 and response["Location"] == reverse(
        "workbench:draft_edit", args=(code,)
    )
    version = world.county_department.pk and client.get(response["Location"]).context["version"]
    assert (version.number, version.state, version.consult_phone) == (1, "draft", "0597-2345678")


def test_new_implementation_refuses_department_out_of_scope_and_duplicates(world):
    client = client_for(world.manager)
    url = f"{reverse('workbench:implementation_new')}?item={world.item.code}"
    response = client.post(url, {"department": world.city_department.pk})
    assert response.status_code == 400
    assert "选择一个有效的选项" in response.content.decode()
    response = client.post(url, {"department": world.county_department.pk})
    assert response.status_code == 400
    assert "该部门已实施此事项" in response.content.decode()
    assert world.item.implementations.count() == 1
