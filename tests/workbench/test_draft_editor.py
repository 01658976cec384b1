"""The draft editor: every element, inline rows, errors beside their field, nothing written on failure."""

import pytest
from django.urls import reverse

from govhall.catalog.selectors_workbench import version_open_get

from .conftest import client_for, editor_data

pytestmark = pytest.mark.django_db


def _post(world, **changes):
    url = reverse("workbench:draft_edit", args=(world.implementation.code,))
    return client_for(world.manager).post(
        url, editor_data(world.implementation, **({"action": "save"} | changes))
    )


def _events(world):
    return list(world.implementation.events.values_list("action", flat=True))


def test_editor_shows_every_scalar_element_and_the_inherited_ones_read_only(world, open_draft):
    response = client_for(world.manager).get(
        reverse("workbench:draft_edit", args=(world.implementation.code,))
    )
    page = response.content.decode()
    for label in (
        "服务对象",
        "受理条件",
        "法定办结时限",
        "承诺办结时限",
        "办理地点",
        "网上办理深度",
        "可网上办理的环节",
        "到现场次数",
        "审批结果类型",
        "结果送达方式",
        "支持物流快递",
        "中介服务",
        "主题",
        "前置审批事项",
    ):
        assert label in page, label
    assert "来自基本目录，只读" in page and "《中华人民共和国食品安全法》第三十五条" in page
    assert 'name="promised_limit" value="10"' in page
    assert 'name="materials-1-name" value="营业执照复印件"' in page
    assert 'name="steps-TOTAL_FORMS" value="4"' in page


def test_non_integer_promised_limit_rerenders_typed_values_with_chinese_error_and_writes_nothing(
    world, open_draft
):
    before = _events(world)
    response = _post(world, promised_limit="abc", conditions="新的受理条件")
    assert response.status_code == 400
    page = response.content.decode()
    assert "承诺办结时限应为整数，收到“abc”" in page
    assert 'name="promised_limit" value="abc"' in page
    assert "新的受理条件" in page
    open_draft.refresh_from_db()
    assert (open_draft.promised_limit, open_draft.conditions.startswith("1. 申请人")) == (10, True)
    assert _events(world) == before


def test_material_row_without_name_shows_error_on_that_row_and_keeps_other_rows(world, open_draft):
    response = _post(world, **{"materials-1-name": "", "materials-1-notes": "加盖公章"})
    assert response.status_code == 400
    form = response.context["editor"].formsets["materials"].forms[1]
    assert form.errors["name"] == ["材料名称不能为空"]
    assert response.context["editor"].formsets["materials"].forms[0].errors == {}
    page = response.content.decode()
    assert "加盖公章" in page and 'value="食品经营许可申请书"' in page
    assert [m.name for m in open_draft.materials.all()] == ["食品经营许可申请书", "营业执照复印件", "委托书"]


def test_save_applies_scalar_changes_multi_choices_and_stays_a_draft(world, open_draft):
    response = _post(
        world,
        promised_limit="5",
        audiences=["person"],
        depth_steps=["consult", "apply"],
        supports_courier="",
        online_depth="5",
    )
    assert response.status_code == 302
    draft = version_open_get(implementation=world.implementation)
    assert (
        draft.state,
        draft.promised_limit,
        draft.audiences,
        draft.depth_steps,
        draft.supports_courier,
        draft.online_depth,
    ) == ("draft", 5, ["person"], ["consult", "apply"], False, 5)
    assert world.implementation.published_version.promised_limit == 10


def test_rows_can_be_added_deleted_and_reordered(world, open_draft):
    response = _post(
        world,
        **{
            "materials-TOTAL_FORMS": "4",
            "materials-3-name": "身份证明",
            "materials-3-requirement": "required",
            "materials-3-form": "paper",
            "materials-3-original": "copy",
            "materials-3-copies": "2",
            "materials-3-source": "applicant",
            "materials-3-ORDER": "0",
            "materials-2-DELETE": "on",
            "steps-0-ORDER": "9",
        },
    )
    assert response.status_code == 302
    draft = version_open_get(implementation=world.implementation)
    assert [(m.position, m.name, m.copies) for m in draft.materials.all()] == [
        (1, "身份证明", 2),
        (2, "食品经营许可申请书", 1),
        (3, "营业执照复印件", 1),
    ]
    assert [s.name for s in draft.steps.all()] == ["受理", "审查", "决定", "申请"]


def test_untouched_empty_added_row_is_ignored(world, open_draft):
    response = _post(world, **{"fees-TOTAL_FORMS": "1"})
    assert response.status_code == 302
    assert version_open_get(implementation=world.implementation).fees.count() == 0


def test_fee_row_on_free_item_is_refused_at_the_list(world, open_draft):
    response = _post(
        world,
        **{
            "fees-TOTAL_FORMS": "1",
            "fees-0-name": "工本费",
            "fees-0-amount": "10",
            "fees-0-basis": "物价文件",
        },
    )
    assert response.status_code == 400
    assert response.context["editor"].list_errors["fees"] == ["事项标为免费，不应填写收费项目"]
    assert 'value="工本费"' in response.content.decode()
    assert version_open_get(implementation=world.implementation).fees.count() == 0


def test_bad_fee_amount_is_shown_on_its_row(world, open_draft):
    response = _post(
        world,
        is_free="",
        **{
            "fees-TOTAL_FORMS": "1",
            "fees-0-name": "工本费",
            "fees-0-amount": "十元",
            "fees-0-basis": "物价文件",
        },
    )
    assert response.status_code == 400
    errors = response.context["editor"].formsets["fees"].forms[0].errors
    assert errors["amount"] == ["收费标准（元）应为金额数字，收到“十元”"]


def test_unknown_prerequisite_code_is_shown_at_the_picker_and_nothing_saved(world, open_draft):
    response = _post(world, prerequisites="ZZ0000000000", promised_limit="6")
    assert response.status_code == 400
    assert response.context["editor"].form.errors["prerequisites"] == [
        "前置审批事项的基本编码不存在：ZZ0000000000"
    ]
    open_draft.refresh_from_db()
    assert open_draft.promised_limit == 10


def test_add_row_without_javascript_posts_back_one_more_empty_row_and_saves_nothing(world, open_draft):
    data = editor_data(world.implementation, add_row="steps", promised_limit="7")
    response = client_for(world.manager).post(
        reverse("workbench:draft_edit", args=(world.implementation.code,)), data
    )
    assert response.status_code == 200
    assert len(response.context["editor"].formsets["steps"].forms) == 5
    assert 'name="promised_limit" value="7"' in response.content.decode()
    open_draft.refresh_from_db()
    assert open_draft.promised_limit == 10


def test_pending_version_is_not_editable(world, open_draft):
    client = client_for(world.manager)
    url = reverse("workbench:draft_edit", args=(world.implementation.code,))
    client.post(url, editor_data(world.implementation, action="submit", reason="更新"))
    response = client.get(url)
    assert response.status_code == 200
    assert "正在审核中" in response.content.decode()
    response = client.post(url, editor_data(world.implementation, action="save", promised_limit="3"))
    assert response.status_code == 200
    assert world.implementation.versions.get(number=2).promised_limit == 10


def test_clearing_elements_that_a_draft_cannot_store_empty_asks_for_them(world, open_draft):
    response = _post(world, max_visits="", online_depth="")
    assert response.status_code == 400
    errors = response.context["editor"].form.errors
    assert (errors["max_visits"], errors["online_depth"]) == (
        ["到现场次数不能为空"],
        ["网上办理深度不能为空"],
    )
    open_draft.refresh_from_db()
    assert (open_draft.max_visits, open_draft.online_depth) == (1, 4)


def test_absurdly_long_number_is_refused_before_the_database(world, open_draft):
    response = _post(world, statutory_limit="9" * 30)
    assert response.status_code == 400
    assert response.context["editor"].form.errors["statutory_limit"] == ["法定办结时限数值过大"]
