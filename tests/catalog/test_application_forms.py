"""Form definitions, scenarios and answer cleaning (catalog/application_forms.py): pure functions."""

import copy
import json

import pytest
from django.core.exceptions import ValidationError

from govhall.catalog.application_forms import (
    form_answers_clean,
    form_fields,
    form_reusable_keys,
    form_schema_clean,
    scenario_answers_clean,
    scenario_clean,
    scenario_materials,
)
from govhall.demo.data.application_forms import FOOD_BUSINESS_SCENARIO, food_business_form, generic_form
from govhall.identity.idnumber import id_number_with_check

SCENARIO = FOOD_BUSINESS_SCENARIO
PERSON_ID = id_number_with_check("35080219900101123")
STAFF_ID = id_number_with_check("35080219920202456")
PROFILE = {
    "name": "张三",
    "id_number": PERSON_ID,
    "phone": "13800000000",
    "enterprise_name": "龙岩市新罗区好味餐饮店",
    "credit_code": "91350802MA2Y0XYZ1A",
    "legal_representative": "张三",
}


def _errors(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def _food_answers(**changes):
    answers = {
        "operator_name": "好味餐饮店",
        "business_address": "福建省龙岩市新罗区西陂街道龙岩大道 1 号",
        "area": "45.5",
        "business_type": "餐饮服务经营者",
        "business_items": "热食类食品制售",
        "opened_on": "2026-12-01",
    }
    answers.update(changes)
    return answers


# --- the definition itself ------------------------------------------------------------------


def test_demo_food_form_and_generic_forms_are_valid_definitions():
    scenario = scenario_clean(SCENARIO)
    assert form_schema_clean(food_business_form(), scenario=scenario) == food_business_form()
    assert form_schema_clean(generic_form(["person", "legal_person"]), scenario={})["type"] == "object"
    assert form_schema_clean({}) == {} and form_schema_clean("  ") == {}


def test_unknown_profile_and_widget_are_refused_with_their_path():
    schema = food_business_form()
    schema["properties"]["applicant_name"]["x-profile"] = "salary"
    schema["properties"]["staff"]["items"]["properties"]["post"]["x-widget"] = "slider"
    errors = _errors(lambda: form_schema_clean(schema))
    assert any("x-profile“salary”不受支持" in m for m in errors["applicant_name"])
    assert any("x-widget“slider”不受支持" in m for m in errors["staff.post"])


def test_x_when_must_name_an_existing_question_and_answer():
    schema = food_business_form()
    schema["properties"]["old_licence_no"]["x-when"] = {"apply_kind": ["renewal", "transfer"]}
    schema["properties"]["lost_statement"]["x-when"] = {"shop_size": ["big"]}
    errors = _errors(lambda: form_schema_clean(schema, scenario=scenario_clean(SCENARIO)))
    assert errors["old_licence_no"] == ["问题“apply_kind”没有这些回答：transfer"]
    assert errors["lost_statement"] == ["适用情形引用了不存在的问题“shop_size”"]
    # Without a questionnaire at all, a conditional field has nothing to depend on.
    assert "old_licence_no" in _errors(lambda: form_schema_clean(food_business_form(), scenario={}))


def test_script_like_junk_and_unsupported_keywords_are_refused():
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "title": "<script>alert(1)</script>"},
            "x": {"type": "string", "title": "X", "$ref": "http://evil.example/schema"},
            "y": {"type": "string", "title": "Y", "x-onload": "steal()"},
            "bad key": {"type": "string", "title": "Z"},
            "z": {"type": "string", "title": "{{ request.user }}"},
        },
        "x-script": "alert(1)",
    }
    errors = _errors(lambda: form_schema_clean(schema))
    assert errors["name"] == ["字段标题不能包含尖括号、模板标记或脚本"]
    assert errors["x"] == ["不支持的关键字“$ref”"]
    assert errors["y"] == ["不支持的关键字“x-onload”"]
    assert "字段标识“bad key”" in errors["bad key"][0]
    assert errors["z"] == ["字段标题不能包含尖括号、模板标记或脚本"]
    assert errors["$"] == ["不支持的关键字“x-script”"]


def test_invalid_json_schema_and_bad_json_text_are_reported_in_chinese():
    assert (
        "不是有效的 JSON Schema"
        in _errors(lambda: form_schema_clean({"type": "object", "required": "x"}))["required"][0]
    )
    assert _errors(lambda: form_schema_clean('{"type": "object",'))["$"][0].startswith(
        "申请表单不是有效的 JSON"
    )


def test_nesting_deeper_than_two_levels_and_arrays_of_scalars_are_refused():
    schema = {
        "type": "object",
        "properties": {
            "outer": {
                "type": "object",
                "title": "外层",
                "properties": {
                    "inner": {
                        "type": "object",
                        "title": "内层",
                        "properties": {"a": {"type": "string", "title": "A"}},
                    }
                },
            },
            "tags": {"type": "array", "title": "标签", "items": {"type": "string"}},
        },
    }
    errors = _errors(lambda: form_schema_clean(schema))
    assert errors["outer.inner"] == ["分组最多嵌套两层：分组内只能是简单字段"]
    assert errors["tags"] == ["重复分组的 items 应为包含字段的对象（type: object）"]


def test_widget_must_fit_the_field_type():
    schema = {
        "type": "object",
        "properties": {
            "n": {"type": "string", "title": "N", "x-widget": "number"},
            "d": {"type": "string", "title": "D", "x-widget": "date"},
            "c": {"type": "string", "title": "C", "x-widget": "choice"},
        },
    }
    errors = _errors(lambda: form_schema_clean(schema))
    assert errors == {
        "n": ["数字控件的字段类型应为 number 或 integer"],
        "d": ["日期控件须设置 format: date"],
        "c": ["选择控件须列出可选项（enum）"],
    }


# --- scenario -------------------------------------------------------------------------------


def test_scenario_questions_need_identifiers_and_unique_options():
    bad = {
        "questions": [
            {
                "key": "1st",
                "label": "类型",
                "options": [{"value": "a", "label": "A"}, {"value": "a", "label": "B"}],
            }
        ]
    }
    errors = _errors(lambda: scenario_clean(bad))
    assert "questions.0.key" in errors and errors["questions.0.options.1.value"] == ["选项值“a”重复"]
    assert scenario_clean(None) == {} and scenario_clean(SCENARIO) == SCENARIO


def test_every_question_must_be_answered_with_one_of_its_options():
    assert scenario_answers_clean(SCENARIO, {"apply_kind": "lost", "extra": "x"}) == {"apply_kind": "lost"}
    assert _errors(lambda: scenario_answers_clean(SCENARIO, {})) == {"apply_kind": ["请选择“申请类型”"]}
    assert _errors(lambda: scenario_answers_clean(SCENARIO, {"apply_kind": "transfer"})) == {
        "apply_kind": ["“申请类型”的回答“transfer”不在可选项中"]
    }


def test_scenario_answers_select_the_materials():
    materials = [
        {"name": "申请书", "applies_when": {}},
        {"name": "设备布局", "applies_when": {"apply_kind": ["first"]}},
        {"name": "原许可证", "applies_when": {"apply_kind": ["renewal"]}},
        {"name": "遗失说明", "applies_when": {"apply_kind": ["lost"]}},
        {"name": "规章制度", "applies_when": {"apply_kind": ["first", "renewal"]}},
    ]
    names = lambda kind: [m["name"] for m in scenario_materials(materials, {"apply_kind": kind})]  # noqa: E731
    assert names("first") == ["申请书", "设备布局", "规章制度"]
    assert names("renewal") == ["申请书", "原许可证", "规章制度"]
    assert names("lost") == ["申请书", "遗失说明"]


# --- rendering ------------------------------------------------------------------------------


def test_form_fields_follow_x_order_and_leave_out_fields_that_do_not_apply():
    first = form_fields(food_business_form(), {"apply_kind": "first"})
    keys = [f.key for f in first]
    assert keys[:3] == ["applicant_name", "applicant_id_number", "applicant_phone"]
    assert "old_licence_no" not in keys and "lost_statement" not in keys
    lost = {f.key: f for f in form_fields(food_business_form(), {"apply_kind": "lost"})}
    assert lost["old_licence_no"].required and lost["lost_statement"].widget == "textarea"
    assert lost["applicant_id_number"].readonly and lost["applicant_id_number"].profile == "id_number"
    staff = lost["staff"]
    assert (staff.widget, [c.path for c in staff.children][:2]) == (
        "repeat",
        ["staff.name", "staff.id_number"],
    )
    assert lost["business_items"].choices[0] == "预包装食品销售" and lost["area"].widget == "number"
    assert lost["business_address"].widget == "address" and lost["opened_on"].widget == "date"


def test_reusable_keys_are_simple_fields_that_are_not_profile_data():
    keys = form_reusable_keys(food_business_form())
    assert "operator_name" in keys and "area" in keys
    assert "applicant_name" not in keys and "staff" not in keys and "safety_manager" not in keys


# --- answers --------------------------------------------------------------------------------


def test_profile_fields_come_from_the_account_never_from_the_request():
    data = _food_answers(applicant_name="李四", applicant_id_number="11010519491231002X")
    cleaned = form_answers_clean(food_business_form(), data, {"apply_kind": "first"}, PROFILE)
    assert cleaned["applicant_name"] == "张三" and cleaned["applicant_id_number"] == PERSON_ID
    assert cleaned["credit_code"] == PROFILE["credit_code"]


def test_missing_required_profile_data_asks_to_complete_the_account():
    errors = _errors(
        lambda: form_answers_clean(
            food_business_form(), _food_answers(), answers={"apply_kind": "first"}, profile={"name": "张三"}
        )
    )
    assert errors["applicant_id_number"] == [
        "经办人身份证号码取自实名账户，您的账户中没有身份证号码信息，请先完善账户信息"
    ]


def test_conditional_field_is_dropped_when_it_does_not_apply_and_required_when_it_does():
    data = _food_answers(old_licence_no="JY13508020012345", lost_statement="丢失")
    first = form_answers_clean(food_business_form(), data, {"apply_kind": "first"}, PROFILE)
    assert "old_licence_no" not in first and "lost_statement" not in first
    errors = _errors(
        lambda: form_answers_clean(food_business_form(), _food_answers(), {"apply_kind": "renewal"}, PROFILE)
    )
    assert errors == {"old_licence_no": ["请填写原许可证编号"]}


def test_numbers_and_dates_are_coerced_from_form_text():
    cleaned = form_answers_clean(
        food_business_form(), _food_answers(area="120"), {"apply_kind": "first"}, PROFILE
    )
    assert cleaned["area"] == 120 and isinstance(cleaned["area"], int)
    cleaned = form_answers_clean(food_business_form(), _food_answers(), {"apply_kind": "first"}, PROFILE)
    assert cleaned["area"] == 45.5 and cleaned["opened_on"] == "2026-12-01"
    errors = _errors(
        lambda: form_answers_clean(
            food_business_form(),
            _food_answers(area="四十", opened_on="2026/12/01"),
            {"apply_kind": "first"},
            PROFILE,
        )
    )
    assert errors == {
        "area": ["经营场所面积（平方米）应为数字，收到“四十”"],
        "opened_on": ["计划开业日期应为日期，格式如 2026-01-31"],
    }
    errors = _errors(
        lambda: form_answers_clean(
            food_business_form(), _food_answers(area="0"), {"apply_kind": "first"}, PROFILE
        )
    )
    assert errors == {"area": ["经营场所面积（平方米）不能小于 1"]}


def test_repeating_group_from_a_flat_form_post_with_errors_keyed_by_row():
    data = _food_answers(
        **{
            "staff.0.name": "王五",
            "staff.0.id_number": STAFF_ID,
            "staff.0.health_certificate_no": "JK-001",
            "staff.1.name": "",  # an empty row is dropped silently
            "staff.2.name": "赵六",
            "staff.2.id_number": "350802199202024560",
        }
    )
    errors = _errors(lambda: form_answers_clean(food_business_form(), data, {"apply_kind": "first"}, PROFILE))
    assert errors["staff.2.id_number"] == ["身份证号码：身份证号码校验位错误，请核对后重新填写"]
    data["staff.2.id_number"] = id_number_with_check("35080219800303111")
    errors = _errors(lambda: form_answers_clean(food_business_form(), data, {"apply_kind": "first"}, PROFILE))
    assert errors == {"staff.2.health_certificate_no": ["请填写健康证明编号"]}
    data["staff.2.health_certificate_no"] = "JK-002"
    cleaned = form_answers_clean(food_business_form(), data, {"apply_kind": "first"}, PROFILE)
    assert [row["name"] for row in cleaned["staff"]] == ["王五", "赵六"]
    assert cleaned["staff"][0] == {"name": "王五", "id_number": STAFF_ID, "health_certificate_no": "JK-001"}


def test_group_and_id_number_widget_are_checked_in_nested_json():
    data = _food_answers(safety_manager={"name": "钱七", "id_number": "12345"})
    errors = _errors(lambda: form_answers_clean(food_business_form(), data, {"apply_kind": "first"}, PROFILE))
    assert errors == {"safety_manager.id_number": ["身份证号码：身份证号码应为 18 位，您填写了 5 位"]}


def test_credit_code_widget_and_choice_are_validated():
    schema = {
        "type": "object",
        "required": ["code"],
        "properties": {
            "code": {"type": "string", "title": "供货单位信用代码", "x-widget": "credit_code"},
            "kind": {"type": "string", "title": "类型", "enum": ["甲", "乙"]},
        },
    }
    errors = _errors(lambda: form_answers_clean(schema, {"code": "91350802MA2Y0XYZ10", "kind": "丙"}, {}, {}))
    assert errors["code"][0].startswith("供货单位信用代码：统一社会信用代码“91350802MA2Y0XYZ10”无效")
    assert errors["kind"] == ["类型应从可选项中选择"]


def test_unknown_keys_are_dropped_and_the_result_is_json_safe():
    data = _food_answers(is_admin=True, __proto__="x")
    cleaned = form_answers_clean(food_business_form(), data, {"apply_kind": "first"}, PROFILE)
    assert "is_admin" not in cleaned and "__proto__" not in cleaned
    assert json.loads(json.dumps(cleaned)) == cleaned


def test_the_schema_given_is_not_modified():
    schema = food_business_form()
    before = copy.deepcopy(schema)
    with pytest.raises(ValidationError):
        form_answers_clean(schema, _food_answers(), {"apply_kind": "lost"}, PROFILE)
    assert schema == before
