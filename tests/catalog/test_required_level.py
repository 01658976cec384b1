"""认证等级需求 (``required_level``): one guide element, everywhere the elements go.

Validation, the draft editor, the review diff, the unified spreadsheet template (export and
import), the API guide and the portal guide all carry it; blank means L2 (real name).
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from govhall.catalog.elements import ELEMENT_LABELS, elements_clean, version_snapshot
from govhall.catalog.models import ItemImplementation, VersionState
from govhall.catalog.services.implementations import version_approve, version_draft_open, version_submit
from govhall.catalog.spreadsheet import items_export, items_import
from tests.factories import sample_elements
from tests.workbench.conftest import client_for, editor_data

from .spreadsheet.conftest import cell_get, cell_set, xlsx_bytes, xlsx_open

pytestmark = pytest.mark.django_db


def test_blank_means_real_name_l2():
    assert ELEMENT_LABELS["required_level"] == "认证等级需求"
    assert elements_clean(sample_elements())["required_level"] == "L2"
    assert elements_clean(sample_elements(required_level=""))["required_level"] == "L2"


@pytest.mark.parametrize(("given", "stored"), [("L1", "L1"), ("三级（数字证书）", "L3"), (" L3 ", "L3")])
def test_code_or_chinese_label_is_accepted(given, stored):
    assert elements_clean(sample_elements(required_level=given))["required_level"] == stored


def test_unknown_level_is_refused_in_chinese():
    with pytest.raises(ValidationError) as error:
        elements_clean(sample_elements(required_level="L9"))

    assert error.value.message_dict["required_level"] == [
        "认证等级需求“L9”不在可选值中（一级（注册用户）、二级（实名核验）、三级（数字证书））"
    ]


def test_the_world_item_is_l2_by_default(world):
    assert world.implementation.published_version.required_level == "L2"


def test_draft_editor_shows_saves_and_the_review_diff_lists_the_change(world):
    open_draft = version_draft_open(implementation=world.implementation, user=world.manager)
    client = client_for(world.manager)
    url = reverse("workbench:draft_edit", args=(world.implementation.code,))

    page = client.get(url).content.decode()
    saved = client.post(url, editor_data(world.implementation, action="save", required_level="L3"))
    open_draft.refresh_from_db()
    version_submit(version=open_draft, user=world.manager, reason="法人事项改为数字证书")
    review = client_for(world.reviewer).get(
        reverse("workbench:review_detail", args=(world.implementation.code,))
    )
    version_approve(version=open_draft, reviewer=world.reviewer)
    open_draft.refresh_from_db()

    assert "认证等级需求" in page
    assert 'name="required_level"' in page
    assert saved.status_code == 302
    assert open_draft.required_level == "L3"
    assert "认证等级需求" in review.content.decode()
    assert {
        "field": "required_level",
        "label": "认证等级需求",
        "before": "L2",
        "after": "L3",
    } in open_draft.changes


def _export(world) -> bytes:
    return items_export(
        implementations_queryset=ItemImplementation.objects.filter(pk=world.implementation.pk)
    )


def test_spreadsheet_exports_the_label_and_imports_a_change_as_a_draft(world):
    workbook = xlsx_open(_export(world))
    sheet = workbook["事项"]

    exported = cell_get(sheet, 2, "认证等级需求")
    cell_set(sheet, 2, "认证等级需求", "一级（注册用户）")
    result = items_import(file=xlsx_bytes(workbook), user=world.manager)

    draft = world.implementation.versions.get(state=VersionState.DRAFT)
    assert exported == "二级（实名核验）"
    assert result.ok, result.errors
    assert draft.required_level == "L1"
    assert world.implementation.published_version.required_level == "L2"


def test_spreadsheet_round_trip_of_an_unchanged_file_changes_nothing(world):
    result = items_import(file=_export(world), user=world.manager)

    assert result.ok
    assert result.unchanged == [world.implementation.code]


def test_spreadsheet_blank_level_is_l2_and_a_wrong_one_is_placed_on_its_cell(world):
    workbook = xlsx_open(_export(world))
    cell_set(workbook["事项"], 2, "认证等级需求", "四级")

    result = items_import(file=xlsx_bytes(workbook), user=world.manager)

    assert not result.ok
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("事项", 2, "认证等级需求")]
    assert "认证等级需求“四级”不在可选值中" in result.errors[0].message


def test_api_guide_has_the_code_and_its_label(client, world):
    response = client.get(f"/api/v1/items/{world.implementation.code}/")

    assert response.status_code == 200
    assert _find(response.json()) == {"required_level": "L2", "required_level_label": "二级（实名核验）"}


def _find(payload):
    if isinstance(payload, dict):
        if "required_level" in payload:
            return {k: payload[k] for k in ("required_level", "required_level_label")}
        for value in payload.values():
            if (hit := _find(value)) is not None:
                return hit
    return None


def test_the_schema_documents_the_level_enum(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()

    assert schema["components"]["schemas"]["AssuranceLevelEnum"]["enum"] == ["L1", "L2", "L3"]


def test_snapshot_carries_the_level(world):
    assert version_snapshot(world.implementation.published_version)["required_level"] == "L2"
