"""一件事 on the portal: the list, a bundle's items and shared materials, and applying for it once."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from govhall.cases.models import Case
from tests.bundle_records import bundle_build, co_departments_make
from tests.portal.case_records import (
    FORM_POST,
    citizen,
    current_draft,
    food_item_with_form,
    save,
    submit,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world, media_root):
    cache.clear()
    food_item_with_form(world, scenario=False)
    yield bundle_build(world, co_departments_make(world))
    cache.clear()


def test_list_and_detail_show_items_and_shared_materials_once(client, setup):
    page = client.get(reverse("portal:bundles")).content.decode()
    assert "开办餐饮店" in page and reverse("portal:bundle", args=["open-restaurant"]) in page
    detail = client.get(reverse("portal:bundle", args=["open-restaurant"])).content.decode()
    assert "公共场所卫生许可" in detail and "公众聚集场所投入使用、营业前消防安全检查" in detail
    assert detail.count('<th scope="row">经营场所平面图') == 1 and "共用" in detail
    assert "在线办理" in detail
    assert client.get(reverse("portal:bundle", args=["no-such"])).status_code == 404


def test_inactive_bundle_is_not_shown(client, world, setup):
    from govhall.catalog.services.bundles import bundle_save

    bundle_save(
        actor=world.manager,
        bundle=setup.bundle,
        code="open-restaurant",
        name="开办餐饮店",
        region=world.county,
        lead=world.implementation,
        members=[setup.health, setup.fire],
        status="inactive",
    )
    assert "开办餐饮店" not in client.get(reverse("portal:bundles")).content.decode()
    assert client.get(reverse("portal:bundle", args=["open-restaurant"])).status_code == 404


def test_apply_for_a_bundle_through_the_steps_and_submit_once(setup):
    person, client = citizen()
    apply_url = reverse("portal:bundle_apply", args=["open-restaurant"])
    response = client.post(apply_url)
    assert response.status_code == 302 and response["Location"] == f"{apply_url}?step=form"
    draft = current_draft(person)
    assert draft.bundle_code == "open-restaurant"
    save(client, draft, {"step": "form", **FORM_POST, "go": "materials"})
    materials = client.get(f"{apply_url}?step=materials").content.decode()
    assert materials.count("<h3>经营场所平面图</h3>") == 1 and "共用材料，提交一次即可" in materials
    assert "在线办理“开办餐饮店”一件事" in materials
    for position in (1, 1001, 1002, 2001):
        response = client.post(
            reverse("portal:draft_material_upload", args=[draft.pk, position]), {"files": upload()}
        )
        assert response["Location"].startswith(f"{apply_url}?step=materials")
    first = submit(client, draft)
    second = submit(client, draft)
    assert Case.objects.count() == 1
    case = Case.objects.get()
    assert first["Location"] == reverse("portal:case_detail", args=[case.number]) == second["Location"]
    assert case.bundle_code == "open-restaurant" and case.co_departments.count() == 2
    assert case.materials.filter(name="经营场所平面图").count() == 1


def test_anonymous_is_sent_to_log_in(client, setup):
    response = client.post(reverse("portal:bundle_apply", args=["open-restaurant"]))
    assert response.status_code == 302 and reverse("portal:login") in response["Location"]
