"""网上申报 through the pages: scenario → form → materials → delivery → submit, saved as one goes, once only."""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from govhall.cases.models import Case, Draft, DraftMaterial, MaterialSource
from govhall.core.models import AuditEntry
from tests.portal.case_records import (
    FORM_POST,
    applied_case,
    citizen,
    current_draft,
    fill_first_application,
    food_item_with_form,
    pdf_bytes,
    save,
    start,
    submit,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def setup(world, media_root):
    cache.clear()
    food_item_with_form(world)
    yield
    cache.clear()


def apply_url(world, step=""):
    url = reverse("portal:apply", args=[world.implementation.code])
    return f"{url}?step={step}" if step else url


def test_the_whole_online_application_ends_on_the_case_page(world):
    person, client = citizen()
    intro = client.get(apply_url(world)).content.decode()
    assert "开始填写" in intro and "您符合在线申请的认证要求" in intro

    response = start(client, world)
    draft = current_draft(person)
    assert response["Location"] == apply_url(world, "scenario")
    page = client.get(apply_url(world, "scenario")).content.decode()
    assert 'name="scenario.apply_kind" value="renewal"' in page

    response = save(client, draft, {"step": "scenario", "scenario.apply_kind": "first", "go": "form"})
    assert response["Location"] == apply_url(world, "form")
    form_page = client.get(apply_url(world, "form")).content.decode()
    assert "张三" in form_page and "取自实名认证账户" in form_page
    assert 'name="form.applicant_name"' not in form_page  # profile data is not an input
    assert "原许可证编号" not in form_page  # only for 延续 / 遗失补领

    save(client, draft, {"step": "form", **FORM_POST, "go": "materials"})
    materials_page = client.get(apply_url(world, "materials")).content.decode()
    assert 'accept="image/*,application/pdf"' in materials_page and 'capture="environment"' in materials_page
    assert "营业执照复印件" in materials_page and "免提交" in materials_page
    assert "原食品经营许可证" not in materials_page  # not needed for a first application

    response = client.post(
        reverse("portal:draft_material_upload", args=[draft.pk, 1]),
        {"files": [upload("申请书.pdf", pdf_bytes()), upload("签字页.png")]},
    )
    assert response.status_code == 302
    assert draft.materials.count() == 2

    response = submit(client, draft)
    case = Case.objects.get()
    assert response["Location"] == reverse("portal:case_detail", args=[case.number])
    page = client.get(response["Location"]).content.decode()
    assert f"申请已提交，办件编号 {case.number}" in page
    assert "到现场 0 次" in page
    assert case.form_data["operator_name"] == "新罗区好味小吃店"
    assert case.form_data["area"] == 45.5
    assert case.form_data["staff"] == [
        {
            "name": "王五",
            "id_number": FORM_POST["form.staff.0.id_number"],
            "health_certificate_no": "JK-2026-001",
        }
    ]
    assert case.scenario_answers == {"apply_kind": "first"}
    sources = sorted(case.materials.values_list("material_position", "source"))
    assert sources == [(1, MaterialSource.UPLOAD), (1, MaterialSource.UPLOAD), (2, MaterialSource.EXEMPT)]
    assert AuditEntry.objects.filter(action="case.submitted").count() == 1


def test_a_double_submit_gives_one_case(world):
    person, client = citizen()
    draft = fill_first_application(client, world, person)

    first = submit(client, draft)
    second = submit(client, draft)

    assert Case.objects.count() == 1
    assert (
        first["Location"]
        == second["Location"]
        == reverse("portal:case_detail", args=[Case.objects.get().number])
    )


def test_a_missing_required_material_is_reported_and_the_draft_kept(world):
    person, client = citizen()
    start(client, world)
    draft = current_draft(person)
    save(client, draft, {"step": "scenario", "scenario.apply_kind": "first"})
    save(client, draft, {"step": "form", **FORM_POST})

    response = submit(client, draft)

    assert Case.objects.count() == 0
    assert response["Location"] == apply_url(world, "materials")
    page = client.get(response["Location"]).content.decode()
    assert "申请尚未提交" in page
    assert "缺少必要材料：食品经营许可申请书" in page
    draft.refresh_from_db()
    assert draft.form_data["operator_name"] == "新罗区好味小吃店"
    assert draft.scenario_answers == {"apply_kind": "first"}


def test_form_errors_are_shown_next_to_the_fields_in_chinese(world):
    person, client = citizen()
    draft = fill_first_application(
        client, world, person, form={**FORM_POST, "form.area": "很大", "form.staff.0.id_number": "123"}
    )

    response = submit(client, draft)

    assert response["Location"] == apply_url(world, "form")
    page = client.get(response["Location"]).content.decode()
    assert 'id="f-area-error"' in page and "经营场所面积（平方米）应为数字" in page
    assert 'id="f-staff-0-id_number-error"' in page
    assert 'value="很大"' in page  # what was typed is kept
    assert Case.objects.count() == 0


def test_profile_fields_posted_by_a_tamperer_are_ignored(world):
    person, client = citizen(name="张三")
    draft = fill_first_application(
        client,
        world,
        person,
        form={**FORM_POST, "form.applicant_name": "李鬼", "form.applicant_id_number": "350802199001011234"},
    )

    submit(client, draft)

    draft.refresh_from_db()
    assert "applicant_name" not in draft.form_data
    case = Case.objects.get()
    assert case.form_data["applicant_name"] == "张三"
    assert case.form_data["applicant_id_number"] == person.id_number_masked


def test_a_previous_answer_is_offered_but_not_reused_until_asked(world):
    person, client = citizen()
    applied_case(client, world, person)

    start(client, world)
    draft = current_draft(person)
    save(client, draft, {"step": "scenario", "scenario.apply_kind": "first"})
    page = client.get(apply_url(world, "form")).content.decode()

    assert '上次填写：<span class="reuse__value">新罗区好味小吃店</span>' in page
    assert 'name="form.operator_name" value=""' in page
    draft.refresh_from_db()
    assert draft.form_data == {}

    save(client, draft, {"step": "form", "reuse": "operator_name"})
    draft.refresh_from_db()
    assert draft.form_data == {"operator_name": "新罗区好味小吃店"}


def test_autosave_answers_json_with_the_time(world):
    person, client = citizen()
    start(client, world)
    draft = current_draft(person)

    response = save(
        client, draft, {"step": "form", "form.operator_name": "好味"}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["saved"] is True and len(body["saved_at"]) == 5
    draft.refresh_from_db()
    assert draft.form_data == {"operator_name": "好味"}


def test_changing_the_scenario_keeps_answers_of_hidden_fields(world):
    person, client = citizen()
    start(client, world)
    draft = current_draft(person)
    save(client, draft, {"step": "scenario", "scenario.apply_kind": "renewal"})
    save(client, draft, {"step": "form", "form.old_licence_no": "JY13508020012345"})

    save(client, draft, {"step": "scenario", "scenario.apply_kind": "first"})
    save(client, draft, {"step": "form", **FORM_POST})
    save(client, draft, {"step": "scenario", "scenario.apply_kind": "renewal"})

    page = client.get(apply_url(world, "form")).content.decode()
    assert 'value="JY13508020012345"' in page


def test_renewal_asks_for_the_old_licence_from_the_wallet_with_consent(world):
    from govhall.licences.services import licence_issue, licence_type_upsert

    licence_type_upsert(
        actor=None,
        code="SPJYXKZ",
        name="食品经营许可证",
        issuer_level=3,
        metadata_schema={},
        validity_years=5,
        item_codes=[],
    )
    person, client = citizen()
    licence = licence_issue(
        actor=None,
        type_code="SPJYXKZ",
        holder_person=person,
        issuer=world.county_department,
        data={},
        valid_until=None,
    )
    start(client, world)
    draft = current_draft(person)
    save(client, draft, {"step": "scenario", "scenario.apply_kind": "renewal"})
    page = client.get(apply_url(world, "materials")).content.decode()
    assert "原食品经营许可证" in page and "同意使用该电子证照作为申请材料" in page

    url = reverse("portal:draft_material_licence", args=[draft.pk, 4])
    refused = client.post(url, {"identifier": licence.identifier}, follow=True)
    assert "请勾选" in refused.content.decode()
    assert not draft.materials.exists()

    client.post(url, {"identifier": licence.identifier, "consent": "yes"})
    assert draft.materials.get().licence_identifier == licence.identifier


def test_an_upload_that_is_not_a_picture_or_pdf_is_refused(world):
    person, client = citizen()
    start(client, world)
    draft = current_draft(person)

    response = client.post(
        reverse("portal:draft_material_upload", args=[draft.pk, 1]),
        {"files": upload("病毒.exe", b"MZ\x90\x00binary")},
        follow=True,
    )

    assert "只接受 PDF、JPG、PNG 格式的文件" in response.content.decode()
    assert not DraftMaterial.objects.exists()


def test_someone_elses_draft_is_not_found(world):
    person, client = citizen()
    start(client, world)
    draft = current_draft(person)
    _, other = citizen(name="李四", number=1)

    assert save(other, draft, {"step": "form", "form.operator_name": "偷改"}).status_code == 404
    assert submit(other, draft).status_code == 404
    draft.refresh_from_db()
    assert draft.form_data == {}


def test_an_item_without_form_or_scenario_needs_only_materials_and_delivery(world):
    version = world.implementation.published_version
    version.form_schema, version.scenario = {}, {}
    version.save(update_fields=["form_schema", "scenario"])
    person, client = citizen()

    response = start(client, world)
    assert response["Location"] == apply_url(world, "materials")
    draft = current_draft(person)
    client.post(reverse("portal:draft_material_upload", args=[draft.pk, 1]), {"files": upload()})
    mail_without_address = submit(client, draft, delivery="mail")
    assert Case.objects.count() == 0
    assert mail_without_address["Location"] == apply_url(world, "review")

    submit(client, draft, delivery="mail", delivery_address="龙岩市新罗区中山路 8 号 张三 13800138000")

    case = Case.objects.get()
    assert case.delivery == "mail" and case.form_data == {}


def test_submitted_drafts_cannot_be_changed_and_applying_again_starts_afresh(world):
    person, client = citizen()
    draft = fill_first_application(client, world, person)
    submit(client, draft)

    response = save(client, draft, {"step": "form", "form.operator_name": "改名"})
    assert response["Location"] == reverse("portal:case_detail", args=[Case.objects.get().number])
    assert "开始填写" in client.get(apply_url(world)).content.decode()
    assert Draft.objects.filter(owner=person.user).count() == 1
