"""基本目录 editing flows to every implementation; version history, version pages and two-version diffs."""

import pytest
from django.urls import reverse

from govhall.catalog.selectors import implementation_get_live
from govhall.catalog.services.basic import catalog_item_update
from govhall.catalog.services.implementations import (
    version_approve,
    version_draft_open,
    version_draft_save,
    version_submit,
)

from ..factories import sample_elements
from .conftest import client_for

pytestmark = pytest.mark.django_db


def test_basic_list_is_read_only_for_county_manager_and_editable_for_province(world, staff):
    county = client_for(world.manager).get(reverse("workbench:basic_list"))
    assert [i.code for i in county.context["page"].object_list] == [world.item.code]
    assert county.context["can_edit"] is False
    assert reverse("workbench:basic_edit", args=(world.item.code,)) not in county.content.decode()
    province = client_for(staff.province_manager).get(reverse("workbench:basic_list"), {"item_type": "01"})
    assert reverse("workbench:basic_edit", args=(world.item.code,)) in province.content.decode()
    other_type = client_for(staff.province_manager).get(reverse("workbench:basic_list"), {"item_type": "20"})
    assert list(other_type.context["page"].object_list) == []


def test_basic_change_with_reason_is_logged_and_visible_in_every_implementation(world, staff):
    client = client_for(staff.province_manager)
    url = reverse("workbench:basic_edit", args=(world.item.code,))
    response = client.post(
        url,
        {
            "name": "食品经营许可（含仅销售预包装食品备案）",
            "legal_basis": world.item.legal_basis,
            "competent_department": "市场监督管理部门",
            "is_active": "on",
            "reason": "依据国务院决定调整事项名称",
        },
    )
    assert response.status_code == 302
    assert (
        implementation_get_live(code=world.implementation.code).name
        == "食品经营许可（含仅销售预包装食品备案）"
    )
    page = client.get(url).content.decode()
    assert "依据国务院决定调整事项名称" in page and "<del>食品经营许可</del>" in page
    detail = client_for(world.manager).get(
        reverse("workbench:implementation_detail", args=(world.implementation.code,))
    )
    assert "食品经营许可（含仅销售预包装食品备案）" in detail.content.decode()


def test_basic_change_without_reason_or_name_rerenders_and_changes_nothing(world, staff):
    client = client_for(staff.province_manager)
    url = reverse("workbench:basic_edit", args=(world.item.code,))
    response = client.post(url, {"name": "", "legal_basis": "新依据", "is_active": "on", "reason": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "事项名称不能为空" in page and "请说明变更原因" in page and "新依据" in page
    world.item.refresh_from_db()
    assert (world.item.name, world.item.changes.count()) == ("食品经营许可", 0)


def _publish_second_version(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    elements = sample_elements(promised_limit=5)
    elements["materials"] = elements["materials"][:2] + [
        {
            "name": "场所平面图",
            "requirement": "required",
            "form": "paper",
            "original": "original",
            "copies": 1,
            "source": "applicant",
        }
    ]
    elements["materials"][1]["copies"] = 2
    version_draft_save(version=draft, user=world.manager, elements=elements)
    version_submit(version=draft, user=world.manager, reason="压缩时限，调整材料")
    version_approve(version=draft, reviewer=world.reviewer, comment="同意")
    return draft


def test_version_history_lists_who_when_why_and_diffs_any_two_versions(world):
    _publish_second_version(world)
    client = client_for(world.manager)
    response = client.get(
        reverse("workbench:version_list", args=(world.implementation.code,)), {"a": 1, "b": 2}
    )
    page = response.content.decode()
    assert [v.number for v in response.context["versions"]] == [2, 1]
    assert "压缩时限，调整材料" in page and "审核意见：同意" in page and "陈静" in page
    diff = response.context["diff"]
    assert [(c.label, c.before, c.after) for c in diff.scalars] == [("承诺办结时限", "10", "5")]
    (materials,) = diff.lists
    assert [(r.status, r.title) for r in materials.rows] == [
        ("same", "食品经营许可申请书"),
        ("changed", "营业执照复印件"),
        ("added", "场所平面图"),
        ("removed", "委托书"),
    ]
    assert [(c.label, c.before, c.after) for c in materials.rows[1].changed_cells] == [("份数", "1", "2")]
    assert materials.summary == "新增 1 项，删除 1 项，修改 1 项"


def test_version_compare_rejects_unknown_numbers(world):
    response = client_for(world.manager).get(
        reverse("workbench:version_list", args=(world.implementation.code,)), {"a": 1, "b": 9}
    )
    assert response.status_code == 400
    assert response.context["diff"] is None


def test_version_page_shows_stored_changes_and_all_elements(world):
    _publish_second_version(world)
    response = client_for(world.manager).get(
        reverse("workbench:version_detail", args=(world.implementation.code, 2))
    )
    page = response.content.decode()
    assert response.context["is_live"] is True
    assert "发布时记录的变更内容" in page and "<del>10</del>" in page and "<ins>5</ins>" in page
    assert "场所平面图" in page and "开办企业" in page
    assert (
        client_for(world.manager)
        .get(reverse("workbench:version_detail", args=(world.implementation.code, 7)))
        .status_code
        == 404
    )


def test_home_shows_scope_and_counts(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_submit(version=draft, user=world.manager, reason="更新")
    author = client_for(world.manager).get(reverse("workbench:home"))
    assert author.context["counts"] == {
        "my_drafts": 0,
        "my_pending": 1,
        "to_review": 0,
        "published": 1,
        "in_scope": 1,
    }
    assert "新罗区及所辖区划" in author.content.decode() and "事项管理员" in author.content.decode()
    reviewer = client_for(world.reviewer).get(reverse("workbench:home"))
    assert reviewer.context["counts"]["to_review"] == 1
    assert [v.number for v in reviewer.context["queue"]] == [2]


def test_change_log_entry_without_a_user_renders(world, staff):
    catalog_item_update(
        item=world.item, changed_by=None, reason="数据迁移", competent_department="市场监管部门"
    )
    response = client_for(staff.province_manager).get(
        reverse("workbench:basic_edit", args=(world.item.code,))
    )
    assert response.status_code == 200
    assert "数据迁移" in response.content.decode()
