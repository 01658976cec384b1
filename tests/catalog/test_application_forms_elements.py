"""The form, scenario and process as guide elements: cleaned, saved, copied, diffed, bulk-loaded, kept on import."""

import pytest
from django.core.exceptions import ValidationError

from govhall.catalog.elements import elements_clean, snapshot_diff, version_snapshot
from govhall.catalog.models import ImplementationVersion, ItemImplementation
from govhall.catalog.services.bulk import BulkImplementation, implementations_publish_bulk
from govhall.catalog.services.implementations import (
    version_approve,
    version_draft_open,
    version_draft_save,
    version_submit,
)
from govhall.catalog.spreadsheet import items_export, items_import
from govhall.demo.data.application_forms import FOOD_BUSINESS_SCENARIO, food_business_form
from govhall.directory.models import Department
from govhall.workflow.models import ProcessDefinition

from ..factories import sample_elements
from .spreadsheet.conftest import cell_set, xlsx_bytes, xlsx_open

pytestmark = pytest.mark.django_db


def _food_elements(world, **overrides):
    elements = sample_elements(
        form_schema=food_business_form(),
        scenario=FOOD_BUSINESS_SCENARIO,
        process_key="standard",
        co_departments=[world.city_department.credit_code],
        preliminary_level=3,
        preliminary_limit=5,
    )
    elements["materials"][1] |= {"licence_types": "yyzz", "applies_when": "apply_kind=first, renewal"}
    elements.update(overrides)
    return elements


def _errors(elements, **kwargs):
    with pytest.raises(ValidationError) as caught:
        elements_clean(elements, **kwargs)
    return caught.value.message_dict


def test_draft_save_stores_form_scenario_materials_and_process(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_draft_save(version=draft, user=world.manager, elements=_food_elements(world))

    draft = ImplementationVersion.objects.get(pk=draft.pk)
    assert draft.form_schema == food_business_form() and draft.scenario == FOOD_BUSINESS_SCENARIO
    assert [d.credit_code for d in draft.co_departments.all()] == [world.city_department.credit_code]
    assert (draft.process_key, draft.preliminary_level, draft.preliminary_limit) == ("standard", 3, 5)
    licence = draft.materials.get(position=2)
    assert licence.licence_types == ["YYZZ"]
    assert licence.applies_when == {"apply_kind": ["first", "renewal"]}
    assert draft.materials.get(position=1).applies_when == {}


def test_form_change_shows_in_the_diff_and_in_the_published_changes(world):
    live = world.implementation.published_version
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    draft = version_draft_save(version=draft, user=world.manager, elements=_food_elements(world))
    labels = {c["label"]: c for c in snapshot_diff(version_snapshot(live), version_snapshot(draft))}
    assert {"申请表单", "情形引导", "并联审批协办部门", "下级初审层级", "申请材料"} <= set(labels)
    assert (
        '"title": "食品经营许可申请表"' in labels["申请表单"]["after"] and labels["申请表单"]["before"] == ""
    )

    version_submit(version=draft, user=world.manager, reason="增加网上申请表单")
    version_approve(version=draft, reviewer=world.reviewer)
    changed = {c["label"] for c in ImplementationVersion.objects.get(pk=draft.pk).changes}
    assert "申请表单" in changed and "情形引导" in changed


def test_a_new_draft_copies_the_form_and_process_of_the_published_version(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_draft_save(version=draft, user=world.manager, elements=_food_elements(world))
    version_submit(version=draft, user=world.manager, reason="增加网上申请表单")
    version_approve(version=draft, reviewer=world.reviewer)

    next_draft = version_draft_open(implementation=world.implementation, user=world.manager)
    copied = version_snapshot(ImplementationVersion.objects.get(pk=next_draft.pk))
    published = version_snapshot(ImplementationVersion.objects.get(pk=draft.pk))
    assert next_draft.number == 3
    for key in (
        "form_schema",
        "scenario",
        "co_departments",
        "preliminary_level",
        "preliminary_limit",
        "materials",
    ):
        assert copied[key] == published[key], key


def test_material_scenario_must_name_existing_questions_and_licence_types_are_codes(world):
    elements = _food_elements(world)
    elements["materials"][0]["applies_when"] = {"apply_kind": ["transfer"]}
    elements["materials"][2]["applies_when"] = "apply_kind"
    elements["materials"][2]["licence_types"] = "营业执照"
    errors = _errors(elements)
    assert errors["materials.0.applies_when"] == ["问题“apply_kind”没有这些回答：transfer"]
    assert errors["materials.2.applies_when"] == ["适用情形应为 {问题: [回答, …]} 形式"]
    assert errors["materials.2.licence_types"][0].startswith("电子证照类型代码应为大写字母开头")


def test_form_errors_are_reported_on_the_form_element_with_their_path(world):
    schema = food_business_form()
    schema["properties"]["area"]["x-widget"] = "slider"
    errors = _errors(_food_elements(world, form_schema=schema))
    assert errors["form_schema"] == [
        "area：x-widget“slider”不受支持，可选：text、textarea、number、date、choice、address、id_number、credit_code"
    ]
    assert _errors(_food_elements(world, scenario='{"questions": ['))["scenario"][0].startswith(
        "情形引导不是有效的 JSON"
    )


def test_process_key_must_be_a_known_definition(world):
    assert _errors(_food_elements(world, process_key="fast-track")) == {
        "process_key": ["办理流程定义“fast-track”不存在"]
    }
    ProcessDefinition.objects.create(
        key="fast-track", name="快速通道", bpmn_xml="<x/>", process_id="p", sha256="0" * 64
    )
    assert elements_clean(_food_elements(world, process_key="fast-track"))["process_key"] == "fast-track"
    assert elements_clean(_food_elements(world, process_key=""))["process_key"] == "standard"


def test_co_departments_must_be_active_departments(world):
    Department.objects.filter(pk=world.city_department.pk).update(is_active=False)
    errors = _errors(
        _food_elements(world, co_departments=f"{world.city_department.credit_code}，91350000ABCDEFGH12")
    )
    assert errors["co_departments"] == [
        f"这些统一社会信用代码不是在用的部门：{'、'.join(sorted([world.city_department.credit_code, '91350000ABCDEFGH12']))}"
    ]


def test_preliminary_review_needs_a_level_and_for_review_a_limit(world):
    assert _errors(_food_elements(world, preliminary_level=None)) == {
        "preliminary_limit": ["未设置下级初审层级时不应填写初审时限"]
    }
    assert _errors(_food_elements(world, preliminary_level="4")) == {
        "preliminary_level": ["下级初审层级应为 2（市级）或 3（县级）"]
    }
    elements = _food_elements(world, preliminary_limit="")
    assert elements_clean(elements)["preliminary_limit"] is None  # a draft may leave it open
    assert _errors(elements, for_submit=True) == {"preliminary_limit": ["需要下级初审的，请填写初审时限"]}


def test_bulk_publish_writes_form_scenario_and_co_departments(world):
    result = implementations_publish_bulk(
        rows=[BulkImplementation(world.item, world.city_department, "food")],
        element_sets={"food": _food_elements(world, co_departments=[world.county_department.credit_code])},
        reason="测试批量导入",
    )
    version = ItemImplementation.objects.get(pk=result.created_ids[0]).published_version
    assert version.form_schema == food_business_form() and version.scenario == FOOD_BUSINESS_SCENARIO
    assert [d.pk for d in version.co_departments.all()] == [world.county_department.pk]
    assert version.materials.get(position=2).licence_types == ["YYZZ"]
    assert version.preliminary_level == 3


def test_spreadsheet_import_keeps_the_form_it_has_no_columns_for(world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_draft_save(version=draft, user=world.manager, elements=_food_elements(world))
    version_submit(version=draft, user=world.manager, reason="增加网上申请表单")
    version_approve(version=draft, reviewer=world.reviewer)
    exported = items_export(
        implementations_queryset=ItemImplementation.objects.filter(pk=world.implementation.pk)
    )

    assert items_import(file=exported, user=world.manager).unchanged == [world.implementation.code]

    workbook = xlsx_open(exported)
    cell_set(workbook["事项"], 2, "承诺办结时限", 5)
    result = items_import(file=xlsx_bytes(workbook), user=world.manager)
    assert result.ok and result.updated == [world.implementation.code]
    revised = world.implementation.versions.get(state="draft")
    assert revised.promised_limit == 5 and revised.form_schema == food_business_form()
    assert revised.materials.get(position=2).applies_when == {"apply_kind": ["first", "renewal"]}
