"""一件事 pages: a catalog manager creates a bundle from live items of the region and changes it."""

import pytest
from django.urls import reverse

from govhall.catalog.models import Bundle
from govhall.core.models import AuditEntry
from tests.bundle_records import co_departments_make, member_make
from tests.staff_login import staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(world):
    health, fire = co_departments_make(world)
    return [
        member_make(
            world, health, code="010050000016", name="公共场所卫生许可", own_material="卫生许可申请表"
        ),
        member_make(world, fire, code="010090000001", name="消防安全检查", own_material="消防申报表"),
    ]


def test_manager_creates_and_deactivates_a_bundle(world, members):
    client = staff_client(world.manager)
    new_url = reverse("workbench:bundle_new") + f"?region={world.county.code}"
    form = client.get(new_url).content.decode()
    assert "公共场所卫生许可（龙岩市新罗区卫生健康局）" in form
    data = {
        "code": "open-restaurant",
        "name": "开办餐饮店",
        "description": "一次办",
        "lead": world.implementation.pk,
        "members": [m.pk for m in members],
        "status": "active",
    }
    refused = client.post(new_url, data | {"members": [world.implementation.pk]})
    assert refused.status_code == 200 and "不能同时作为协办事项" in refused.content.decode()
    assert not Bundle.objects.exists()
    response = client.post(new_url, data)
    assert response.status_code == 302 and response["Location"] == reverse("workbench:bundle_list")
    bundle = Bundle.objects.get()
    assert set(bundle.members.all()) == set(members) and bundle.created_by == world.manager
    listing = client.get(reverse("workbench:bundle_list")).content.decode()
    assert "开办餐饮店" in listing and "启用" in listing
    edit_url = reverse("workbench:bundle_edit", args=["open-restaurant"])
    client.post(edit_url, data | {"status": "inactive"})
    bundle.refresh_from_db()
    assert bundle.status == "inactive"
    assert AuditEntry.objects.filter(action__startswith="catalog.bundle.").count() == 2


def test_another_countys_manager_cannot_open_it(world, members):
    from govhall.catalog.services.bundles import bundle_save

    bundle_save(
        actor=world.manager,
        code="open-restaurant",
        name="开办餐饮店",
        region=world.county,
        lead=world.implementation,
        members=members,
    )
    client = staff_client(world.other_manager)
    assert client.get(reverse("workbench:bundle_edit", args=["open-restaurant"])).status_code == 403
    assert "开办餐饮店" not in client.get(reverse("workbench:bundle_list")).content.decode()
