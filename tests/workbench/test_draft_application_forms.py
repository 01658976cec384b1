"""The draft editor's 申请表单与情形 and 审批流程与协办 sections, and how reviewers see the change."""

import json

import pytest
from django.urls import reverse

from govhall.catalog.selectors_workbench import version_open_get
from govhall.catalog.services.implementations import version_submit
from govhall.demo.data.application_forms import FOOD_BUSINESS_SCENARIO, food_business_form

from .conftest import client_for, editor_data

pytestmark = pytest.mark.django_db


def _post(world, **changes):
    url = reverse("workbench:draft_edit", args=(world.implementation.code,))
    return client_for(world.manager).post(
        url, editor_data(world.implementation, **({"action": "save"} | changes))
    )


def _form_changes(world, **extra):
    return {
        "form_schema": json.dumps(food_business_form(), ensure_ascii=False),
        "scenario": json.dumps(FOOD_BUSINESS_SCENARIO, ensure_ascii=False),
        "materials-1-applies_when": "apply_kind=first,renewal",
        "materials-1-licence_types": "YYZZ",
        "co_departments": world.city_department.credit_code,
        "preliminary_level": "3",
        "preliminary_limit": "5",
    } | extra


def test_editor_saves_form_scenario_material_scenario_and_process(world, open_draft):
    response = _post(world, **_form_changes(world))

    assert response.status_code == 302
    draft = version_open_get(implementation=world.implementation)
    assert draft.form_schema == food_business_form() and draft.scenario == FOOD_BUSINESS_SCENARIO
    material = draft.materials.get(position=2)
    assert (material.applies_when, material.licence_types) == ({"apply_kind": ["first", "renewal"]}, ["YYZZ"])
    assert [d.credit_code for d in draft.co_departments.all()] == [world.city_department.credit_code]
    assert (draft.process_key, draft.preliminary_level, draft.preliminary_limit) == ("standard", 3, 5)

    page = client_for(world.manager).get(reverse("workbench:draft_edit", args=(world.implementation.code,)))
    text = page.content.decode()
    assert "申请表单与情形" in text and "审批流程与协办" in text
    assert 'value="apply_kind=first,renewal"' in text and "食品经营许可申请表" in text
    assert '<option value="standard" selected>' in text


def test_saving_unchanged_keeps_the_form(world, open_draft):
    assert _post(world, **_form_changes(world)).status_code == 302
    assert _post(world).status_code == 302  # the editor posts back exactly what it showed
    draft = version_open_get(implementation=world.implementation)
    assert draft.form_schema == food_business_form()
    assert draft.materials.get(position=2).applies_when == {"apply_kind": ["first", "renewal"]}


def test_errors_are_shown_in_chinese_next_to_the_fields_and_nothing_is_written(world, open_draft):
    schema = food_business_form()
    schema["properties"]["applicant_name"]["x-profile"] = "salary"
    response = _post(
        world,
        **_form_changes(
            world,
            form_schema=json.dumps(schema, ensure_ascii=False),
            **{"materials-1-applies_when": "apply_kind=transfer"},
            co_departments="91350000ABCDEFGH12",
            preliminary_level="",
        ),
    )

    assert response.status_code == 400
    editor = response.context["editor"]
    assert editor.form.errors["form_schema"][0].startswith("applicant_name：x-profile“salary”不受支持")
    assert editor.form.errors["co_departments"] == ["这些统一社会信用代码不是在用的部门：91350000ABCDEFGH12"]
    assert editor.form.errors["preliminary_limit"] == ["未设置下级初审层级时不应填写初审时限"]
    assert editor.formsets["materials"].forms[1].errors["applies_when"] == [
        "问题“apply_kind”没有这些回答：transfer"
    ]
    page = response.content.decode()
    assert "x-profile“salary”不受支持" in page and "&quot;salary&quot;" in page  # the typed JSON is kept
    draft = version_open_get(implementation=world.implementation)
    assert draft.form_schema == {} and draft.co_departments.count() == 0


def test_malformed_json_is_reported_not_a_server_error(world, open_draft):
    response = _post(world, form_schema='{"type": "object", ', scenario="[1, 2")
    assert response.status_code == 400
    errors = response.context["editor"].form.errors
    assert errors["form_schema"][0].startswith("申请表单不是有效的 JSON")
    assert errors["scenario"][0].startswith("情形引导不是有效的 JSON")


def test_reviewer_sees_the_form_change_and_version_page_shows_the_elements(world, open_draft):
    assert _post(world, **_form_changes(world)).status_code == 302
    draft = version_open_get(implementation=world.implementation)
    version_submit(version=draft, user=world.manager, reason="增加网上申请表单")

    review = client_for(world.reviewer).get(
        reverse("workbench:review_detail", args=(world.implementation.code,))
    )
    text = review.content.decode()
    assert review.status_code == 200
    assert "申请表单" in text and "食品经营许可申请表" in text and "情形引导" in text
    assert "apply_kind=first,renewal" in text and "县级" in text

    detail = client_for(world.manager).get(
        reverse("workbench:version_detail", args=(world.implementation.code, draft.number))
    )
    text = detail.content.decode()
    assert "可用电子证照类型" in text and "YYZZ" in text and "5 个工作日" in text
